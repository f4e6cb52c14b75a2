import { and, asc, eq, sql } from "drizzle-orm";
import { campaigns, organizers, updateRecipients, updates } from "../../db/schema";
import type { Log } from "./log.server";
import { queryRows, type Database, type Executor } from "../../db/client.server";
import CampaignUpdate from "../../emails/CampaignUpdate";
import { renderEmail, type RenderedEmail } from "../../emails/render.server";
import type { Language } from "./languages";
import { RetryableSendError, type MailTransport, type OutgoingEmail } from "./mail-transport.server";
import { renderCampaignMarkdown } from "./markdown.server";
import { waitForRateSlot } from "./rate-limit.server";
import { unsubscribeUrl } from "./unsubscribe.server";
import type { UpdateChunkJob } from "./updates.server";

export interface UpdateDeliveryDeps {
  db: Database;
  transport: MailTransport;
  appUrl: string;
  mailFrom: string;
  /** Key for the unsubscribe links' MAC (SESSION_SECRET). */
  secret: string;
  /** Batch requests per second for updates, counted in the same window as every other email. */
  rateLimit: number;
  /** Failed attempts and chunks given up are reported here. */
  log: Log;
}

/**
 * Rendered once per chunk with this in place of each recipient's unsubscribe link, then filled in
 * per person: rendering React Email a hundred times per request would cap the send rate.
 * Only URL-safe characters, so it survives HTML escaping unchanged.
 */
const UNSUBSCRIBE_PLACEHOLDER = "https://picket.invalid/unsubscribe-link";

interface UpdateContent {
  subject: string;
  body: string;
  campaign: { title: string; slug: string; language: Language };
}

/** The update as an email, with UNSUBSCRIBE_PLACEHOLDER where each person's link goes. */
export async function renderUpdate(appUrl: string, content: UpdateContent, unsubscribeLink = UNSUBSCRIBE_PLACEHOLDER): Promise<RenderedEmail> {
  const props = {
    language: content.campaign.language,
    campaignTitle: content.campaign.title,
    campaignUrl: `${appUrl}/c/${content.campaign.slug}`,
    subject: content.subject,
    bodyHtml: renderCampaignMarkdown(content.body),
    unsubscribeUrl: unsubscribeLink,
  };
  return renderEmail(content.subject, CampaignUpdate(props));
}

