import type { PgBoss } from "pg-boss";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import type { Database } from "../../db/client.server";
import type { Campaign } from "../../db/schema";
import { confirmedCount } from "~/lib/campaigns.server";
import { resendTransport } from "~/lib/mail-transport.server";
import { EMAIL_QUEUE, emailEnqueuer, startEmailWorker, startJobQueue } from "~/lib/jobs.server";
import { confirmSignature, signPetition } from "~/lib/signatures.server";
import { openTestDatabase, type TestDatabase } from "../support/db";
import { startFakeResend, type FakeEmail, type FakeResend } from "../support/fake-resend";
import { createTestCampaign, findSignature, signInput } from "../support/factories";
import { emailJobsFor, latestConfirmToken, waitFor } from "../support/jobs";

const APP_URL = "https://picket.test";
const MAIL_FROM = "Picket <picket@example.org>";

let handle: TestDatabase;
let db: Database;
let fake: FakeResend;
let boss: PgBoss | undefined;

beforeAll(async () => {
  handle = await openTestDatabase();
  db = handle.db;
  fake = await startFakeResend();
});

afterEach(async () => {
  if (boss) {
    // Nothing a test left behind may be picked up by the next one's worker.
    await boss.offWork(EMAIL_QUEUE);
    await boss.deleteAllJobs(EMAIL_QUEUE);
    await boss.stop({ graceful: false });
    boss = undefined;
  }
  fake.clear();
});

afterAll(async () => {
  await fake?.close();
  await handle?.close();
});

interface MailSetup {
  maxAttempts?: number;
  mailFrom?: string;
}

/** A queue and a worker sending through the real Resend SDK to the fake. */
async function startMail({ maxAttempts = 5, mailFrom = MAIL_FROM }: MailSetup = {}): Promise<PgBoss> {
  boss = await startJobQueue(handle, { maxAttempts, retryDelaySeconds: 1 });
  await startEmailWorker(
    boss,
    { db, transport: resendTransport("re_test", fake.url), appUrl: APP_URL, mailFrom, rateLimit: 50 },
    { pollingIntervalSeconds: 0.5 },
  );
  return boss;
}

async function signAs(campaign: Campaign, queue: PgBoss, email: string) {
  const result = await signPetition(db, emailEnqueuer(queue), { slug: campaign.slug, input: signInput({ email, firstName: "Rosa" }), locale: "en" });
  const row = await findSignature(db, campaign.id, email);
  return { result, signatureId: row!.id };
}

const to = (email: string) => (e: FakeEmail) => e.to.includes(email);
const sentTo = (email: string) => fake.emails.filter(to(email));

/** Waits until every email job of the signature is finished, and returns their states. */
async function settledJobStates(queue: PgBoss, signatureId: number, timeoutMs = 20_000): Promise<string[]> {
  return waitFor(
    `jobs of signature ${signatureId} to settle`,
    async () => {
      const jobs = await emailJobsFor(queue, signatureId);
      const states = jobs.map((j) => j.state);
      return jobs.length > 0 && states.every((s) => s === "completed" || s === "failed" || s === "cancelled") ? states : undefined;
    },
    timeoutMs,
    200,
  );
}

function uniqueEmail(label: string): string {
  return `${label}.${Date.now()}.${Math.random().toString(36).slice(2, 8)}@example.org`;
}

