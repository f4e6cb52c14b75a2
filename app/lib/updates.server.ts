import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import { pledgeOptions, updates, type Campaign, type Update } from "../../db/schema";
import { queryRows, type Database, type Executor, type Transaction } from "../../db/client.server";
import { recordAudit } from "./audit.server";
import { BATCH_MAX } from "./mail-transport.server";
import type { UpdateInput } from "./update-schema";

/**
 * Campaign updates: drafts, their audience, starting and cancelling a send, and its progress.
 * The sending itself (one job per chunk of at most 100) is in update-delivery.server.ts.
 */
export interface UpdateActor {
  actorId: number;
  campaign: Pick<Campaign, "id" | "groupId">;
}

export interface AudienceFilters {
  country: string | null;
  optionId: number | null;
}

/**
 * Who an update goes to: confirmed signers who asked for updates, were not removed as spam, have
 * not unsubscribed, and whose address is not suppressed (hard bounce, spam complaint).
 */
function audienceWhere(campaignId: number, filters: AudienceFilters): SQL {
  const parts = [
    sql`s.campaign_id = ${campaignId}`,
    sql`s.confirmed_at IS NOT NULL`,
    sql`s.updates_opt_in`,
    sql`s.removed_at IS NULL`,
    sql`s.unsubscribed_at IS NULL`,
    sql`NOT EXISTS (SELECT 1 FROM suppressions x WHERE x.email_normalized = s.email_normalized)`,
  ];
  if (filters.country) parts.push(sql`s.country = ${filters.country}`);
  if (filters.optionId) parts.push(sql`EXISTS (SELECT 1 FROM pledges p WHERE p.signature_id = s.id AND p.option_id = ${filters.optionId})`);
  return sql.join(parts, sql` AND `);
}

