import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { campaigns } from "../../db/schema";
import { confirmedCount } from "~/lib/campaigns.server";
import { hashIp, hashToken, isWellFormedToken } from "~/lib/crypto.server";
import type { EmailJob } from "~/lib/email-jobs";
import { EMAIL_QUEUE } from "~/lib/jobs.server";
import {
  ALREADY_SIGNED_NOTE_AFTER_MS,
  CONFIRMATION_RESEND_AFTER_MS,
  confirmSignature,
  findConfirmation,
  MAX_EMAILS_PER_SIGNATURE,
  signPetition,
  type EnqueueEmail,
} from "~/lib/signatures.server";
import { fileDatabaseWithQueue } from "../support/suite";
import { createTestCampaign, findSignature, signaturesOf, signInput, uniqueSuffix } from "../support/factories";
import { emailJobsFor, latestConfirmToken } from "../support/jobs";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const { db, boss, enqueue } = await fileDatabaseWithQueue();

async function allEmailJobCount(): Promise<number> {
  return (await boss.findJobs(EMAIL_QUEUE, { limit: 100_000 })).length;
}

async function signatureId(campaignId: number, email: string): Promise<number> {
  const row = await findSignature(db, campaignId, email);
  if (!row) throw new Error(`no signature for ${email}`);
  return row.id;
}

