import { Resend } from "resend";
import { devMailbox } from "../../db/schema";
import type { Executor } from "../../db/client.server";

export interface OutgoingEmail {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Extra headers, e.g. List-Unsubscribe on updates. */
  headers?: Record<string, string>;
}

export type SendOutcome =
  | { ok: true; id: string }
  /** `retryable`: a 429, a 5xx or a network failure; anything else will fail the same way again. */
  | { ok: false; retryable: boolean; status: number | null; retryAfterMs?: number; message: string };

export type BatchOutcome = { ok: true; ids: string[] } | Extract<SendOutcome, { ok: false }>;

/** At most this many emails per batch call (Resend's limit). */
export const BATCH_MAX = 100;

export interface MailTransport {
  readonly name: "resend" | "dev-mailbox";
  send(email: OutgoingEmail, idempotencyKey: string): Promise<SendOutcome>;
  /** Up to BATCH_MAX emails in one request; all are accepted or none. */
  sendBatch(emails: OutgoingEmail[], idempotencyKey: string): Promise<BatchOutcome>;
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
      return failure(error, headers);
    },
    async sendBatch(emails, idempotencyKey) {
      if (emails.length === 0 || emails.length > BATCH_MAX) throw new RangeError(`a batch holds 1 to ${BATCH_MAX} emails`);
      const { data, error, headers } = await resend.batch.send(emails, {
        idempotencyKey,
        signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      });
      if (data) return { ok: true, ids: data.data.map((d) => d.id) };
      return failure(error, headers);
    },
  };
}

/** The SDK's error (or none: a network failure) as an outcome; 429, 5xx and network errors are retryable. */
function failure(
  error: { statusCode?: number | null; name?: string; message?: string } | null | undefined,
  headers: Record<string, string> | null | undefined,
): Extract<SendOutcome, { ok: false }> {
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
}

/** Development without a Resend key: messages are stored and shown at /dev/mailbox. */
export function devMailboxTransport(db: Executor): MailTransport {
  return {
    name: "dev-mailbox",
    async send(email) {
      const [row] = await db.insert(devMailbox).values(toMailbox(email)).returning({ id: devMailbox.id });
      return { ok: true, id: `dev-${row?.id}` };
    },
    async sendBatch(emails) {
      const rows = await db.insert(devMailbox).values(emails.map(toMailbox)).returning({ id: devMailbox.id });
      return { ok: true, ids: rows.map((r) => `dev-${r.id}`) };
    },
  };
}

function toMailbox({ from, to, subject, html, text }: OutgoingEmail) {
  return { from, to, subject, html, text };
}

/** Thrown for failures worth another attempt; the queue retries with exponential backoff. */
export class RetryableSendError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "RetryableSendError";
  }
}
