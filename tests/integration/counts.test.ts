import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { campaignCounters, campaigns, SIGNATURE_COUNTER_SHARDS, type Campaign } from "../../db/schema";
import { confirmedCount, confirmedCounts, findPublicCampaign, listOpenCampaigns, recentPublicSigners } from "~/lib/campaigns.server";
import { confirmSignature, recountConfirmed, signPetition } from "~/lib/signatures.server";
import type { SignInput } from "~/lib/sign-schema";
import { fileDatabaseWithQueue } from "../support/suite";
import { createTestCampaign, findSignature, signInput } from "../support/factories";
import { latestConfirmToken } from "../support/jobs";

const { db, boss, enqueue } = await fileDatabaseWithQueue();

/** Signs and returns the confirmation token. */
async function sign(campaign: Campaign, overrides: Partial<SignInput> = {}): Promise<string> {
  const input = signInput(overrides);
  await signPetition(db, enqueue, { slug: campaign.slug, input, locale: "en" });
  const row = await findSignature(db, campaign.id, input.email);
  return latestConfirmToken(boss, row!.id);
}

/** Signs and confirms, `at` being the confirmation time. */
async function signAndConfirm(campaign: Campaign, overrides: Partial<SignInput> = {}, at?: Date): Promise<void> {
  const token = await sign(campaign, overrides);
  const result = await confirmSignature(db, token, at);
  expect(result.status).toBe("confirmed");
}

describe("confirmed counts", () => {
  test("after a mix of signatures, repeats and concurrent confirmations, the counter equals the rows", async () => {
    const campaign = await createTestCampaign(db);
    const tokens: string[] = [];
    for (let i = 0; i < 60; i++) tokens.push(await sign(campaign));
    // Some sign twice (no effect), some confirm one by one, then 50 confirm at the same moment,
    // each of those pressing twice, while 5 never confirm.
    for (let i = 0; i < 5; i++) {
      const token = tokens[i]!;
      expect((await confirmSignature(db, token)).status).toBe("confirmed");
    }
    const simultaneous = tokens.slice(5, 55);
    const results = await Promise.all([...simultaneous, ...simultaneous].map((token) => confirmSignature(db, token)));

    expect(results.filter((r) => r.status === "confirmed")).toHaveLength(50);
    expect(results.filter((r) => r.status === "already-confirmed")).toHaveLength(50);
    expect(await recountConfirmed(db, campaign.id)).toBe(55);
    expect(await confirmedCount(db, campaign.id)).toBe(55);
  });

  test("the counter is spread over shards, never more rows than SIGNATURE_COUNTER_SHARDS", async () => {
    const campaign = await createTestCampaign(db, { requireConfirmation: false });
    await Promise.all(Array.from({ length: 40 }, () => signPetition(db, enqueue, { slug: campaign.slug, input: signInput(), locale: "en" })));

    const shards = await db.select().from(campaignCounters).where(eq(campaignCounters.campaignId, campaign.id));
    expect(shards.length).toBeGreaterThan(1);
    expect(shards.length).toBeLessThanOrEqual(SIGNATURE_COUNTER_SHARDS);
    expect(shards.reduce((sum, s) => sum + s.confirmed, 0)).toBe(40);
    expect(await confirmedCount(db, campaign.id)).toBe(await recountConfirmed(db, campaign.id));
  });

  test("counts are kept per campaign", async () => {
    const a = await createTestCampaign(db);
    const b = await createTestCampaign(db);
    const empty = await createTestCampaign(db);
    await signAndConfirm(a);
    await signAndConfirm(a);
    await signAndConfirm(b);
    await sign(b); // unconfirmed: not counted

    const counts = await confirmedCounts(db, [a.id, b.id, empty.id]);
    expect(Object.fromEntries(counts)).toEqual({ [a.id]: 2, [b.id]: 1, [empty.id]: 0 });
    expect(await recountConfirmed(db, b.id)).toBe(1);
    expect((await confirmedCounts(db, [])).size).toBe(0);
  });
});

