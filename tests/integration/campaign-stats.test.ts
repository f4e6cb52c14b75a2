import { describe, expect, test } from "vitest";
import { signatures, type Campaign } from "../../db/schema";
import {
  campaignCounts,
  pledgeTotals,
  signaturesPerDay,
  topCountries,
  topSources,
} from "~/lib/campaign-stats.server";
import { addConfirmed } from "~/lib/signatures.server";
import { fileDatabase } from "../support/suite";
import { createTestCampaign, uniqueSuffix } from "../support/factories";
import { addPledger, createTestOption } from "../support/pledge-admin-factories";

const { db } = await fileDatabase();

async function addSigner(
  campaign: Campaign,
  values: { createdAt?: Date; confirmed?: boolean; country?: string; source?: string | null; removed?: boolean } = {},
): Promise<void> {
  const email = `stats-${uniqueSuffix()}@example.org`;
  const createdAt = values.createdAt ?? new Date();
  const confirmed = values.confirmed ?? true;
  await db.insert(signatures).values({
    campaignId: campaign.id,
    firstName: "Ana",
    lastName: "García",
    email,
    emailNormalized: email,
    country: values.country ?? "MX",
    locale: "en",
    source: values.source ?? null,
    createdAt,
    confirmedAt: confirmed ? createdAt : null,
    removedAt: values.removed ? createdAt : null,
  });
  if (confirmed && !values.removed) await addConfirmed(db, campaign.id, 1);
}

