import type { PgBoss } from "pg-boss";
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { queryRows, type Database } from "../../db/client.server";
import type { Campaign } from "../../db/schema";
import { confirmedCount } from "~/lib/campaigns.server";
import { createSignInLinkToken, inviteMember, requestEmailedLink } from "~/lib/auth-tokens.server";
import { hashToken, isWellFormedToken } from "~/lib/crypto.server";
import { resendTransport } from "~/lib/mail-transport.server";
import { EMAIL_QUEUE, emailEnqueuer, startEmailWorker, startJobQueue } from "~/lib/jobs.server";
import { confirmSignature, signPetition } from "~/lib/signatures.server";
import { openTestDatabase, type TestDatabase } from "../support/db";
import { startFakeResend, type FakeEmail, type FakeResend } from "../support/fake-resend";
import { createTestCampaign, findSignature, signInput } from "../support/factories";
import { emailJobsFor, openedEmailJobs, TEST_SEAL_KEY, waitFor } from "../support/jobs";
import { recordingLog } from "../support/log";
import { addMember, createTestGroup, createTestOrganizer } from "../support/organizer-factories";

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

/** What the worker of the current test reported (failed attempts, refusals, dropped jobs). */
let mailLog = recordingLog();

/** The worker's dependencies: the real Resend SDK sending to the fake, and the recording log. */
function mailDeps(mailFrom = MAIL_FROM) {
  mailLog = recordingLog();
  return { db, transport: resendTransport("re_test", fake.url), appUrl: APP_URL, mailFrom, rateLimit: 50, sealKey: TEST_SEAL_KEY, log: mailLog };
}

/** A queue and a worker sending through the real Resend SDK to the fake. */
async function startMail({ maxAttempts = 5, mailFrom = MAIL_FROM }: MailSetup = {}): Promise<PgBoss> {
  boss = await startJobQueue(handle, { maxAttempts, retryDelaySeconds: 1 });
  await startEmailWorker(boss, mailDeps(mailFrom), { pollingIntervalSeconds: 0.5 });
  return boss;
}

async function signAs(campaign: Campaign, queue: PgBoss, email: string) {
  const result = await signPetition(db, emailEnqueuer(queue, TEST_SEAL_KEY), { slug: campaign.slug, input: signInput({ email, firstName: "Rosa" }), locale: "en" });
  const row = await findSignature(db, campaign.id, email);
  return { result, signatureId: row!.id };
}

function confirmTokenIn(mail: FakeEmail): string {
  const token = /\/confirm\/([A-Za-z0-9_-]+)/.exec(mail.text ?? "")?.[1];
  if (!token) throw new Error("no confirmation link in the email");
  return token;
}

const to = (email: string) => (e: FakeEmail) => e.to.includes(email);
const sentTo = (email: string) => fake.emails.filter(to(email));

/**
 * Waits until every email job of the signature is finished, and returns the states of those left:
 * a job that was sent (or can never be) is deleted, so [] means done; failed ones stay a while.
 */
async function settledJobStates(queue: PgBoss, signatureId: number, timeoutMs = 20_000): Promise<string[]> {
  return waitFor(
    `jobs of signature ${signatureId} to settle`,
    async () => {
      const jobs = await emailJobsFor(queue, signatureId);
      const states = jobs.map((j) => j.state);
      return states.every((s) => s === "failed" || s === "cancelled") ? states : undefined;
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

    const sent = await fake.waitForEmail(to(email), 15_000);
    // The worker deletes a sent job, so the token is read from the email and checked against its hash.
    const token = confirmTokenIn(sent);
    expect(hashToken(token)).toBe((await findSignature(db, campaign.id, email))!.confirmTokenHash);

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
    expect(sent.idempotencyKey).toMatch(/^picket-email-[0-9a-f-]{36}$/);
    expect(await settledJobStates(queue, signatureId)).toEqual([]);

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
    await signPetition(db, emailEnqueuer(queue, TEST_SEAL_KEY), { slug: campaign.slug, input: signInput({ email }), locale: "en", now: t0 });
    await confirmSignature(db, confirmTokenIn(await fake.waitForEmail(to(email), 15_000)), t0);

    await signPetition(db, emailEnqueuer(queue, TEST_SEAL_KEY), { slug: campaign.slug, input: signInput({ email }), locale: "en" });

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

    expect(await settledJobStates(queue, signatureId)).toEqual([]);
    expect(fake.requests).toBe(3);
    expect(sentTo(email)).toHaveLength(1);
    expect(mailLog.lines).toEqual([
      expect.stringMatching(/^warn \[mail\] job \S+ \(confirm\) attempt 1 failed: .*\(500\)/),
      expect.stringMatching(/^warn \[mail\] job \S+ \(confirm\) attempt 2 failed: .*\(500\)/),
    ]);
    expect(mailLog.lines.join()).not.toContain(email);
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
    expect(await settledJobStates(queue, signatureId)).toEqual([]);
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
    expect(await emailJobsFor(queue, signatureId)).toHaveLength(1);

    fake.setDown(false);
    await fake.waitForEmail(to(email), 20_000);
    expect(await settledJobStates(queue, signatureId)).toEqual([]);
    expect(sentTo(email)).toHaveLength(1);
  });

  test("a permanent refusal (422) is not retried", async () => {
    // An unusable sender address makes Resend answer 422 validation_error, every time.
    const queue = await startMail({ maxAttempts: 5, mailFrom: "Picket without an address" });
    const campaign = await createTestCampaign(db);
    const email = uniqueEmail("refused");

    const { signatureId } = await signAs(campaign, queue, email);

    expect(await settledJobStates(queue, signatureId)).toEqual([]);
    // Longer than the first retry delay: a retry would have happened by now.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(fake.requests).toBe(1);
    expect(fake.emails).toHaveLength(0);
    expect(mailLog.lines).toEqual([expect.stringMatching(/^warn \[mail\] job \S+ \(confirm\) rejected: /)]);
    expect(mailLog.lines.join()).not.toContain(email);
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
    expect(mailLog.lines).toEqual([
      expect.stringMatching(/^warn \[mail\] job \S+ \(confirm\) attempt 1 failed: .*\(503\)/),
      expect.stringMatching(/^warn \[mail\] job \S+ \(confirm\) attempt 2 failed: .*\(503\)/),
    ]);
  });

  test("a job whose signature is gone completes without sending anything", async () => {
    const queue = await startMail();
    const missing = { kind: "already-signed", signatureId: 2_000_000_000 } as const;
    await db.transaction((tx) => emailEnqueuer(queue, TEST_SEAL_KEY)(tx, missing));

    expect(await settledJobStates(queue, missing.signatureId)).toEqual([]);
    expect(fake.requests).toBe(0);
  });
});

