import { and, eq, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import { campaigns, pledgeOptions, pledges, signatures, type PledgeOption } from "../../db/schema";
import type { Database, Executor } from "../../db/client.server";
import type { AuditAction } from "./audit-log";
import { recordAudit } from "./audit.server";
import { beyondCursor, cursorTime, keysetOrder, keysetPage, type KeysetCursor } from "./keyset.server";
import { OPTIONS_PER_CAMPAIGN_MAX, type OptionRowIntent, type PledgeListShow, type PledgeOptionValue } from "./pledge-option-schema";
import { listPledgeOptions, optionTotals, setPledgeFulfilled, type OptionTotals } from "./pledges.server";

/**
 * What organizers do with pledges: set up the options a campaign offers (add, edit, reorder,
 * retire, restore), list who pledged what, and mark pledges fulfilled. Access is checked by the
 * routes (access.server.ts); these functions trust the actor they are given, check that every id
 * from a form belongs to the actor's campaign, and record each change in the audit log in the same
 * transaction, with ids only (never a signer's name, email or amount).
 */

export interface PledgeActor {
  actorId: number;
  campaign: { id: number; groupId: number | null };
}

function groupOf(actor: PledgeActor): number {
  if (actor.campaign.groupId === null) throw new Error(`campaign ${actor.campaign.id} has no group to audit under`);
  return actor.campaign.groupId;
}

function audit(tx: Executor, actor: PledgeActor, action: AuditAction, details: Record<string, unknown>) {
  return recordAudit(tx, { groupId: groupOf(actor), campaignId: actor.campaign.id, actorId: actor.actorId, action, details });
}

/**
 * Takes the campaign's row lock: changes to a campaign's options (positions, the option count)
 * happen one at a time, so two organizers adding at once get distinct positions.
 */
async function lockCampaign(tx: Executor, campaignId: number): Promise<void> {
  await tx.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.id, campaignId)).for("update");
}

/** One of the campaign's options (retired or not), or null when the id is not one of them. */
export async function findPledgeOption(db: Executor, campaignId: number, optionId: number): Promise<PledgeOption | null> {
  const [row] = await db
    .select()
    .from(pledgeOptions)
    .where(and(eq(pledgeOptions.id, optionId), eq(pledgeOptions.campaignId, campaignId)))
    .limit(1);
  return row ?? null;
}

/** Whether anyone has pledged to the option (confirmed or not): then its kind and currency are fixed. */
export async function optionHasPledges(db: Executor, optionId: number): Promise<boolean> {
  const [row] = await db.select({ id: pledges.id }).from(pledges).where(eq(pledges.optionId, optionId)).limit(1);
  return row !== undefined;
}

export type CreateOptionResult = { status: "created"; option: PledgeOption } | { status: "too-many" };

