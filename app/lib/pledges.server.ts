import { randomInt } from "node:crypto";
import { and, asc, eq, inArray, isNotNull, isNull, notInArray, sql } from "drizzle-orm";
import { pledgeOptions, pledges, pledgeTotals, SIGNATURE_COUNTER_SHARDS, signatures, type PledgeOption } from "../../db/schema";
import type { Database, Executor } from "../../db/client.server";

/**
 * Pledges and their totals. A pledge belongs to a signature and counts once the signature is
 * confirmed, for as long as it is not removed as spam. Totals live in pledge_totals, sharded like
 * the signature counter (docs/decisions/002), and move in the same transaction as whatever
 * changes what counts: a confirmation, a removal or restore, a pledge replaced, a pledge marked
 * fulfilled. Reading them is O(1) per option, whatever the number of pledges.
 */

export interface PledgeChoice {
  optionId: number;
  /** Money: minor units (> 0). Action: null. */
  amountMinor: number | null;
}

export interface OptionTotals {
  pledgers: number;
  amountMinor: number;
  fulfilledPledgers: number;
  fulfilledAmountMinor: number;
}

const ZERO: OptionTotals = { pledgers: 0, amountMinor: 0, fulfilledPledgers: 0, fulfilledAmountMinor: 0 };

async function bumpTotals(tx: Executor, optionId: number, delta: OptionTotals): Promise<void> {
  await tx
    .insert(pledgeTotals)
    .values({ optionId, shard: randomInt(SIGNATURE_COUNTER_SHARDS), ...delta })
    .onConflictDoUpdate({
      target: [pledgeTotals.optionId, pledgeTotals.shard],
      set: {
        pledgers: sql`${pledgeTotals.pledgers} + excluded.pledgers`,
        amountMinor: sql`${pledgeTotals.amountMinor} + excluded.amount_minor`,
        fulfilledPledgers: sql`${pledgeTotals.fulfilledPledgers} + excluded.fulfilled_pledgers`,
        fulfilledAmountMinor: sql`${pledgeTotals.fulfilledAmountMinor} + excluded.fulfilled_amount_minor`,
      },
    });
}

function deltaOf(pledge: { amountMinor: number | null; fulfilledAt: Date | null }, sign: 1 | -1): OptionTotals {
  const amount = pledge.amountMinor ?? 0;
  const fulfilled = pledge.fulfilledAt !== null;
  return {
    pledgers: sign,
    amountMinor: sign * amount,
    fulfilledPledgers: fulfilled ? sign : 0,
    fulfilledAmountMinor: fulfilled ? sign * amount : 0,
  };
}

/**
 * Adds (+1) or takes out (-1) all of a signature's pledges from the totals. Call it in the
 * transaction that confirms a signature (+1), removes a confirmed one as spam (-1) or restores
 * it (+1).
 */
export async function countSignaturePledges(tx: Executor, signatureId: number, sign: 1 | -1): Promise<void> {
  const rows = await tx
    .select({ optionId: pledges.optionId, amountMinor: pledges.amountMinor, fulfilledAt: pledges.fulfilledAt })
    .from(pledges)
    .where(eq(pledges.signatureId, signatureId));
  for (const row of rows) await bumpTotals(tx, row.optionId, deltaOf(row, sign));
}

/**
 * Makes `choices` the signature's pledges (one per option): options left out lose their pledge,
 * a changed amount replaces the old one (and is no longer marked fulfilled). `counted` says
 * whether the signature counts now (confirmed, not removed); the totals follow if so. The caller
 * has checked that every option belongs to the signature's campaign and takes pledges.
 */