describe("what queued email jobs keep", () => {
  /** The raw JSON of every queued email job, as anyone with read access to the database sees it. */
  async function storedEmailJobData(): Promise<string[]> {
    const rows = await queryRows<{ data: string }>(db, sql`SELECT data::text AS data FROM pgboss.job WHERE name = ${EMAIL_QUEUE}`);
    return rows.map((r) => r.data);
  }

  test("sign-in, reset, invitation and confirmation jobs hold no usable link and no address, and are gone once sent", async () => {
    const queue = await startJobQueue(handle, { maxAttempts: 3, retryDelaySeconds: 1 });
    boss = queue;
    const enqueue = emailEnqueuer(queue, TEST_SEAL_KEY);
    const owner = await createTestOrganizer(db, { email: uniqueEmail("owner"), name: "Ada Owner" });
    const group = await createTestGroup(db);
    await addMember(db, group, owner, "owner");
    const invited = uniqueEmail("invited");
    const signer = uniqueEmail("signer");
    await requestEmailedLink(db, enqueue, "magic-link", { email: owner.email });
    await requestEmailedLink(db, enqueue, "password-reset", { email: owner.email });
    await inviteMember(db, enqueue, { groupId: group.id, actor: owner, email: invited, role: "viewer" });
    await signPetition(db, enqueue, { slug: (await createTestCampaign(db)).slug, input: signInput({ email: signer, firstName: "Rosa" }), locale: "en" });

    const stored = await storedEmailJobData();
    expect(stored).toHaveLength(4);
    const tokens = (await openedEmailJobs(queue)).map((j) => ("token" in j ? j.token : ""));
    expect(tokens.every(isWellFormedToken)).toBe(true);
    for (const data of stored) {
      for (const secret of [...tokens, owner.email, invited, signer, owner.name, "Rosa"]) expect(data).not.toContain(secret);
    }

    await startEmailWorker(queue, mailDeps(), { pollingIntervalSeconds: 0.5 });
    await waitFor("four emails", async () => (fake.emails.length >= 4 ? true : undefined));
    const texts = fake.emails.map((e) => `${e.to.join()} ${e.text}`).join("\n");
    for (const token of tokens) expect(texts).toContain(token);
    expect(sentTo(owner.email)).toHaveLength(2);
    expect(sentTo(invited)[0]?.text).toContain("Ada Owner");
    expect(await waitFor("the sent jobs to be deleted", async () => ((await storedEmailJobData()).length === 0 ? true : undefined))).toBe(true);
  });

  test("a job queued with its link in clear (before sealing) is dropped with one log line", async () => {
    const queue = await startJobQueue(handle, { maxAttempts: 3, retryDelaySeconds: 1 });
    boss = queue;
    const owner = await createTestOrganizer(db, { email: uniqueEmail("legacy") });
    const token = await createSignInLinkToken(db, owner);
    await queue.send(EMAIL_QUEUE, { kind: "magic-link", to: owner.email, name: owner.name, token });
    await startEmailWorker(queue, mailDeps(), { pollingIntervalSeconds: 0.5 });
    await waitFor("the old job to be dropped", async () => ((await storedEmailJobData()).length === 0 ? true : undefined));
    expect(mailLog.lines).toEqual([expect.stringMatching(/^warn \[mail\] job \S+ \(magic-link\) dropped: its link cannot be opened/)]);
    expect(mailLog.lines.join()).not.toContain(owner.email);
    expect(fake.requests).toBe(0);
  });
});
