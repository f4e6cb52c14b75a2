import { and, count, countDistinct, desc, eq, isNotNull, isNull, max, min, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { campaigns, signatures } from "../../db/schema";
import { DEMO_CAMPAIGNS, seedDemoIfEmpty } from "../../db/seed";
import { campaignCounts, signaturesPerDay } from "~/lib/campaign-stats.server";
import { confirmedCount, countCampaigns, listOpenCampaigns, recentPublicSigners } from "~/lib/campaigns.server";
import { recountConfirmed } from "~/lib/signatures.server";
import { listPledgeOptions, optionTotals, recountPledgeTotals } from "~/lib/pledges.server";
import { openTestDatabase, type TestDatabase } from "../support/db";
import { createTestCampaign } from "../support/factories";

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});
// The seed only acts on an empty database.
async function emptyDatabase() {
  await database.db.execute(sql`TRUNCATE campaigns, signatures, campaign_counters RESTART IDENTITY CASCADE`);
  expect(await countCampaigns(database.db)).toBe(0);
}

describe("the demo seed", () => {
  beforeEach(emptyDatabase);

  test("an empty database gets the Canada Post and Tamaulipas campaigns and a closed one", async () => {
    const { db } = database;
    const created = await seedDemoIfEmpty(db);

    const rows = await db.select().from(campaigns);
    expect(created).toBe(rows.length);
    expect(rows.length).toBe(DEMO_CAMPAIGNS.length);
    const canadaPost = rows.find((c) => /Canada Post/.test(c.title));
    const tamaulipas = rows.find((c) => /Tamaulipas/.test(c.title));
    expect(canadaPost).toMatchObject({ slug: "canada-post-solidarity", status: "open" });
    expect(tamaulipas).toMatchObject({ slug: "tamaulipas-strike", status: "open" });
    expect(rows.filter((c) => c.status === "closed").length).toBeGreaterThanOrEqual(1);

    const open = await listOpenCampaigns(db);
    expect(open.map((c) => c.slug)).toEqual(expect.arrayContaining(["canada-post-solidarity", "tamaulipas-strike"]));
    expect(open.every((c) => c.status === "open")).toBe(true);
    // The featured campaign is the newest, so it comes first on the home page.
    expect(open[0]?.slug).toBe("canada-post-solidarity");
  });

  test("a second call creates nothing", async () => {
    const { db } = database;
    const first = await seedDemoIfEmpty(db);
    const countsBefore = await Promise.all((await db.select().from(campaigns)).map((c) => recountConfirmed(db, c.id)));

    expect(first).toBeGreaterThan(0);
    expect(await seedDemoIfEmpty(db)).toBe(0);
    expect(await countCampaigns(db)).toBe(first);
    const countsAfter = await Promise.all((await db.select().from(campaigns)).map((c) => recountConfirmed(db, c.id)));
    expect(countsAfter).toEqual(countsBefore);
  });

  test("a database that already has a campaign is left alone", async () => {
    const { db } = database;
    const own = await createTestCampaign(db);
    expect(await seedDemoIfEmpty(db)).toBe(0);
    expect(await countCampaigns(db)).toBe(1);
    expect((await db.select().from(campaigns).where(eq(campaigns.slug, "canada-post-solidarity"))).length).toBe(0);
    expect((await db.select().from(campaigns))[0]?.id).toBe(own.id);
  });
});