export async function replacePledges(
  tx: Executor,
  signatureId: number,
  choices: PledgeChoice[],
  counted: boolean,
  now = new Date(),
  /** The options the form offered (default: all): pledges to others (retired since) are kept. */
  scope?: number[],
): Promise<void> {
  if (counted) await countSignaturePledges(tx, signatureId, -1);
  const keep = choices.map((c) => c.optionId);
  const conditions = [eq(pledges.signatureId, signatureId)];
  if (keep.length > 0) conditions.push(notInArray(pledges.optionId, keep));
  if (scope) conditions.push(inArray(pledges.optionId, scope.length > 0 ? scope : [-1]));
  await tx.delete(pledges).where(and(...conditions));
  for (const choice of choices) {
    await tx
      .insert(pledges)
      .values({ signatureId, optionId: choice.optionId, amountMinor: choice.amountMinor, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({
        target: [pledges.signatureId, pledges.optionId],
        set: {
          amountMinor: choice.amountMinor,
          updatedAt: now,
          // A new amount is a new promise: whatever was received against the old one is rechecked.
          fulfilledAt: sql`CASE WHEN ${pledges.amountMinor} IS NOT DISTINCT FROM excluded.amount_minor THEN ${pledges.fulfilledAt} END`,
          fulfilledBy: sql`CASE WHEN ${pledges.amountMinor} IS NOT DISTINCT FROM excluded.amount_minor THEN ${pledges.fulfilledBy} END`,
        },
      });
  }
  if (counted) await countSignaturePledges(tx, signatureId, 1);
}

/** A signature's pledges, for showing them back to the supporter. */
export async function pledgesOf(db: Executor, signatureId: number): Promise<PledgeChoice[]> {
  return db
    .select({ optionId: pledges.optionId, amountMinor: pledges.amountMinor })
    .from(pledges)
    .where(eq(pledges.signatureId, signatureId))
    .orderBy(asc(pledges.optionId));
}

/**
 * Marks a pledge fulfilled or not; the fulfilled totals follow when its signature counts.
 * Returns false when nothing changed (already in that state).
 */
export async function setPledgeFulfilled(
  tx: Executor,
  pledge: { id: number; optionId: number; amountMinor: number | null; counted: boolean },
  fulfilled: boolean,
  actorId: number,
  now = new Date(),
): Promise<boolean> {
  const changed = await tx
    .update(pledges)
    .set(fulfilled ? { fulfilledAt: now, fulfilledBy: actorId } : { fulfilledAt: null, fulfilledBy: null })
    .where(and(eq(pledges.id, pledge.id), fulfilled ? isNull(pledges.fulfilledAt) : sql`${pledges.fulfilledAt} IS NOT NULL`))
    .returning({ id: pledges.id });
  if (changed.length === 0) return false;
  if (pledge.counted) {
    const sign = fulfilled ? 1 : -1;
    await bumpTotals(tx, pledge.optionId, { pledgers: 0, amountMinor: 0, fulfilledPledgers: sign, fulfilledAmountMinor: sign * (pledge.amountMinor ?? 0) });
  }
  return true;
}

/** Totals per option (sum of at most SIGNATURE_COUNTER_SHARDS rows each); options without any get zeros. */
export async function optionTotals(db: Executor, optionIds: number[]): Promise<Map<number, OptionTotals>> {
  const totals = new Map<number, OptionTotals>(optionIds.map((id) => [id, { ...ZERO }]));
  if (optionIds.length === 0) return totals;
  const rows = await db
    .select({
      optionId: pledgeTotals.optionId,
      pledgers: sql<number>`sum(${pledgeTotals.pledgers})::bigint`,
      amountMinor: sql<number>`sum(${pledgeTotals.amountMinor})::bigint`,
      fulfilledPledgers: sql<number>`sum(${pledgeTotals.fulfilledPledgers})::bigint`,
      fulfilledAmountMinor: sql<number>`sum(${pledgeTotals.fulfilledAmountMinor})::bigint`,
    })
    .from(pledgeTotals)
    .where(inArray(pledgeTotals.optionId, optionIds))
    .groupBy(pledgeTotals.optionId);
  for (const r of rows) {
    totals.set(r.optionId, {
      pledgers: Number(r.pledgers),
      amountMinor: Number(r.amountMinor),
      fulfilledPledgers: Number(r.fulfilledPledgers),
      fulfilledAmountMinor: Number(r.fulfilledAmountMinor),
    });
  }
  return totals;
}

/** A campaign's options in their order; retired ones only when asked (organizer pages). */
export async function listPledgeOptions(db: Executor, campaignId: number, options: { includeRetired?: boolean } = {}): Promise<PledgeOption[]> {
  return db
    .select()
    .from(pledgeOptions)
    .where(options.includeRetired ? eq(pledgeOptions.campaignId, campaignId) : and(eq(pledgeOptions.campaignId, campaignId), isNull(pledgeOptions.retiredAt)))
    .orderBy(asc(pledgeOptions.position), asc(pledgeOptions.id));
}

/** Recomputes totals from the pledges themselves (repair tool and test oracle). */
export async function recountPledgeTotals(tx: Executor, optionId: number): Promise<void> {
  await tx.delete(pledgeTotals).where(eq(pledgeTotals.optionId, optionId));
  await tx.execute(sql`
    INSERT INTO pledge_totals (option_id, shard, pledgers, amount_minor, fulfilled_pledgers, fulfilled_amount_minor)
    SELECT p.option_id, 0, count(*), coalesce(sum(p.amount_minor), 0),
           count(*) FILTER (WHERE p.fulfilled_at IS NOT NULL),
           coalesce(sum(p.amount_minor) FILTER (WHERE p.fulfilled_at IS NOT NULL), 0)
    FROM pledges p JOIN signatures s ON s.id = p.signature_id
    WHERE p.option_id = ${optionId} AND s.confirmed_at IS NOT NULL AND s.removed_at IS NULL
    GROUP BY p.option_id`);
}

/**
 * Whether every chosen option belongs to the campaign and still takes pledges. Forms are checked
 * against the options the page showed; this re-checks inside the writing transaction, so an
 * option retired in between takes nothing.
 */
export async function pledgeOptionsAreOpen(tx: Executor, campaignId: number, choices: PledgeChoice[]): Promise<boolean> {
  const ids = [...new Set(choices.map((c) => c.optionId))];
  if (ids.length !== choices.length) return false;
  if (ids.length === 0) return true;
  const rows = await tx
    .select({ id: pledgeOptions.id, kind: pledgeOptions.kind })
    .from(pledgeOptions)
    .where(and(eq(pledgeOptions.campaignId, campaignId), inArray(pledgeOptions.id, ids), isNull(pledgeOptions.retiredAt)))
    // Shared locks (pledges do not wait on each other) that an organizer's edit or retirement of
    // the option waits for: kind and currency cannot change under a pledge being written.
    .for("share");
  if (rows.length !== ids.length) return false;
  const kinds = new Map(rows.map((r) => [r.id, r.kind]));
  // Money needs a positive amount, an action none: the totals add what is stored.
  return choices.every((c) => (kinds.get(c.optionId) === "money" ? c.amountMinor !== null && c.amountMinor > 0 : c.amountMinor === null));
}

export type ChangePledgesResult = "saved" | "not-found" | "invalid-options";

/**
 * The thank-you page's "Save my pledges": makes `choices` the signature's pledges. The signature
 * row is locked first, so a confirmation or a moderator's removal running at the same moment
 * cannot count the pledges on the old state; they count only while the signature is confirmed
 * and not removed.
 */
export async function changeSignerPledges(
  db: Database,
  req: { campaignId: number; signatureId: number; choices: PledgeChoice[]; now?: Date },
): Promise<ChangePledgesResult> {
  return db.transaction(async (tx) => {
    const [signature] = await tx
      .select({ confirmedAt: signatures.confirmedAt, removedAt: signatures.removedAt })
      .from(signatures)
      .where(and(eq(signatures.id, req.signatureId), eq(signatures.campaignId, req.campaignId)))
      .for("update");
    if (!signature) return "not-found" as const;
    if (!(await pledgeOptionsAreOpen(tx, req.campaignId, req.choices))) return "invalid-options" as const;
    // The form offers the open options only: a pledge to an option retired since is kept, and so
    // is one an organizer has marked fulfilled (the money arrived; the supporter cannot undo it).
    const open = await listPledgeOptions(tx, req.campaignId);
    const fulfilled = new Set(
      (
        await tx
          .select({ optionId: pledges.optionId })
          .from(pledges)
          .where(and(eq(pledges.signatureId, req.signatureId), isNotNull(pledges.fulfilledAt)))
      ).map((p) => p.optionId),
    );
    const scope = open.map((o) => o.id).filter((id) => !fulfilled.has(id));
    const choices = req.choices.filter((c) => !fulfilled.has(c.optionId));
    await replacePledges(tx, req.signatureId, choices, signature.confirmedAt !== null && signature.removedAt === null, req.now, scope);
    return "saved" as const;
  });
}

/** The signature a pledge cookie names, when it is one of this campaign's: for prefilling the form. */
export async function signerPledges(db: Executor, campaignId: number, signatureId: number): Promise<PledgeChoice[] | null> {
  const [signature] = await db
    .select({ id: signatures.id })
    .from(signatures)
    .where(and(eq(signatures.id, signatureId), eq(signatures.campaignId, campaignId)))
    .limit(1);
  return signature ? pledgesOf(db, signatureId) : null;
}

/** What the public pages show of an option: the option and its confirmed totals. */
export interface PublicPledgeOption {
  id: number;
  kind: "money" | "action";
  title: string;
  description: string | null;
  currency: string | null;
  suggestedAmounts: number[];
  goal: number | null;
  pledgers: number;
  amountMinor: number;
}

/** A campaign's open options with their totals, in order: two small queries, whatever the pledge count. */
export async function publicPledgeOptions(db: Executor, campaignId: number): Promise<PublicPledgeOption[]> {
  const options = await listPledgeOptions(db, campaignId);
  const totals = await optionTotals(db, options.map((o) => o.id));
  return options.map((o) => ({
    id: o.id,
    kind: o.kind,
    title: o.title,
    description: o.description,
    currency: o.currency,
    suggestedAmounts: o.suggestedAmounts ?? [],
    goal: o.goal,
    pledgers: totals.get(o.id)?.pledgers ?? 0,
    amountMinor: totals.get(o.id)?.amountMinor ?? 0,
  }));
}