describe("the email worker", () => {
  test("delivers the confirmation email with the link in HTML and text, and an idempotency key", async () => {
    const queue = await startMail();
    const campaign = await createTestCampaign(db, { title: "Stand with the posties" });
    const email = uniqueEmail("rosa");
    const { signatureId } = await signAs(campaign, queue, email);
    const token = await latestConfirmToken(queue, signatureId);
    const [job] = await emailJobsFor(queue, signatureId);

    const sent = await fake.waitForEmail(to(email), 15_000);

    expect(sent.from).toBe(MAIL_FROM);
    expect(sent.to).toEqual([email]);
    expect(sent.subject).toBe("Confirm your signature: Stand with the posties");
    const link = `${APP_URL}/confirm/${token}`;
    expect(sent.html).toContain(`href="${link}"`);
    expect(sent.text).toContain(link);
    // The token travels in the path; no query string follows it.
    for (const body of [sent.html!, sent.text!]) {
      const found = [...body.matchAll(/\/confirm\/([^\s"'<>)\]]+)/g)].map((m) => m[1]);
      expect(found.length).toBeGreaterThan(0);
      expect(new Set(found)).toEqual(new Set([token]));
    }
    expect(sent.idempotencyKey).toBe(`picket-email-${job!.id}`);
    expect(await settledJobStates(queue, signatureId)).toEqual(["completed"]);

    // The link in the email is the one that confirms.
    const linked = /\/confirm\/([A-Za-z0-9_-]+)/.exec(sent.text!)?.[1];
    expect(await confirmSignature(db, linked!)).toEqual({ status: "confirmed", slug: campaign.slug, signatureId: expect.any(Number) });
    expect(await confirmedCount(db, campaign.id)).toBe(1);
  });

  test("someone already confirmed who signs again is sent the 'already signed' email with the campaign link", async () => {
    const queue = await startMail();
    const campaign = await createTestCampaign(db, { title: "Tamaulipas strike" });
    const email = uniqueEmail("again");
    const t0 = new Date(Date.now() - 3 * 86_400_000);
    await signPetition(db, emailEnqueuer(queue), { slug: campaign.slug, input: signInput({ email }), locale: "en", now: t0 });
    const signatureId = (await findSignature(db, campaign.id, email))!.id;
    await confirmSignature(db, await latestConfirmToken(queue, signatureId), t0);
    await fake.waitForEmail(to(email), 15_000);

    await signPetition(db, emailEnqueuer(queue), { slug: campaign.slug, input: signInput({ email }), locale: "en" });

    const note = await fake.waitForEmail((e) => to(email)(e) && e.subject.startsWith("You have already signed"), 15_000);
    expect(note.subject).toBe("You have already signed: Tamaulipas strike");
    expect(note.html).toContain(`${APP_URL}/c/${campaign.slug}`);
    expect(note.text).not.toMatch(/\/confirm\//);
  });

  test("a 500 from Resend on the first attempts is retried and the email arrives exactly once", async () => {
    const queue = await startMail({ maxAttempts: 5 });
    const campaign = await createTestCampaign(db);
    const email = uniqueEmail("retry500");
    fake.failNext(500, 2);

    const { signatureId } = await signAs(campaign, queue, email);

    expect(await settledJobStates(queue, signatureId)).toEqual(["completed"]);
    expect(fake.requests).toBe(3);
    expect(sentTo(email)).toHaveLength(1);
  });

  test("a 429 with Retry-After is honoured, then the email arrives exactly once", async () => {
    const queue = await startMail({ maxAttempts: 5 });
    const campaign = await createTestCampaign(db);
    const email = uniqueEmail("retry429");
    fake.failNext(429, 1, { retryAfterSeconds: 1 });
    const started = Date.now();

    const { signatureId } = await signAs(campaign, queue, email);

    const sent = await fake.waitForEmail(to(email), 20_000);
    expect(sent.receivedAt - started).toBeGreaterThanOrEqual(1000);
    expect(await settledJobStates(queue, signatureId)).toEqual(["completed"]);
    expect(fake.requests).toBe(2);
    expect(sentTo(email)).toHaveLength(1);
  });

  test("while Resend is down signing still succeeds, and the email goes out once it is back", async () => {
    const queue = await startMail({ maxAttempts: 10 });
    const campaign = await createTestCampaign(db);
    const email = uniqueEmail("down");
    fake.setDown(true);

    const { result, signatureId } = await signAs(campaign, queue, email);
    expect(result).toEqual({ status: "received", confirmationRequired: true });

    await waitFor("a delivery attempt while down", async () => (fake.requests >= 1 ? true : undefined));
    expect(fake.emails).toHaveLength(0);
    const [job] = await emailJobsFor(queue, signatureId);
    expect(job?.state).not.toBe("completed");

    fake.setDown(false);
    await fake.waitForEmail(to(email), 20_000);
    expect(await settledJobStates(queue, signatureId)).toEqual(["completed"]);
    expect(sentTo(email)).toHaveLength(1);
  });

  test("a permanent refusal (422) is not retried", async () => {
    // An unusable sender address makes Resend answer 422 validation_error, every time.
    const queue = await startMail({ maxAttempts: 5, mailFrom: "Picket without an address" });
    const campaign = await createTestCampaign(db);
    const email = uniqueEmail("refused");

    const { signatureId } = await signAs(campaign, queue, email);

    expect(await settledJobStates(queue, signatureId)).toEqual(["completed"]);
    // Longer than the first retry delay: a retry would have happened by now.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(fake.requests).toBe(1);
    expect(fake.emails).toHaveLength(0);
    const [job] = await emailJobsFor(queue, signatureId);
    expect(job?.retryCount).toBe(0);
  });

  test("after the last attempt the job ends failed", async () => {
    const queue = await startMail({ maxAttempts: 2 });
    const campaign = await createTestCampaign(db);
    const email = uniqueEmail("failed");
    fake.failNext(503, 10);

    const { signatureId } = await signAs(campaign, queue, email);

    expect(await settledJobStates(queue, signatureId)).toEqual(["failed"]);
    expect(fake.requests).toBe(2);
    expect(fake.emails).toHaveLength(0);
    const [job] = await emailJobsFor(queue, signatureId);
    expect(job?.retryCount).toBe(1);
  });

  test("a job whose signature is gone completes without sending anything", async () => {
    const queue = await startMail();
    const missing = { kind: "already-signed", signatureId: 2_000_000_000 } as const;
    await db.transaction((tx) => emailEnqueuer(queue)(tx, missing));

    expect(await settledJobStates(queue, missing.signatureId)).toEqual(["completed"]);
    expect(fake.requests).toBe(0);
  });
});