// These only read, so they share one seeded database.
describe("the seeded demo", () => {
  beforeAll(async () => {
    await emptyDatabase();
    await seedDemoIfEmpty(database.db);
  });

  test("every demo campaign's counter equals its confirmed rows, and its signers show", async () => {
    const { db } = database;
    for (const campaign of await db.select().from(campaigns)) {
      const recount = await recountConfirmed(db, campaign.id);
      expect(recount, campaign.slug).toBeGreaterThan(0);
      expect(await confirmedCount(db, campaign.id), campaign.slug).toBe(recount);
      expect((await recentPublicSigners(db, campaign.id)).length, campaign.slug).toBe(10);
    }
  });

  test("demo campaigns look alive: thousands confirmed over weeks, from several countries, with messages and sources", async () => {
    const { db } = database;
    const now = new Date();
    for (const campaign of await db.select().from(campaigns)) {
      const counts = await campaignCounts(db, campaign.id);
      expect(counts.confirmed, campaign.slug).toBeGreaterThanOrEqual(1_000);
      // A few never confirmed, as in real life: the dashboard shows them waiting.
      expect(counts.unconfirmed, campaign.slug).toBeGreaterThan(0);
      expect(counts.unconfirmed, campaign.slug).toBeLessThan(counts.confirmed / 20);

      const [spread] = await db
        .select({ first: min(signatures.confirmedAt), last: max(signatures.confirmedAt), countries: countDistinct(signatures.country) })
        .from(signatures)
        .where(and(eq(signatures.campaignId, campaign.id), isNotNull(signatures.confirmedAt)));
      const weeks = (spread!.last!.getTime() - spread!.first!.getTime()) / (7 * 86_400_000);
      expect(weeks, campaign.slug).toBeGreaterThanOrEqual(2.5);
      expect(spread!.last!.getTime(), campaign.slug).toBeLessThanOrEqual(now.getTime() + 60_000);
      expect(spread!.countries, campaign.slug).toBeGreaterThanOrEqual(4);

      const [extras] = await db
        .select({ messages: count(signatures.message), sources: countDistinct(signatures.source) })
        .from(signatures)
        .where(and(eq(signatures.campaignId, campaign.id), isNotNull(signatures.confirmedAt)));
      expect(extras!.messages, campaign.slug).toBeGreaterThan(counts.confirmed / 50);
      expect(extras!.sources, campaign.slug).toBeGreaterThanOrEqual(3);
    }

    // The open campaigns' chart has a bar on most of the last three weeks' days.
    const [canadaPost] = await db.select().from(campaigns).where(eq(campaigns.slug, "canada-post-solidarity"));
    const days = await signaturesPerDay(db, canadaPost!.id, 30, now);
    expect(days.slice(-21).filter((d) => d.confirmed > 0).length).toBeGreaterThanOrEqual(18);
  });

  test("each campaign's signers come from where its struggle is, writing in their language", async () => {
    const { db } = database;
    const topCountry = async (slug: string) => {
      const [campaign] = await db.select().from(campaigns).where(eq(campaigns.slug, slug));
      const rows = await db
        .select({ country: signatures.country, n: count() })
        .from(signatures)
        .where(and(eq(signatures.campaignId, campaign!.id), isNull(signatures.removedAt)))
        .groupBy(signatures.country)
        .orderBy(desc(count()));
      const total = rows.reduce((sum, r) => sum + r.n, 0);
      const [{ locale } = { locale: "" }] = await db
        .select({ locale: signatures.locale })
        .from(signatures)
        .where(and(eq(signatures.campaignId, campaign!.id), isNotNull(signatures.message)))
        .groupBy(signatures.locale)
        .orderBy(desc(count()))
        .limit(1);
      return { country: rows[0]!.country, share: rows[0]!.n / total, locale };
    };
    expect(await topCountry("canada-post-solidarity")).toMatchObject({ country: "CA", locale: "en" });
    expect((await topCountry("canada-post-solidarity")).share).toBeGreaterThan(0.6);
    expect(await topCountry("tamaulipas-strike")).toMatchObject({ country: "MX", locale: "es" });
    expect((await topCountry("tamaulipas-strike")).share).toBeGreaterThan(0.5);
    expect(await topCountry("end-child-labour")).toMatchObject({ country: "FR", locale: "fr" });
  });

  test("the closed demo campaign's text gives its confirmed count", async () => {
    const { db } = database;
    const closed = (await db.select().from(campaigns).where(eq(campaigns.status, "closed")))[0]!;
    const confirmed = await confirmedCount(db, closed.id);
    expect(closed.body).toContain(`${confirmed.toLocaleString("en")} supporters signed`);
    expect(closed.body).not.toContain("{signers}");
  });

  test("the open demo campaigns offer pledge options whose totals equal a recount of their pledges", async () => {
    const { db } = database;
    const [canadaPost] = await db.select().from(campaigns).where(eq(campaigns.slug, "canada-post-solidarity"));
    const options = await listPledgeOptions(db, canadaPost!.id);
    expect(options.map((o) => [o.kind, o.currency])).toEqual([
      ["money", "CAD"],
      ["action", null],
    ]);
    for (const campaign of await db.select().from(campaigns)) {
      const ids = (await listPledgeOptions(db, campaign.id, { includeRetired: true })).map((o) => o.id);
      const seeded = await optionTotals(db, ids);
      await db.transaction(async (tx) => {
        for (const id of ids) await recountPledgeTotals(tx, id);
      });
      expect(await optionTotals(db, ids), campaign.slug).toEqual(seeded);
    }
    // The three hand-written pledges and a hundred or more from the crowd, some of them received.
    const canadaTotals = await optionTotals(db, options.map((o) => o.id));
    expect(canadaTotals.get(options[0]!.id)!.pledgers).toBeGreaterThan(50);
    expect(canadaTotals.get(options[0]!.id)!.fulfilledPledgers).toBeGreaterThan(10);
    expect(canadaTotals.get(options[1]!.id)!.pledgers).toBeGreaterThan(20);
  });
});
