import { and, desc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { campaignCounters, campaigns, signatures, type Campaign, type NewCampaign } from "../../db/schema";
import type { Executor } from "../../db/client.server";

export type PublicCampaign = Campaign & { confirmedCount: number };

/** A campaign accepts signatures while open and before its closing date. */
export function isAcceptingSignatures(campaign: Pick<Campaign, "status" | "closesAt">, now = new Date()): boolean {
  return campaign.status === "open" && (!campaign.closesAt || campaign.closesAt > now);
}

/** What the public sees: open campaigns and closed ones (with their final count); never drafts. */
export function publicStatus(campaign: Pick<Campaign, "status" | "closesAt">, now = new Date()): "open" | "closed" {
  return isAcceptingSignatures(campaign, now) ? "open" : "closed";
}

/** Confirmed signatures for many campaigns: a sum over at most SIGNATURE_COUNTER_SHARDS rows each. */
export async function confirmedCounts(db: Executor, campaignIds: number[]): Promise<Map<number, number>> {
  const counts = new Map<number, number>(campaignIds.map((id) => [id, 0]));
  if (campaignIds.length === 0) return counts;
  const rows = await db
    .select({ campaignId: campaignCounters.campaignId, total: sql<string>`sum(${campaignCounters.confirmed})` })
    .from(campaignCounters)
    .where(inArray(campaignCounters.campaignId, campaignIds))
    .groupBy(campaignCounters.campaignId);
  for (const row of rows) counts.set(row.campaignId, Number(row.total));
  return counts;
}

export async function confirmedCount(db: Executor, campaignId: number): Promise<number> {
  return (await confirmedCounts(db, [campaignId])).get(campaignId) ?? 0;
}

export async function listOpenCampaigns(db: Executor, now = new Date()): Promise<PublicCampaign[]> {
  const rows = await db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.status, "open"), sql`(${campaigns.closesAt} IS NULL OR ${campaigns.closesAt} > ${now})`))
    .orderBy(desc(campaigns.createdAt));
  const counts = await confirmedCounts(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, confirmedCount: counts.get(r.id) ?? 0 }));
}

/** A campaign as the public may see it: drafts do not exist for them. */
export async function findPublicCampaign(db: Executor, slug: string): Promise<PublicCampaign | null> {
  const [row] = await db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.slug, slug), inArray(campaigns.status, ["open", "closed"])))
    .limit(1);
  if (!row) return null;
  return { ...row, confirmedCount: await confirmedCount(db, row.id) };
}

export interface PublicSigner {
  firstName: string;
  lastInitial: string;
  country: string;
  message: string | null;
  confirmedAt: Date;
}

/** Confirmed signers who chose to be shown: first name and last initial only. */
export async function recentPublicSigners(db: Executor, campaignId: number, limit = 10): Promise<PublicSigner[]> {
  const rows = await db
    .select({
      firstName: signatures.firstName,
      lastName: signatures.lastName,
      country: signatures.country,
      // A message hidden by a moderator is no longer shown; the name still is.
      message: sql<string | null>`CASE WHEN ${signatures.messageHiddenAt} IS NULL THEN ${signatures.message} END`,
      confirmedAt: signatures.confirmedAt,
    })
    .from(signatures)
    .where(
      and(
        eq(signatures.campaignId, campaignId),
        isNotNull(signatures.confirmedAt),
        eq(signatures.showName, true),
        isNull(signatures.removedAt),
      ),
    )
    // NULLS LAST matches signatures_public_recent_idx (a bare DESC means NULLS FIRST, and the
    // planner would then sort every shown signer of the campaign on each page view instead).
    .orderBy(sql`${signatures.confirmedAt} DESC NULLS LAST`)
    .limit(limit);
  return rows.map((r) => ({
    firstName: r.firstName,
    lastInitial: Array.from(r.lastName)[0]?.toUpperCase() ?? "",
    country: r.country,
    message: r.message,
    confirmedAt: r.confirmedAt as Date,
  }));
}

export async function createCampaign(db: Executor, values: NewCampaign): Promise<Campaign> {
  const [row] = await db.insert(campaigns).values(values).returning();
  if (!row) throw new Error("campaign insert returned nothing");
  return row;
}

export async function countCampaigns(db: Executor): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(campaigns);
  return row?.n ?? 0;
}