/** One recipient's message: their own unsubscribe link in the text and in the RFC 8058 headers. */
function personalize(template: RenderedEmail, from: string, to: string, unsubscribe: string): OutgoingEmail {
  return {
    from,
    to,
    subject: template.subject,
    html: template.html.replaceAll(UNSUBSCRIBE_PLACEHOLDER, unsubscribe),
    text: template.text.replaceAll(UNSUBSCRIBE_PLACEHOLDER, unsubscribe),
    headers: {
      "List-Unsubscribe": `<${unsubscribe}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
  };
}

async function loadUpdate(db: Executor, updateId: number) {
  const [row] = await db
    .select({
      status: updates.status,
      subject: updates.subject,
      body: updates.body,
      title: campaigns.title,
      slug: campaigns.slug,
      language: campaigns.language,
    })
    .from(updates)
    .innerJoin(campaigns, eq(campaigns.id, updates.campaignId))
    .where(eq(updates.id, updateId))
    .limit(1);
  return row ? { status: row.status, subject: row.subject, body: row.body, campaign: { title: row.title, slug: row.slug, language: row.language } } : null;
}

/** The test an organizer sends to themselves: marked as a test, its unsubscribe link unusable. */
export async function composeUpdateTest(deps: { db: Executor; appUrl: string; mailFrom: string }, updateId: number, organizerId: number): Promise<OutgoingEmail | null> {
  const update = await loadUpdate(deps.db, updateId);
  const [organizer] = await deps.db.select({ email: organizers.email }).from(organizers).where(eq(organizers.id, organizerId)).limit(1);
  if (!update || !organizer) return null;
  const rendered = await renderUpdate(deps.appUrl, { ...update, subject: `[Test] ${update.subject}` }, `${deps.appUrl}/u/test`);
  return { from: deps.mailFrom, to: organizer.email, ...rendered };
}

export type ChunkOutcome = "sent" | "already-done" | "cancelled" | "failed";

/** The Idempotency-Key of a chunk: the same on every attempt, so the provider sends it once. */
export function chunkIdempotencyKey(job: UpdateChunkJob): string {
  return `picket-update-${job.updateId}-chunk-${job.chunk}`;
}

/**
 * Sends one chunk of an update in one batch call. Recipient rows are written after the provider
 * accepted the batch; a crash in between leaves them queued, and the retried job sends the very
 * same request with the same Idempotency-Key, which the provider answers from its record instead
 * of sending again (Resend keeps keys 24 hours). So every recipient gets the update once.
 *
 * Throws RetryableSendError on a 429, a 5xx or a network failure (the queue retries with backoff);
 * `lastAttempt` turns that into a recorded failure instead.
 */
export async function deliverUpdateChunk(deps: UpdateDeliveryDeps, job: UpdateChunkJob, lastAttempt = false): Promise<ChunkOutcome> {
  const { db } = deps;
  const update = await loadUpdate(db, job.updateId);
  if (!update || update.status === "cancelled") return "cancelled";
  const recipients = await db
    .select({ signatureId: updateRecipients.signatureId, email: updateRecipients.email })
    .from(updateRecipients)
    .where(and(eq(updateRecipients.updateId, job.updateId), eq(updateRecipients.chunk, job.chunk), eq(updateRecipients.state, "queued")))
    .orderBy(asc(updateRecipients.signatureId));
  if (recipients.length === 0) {
    await finishIfDone(db, job.updateId);
    return "already-done";
  }
  const template = await renderUpdate(deps.appUrl, update);
  const emails = recipients.map((r) => personalize(template, deps.mailFrom, r.email, unsubscribeUrl(deps.appUrl, deps.secret, r.signatureId)));

  await waitForRateSlot(db, `mail:${deps.transport.name}`, deps.rateLimit);
  const outcome = await deps.transport.sendBatch(emails, chunkIdempotencyKey(job));
  if (outcome.ok) {
    await recordChunk(db, job, recipients.map((r, i) => ({ signatureId: r.signatureId, resendId: outcome.ids[i] ?? null })), "sent");
    return "sent";
  }
  // The key was used before with another payload (the campaign's title changed since): that
  // earlier request was accepted, so this chunk went out.
  if (outcome.status === 409 && outcome.message.startsWith("invalid_idempotent_request")) {
    await recordChunk(db, job, recipients.map((r) => ({ signatureId: r.signatureId, resendId: null })), "sent");
    return "sent";
  }
  if (outcome.retryable && !lastAttempt) {
    throw new RetryableSendError(`update ${job.updateId} chunk ${job.chunk} failed (${outcome.status ?? "network"}): ${outcome.message}`, outcome.retryAfterMs);
  }
  await recordChunk(db, job, recipients.map((r) => ({ signatureId: r.signatureId, resendId: null })), "failed");
  deps.log.warn(`[updates] update ${job.updateId} chunk ${job.chunk} failed for good (${outcome.status ?? "network"})`);
  return "failed";
}

/** Writes the chunk's outcome per recipient, then closes the update if it was the last chunk. */
async function recordChunk(db: Database, job: UpdateChunkJob, rows: { signatureId: number; resendId: string | null }[], state: "sent" | "failed"): Promise<void> {
  await db.transaction(async (tx) => {
    // Chunks finishing at the same moment take turns here: otherwise each would check for queued
    // rows before the others committed, see some, and none would close the update.
    await queryRows(tx, sql`SELECT id FROM updates WHERE id = ${job.updateId} FOR UPDATE`);
    const values = sql.join(
      rows.map((r) => sql`(${r.signatureId}::bigint, ${r.resendId}::text)`),
      sql`, `,
    );
    // Not guarded by state: a chunk that left while the send was being cancelled did go out.
    await queryRows(
      tx,
      sql`UPDATE update_recipients u SET state = ${state}, resend_id = v.resend_id, sent_at = ${state === "sent" ? sql`now()` : sql`NULL`}
          FROM (VALUES ${values}) AS v(signature_id, resend_id)
          WHERE u.update_id = ${job.updateId} AND u.signature_id = v.signature_id
          RETURNING 1`,
    );
    await finishIfDone(tx, job.updateId);
  });
}

/** An update whose every recipient has an outcome is done. */
async function finishIfDone(db: Executor, updateId: number): Promise<void> {
  await queryRows(
    db,
    sql`UPDATE updates SET status = 'sent', finished_at = now()
        WHERE id = ${updateId} AND status = 'sending'
          AND NOT EXISTS (SELECT 1 FROM update_recipients WHERE update_id = ${updateId} AND state = 'queued')
        RETURNING id`,
  );
}
