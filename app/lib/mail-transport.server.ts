import { Resend } from "resend";
import { devMailbox } from "../../db/schema";
import type { Executor } from "../../db/client.server";

export interface OutgoingEmail {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
}

export type SendOutcome =
  | { ok: true; id: string }
  /** `retryable`: a 429, a 5xx or a network failure; anything else will fail the same way again. */
  | { ok: false; retryable: boolean; status: number | null; retryAfterMs?: number; message: string };

export interface MailTransport {
  readonly name: "resend" | "dev-mailbox";
  send(email: OutgoingEmail, idempotencyKey: string): Promise<SendOutcome>;
}

const SEND_TIMEOUT_MS = 15_000;

/** Real delivery through the official SDK; RESEND_BASE_URL points it at a fake in tests. */
export function resendTransport(apiKey: string, baseUrl?: string): MailTransport {
  const resend = new Resend(apiKey, baseUrl ? { baseUrl } : undefined);
  return {
    name: "resend",
    async send(email, idempotencyKey) {
      // The SDK has no timeout of its own; a hung connection must not hold a worker forever.
      const { data, error, headers } = await resend.emails.send(email, {
        idempotencyKey,
        signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      });
      if (data) return { ok: true, id: data.id };
      const status = error?.statusCode ?? null;
      const retryable = status === null || status === 429 || status >= 500;
      const retryAfter = Number(headers?.["retry-after"]);
      return {
        ok: false,
        retryable,
        status,
        message: `${error?.name ?? "unknown_error"}: ${error?.message ?? "no message"}`,
        ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterMs: retryAfter * 1000 } : {}),
      };
    },
  };
}

/** Development without a Resend key: messages are stored and shown at /dev/mailbox. */
export function devMailboxTransport(db: Executor): MailTransport {
  return {
    name: "dev-mailbox",
    async send(email) {
      const [row] = await db.insert(devMailbox).values(email).returning({ id: devMailbox.id });
      return { ok: true, id: `dev-${row?.id}` };
    },
  };
}
