import type { MessageKey, Translate } from "./i18n";

/**
 * Form error messages are i18n keys, optionally with a number after a colon ("errors.tooLong:100"),
 * so one zod schema runs on the server and in the browser and its errors show in any language.
 * Browser-safe: every form schema writes its errors with `err`, every form shows them with
 * `translateError`.
 */
export function err(key: MessageKey, n?: number): string {
  return n === undefined ? key : `${key}:${n}`;
}

/** Turns a schema error ("errors.tooLong:100") into a sentence in the reader's language. */
export function translateError(t: Translate, message: string): string {
  const [key, n] = message.split(":");
  return t(key as MessageKey, n === undefined ? undefined : { max: n });
}