describe("signing a petition", () => {
  test("stores one row with the normalized email, the hashed IP, the source and the locale", async () => {
    const campaign = await createTestCampaign(db);
    const email = `Rosa.Parks.${uniqueSuffix()}@Example.ORG`;
    const ipHash = hashIp("203.0.113.9", "s".repeat(32));

    const result = await signPetition(db, enqueue, {
      slug: campaign.slug,
      input: signInput({ email, firstName: "Rosa", lastName: "Parks", country: "US", message: "Solidarity!", showName: true }),
      locale: "fr",
      source: "cupw-local-12",
      ipHash,
    });

    expect(result).toEqual({ status: "received", confirmationRequired: true });
    const rows = await signaturesOf(db, campaign.id);
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row).toMatchObject({
      firstName: "Rosa",
      lastName: "Parks",
      email,
      emailNormalized: email.toLowerCase(),
      country: "US",
      message: "Solidarity!",
      showName: true,
      updatesOptIn: false,
      locale: "fr",
      source: "cupw-local-12",
      ipHash,
      confirmedAt: null,
      emailsSent: 1,
    });
    expect(row?.ipHash).not.toContain("203.0.113.9");
    expect(await confirmedCount(db, campaign.id)).toBe(0);
  });

  test("without a locale the signature is stored in the campaign's language", async () => {
    const campaign = await createTestCampaign(db, { language: "es" });
    const input = signInput();
    await signPetition(db, enqueue, { slug: campaign.slug, input });
    expect((await findSignature(db, campaign.id, input.email))?.locale).toBe("es");
  });

  test("queues one confirmation email whose token matches the stored hash (the token itself is not stored)", async () => {
    const campaign = await createTestCampaign(db);
    const input = signInput();
    await signPetition(db, enqueue, { slug: campaign.slug, input, locale: "en" });

    const row = await findSignature(db, campaign.id, input.email);
    const jobs = await emailJobsFor(boss, row!.id);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.data.kind).toBe("confirm");
    const token = await latestConfirmToken(boss, row!.id);
    expect(isWellFormedToken(token)).toBe(true);
    expect(row!.confirmTokenHash).toBe(hashToken(token));
    expect(Object.values(row!)).not.toContain(token);
  });

  test("the email job commits with the signature: if the transaction fails, neither exists", async () => {
    const campaign = await createTestCampaign(db);
    const input = signInput();
    const jobsBefore = await allEmailJobCount();
    let attempted: EmailJob | undefined;
    const enqueueThenFail: EnqueueEmail = async (tx, job) => {
      await enqueue(tx, job);
      attempted = job;
      throw new Error("the database went away after the job was queued");
    };

    await expect(signPetition(db, enqueueThenFail, { slug: campaign.slug, input, locale: "en" })).rejects.toThrow(
      /went away/,
    );

    expect(attempted?.kind).toBe("confirm");
    expect(await findSignature(db, campaign.id, input.email)).toBeUndefined();
    expect(await emailJobsFor(boss, (attempted as Extract<EmailJob, { kind: "confirm" }>).signatureId)).toEqual([]);
    expect(await allEmailJobCount()).toBe(jobsBefore);
  });

  test("a job queued in a transaction that throws is rolled back; one that commits is kept", async () => {
    const rolledBack = { kind: "already-signed", signatureId: -Math.floor(Math.random() * 1e9) - 1 } as const;
    const committed = { kind: "already-signed", signatureId: rolledBack.signatureId - 1 } as const;

    await expect(
      db.transaction(async (tx) => {
        await enqueue(tx, rolledBack);
        throw new Error("rollback");
      }),
    ).rejects.toThrow("rollback");
    await db.transaction(async (tx) => {
      await enqueue(tx, committed);
    });

    expect(await emailJobsFor(boss, rolledBack.signatureId)).toHaveLength(0);
    expect(await emailJobsFor(boss, committed.signatureId)).toHaveLength(1);
  });

  test("signing twice with the same email in another letter case keeps one signature and answers the same", async () => {
    const campaign = await createTestCampaign(db);
    const local = `maria.${uniqueSuffix()}`;
    const first = await signPetition(db, enqueue, {
      slug: campaign.slug,
      input: signInput({ email: `${local}@example.org`, firstName: "Maria" }),
      locale: "en",
    });
    const second = await signPetition(db, enqueue, {
      slug: campaign.slug,
      input: signInput({ email: `${local.toUpperCase()}@EXAMPLE.org`, firstName: "Someone Else" }),
      locale: "en",
    });

    expect(second).toEqual(first);
    const rows = await signaturesOf(db, campaign.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.firstName).toBe("Maria");
    expect(await emailJobsFor(boss, rows[0]!.id)).toHaveLength(1);
  });

  test("the same email may sign different campaigns", async () => {
    const a = await createTestCampaign(db);
    const b = await createTestCampaign(db);
    const input = signInput();
    await signPetition(db, enqueue, { slug: a.slug, input, locale: "en" });
    await signPetition(db, enqueue, { slug: b.slug, input, locale: "en" });
    expect(await signaturesOf(db, a.id)).toHaveLength(1);
    expect(await signaturesOf(db, b.id)).toHaveLength(1);
  });

  test("20 concurrent signings with one email store exactly one signature and at most one email job", async () => {
    const campaign = await createTestCampaign(db);
    const email = `flood.${uniqueSuffix()}@example.org`;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        signPetition(db, enqueue, {
          slug: campaign.slug,
          // Same address, different letter cases and names: all one person as far as the index goes.
          input: signInput({ email: i % 2 ? email.toUpperCase() : email, firstName: `Attempt${i}` }),
          locale: "en",
        }),
      ),
    );

    expect(results.every((r) => r.status === "received")).toBe(true);
    const rows = await signaturesOf(db, campaign.id);
    expect(rows).toHaveLength(1);
    const jobs = await emailJobsFor(boss, rows[0]!.id);
    expect(jobs.length).toBeLessThanOrEqual(1);
    expect(rows[0]!.emailsSent).toBe(jobs.length);
  });

  test("a filled honeypot gets the same answer as a person, and nothing is stored or sent", async () => {
    const campaign = await createTestCampaign(db);
    const jobsBefore = await allEmailJobCount();
    const person = await signPetition(db, enqueue, { slug: campaign.slug, input: signInput(), locale: "en" });
    const afterPerson = await allEmailJobCount();

    const bot = await signPetition(db, enqueue, {
      slug: campaign.slug,
      input: signInput({ website: "http://cheap-pills.example" }),
      locale: "en",
    });

    expect(bot).toEqual(person);
    expect(await signaturesOf(db, campaign.id)).toHaveLength(1);
    expect(afterPerson).toBe(jobsBefore + 1);
    expect(await allEmailJobCount()).toBe(afterPerson);
  });

  test("a campaign without confirmation counts the signature at once and sends nothing", async () => {
    const campaign = await createTestCampaign(db, { requireConfirmation: false });
    const input = signInput();
    const now = new Date();
    const result = await signPetition(db, enqueue, { slug: campaign.slug, input, locale: "en", now });

    const row = await findSignature(db, campaign.id, input.email);
    // The new signer may pledge from the thank-you page: the route puts this id in their cookie.
    expect(result).toEqual({ status: "received", confirmationRequired: false, pledgerSignatureId: row?.id });
    expect(row?.confirmedAt?.getTime()).toBe(now.getTime());
    expect(row?.confirmTokenHash).toBeNull();
    expect(await emailJobsFor(boss, row!.id)).toHaveLength(0);
    expect(await confirmedCount(db, campaign.id)).toBe(1);
  });
});

