import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { campaigns, type Campaign } from "../../db/schema";
import { confirmedCount } from "~/lib/campaigns.server";
import { newToken } from "~/lib/crypto.server";
import { confirmSignature, findConfirmation, recountConfirmed, signPetition } from "~/lib/signatures.server";
import { fileDatabaseWithQueue } from "../support/suite";
import { createTestCampaign, findSignature, signInput } from "../support/factories";
import { latestConfirmToken } from "../support/jobs";

const { db, boss, enqueue } = await fileDatabaseWithQueue();

/** Signs `campaign` with a fresh signer and returns the token from the confirmation email job. */
async function signAndGetToken(campaign: Campaign, now?: Date): Promise<{ token: string; email: string }> {
  const input = signInput();
  const result = await signPetition(db, enqueue, { slug: campaign.slug, input, locale: "en", ...(now ? { now } : {}) });
  expect(result.status).toBe("received");
  const row = await findSignature(db, campaign.id, input.email);
  return { token: await latestConfirmToken(boss, row!.id), email: input.email };
}

describe("confirming a signature", () => {
  test("opening the link (findConfirmation) shows what it confirms and changes nothing", async () => {
    const campaign = await createTestCampaign(db, { title: "Hands off the right to strike" });
    const { token, email } = await signAndGetToken(campaign);

    const target = await findConfirmation(db, token);
    await findConfirmation(db, token);

    const row = await findSignature(db, campaign.id, email);
    expect(target).toMatchObject({
      signatureId: row!.id,
      confirmed: false,
      campaign: { id: campaign.id, slug: campaign.slug, title: "Hands off the right to strike", status: "open" },
    });
    expect(row!.confirmedAt).toBeNull();
    expect(await confirmedCount(db, campaign.id)).toBe(0);
  });

  test("pressing confirm confirms the signature once and counts it", async () => {
    const campaign = await createTestCampaign(db);
    const { token, email } = await signAndGetToken(campaign);
    const at = new Date(Date.now() - 5000);

    expect(await confirmSignature(db, token, at)).toEqual({ status: "confirmed", slug: campaign.slug, signatureId: expect.any(Number) });

    const row = await findSignature(db, campaign.id, email);
    expect(row!.confirmedAt?.getTime()).toBe(at.getTime());
    expect(await confirmedCount(db, campaign.id)).toBe(1);
    expect(await findConfirmation(db, token)).toMatchObject({ confirmed: true });
  });

  test("pressing confirm twice is harmless and counts once", async () => {
    const campaign = await createTestCampaign(db);
    const { token } = await signAndGetToken(campaign);

    expect(await confirmSignature(db, token)).toEqual({ status: "confirmed", slug: campaign.slug, signatureId: expect.any(Number) });
    expect(await confirmSignature(db, token)).toEqual({ status: "already-confirmed", slug: campaign.slug, signatureId: expect.any(Number) });
    expect(await confirmedCount(db, campaign.id)).toBe(1);
    expect(await recountConfirmed(db, campaign.id)).toBe(1);
  });

  test("ten simultaneous presses of one link count once", async () => {
    const campaign = await createTestCampaign(db);
    const { token } = await signAndGetToken(campaign);

    const results = await Promise.all(Array.from({ length: 10 }, () => confirmSignature(db, token)));

    expect(results.filter((r) => r.status === "confirmed")).toHaveLength(1);
    expect(results.filter((r) => r.status === "already-confirmed")).toHaveLength(9);
    expect(await confirmedCount(db, campaign.id)).toBe(1);
  });

  test("a wrong token is invalid and confirms nobody", async () => {
    const campaign = await createTestCampaign(db);
    const { token, email } = await signAndGetToken(campaign);
    const tampered = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;

    for (const wrong of [newToken(), tampered, "", "not-a-token", `${token}x`, token.toUpperCase() === token ? token.toLowerCase() : token.toUpperCase()]) {
      expect(await findConfirmation(db, wrong), wrong).toBeNull();
      expect(await confirmSignature(db, wrong), wrong).toEqual({ status: "invalid" });
    }
    expect((await findSignature(db, campaign.id, email))!.confirmedAt).toBeNull();
    expect(await confirmedCount(db, campaign.id)).toBe(0);
  });

  test("a campaign closed after signing refuses the confirmation", async () => {
    const campaign = await createTestCampaign(db);
    const { token, email } = await signAndGetToken(campaign);
    await db.update(campaigns).set({ status: "closed" }).where(eq(campaigns.id, campaign.id));

    expect(await confirmSignature(db, token)).toEqual({ status: "closed", slug: campaign.slug });
    expect((await findSignature(db, campaign.id, email))!.confirmedAt).toBeNull();
    expect(await confirmedCount(db, campaign.id)).toBe(0);
  });

  test("a confirmation after the closing date is refused", async () => {
    const closesAt = new Date(Date.now() + 60_000);
    const campaign = await createTestCampaign(db, { closesAt });
    const { token } = await signAndGetToken(campaign);

    expect(await confirmSignature(db, token, new Date(closesAt.getTime() + 1))).toEqual({
      status: "closed",
      slug: campaign.slug,
    });
    expect(await confirmedCount(db, campaign.id)).toBe(0);
    // Before the closing date the same link still works.
    expect(await confirmSignature(db, token, new Date(closesAt.getTime() - 1))).toMatchObject({ status: "confirmed" });
  });

  test("a signature confirmed before the campaign closed stays confirmed", async () => {
    const campaign = await createTestCampaign(db);
    const { token } = await signAndGetToken(campaign);
    await confirmSignature(db, token);
    await db.update(campaigns).set({ status: "closed" }).where(eq(campaigns.id, campaign.id));

    expect(await confirmSignature(db, token)).toEqual({ status: "already-confirmed", slug: campaign.slug, signatureId: expect.any(Number) });
    expect(await confirmedCount(db, campaign.id)).toBe(1);
  });
});
