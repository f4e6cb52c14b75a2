import { eq } from "drizzle-orm";
import { campaigns, signatures } from "../../db/schema";
import type { Executor } from "../../db/client.server";
import AlreadySigned, { alreadySignedSubject } from "../../emails/AlreadySigned";
import ConfirmSignature, { confirmSignatureSubject } from "../../emails/ConfirmSignature";
import { renderEmail } from "../../emails/render.server";
import type { EmailJob } from "./email-jobs";
import type { MailTransport, OutgoingEmail, SendOutcome } from "./mail-transport.server";
import { waitForRateSlot } from "./rate-limit.server";

export interface DeliveryDeps {
  db: Executor;
  transport: MailTransport;
  appUrl: string;
  mailFrom: string;
  /** Requests per second allowed towards the mail provider, shared by every instance. */
  rateLimit: number;
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

/** Builds the message a job stands for, from the rows as they are now. Null if the signature is gone. */
export async function composeEmail(deps: Pick<DeliveryDeps, "db" | "appUrl" | "mailFrom">, job: EmailJob): Promise<OutgoingEmail | null> {
  const [row] = await deps.db
    .select({
      email: signatures.email,
      firstName: signatures.firstName,
      title: campaigns.title,
      slug: campaigns.slug,
      language: campaigns.language,
    })
    .from(signatures)
    .innerJoin(campaigns, eq(campaigns.id, signatures.campaignId))
    .where(eq(signatures.id, job.signatureId))
    .limit(1);
  if (!row) return null;
  // The campaign's language: the supporter read the page, and signed, in it.
  const base = { language: row.language, firstName: row.firstName, campaignTitle: row.title };
  let rendered;
  if (job.kind === "confirm") {
    const props = { ...base, confirmUrl: `${deps.appUrl}/confirm/${job.token}` };
    rendered = await renderEmail(confirmSignatureSubject(props), ConfirmSignature(props));
  } else {
    const props = { ...base, campaignUrl: `${deps.appUrl}/c/${row.slug}` };
    rendered = await renderEmail(alreadySignedSubject(props), AlreadySigned(props));
  }
  return { from: deps.mailFrom, to: row.email, ...rendered };
}

/**
 * Sends one email job. Resolves when it was accepted (or can never be sent: a permanent 4xx is
 * logged and dropped rather than retried forever); throws RetryableSendError otherwise.
 */
export async function deliverEmailJob(deps: DeliveryDeps, jobId: string, job: EmailJob): Promise<SendOutcome | null> {
  const email = await composeEmail(deps, job);
  if (!email) return null;
  await waitForRateSlot(deps.db, `mail:${deps.transport.name}`, deps.rateLimit);
  // The job id is stable across retries, so the provider never sends one job's email twice.
  const outcome = await deps.transport.send(email, `picket-email-${jobId}`);
  if (!outcome.ok && outcome.retryable) {
    throw new RetryableSendError(`send failed (${outcome.status ?? "network"}): ${outcome.message}`, outcome.retryAfterMs);
  }
  return outcome;
}