export async function audienceSize(db: Executor, campaignId: number, filters: AudienceFilters): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM signatures s WHERE ${audienceWhere(campaignId, filters)}`);
  return row?.n ?? 0;
}

export function filtersOf(update: Pick<Update, "filterCountry" | "filterOptionId">): AudienceFilters {
  return { country: update.filterCountry, optionId: update.filterOptionId };
}

export type SaveDraftResult = { status: "saved"; update: Update } | { status: "bad-option" } | { status: "not-draft" };

/** The option a filter names, if it is one of the campaign's. */
async function optionBelongs(db: Executor, campaignId: number, optionId: number | undefined): Promise<boolean> {
  if (!optionId) return true;
  const [row] = await db
    .select({ id: pledgeOptions.id })
    .from(pledgeOptions)
    .where(and(eq(pledgeOptions.id, optionId), eq(pledgeOptions.campaignId, campaignId)))
    .limit(1);
  return Boolean(row);
}

function draftValues(input: UpdateInput) {
  return { subject: input.subject, body: input.body, filterCountry: input.country ?? null, filterOptionId: input.optionId || null };
}

export async function createUpdateDraft(db: Executor, actor: UpdateActor, input: UpdateInput): Promise<SaveDraftResult> {
  if (!(await optionBelongs(db, actor.campaign.id, input.optionId))) return { status: "bad-option" };
  const [update] = await db
    .insert(updates)
    .values({ campaignId: actor.campaign.id, createdBy: actor.actorId, ...draftValues(input) })
    .returning();
  return { status: "saved", update: update! };
}

/** Changes a draft; an update that is sending or sent stays as it went out. */
export async function saveUpdateDraft(db: Executor, actor: UpdateActor, updateId: number, input: UpdateInput, now = new Date()): Promise<SaveDraftResult> {
  if (!(await optionBelongs(db, actor.campaign.id, input.optionId))) return { status: "bad-option" };
  const [update] = await db
    .update(updates)
    .set({ ...draftValues(input), updatedAt: now })
    .where(and(eq(updates.id, updateId), eq(updates.campaignId, actor.campaign.id), eq(updates.status, "draft")))
    .returning();
  return update ? { status: "saved", update } : { status: "not-draft" };
}

export async function findUpdate(db: Executor, campaignId: number, updateId: number): Promise<Update | null> {
  const [row] = await db
    .select()
    .from(updates)
    .where(and(eq(updates.id, updateId), eq(updates.campaignId, campaignId)))
    .limit(1);
  return row ?? null;
}

export async function listUpdates(db: Executor, campaignId: number, limit = 100) {
  return db
    .select({ id: updates.id, subject: updates.subject, status: updates.status, total: updates.total, createdAt: updates.createdAt, startedAt: updates.startedAt })
    .from(updates)
    .where(eq(updates.campaignId, campaignId))
    .orderBy(desc(updates.createdAt), desc(updates.id))
    .limit(limit);
}

export interface UpdateChunkJob {
  updateId: number;
  chunk: number;
}
/** Queues chunk jobs inside the caller's transaction (pg-boss through fromDrizzle). */
export type EnqueueUpdateChunks = (tx: Transaction, jobs: UpdateChunkJob[]) => Promise<void>;

export type StartSendResult = { status: "sending"; total: number } | { status: "empty" } | { status: "not-draft" };

/**
 * Fixes the audience (one update_recipients row each, numbered into chunks of BATCH_MAX), marks
 * the update as sending, records it in the audit log and queues one job per chunk, all in one
 * transaction: either the whole send is set up or nothing is. The row lock makes a double press
 * start one send.
 */
export async function startUpdateSend(db: Database, actor: UpdateActor, updateId: number, enqueue: EnqueueUpdateChunks, now = new Date()): Promise<StartSendResult> {
  return db.transaction(async (tx) => {
    const [update] = await tx
      .select()
      .from(updates)
      .where(and(eq(updates.id, updateId), eq(updates.campaignId, actor.campaign.id)))
      .for("update")
      .limit(1);
    if (!update || update.status !== "draft") return { status: "not-draft" } as const;
    const [inserted] = await queryRows<{ total: number; chunks: number }>(
      tx,
      sql`
      WITH audience AS (
        SELECT s.id, s.email, (row_number() OVER (ORDER BY s.id) - 1) / ${BATCH_MAX} AS chunk
        FROM signatures s WHERE ${audienceWhere(actor.campaign.id, filtersOf(update))}
      ), inserted AS (
        INSERT INTO update_recipients (update_id, signature_id, email, chunk)
        SELECT ${updateId}, id, email, chunk FROM audience
        RETURNING chunk
      )
      SELECT count(*)::int AS total, (coalesce(max(chunk), -1) + 1)::int AS chunks FROM inserted`,
    );
    const total = inserted?.total ?? 0;
    if (total === 0) {
      // Nothing was inserted; say so instead of "sending" to nobody.
      return { status: "empty" } as const;
    }
    await tx.update(updates).set({ status: "sending", total, startedAt: now, updatedAt: now }).where(eq(updates.id, updateId));
    await recordAudit(tx, {
      groupId: actor.campaign.groupId!,
      campaignId: actor.campaign.id,
      actorId: actor.actorId,
      action: "update.send",
      details: { updateId, recipients: total, country: update.filterCountry, optionId: update.filterOptionId },
    });
    const chunks = inserted!.chunks;
    await enqueue(tx, Array.from({ length: chunks }, (_, chunk) => ({ updateId, chunk })));
    return { status: "sending", total } as const;
  });
}

/** Stops a send: chunks not yet sent are skipped. A chunk already on its way is recorded as sent. */
export async function cancelUpdateSend(db: Database, actor: UpdateActor, updateId: number, now = new Date()): Promise<"cancelled" | "not-sending"> {
  return db.transaction(async (tx) => {
    const [cancelled] = await tx
      .update(updates)
      .set({ status: "cancelled", finishedAt: now, updatedAt: now })
      .where(and(eq(updates.id, updateId), eq(updates.campaignId, actor.campaign.id), eq(updates.status, "sending")))
      .returning({ id: updates.id });
    if (!cancelled) return "not-sending";
    const skipped = await queryRows<{ n: number }>(
      tx,
      sql`WITH s AS (UPDATE update_recipients SET state = 'skipped' WHERE update_id = ${updateId} AND state = 'queued' RETURNING 1)
          SELECT count(*)::int AS n FROM s`,
    );
    await recordAudit(tx, {
      groupId: actor.campaign.groupId!,
      campaignId: actor.campaign.id,
      actorId: actor.actorId,
      action: "update.cancel",
      details: { updateId, skipped: skipped[0]?.n ?? 0 },
    });
    return "cancelled";
  });
}

export interface UpdateProgress {
  total: number;
  queued: number;
  sent: number;
  failed: number;
  skipped: number;
  delivered: number;
  bounced: number;
  complained: number;
}

/** Counts per state for the organizer page; served by update_recipients_state_idx. */
export async function updateProgress(db: Executor, updateId: number): Promise<UpdateProgress> {
  const [row] = await queryRows<UpdateProgress>(
    db,
    sql`SELECT count(*)::int AS total,
          (count(*) FILTER (WHERE state = 'queued'))::int AS queued,
          (count(*) FILTER (WHERE state = 'sent'))::int AS sent,
          (count(*) FILTER (WHERE state = 'failed'))::int AS failed,
          (count(*) FILTER (WHERE state = 'skipped'))::int AS skipped,
          (count(*) FILTER (WHERE delivery = 'delivered'))::int AS delivered,
          (count(*) FILTER (WHERE delivery = 'bounced'))::int AS bounced,
          (count(*) FILTER (WHERE delivery = 'complained'))::int AS complained
        FROM update_recipients WHERE update_id = ${updateId}`,
  );
  return row!;
}

/** The pledge options an update may be limited to (retired ones included: their pledgers still count). */
export async function filterableOptions(db: Executor, campaignId: number): Promise<{ id: number; title: string }[]> {
  return db
    .select({ id: pledgeOptions.id, title: pledgeOptions.title })
    .from(pledgeOptions)
    .where(eq(pledgeOptions.campaignId, campaignId))
    .orderBy(asc(pledgeOptions.position), asc(pledgeOptions.id));
}
