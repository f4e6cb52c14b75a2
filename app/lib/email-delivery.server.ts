import { and, eq, gt, isNull } from "drizzle-orm";
import { authTokens, campaigns, groups, organizers, signatures } from "../../db/schema";
import type { Log } from "./log.server";
import type { Executor } from "../../db/client.server";
import AlreadySigned, { alreadySignedSubject } from "../../emails/AlreadySigned";
import ConfirmSignature, { confirmSignatureSubject } from "../../emails/ConfirmSignature";
import Invitation, { invitationSubject } from "../../emails/Invitation";
import MagicLink, { magicLinkSubject } from "../../emails/MagicLink";
import PasswordReset, { passwordResetSubject } from "../../emails/PasswordReset";
import { renderEmail } from "../../emails/render.server";
import { hashToken, seal, unseal } from "./crypto.server";
import type { EmailJob, OrganizerEmailJob, StoredEmailJob } from "./email-jobs";
import { DEFAULT_LANGUAGE } from "./i18n";
import { RetryableSendError, type MailTransport, type OutgoingEmail, type SendOutcome } from "./mail-transport.server";
import { waitForRateSlot } from "./rate-limit.server";
import { composeUpdateTest } from "./update-delivery.server";

export interface DeliveryDeps {
  db: Executor;
  transport: MailTransport;
  appUrl: string;
  mailFrom: string;
  /** Requests per second allowed towards the mail provider, shared by every instance. */
  rateLimit: number;
  /** Opens the tokens sealed in queued jobs: sealKeyFrom(SESSION_SECRET). */
  sealKey: Buffer;
  /** Failed attempts and dropped jobs are reported here. */
  log: Log;
}

/** The job as the queue keeps it: its token sealed, so reading the jobs table gives no usable link. */
export function sealEmailJob(key: Buffer, job: EmailJob): StoredEmailJob {
  if (!("token" in job)) return job;
  const { token, ...rest } = job;
  return { ...rest, sealedToken: seal(key, token) } as StoredEmailJob;
}

/** The job with its token opened; null when it cannot be (queued in clear before, or another key). */
export function openEmailJob(key: Buffer, stored: StoredEmailJob): EmailJob | null {
  if (!("sealedToken" in stored)) {
    // Jobs without a token pass as they are; one of a token kind without a seal is from before.
    return stored.kind === "already-signed" || stored.kind === "update-test" ? stored : null;
  }
  const token = typeof stored.sealedToken === "string" ? unseal(key, stored.sealedToken) : null;
  if (token === null) return null;
  const { sealedToken: _sealed, ...rest } = stored;
  return { ...rest, token } as EmailJob;
}

/**
 * Builds the message a job stands for, from the rows as they are now. Null if there is nothing
 * left to send: the signature is gone, or the one-time link was used, withdrawn or has expired.
 */
export async function composeEmail(deps: Pick<DeliveryDeps, "db" | "appUrl" | "mailFrom">, job: EmailJob): Promise<OutgoingEmail | null> {
  if (job.kind === "password-reset" || job.kind === "magic-link" || job.kind === "invite") return composeOrganizerEmail(deps, job);
  if (job.kind === "update-test") return composeUpdateTest(deps, job.updateId, job.organizerId);
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

async function composeOrganizerEmail(
  deps: Pick<DeliveryDeps, "db" | "appUrl" | "mailFrom">,
  job: OrganizerEmailJob,
): Promise<OutgoingEmail | null> {
  // Everything but the token is read from its row as it is now: the job stores no address or name.
  const [link] = await deps.db
    .select({ email: authTokens.email, organizerId: authTokens.organizerId, groupId: authTokens.groupId, role: authTokens.role, createdBy: authTokens.createdBy })
    .from(authTokens)
    .where(and(eq(authTokens.tokenHash, hashToken(job.token)), eq(authTokens.purpose, job.kind), isNull(authTokens.usedAt), gt(authTokens.expiresAt, new Date())))
    .limit(1);
  if (!link) return null;
  const nameOf = async (id: number | null) =>
    id === null ? undefined : (await deps.db.select({ name: organizers.name }).from(organizers).where(eq(organizers.id, id)).limit(1))[0]?.name;
  // Organizer pages and emails are in English for now (the catalog falls back to it anyway).
  const language = DEFAULT_LANGUAGE;
  let rendered;
  if (job.kind === "invite") {
    const [group] = link.groupId === null ? [] : await deps.db.select({ name: groups.name }).from(groups).where(eq(groups.id, link.groupId)).limit(1);
    if (!group || !link.role) return null;
    const props = {
      language,
      groupName: group.name,
      inviterName: (await nameOf(link.createdBy)) ?? "",
      role: link.role,
      acceptUrl: `${deps.appUrl}/org/invite/${job.token}`,
    };
    rendered = await renderEmail(invitationSubject(props), Invitation(props));
  } else {
    const name = await nameOf(link.organizerId);
    if (name === undefined) return null;
    if (job.kind === "password-reset") {
      const props = { language, name, resetUrl: `${deps.appUrl}/org/reset/${job.token}` };
      rendered = await renderEmail(passwordResetSubject(props), PasswordReset(props));
    } else {
      const next = job.next && job.next !== "/org" ? `?next=${encodeURIComponent(job.next)}` : "";
      const props = { language, name, signInUrl: `${deps.appUrl}/org/magic/${job.token}${next}` };
      rendered = await renderEmail(magicLinkSubject(props), MagicLink(props));
    }
  }
  // The address the token was issued to.
  return { from: deps.mailFrom, to: link.email, ...rendered };
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
