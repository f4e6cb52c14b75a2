import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { campaigns } from "../../db/schema";
import { DEMO_CAMPAIGNS, seedDemoIfEmpty } from "../../db/seed";
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
// The seed only acts on an empty database, so every test starts from one.
beforeEach(async () => {
  await database.db.execute(sql`TRUNCATE campaigns, signatures, campaign_counters RESTART IDENTITY CASCADE`);
  expect(await countCampaigns(database.db)).toBe(0);
});

describe("the demo seed", () => {
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

  test("every demo campaign's counter equals its confirmed rows, and its signers show", async () => {
    const { db } = database;
    await seedDemoIfEmpty(db);
    for (const campaign of await db.select().from(campaigns)) {
      const recount = await recountConfirmed(db, campaign.id);
      expect(recount, campaign.slug).toBeGreaterThan(0);
      expect(await confirmedCount(db, campaign.id), campaign.slug).toBe(recount);
      expect((await recentPublicSigners(db, campaign.id)).length, campaign.slug).toBe(recount);
    }
  });

  test("the open demo campaigns offer pledge options whose totals equal a recount of their pledges", async () => {
    const { db } = database;
    await seedDemoIfEmpty(db);
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
    const canadaTotals = await optionTotals(db, options.map((o) => o.id));
    expect(canadaTotals.get(options[0]!.id)).toMatchObject({ pledgers: 3, amountMinor: 8500 });
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