describe("campaign figures", () => {
  test("confirmed comes from the counter, unconfirmed is counted; spam counts for neither", async () => {
    const campaign = await createTestCampaign(db);
    for (let i = 0; i < 3; i++) await addSigner(campaign);
    for (let i = 0; i < 2; i++) await addSigner(campaign, { confirmed: false });
    await addSigner(campaign, { confirmed: false, removed: true });
    await addSigner(campaign, { removed: true });

    expect(await campaignCounts(db, campaign.id)).toEqual({ confirmed: 3, unconfirmed: 2, unconfirmedCapped: false });
    const empty = await createTestCampaign(db);
    expect(await campaignCounts(db, empty.id)).toEqual({ confirmed: 0, unconfirmed: 0, unconfirmedCapped: false });
  });

  test("signatures per day: one row per day, oldest first, empty days filled with zeros", async () => {
    const campaign = await createTestCampaign(db);
    const now = new Date("2026-03-10T12:00:00Z");
    await addSigner(campaign, { createdAt: new Date("2026-03-10T00:00:00Z") });
    await addSigner(campaign, { createdAt: new Date("2026-03-10T11:59:00Z"), confirmed: false });
    await addSigner(campaign, { createdAt: new Date("2026-03-08T23:59:59.999Z") });
    await addSigner(campaign, { createdAt: new Date("2026-03-08T08:00:00Z"), confirmed: false });
    await addSigner(campaign, { createdAt: new Date("2026-03-08T09:00:00Z"), removed: true });
    await addSigner(campaign, { createdAt: new Date("2026-03-06T00:00:00Z") });
    await addSigner(campaign, { createdAt: new Date("2026-03-05T23:59:59Z") }); // before the window
    const other = await createTestCampaign(db);
    await addSigner(other, { createdAt: new Date("2026-03-09T10:00:00Z") });

    expect(await signaturesPerDay(db, campaign.id, 5, now)).toEqual([
      { day: "2026-03-06", signed: 1, confirmed: 1 },
      { day: "2026-03-07", signed: 0, confirmed: 0 },
      { day: "2026-03-08", signed: 2, confirmed: 1 },
      { day: "2026-03-09", signed: 0, confirmed: 0 },
      { day: "2026-03-10", signed: 2, confirmed: 1 },
    ]);
    const month = await signaturesPerDay(db, campaign.id, 30, now);
    expect(month).toHaveLength(30);
    expect(month[0]!.day).toBe("2026-02-09");
    expect(month.reduce((sum, d) => sum + d.signed, 0)).toBe(6);
  });

  test("a campaign nobody signed has a flat series", async () => {
    const campaign = await createTestCampaign(db);
    const series = await signaturesPerDay(db, campaign.id, 7, new Date("2026-01-03T05:00:00Z"));
    expect(series.map((d) => d.day)).toEqual([
      "2025-12-28", "2025-12-29", "2025-12-30", "2025-12-31", "2026-01-01", "2026-01-02", "2026-01-03",
    ]);
    expect(series.every((d) => d.signed === 0 && d.confirmed === 0)).toBe(true);
  });

  test("top countries and sources count confirmed signers, with those not yet confirmed apart; spam left out", async () => {
    const campaign = await createTestCampaign(db);
    for (const [country, n] of [["CA", 3], ["FR", 1], ["MX", 2]] as const) {
      for (let i = 0; i < n; i++) await addSigner(campaign, { country, source: country === "CA" ? "newsletter" : null });
    }
    await addSigner(campaign, { country: "FR", source: "twitter", confirmed: false });
    // Many unconfirmed sign-ups from one place do not put it ahead of confirmed ones.
    for (let i = 0; i < 4; i++) await addSigner(campaign, { country: "US", source: "bot-farm", confirmed: false });
    for (let i = 0; i < 5; i++) await addSigner(campaign, { country: "RU", source: "spam-ring", removed: true });

    expect(await topCountries(db, campaign.id)).toEqual([
      { key: "CA", confirmed: 3, unconfirmed: 0 },
      { key: "MX", confirmed: 2, unconfirmed: 0 },
      { key: "FR", confirmed: 1, unconfirmed: 1 },
      { key: "US", confirmed: 0, unconfirmed: 4 },
    ]);
    expect(await topCountries(db, campaign.id, 1)).toEqual([{ key: "CA", confirmed: 3, unconfirmed: 0 }]);
    expect(await topSources(db, campaign.id)).toEqual([
      // A tie puts named sources before "no source".
      { key: "newsletter", confirmed: 3, unconfirmed: 0 },
      { key: null, confirmed: 3, unconfirmed: 0 },
      { key: "bot-farm", confirmed: 0, unconfirmed: 4 },
      { key: "twitter", confirmed: 0, unconfirmed: 1 },
    ]);
  });

  test("pledge totals: per option, money per currency never mixed, only counted pledges", async () => {
    const campaign = await createTestCampaign(db);
    expect(await pledgeTotals(db, campaign.id)).toEqual({ options: [], money: [] });
    const cad = await createTestOption(db, campaign, { currency: "CAD", goal: 100_000 });
    const eur = await createTestOption(db, campaign, { currency: "EUR" });
    const cadToo = await createTestOption(db, campaign, { currency: "CAD", retiredAt: new Date() });
    const picket = await createTestOption(db, campaign, { kind: "action", goal: 10 });
    await addPledger(db, campaign, [{ optionId: cad.id, amountMinor: 2500 }, { optionId: eur.id, amountMinor: 1000 }, { optionId: picket.id, amountMinor: null }]);
    await addPledger(db, campaign, [{ optionId: cadToo.id, amountMinor: 500 }, { optionId: picket.id, amountMinor: null }]);
    // Neither an unconfirmed signature's pledge nor a spammer's counts.
    await addPledger(db, campaign, [{ optionId: cad.id, amountMinor: 99_900 }], { confirmed: false });
    await addPledger(db, campaign, [{ optionId: cad.id, amountMinor: 88_800 }], { removed: true });

    const totals = await pledgeTotals(db, campaign.id);
    expect(totals.options.map((o) => [o.title === cad.title ? o.currency : o.kind, o.retired, o.totals.pledgers, o.totals.amountMinor])).toEqual([
      ["CAD", false, 1, 2500],
      ["EUR", false, 1, 1000],
      ["CAD", true, 1, 500],
      ["action", false, 2, 0],
    ]);
    expect(totals.money).toEqual([
      { currency: "CAD", pledged: 3000, fulfilled: 0 },
      { currency: "EUR", pledged: 1000, fulfilled: 0 },
    ]);
  });
});