describe("campaigns that do not take signatures", () => {
  test("a closed campaign refuses signing and stores nothing", async () => {
    const campaign = await createTestCampaign(db, { status: "closed" });
    const jobsBefore = await allEmailJobCount();
    const result = await signPetition(db, enqueue, { slug: campaign.slug, input: signInput(), locale: "en" });
    expect(result).toEqual({ status: "closed" });
    expect(await signaturesOf(db, campaign.id)).toHaveLength(0);
    expect(await allEmailJobCount()).toBe(jobsBefore);
  });

  test("an open campaign past its closing date refuses signing", async () => {
    const campaign = await createTestCampaign(db, { closesAt: new Date(Date.now() - MINUTE) });
    const result = await signPetition(db, enqueue, { slug: campaign.slug, input: signInput(), locale: "en" });
    expect(result).toEqual({ status: "closed" });
    expect(await signaturesOf(db, campaign.id)).toHaveLength(0);
  });

  test("the closing date is judged at the moment of signing", async () => {
    const closesAt = new Date(Date.now() + 60 * MINUTE);
    const campaign = await createTestCampaign(db, { closesAt });
    const before = await signPetition(db, enqueue, {
      slug: campaign.slug,
      input: signInput(),
      locale: "en",
      now: new Date(closesAt.getTime() - 1000),
    });
    const after = await signPetition(db, enqueue, {
      slug: campaign.slug,
      input: signInput(),
      locale: "en",
      now: new Date(closesAt.getTime() + 1000),
    });
    expect(before.status).toBe("received");
    expect(after).toEqual({ status: "closed" });
    expect(await signaturesOf(db, campaign.id)).toHaveLength(1);
  });

  test("a draft campaign does not exist for signers", async () => {
    const campaign = await createTestCampaign(db, { status: "draft" });
    const result = await signPetition(db, enqueue, { slug: campaign.slug, input: signInput(), locale: "en" });
    expect(result).toEqual({ status: "not-found" });
    expect(await signaturesOf(db, campaign.id)).toHaveLength(0);
  });

  test("an unknown slug is not found", async () => {
    const result = await signPetition(db, enqueue, { slug: `no-such-${uniqueSuffix()}`, input: signInput(), locale: "en" });
    expect(result).toEqual({ status: "not-found" });
  });
});