describe("public listings", () => {
  test("listOpenCampaigns shows open campaigns with their counts, and no drafts or closed ones", async () => {
    const open = await createTestCampaign(db);
    const openUntilLater = await createTestCampaign(db, { closesAt: new Date(Date.now() + 86_400_000) });
    const draft = await createTestCampaign(db, { status: "draft" });
    const closed = await createTestCampaign(db, { status: "closed" });
    const pastClosingDate = await createTestCampaign(db, { closesAt: new Date(Date.now() - 60_000) });
    await signAndConfirm(open);
    await signAndConfirm(open);
    await signAndConfirm(openUntilLater);
    await sign(openUntilLater);

    const listed = await listOpenCampaigns(db);
    const byId = new Map(listed.map((c) => [c.id, c]));

    expect(byId.get(open.id)?.confirmedCount).toBe(2);
    expect(byId.get(openUntilLater.id)?.confirmedCount).toBe(1);
    for (const hidden of [draft, closed, pastClosingDate]) expect(byId.has(hidden.id), hidden.slug).toBe(false);
    for (const c of listed) {
      expect(c.status).toBe("open");
      expect(c.confirmedCount).toBe(await recountConfirmed(db, c.id));
    }
    // A later `now` passes the closing date.
    const tomorrowAndABit = new Date(Date.now() + 2 * 86_400_000);
    expect((await listOpenCampaigns(db, tomorrowAndABit)).some((c) => c.id === openUntilLater.id)).toBe(false);
  });

  test("newest campaigns are listed first", async () => {
    const older = await createTestCampaign(db, { createdAt: new Date(Date.now() - 3_600_000) });
    const newer = await createTestCampaign(db, { createdAt: new Date(Date.now() + 3_600_000) });
    const ids = (await listOpenCampaigns(db)).map((c) => c.id);
    expect(ids.indexOf(newer.id)).toBeLessThan(ids.indexOf(older.id));
  });

  test("a draft has no public page; a closed campaign keeps one with its final count", async () => {
    const draft = await createTestCampaign(db, { status: "draft" });
    const closing = await createTestCampaign(db);
    await signAndConfirm(closing);
    await db.update(campaigns).set({ status: "closed" }).where(eq(campaigns.id, closing.id));

    expect(await findPublicCampaign(db, draft.slug)).toBeNull();
    expect(await findPublicCampaign(db, closing.slug)).toMatchObject({ id: closing.id, status: "closed", confirmedCount: 1 });
  });

  test("recent signers show only confirmed signers who chose to show their name, with the last initial only", async () => {
    const campaign = await createTestCampaign(db);
    const t = Date.now() - 3_600_000;
    await signAndConfirm(campaign, { firstName: "Ana", lastName: "García", country: "MX", message: "¡Solidaridad!", showName: true }, new Date(t));
    await signAndConfirm(campaign, { firstName: "Hidden", lastName: "Person", showName: false }, new Date(t + 1000));
    await sign(campaign, { firstName: "Unconfirmed", lastName: "Shown", showName: true });
    await signAndConfirm(campaign, { firstName: "Émile", lastName: "ørsted", country: "DK", showName: true }, new Date(t + 2000));

    const signers = await recentPublicSigners(db, campaign.id);

    expect(signers).toEqual([
      { firstName: "Émile", lastInitial: "Ø", country: "DK", message: null, confirmedAt: new Date(t + 2000) },
      { firstName: "Ana", lastInitial: "G", country: "MX", message: "¡Solidaridad!", confirmedAt: new Date(t) },
    ]);
    const shown = JSON.stringify(signers);
    for (const secret of ["García", "ørsted", "Hidden", "Unconfirmed", "@"]) expect(shown).not.toContain(secret);
  });

  test("recent signers are limited and newest first", async () => {
    const campaign = await createTestCampaign(db);
    const t = Date.now() - 3_600_000;
    for (let i = 0; i < 5; i++) {
      await signAndConfirm(campaign, { firstName: `Signer${i}`, showName: true }, new Date(t + i * 1000));
    }
    const signers = await recentPublicSigners(db, campaign.id, 3);
    expect(signers.map((s) => s.firstName)).toEqual(["Signer4", "Signer3", "Signer2"]);
  });
});