export async function createPledgeOption(db: Database, actor: PledgeActor, value: PledgeOptionValue, now = new Date()): Promise<CreateOptionResult> {
  return db.transaction(async (tx) => {
    await lockCampaign(tx, actor.campaign.id);
    const [stats] = await tx
      .select({ count: sql<number>`count(*)::int`, last: sql<number | null>`max(${pledgeOptions.position})` })
      .from(pledgeOptions)
      .where(eq(pledgeOptions.campaignId, actor.campaign.id));
    if (Number(stats?.count ?? 0) >= OPTIONS_PER_CAMPAIGN_MAX) return { status: "too-many" } as const;
    const last = stats?.last;
    const [option] = await tx
      .insert(pledgeOptions)
      .values({
        campaignId: actor.campaign.id,
        kind: value.kind,
        title: value.title,
        description: value.description,
        currency: value.currency,
        suggestedAmounts: value.suggestedAmounts,
        goal: value.goal,
        position: last === null || last === undefined ? 0 : Number(last) + 1,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await audit(tx, actor, "pledge-option.create", { optionId: option!.id, kind: value.kind });
    return { status: "created", option: option! } as const;
  });
}

export type UpdateOptionResult = { status: "saved" | "unchanged" | "not-found" } | { status: "locked"; field: "kind" | "currency" };

const EDITABLE = ["kind", "title", "description", "currency", "suggestedAmounts", "goal"] as const;

/**
 * Saves the form's values. Kind and currency cannot change once the option has pledges: checked
 * here again, under the option's row lock, whatever the form was told when the page was loaded.
 */
export async function updatePledgeOption(db: Database, actor: PledgeActor, optionId: number, value: PledgeOptionValue, now = new Date()): Promise<UpdateOptionResult> {
  return db.transaction(async (tx) => {
    const [stored] = await tx
      .select()
      .from(pledgeOptions)
      .where(and(eq(pledgeOptions.id, optionId), eq(pledgeOptions.campaignId, actor.campaign.id)))
      .for("update");
    if (!stored) return { status: "not-found" } as const;
    const changed = EDITABLE.filter((field) => JSON.stringify(stored[field]) !== JSON.stringify(value[field]));
    if (changed.length === 0) return { status: "unchanged" } as const;
    if ((changed.includes("kind") || changed.includes("currency")) && (await optionHasPledges(tx, optionId))) {
      return { status: "locked", field: changed.includes("kind") ? "kind" : "currency" } as const;
    }
    await tx
      .update(pledgeOptions)
      .set({
        kind: value.kind,
        title: value.title,
        description: value.description,
        currency: value.currency,
        suggestedAmounts: value.suggestedAmounts,
        goal: value.goal,
        updatedAt: now,
      })
      .where(eq(pledgeOptions.id, optionId));
    await audit(tx, actor, "pledge-option.update", { optionId, fields: [...changed].sort() });
    return { status: "saved" } as const;
  });
}

export type OptionRowResult = "done" | "unchanged" | "not-found";

const ROW_AUDIT: Record<OptionRowIntent, AuditAction> = {
  "move-up": "pledge-option.move",
  "move-down": "pledge-option.move",
  retire: "pledge-option.retire",
  restore: "pledge-option.restore",
};

/**
 * A button on the option list. Moving swaps the option with its neighbour in the order organizers
 * see (retired options included); positions are renumbered 0…n-1 as it goes, so ties left by
 * older data cannot make a move do nothing. Retiring keeps the option's pledges and totals and
 * takes it off the public page; restoring puts it back.
 */
export async function applyOptionRowIntent(db: Database, actor: PledgeActor, optionId: number, intent: OptionRowIntent, now = new Date()): Promise<OptionRowResult> {
  return db.transaction(async (tx) => {
    await lockCampaign(tx, actor.campaign.id);
    const option = await findPledgeOption(tx, actor.campaign.id, optionId);
    if (!option) return "not-found";
    if (intent === "retire" || intent === "restore") {
      const retire = intent === "retire";
      if ((option.retiredAt !== null) === retire) return "unchanged";
      await tx.update(pledgeOptions).set({ retiredAt: retire ? now : null, updatedAt: now }).where(eq(pledgeOptions.id, optionId));
      await audit(tx, actor, ROW_AUDIT[intent], { optionId });
      return "done";
    }
    const ordered = await listPledgeOptions(tx, actor.campaign.id, { includeRetired: true });
    const from = ordered.findIndex((o) => o.id === optionId);
    const to = intent === "move-up" ? from - 1 : from + 1;
    if (to < 0 || to >= ordered.length) return "unchanged";
    const ids = ordered.map((o) => o.id);
    [ids[from], ids[to]] = [ids[to]!, ids[from]!];
    for (const [position, id] of ids.entries()) {
      if (ordered[position]?.id === id && ordered[position]?.position === position) continue;
      await tx.update(pledgeOptions).set({ position }).where(eq(pledgeOptions.id, id));
    }
    await audit(tx, actor, ROW_AUDIT[intent], { optionId, direction: intent === "move-up" ? "up" : "down", position: to });
    return "done";
  });
}

// ---------------------------------------------------------------------------------------------
// Totals for organizer pages

export interface OptionWithTotals {
  id: number;
  kind: "money" | "action";
  title: string;
  currency: string | null;
  goal: number | null;
  position: number;
  retired: boolean;
  totals: OptionTotals;
}

/** Every option of the campaign (retired ones too, marked) with its totals: O(1) reads per option. */
export async function optionsWithTotals(db: Executor, campaignId: number): Promise<OptionWithTotals[]> {
  const options = await listPledgeOptions(db, campaignId, { includeRetired: true });
  const totals = await optionTotals(
    db,
    options.map((o) => o.id),
  );
  return options.map((o) => ({
    id: o.id,
    kind: o.kind,
    title: o.title,
    currency: o.currency,
    goal: o.goal,
    position: o.position,
    retired: o.retiredAt !== null,
    totals: totals.get(o.id)!,
  }));
}

export interface CurrencyTotal {
  currency: string;
  pledged: number;
  fulfilled: number;
}

/** Money options' totals added up per currency (never across currencies), in the order first met. */
export function moneyByCurrency(options: OptionWithTotals[]): CurrencyTotal[] {
  const byCurrency = new Map<string, CurrencyTotal>();
  for (const o of options) {
    if (o.kind !== "money" || !o.currency) continue;
    const entry = byCurrency.get(o.currency) ?? { currency: o.currency, pledged: 0, fulfilled: 0 };
    entry.pledged += o.totals.amountMinor;
    entry.fulfilled += o.totals.fulfilledAmountMinor;
    byCurrency.set(o.currency, entry);
  }
  return [...byCurrency.values()];
}

// ---------------------------------------------------------------------------------------------
// Pledges of one option

export const PLEDGES_PAGE_SIZE = 50;

export interface PledgeListFilters {
  show?: PledgeListShow;
  /** Also pledges of signatures removed as spam (left out by default). */
  includeRemoved?: boolean;
}

export interface PledgeRow {
  id: number;
  signatureId: number;
  firstName: string;
  lastName: string;
  email: string;
  amountMinor: number | null;
  createdAt: Date;
  confirmed: boolean;
  removed: boolean;
  fulfilledAt: Date | null;
}

export interface PledgePage {
  rows: PledgeRow[];
  nextCursor: string | null;
  previousCursor: string | null;
}

/**
 * One page of an option's pledges with the signer's details, newest first, keyset-paginated on
 * the pledge's (created_at, id) through pledges_option_created_idx. Never OFFSET.
 */
export async function listOptionPledges(
  db: Executor,
  optionId: number,
  filters: PledgeListFilters = {},
  page: { after?: KeysetCursor | null; before?: KeysetCursor | null } = {},
  pageSize = PLEDGES_PAGE_SIZE,
): Promise<PledgePage> {
  const conditions: SQL[] = [eq(pledges.optionId, optionId)];
  if (!filters.includeRemoved) conditions.push(isNull(signatures.removedAt));
  if (filters.show === "fulfilled") conditions.push(isNotNull(pledges.fulfilledAt));
  if (filters.show === "unfulfilled") conditions.push(isNull(pledges.fulfilledAt));
  const backwards = !page.after && Boolean(page.before);
  const cursor = page.after ?? page.before ?? null;
  if (cursor) conditions.push(beyondCursor(pledges.createdAt, pledges.id, cursor, backwards ? "before" : "after"));
  const fetched = await db
    .select({
      id: pledges.id,
      signatureId: signatures.id,
      firstName: signatures.firstName,
      lastName: signatures.lastName,
      email: signatures.email,
      amountMinor: pledges.amountMinor,
      createdAt: pledges.createdAt,
      createdAtKey: cursorTime(pledges.createdAt),
      confirmedAt: signatures.confirmedAt,
      removedAt: signatures.removedAt,
      fulfilledAt: pledges.fulfilledAt,
    })
    .from(pledges)
    .innerJoin(signatures, eq(signatures.id, pledges.signatureId))
    .where(and(...conditions))
    .orderBy(...keysetOrder(pledges.createdAt, pledges.id, backwards ? "oldest-first" : "newest-first"))
    .limit(pageSize + 1);
  const result = keysetPage(fetched, pageSize, { backwards, hadCursor: cursor !== null });
  // Going back reached the newest rows: show the full first page rather than a short one.
  if (!result) return listOptionPledges(db, optionId, filters, {}, pageSize);
  return {
    ...result,
    rows: result.rows.map((r) => ({
      id: r.id,
      signatureId: r.signatureId,
      firstName: r.firstName,
      lastName: r.lastName,
      email: r.email,
      amountMinor: r.amountMinor,
      createdAt: r.createdAt,
      confirmed: r.confirmedAt !== null,
      removed: r.removedAt !== null,
      fulfilledAt: r.fulfilledAt,
    })),
  };
}

export type FulfilResult = "done" | "unchanged" | "not-found";

/**
 * Marks one of the option's pledges fulfilled (the money arrived, the motion passed) or not. The
 * pledge and its signature are locked first, so a confirmation or a spam removal running at the
 * same moment sees the new state, and the fulfilled totals move only for pledges that count.
 */
export async function markPledgeFulfilled(
  db: Database,
  actor: PledgeActor,
  optionId: number,
  pledgeId: number,
  fulfilled: boolean,
  now = new Date(),
): Promise<FulfilResult> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        id: pledges.id,
        optionId: pledges.optionId,
        amountMinor: pledges.amountMinor,
        confirmedAt: signatures.confirmedAt,
        removedAt: signatures.removedAt,
      })
      .from(pledges)
      .innerJoin(signatures, eq(signatures.id, pledges.signatureId))
      .innerJoin(pledgeOptions, eq(pledgeOptions.id, pledges.optionId))
      .where(and(eq(pledges.id, pledgeId), eq(pledges.optionId, optionId), eq(pledgeOptions.campaignId, actor.campaign.id)))
      .for("update", { of: [pledges, signatures] });
    if (!row) return "not-found";
    const counted = row.confirmedAt !== null && row.removedAt === null;
    const changed = await setPledgeFulfilled(tx, { id: row.id, optionId: row.optionId, amountMinor: row.amountMinor, counted }, fulfilled, actor.actorId, now);
    if (!changed) return "unchanged";
    await audit(tx, actor, fulfilled ? "pledge.fulfil" : "pledge.unfulfil", { optionId, pledgeId });
    return "done";
  });
}