describe("signing again", () => {
  test("an unconfirmed signer gets a new confirmation email only after 10 minutes, and only the new link works", async () => {
    const campaign = await createTestCampaign(db);
    const input = signInput();
    const t0 = new Date(Date.now() - DAY);
    const sign = (at: number) => signPetition(db, enqueue, { slug: campaign.slug, input, locale: "en", now: new Date(at) });

    await sign(t0.getTime());
    const id = await signatureId(campaign.id, input.email);
    const firstToken = await latestConfirmToken(boss, id);

    await sign(t0.getTime() + CONFIRMATION_RESEND_AFTER_MS - 1000);
    expect(await emailJobsFor(boss, id)).toHaveLength(1);
    expect(await findConfirmation(db, firstToken)).not.toBeNull();

    await sign(t0.getTime() + CONFIRMATION_RESEND_AFTER_MS + 1000);
    const jobs = await emailJobsFor(boss, id);
    expect(jobs.map((j) => j.data.kind)).toEqual(["confirm", "confirm"]);
    const secondToken = await latestConfirmToken(boss, id);
    expect(secondToken).not.toBe(firstToken);

    expect(await findConfirmation(db, firstToken)).toBeNull();
    expect(await confirmSignature(db, firstToken)).toEqual({ status: "invalid" });
    expect(await confirmSignature(db, secondToken)).toEqual({ status: "confirmed", slug: campaign.slug, signatureId: expect.any(Number) });
    expect(await confirmedCount(db, campaign.id)).toBe(1);
  });

  test("20 simultaneous re-signs after 10 minutes send one new confirmation, not twenty", async () => {
    const campaign = await createTestCampaign(db);
    const input = signInput();
    const t0 = Date.now() - DAY;
    await signPetition(db, enqueue, { slug: campaign.slug, input, locale: "en", now: new Date(t0) });
    const id = await signatureId(campaign.id, input.email);

    const later = new Date(t0 + CONFIRMATION_RESEND_AFTER_MS + MINUTE);
    await Promise.all(
      Array.from({ length: 20 }, () => signPetition(db, enqueue, { slug: campaign.slug, input, locale: "en", now: later })),
    );

    const jobs = await emailJobsFor(boss, id);
    expect(jobs.map((j) => j.data.kind)).toEqual(["confirm", "confirm"]);
    const row = await findSignature(db, campaign.id, input.email);
    expect(row!.emailsSent).toBe(2);
    // The stored hash belongs to the token that was actually sent last.
    expect(row!.confirmTokenHash).toBe(hashToken(await latestConfirmToken(boss, id)));
  });

  test("a confirmed signer is told they already signed at most once a day", async () => {
    const campaign = await createTestCampaign(db);
    const input = signInput();
    const t0 = Date.now() - 10 * DAY;
    const sign = (at: number) => signPetition(db, enqueue, { slug: campaign.slug, input, locale: "en", now: new Date(at) });

    await sign(t0);
    const id = await signatureId(campaign.id, input.email);
    expect(await confirmSignature(db, await latestConfirmToken(boss, id), new Date(t0 + MINUTE))).toMatchObject({
      status: "confirmed",
    });
    const kinds = async () => (await emailJobsFor(boss, id)).map((j) => j.data.kind);

    await sign(t0 + 2 * MINUTE);
    await sign(t0 + ALREADY_SIGNED_NOTE_AFTER_MS - MINUTE);
    expect(await kinds()).toEqual(["confirm"]);

    await sign(t0 + ALREADY_SIGNED_NOTE_AFTER_MS + MINUTE);
    expect(await kinds()).toEqual(["confirm", "already-signed"]);

    await sign(t0 + ALREADY_SIGNED_NOTE_AFTER_MS + 2 * MINUTE);
    await sign(t0 + 2 * ALREADY_SIGNED_NOTE_AFTER_MS);
    expect(await kinds()).toEqual(["confirm", "already-signed"]);

    await sign(t0 + 2 * ALREADY_SIGNED_NOTE_AFTER_MS + 2 * MINUTE);
    expect(await kinds()).toEqual(["confirm", "already-signed", "already-signed"]);
    // Still one signature, still counted once.
    expect(await signaturesOf(db, campaign.id)).toHaveLength(1);
    expect(await confirmedCount(db, campaign.id)).toBe(1);
  });

  test("an unconfirmed signature never causes more than 5 emails, however often it is signed again", async () => {
    const campaign = await createTestCampaign(db);
    const input = signInput();
    const t0 = Date.now() - 10 * DAY;
    for (let i = 0; i < 12; i++) {
      await signPetition(db, enqueue, { slug: campaign.slug, input, locale: "en", now: new Date(t0 + i * 11 * MINUTE) });
    }
    const row = await findSignature(db, campaign.id, input.email);
    const jobs = await emailJobsFor(boss, row!.id);
    expect(MAX_EMAILS_PER_SIGNATURE).toBe(5);
    expect(jobs).toHaveLength(MAX_EMAILS_PER_SIGNATURE);
    expect(row!.emailsSent).toBe(MAX_EMAILS_PER_SIGNATURE);
    // The last link sent still works: the cap stops emails, not confirmation.
    expect(await confirmSignature(db, await latestConfirmToken(boss, row!.id))).toMatchObject({ status: "confirmed" });
  });

  test("a confirmed signature never causes more than 5 emails in all", async () => {
    const campaign = await createTestCampaign(db);
    const input = signInput();
    const t0 = Date.now() - 30 * DAY;
    await signPetition(db, enqueue, { slug: campaign.slug, input, locale: "en", now: new Date(t0) });
    const id = await signatureId(campaign.id, input.email);
    await confirmSignature(db, await latestConfirmToken(boss, id), new Date(t0 + MINUTE));
    for (let day = 1; day <= 10; day++) {
      await signPetition(db, enqueue, { slug: campaign.slug, input, locale: "en", now: new Date(t0 + day * DAY + day * MINUTE) });
    }
    const kinds = (await emailJobsFor(boss, id)).map((j) => j.data.kind);
    expect(kinds).toEqual(["confirm", "already-signed", "already-signed", "already-signed", "already-signed"]);
  });

  test("signing again on a closed campaign sends nothing", async () => {
    const campaign = await createTestCampaign(db);
    const input = signInput();
    const t0 = Date.now() - DAY;
    await signPetition(db, enqueue, { slug: campaign.slug, input, locale: "en", now: new Date(t0) });
    await db.update(campaigns).set({ status: "closed" }).where(eq(campaigns.id, campaign.id));

    const result = await signPetition(db, enqueue, { slug: campaign.slug, input, locale: "en" });
    expect(result).toEqual({ status: "closed" });
    expect(await emailJobsFor(boss, await signatureId(campaign.id, input.email))).toHaveLength(1);
  });
});
