import { and, desc, eq, isNull, sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { signatures } from "../../db/schema";
import { queryRows, type Executor } from "../../db/client.server";
import { confirmedCount } from "./campaigns.server";
import { moneyByCurrency, optionsWithTotals, type CurrencyTotal, type OptionWithTotals } from "./pledge-admin.server";

/**
 * Figures for the organizer dashboard. Nothing here is personal data: counts by day, country
 * and referral source. Signatures removed as spam are left out everywhere. Days are UTC days.
 */

/**
 * Unconfirmed signatures are counted up to this many; beyond it the dashboard says "10,000+".
 * There is no index on unconfirmed rows, so the count walks the campaign's rows until it has
 * found this many (or run out): cheap while few are pending, bounded in what it returns but not
 * in what it reads when almost everyone confirmed. A partial index
 * `ON signatures (campaign_id) WHERE confirmed_at IS NULL AND removed_at IS NULL` would make it an
 * index-only count of just the pending rows, exact and fast at any size (a schema change: not
 * made here).
 */
export const UNCONFIRMED_COUNT_CAP = 10_000;

export interface CampaignCounts {
  confirmed: number;
  unconfirmed: number;
  /** True when there are at least UNCONFIRMED_COUNT_CAP unconfirmed signatures. */
  unconfirmedCapped: boolean;
}

export async function campaignCounts(db: Executor, campaignId: number): Promise<CampaignCounts> {
  const [rows, confirmed] = await Promise.all([
    queryRows<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM (
            SELECT 1 FROM ${signatures}
            WHERE ${signatures.campaignId} = ${campaignId}
              AND ${signatures.confirmedAt} IS NULL AND ${signatures.removedAt} IS NULL
            LIMIT ${UNCONFIRMED_COUNT_CAP}
          ) pending`,
    ),
    // From the sharded counter (docs/decisions/002): at most 16 rows, whatever the campaign's size.
    confirmedCount(db, campaignId),
  ]);
  const unconfirmed = Number(rows[0]?.n ?? 0);
  return { confirmed, unconfirmed, unconfirmedCapped: unconfirmed >= UNCONFIRMED_COUNT_CAP };
}

export interface DayCount {
  /** YYYY-MM-DD (UTC). */
  day: string;
  /** Signatures made that day (confirmed or not). */
  signed: number;
  /** Of those, how many have been confirmed since. */
  confirmed: number;
}

/**
 * Signatures per day for the last `days` days up to `now`, oldest first, with a row for every
 * day (generate_series fills the days nobody signed). Reads the campaign's rows in that window
 * through signatures_campaign_created_idx; a flood of a million in the window is a million rows
 * aggregated, acceptable for an organizer page (a daily roll-up table would be the next step).
 */
export async function signaturesPerDay(db: Executor, campaignId: number, days = 30, now = new Date()): Promise<DayCount[]> {
  const span = Math.max(1, Math.min(366, Math.trunc(days)));
  const today = now.toISOString().slice(0, 10);
  const rows = await queryRows<{ day: string; signed: number; confirmed: number }>(
    db,
    sql`WITH span AS (
          SELECT (${today}::date - ${span - 1}::int) AS first_day, ${today}::date AS last_day
        ),
        counted AS (
          SELECT date_trunc('day', ${signatures.createdAt} AT TIME ZONE 'UTC')::date AS day,
                 count(*)::int AS signed,
                 (count(*) FILTER (WHERE ${signatures.confirmedAt} IS NOT NULL))::int AS confirmed
          FROM ${signatures}, span
          WHERE ${signatures.campaignId} = ${campaignId}
            AND ${signatures.removedAt} IS NULL
            AND ${signatures.createdAt} >= (span.first_day::timestamp AT TIME ZONE 'UTC')
            AND ${signatures.createdAt} < ((span.last_day + 1)::timestamp AT TIME ZONE 'UTC')
          GROUP BY 1
        )
        SELECT to_char(g.ts, 'YYYY-MM-DD') AS day,
               coalesce(c.signed, 0)::int AS signed,
               coalesce(c.confirmed, 0)::int AS confirmed
        FROM generate_series((SELECT first_day FROM span)::timestamp, (SELECT last_day FROM span)::timestamp, interval '1 day') AS g(ts)
        LEFT JOIN counted c ON c.day = g.ts::date
        ORDER BY g.ts`,
  );
  return rows.map((r) => ({ day: r.day, signed: Number(r.signed), confirmed: Number(r.confirmed) }));
}

export interface Tally<K> {
  key: K;
  /** Confirmed signatures: the figure that counts. */
  confirmed: number;
  /** Signed but not (yet) confirmed: shown apart, never added in. */
  unconfirmed: number;
}

/**
 * Signatures grouped by one column, confirmed and not yet confirmed apart, spam left out; most
 * confirmed first. A GROUP BY over the campaign's rows: fine for a dashboard, and the first thing
 * to cache if a campaign gets huge.
 */
async function tallyBy<K extends string | null>(db: Executor, campaignId: number, column: SQL<K> | PgColumn, limit: number): Promise<Tally<K>[]> {
  const confirmed = sql<number>`(count(*) FILTER (WHERE ${signatures.confirmedAt} IS NOT NULL))::int`;
  const unconfirmed = sql<number>`(count(*) FILTER (WHERE ${signatures.confirmedAt} IS NULL))::int`;
  const rows = await db
    .select({ key: sql<K>`${column}`, confirmed, unconfirmed })
    .from(signatures)
    .where(and(eq(signatures.campaignId, campaignId), isNull(signatures.removedAt)))
    .groupBy(column)
    // Ties: named keys before "none", then alphabetical, so the order is stable.
    .orderBy(desc(confirmed), desc(unconfirmed), sql`${column} NULLS LAST`)
    .limit(limit);
  return rows.map((r) => ({ key: r.key, confirmed: Number(r.confirmed), unconfirmed: Number(r.unconfirmed) }));
}

/** The countries signers come from. */
export function topCountries(db: Executor, campaignId: number, limit = 10): Promise<Tally<string>[]> {
  return tallyBy<string>(db, campaignId, signatures.country, limit);
}

/** Signatures by referral code (`?ref=`); a null key is people who came without one. */
export function topSources(db: Executor, campaignId: number, limit = 10): Promise<Tally<string | null>[]> {
  return tallyBy<string | null>(db, campaignId, signatures.source, limit);
}

export interface PledgeTotals {
  /** Every option, retired ones included (marked), in the order supporters see them. */
  options: OptionWithTotals[];
  /** Money options added up per currency, never across currencies. */
  money: CurrencyTotal[];
}

/**
 * Pledged and fulfilled per option, from the sharded pledge_totals (O(1) per option, whatever
 * the number of pledges): pledges of confirmed signatures, spam left out. Figures only.
 */
export async function pledgeTotals(db: Executor, campaignId: number): Promise<PledgeTotals> {
  const options = await optionsWithTotals(db, campaignId);
  return { options, money: moneyByCurrency(options) };
}
