import { z } from "zod";
import { COUNTRY_CODES } from "./countries";
import type { MessageKey, Translate } from "./i18n";
import { hasNoUnsafeChars, isSingleLineSafe } from "./text-rules";

export const NAME_MAX = 100;
export const MESSAGE_MAX = 500;

/**
 * Error messages are i18n keys, optionally with a number after a colon ("errors.tooLong:100"),
 * so the same schema can run on the server and in the browser and be shown in any language.
 */
const err = (key: MessageKey, n?: number) => (n === undefined ? key : `${key}:${n}`);

// Spreadsheets run a cell starting with = + - @ as a formula; links in names are how spam starts.
const FORMULA_START = /^[=+\-@]/;
const WEB_ADDRESS = /(https?:\/\/|www\.|\b[a-z0-9-]+\.(com|net|org|info|ru|cn|xyz|top|io|ly|co|me|biz|click|link)\b)/i;


const personName = z
  .string({ error: err("errors.required") })
  .trim()
  .min(1, err("errors.required"))
  .max(NAME_MAX, err("errors.tooLong", NAME_MAX))
  .refine((v) => !FORMULA_START.test(v), err("errors.nameUnsafe"))
  .refine((v) => !WEB_ADDRESS.test(v), err("errors.nameLink"))
  .refine(isSingleLineSafe, err("errors.invalidChars"));

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, err("errors.tooLong", max))
    .refine(hasNoUnsafeChars, err("errors.invalidChars"))
    .optional()
    .transform((v) => (v ? v : undefined));

export const signSchema = z.object({
  firstName: personName,
  lastName: personName,
  email: z
    .string({ error: err("errors.required") })
    .trim()
    .max(254, err("errors.tooLong", 254))
    .pipe(z.email({ error: err("errors.email") })),
  country: z.enum(COUNTRY_CODES, { error: err("errors.country") }),
  postalCode: optionalText(20),
  organization: optionalText(200),
  message: optionalText(MESSAGE_MAX),
  showName: z.boolean().default(false),
  updatesOptIn: z.boolean().default(false),
  /** Honeypot: invisible to people, filled in by naive bots. */
  website: z.string().optional(),
});

export type SignInput = z.infer<typeof signSchema>;

/** Turns a schema error ("errors.tooLong:100") into a sentence in the reader's language. */
export function translateError(t: Translate, message: string): string {
  const [key, n] = message.split(":");
  return t(key as MessageKey, n === undefined ? undefined : { max: n });
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
