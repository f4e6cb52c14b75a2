import type { PgBoss } from "pg-boss";
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import type { Database } from "../../db/client.server";
import { auditLog, signatures, suppressions, updateRecipients, updates, type Campaign } from "../../db/schema";
import { startJobQueue, startUpdateWorker, UPDATE_QUEUE, updateChunkEnqueuer } from "~/lib/jobs.server";
import { resendTransport, type MailTransport } from "~/lib/mail-transport.server";
import { replacePledges } from "~/lib/pledges.server";
import { chunkIdempotencyKey, deliverUpdateChunk, type UpdateDeliveryDeps } from "~/lib/update-delivery.server";
import {
  audienceSize,
  cancelUpdateSend,
  createUpdateDraft,
  startUpdateSend,
  updateProgress,
  type UpdateActor,
} from "~/lib/updates.server";
import type { CountryCode } from "~/lib/countries";
import { openTestDatabase, type TestDatabase } from "../support/db";
import { startFakeResend, type FakeResend } from "../support/fake-resend";
import { createTestCampaign } from "../support/factories";
import { waitFor } from "../support/jobs";
import { createMember } from "../support/organizer-factories";
import { createTestOption } from "../support/pledge-admin-factories";
import { createSigners } from "../support/update-factories";
import { recordingLog } from "../support/log";

const APP_URL = "https://picket.test";
const SECRET = "update-tests-secret-0123456789abcdef0123456789";

let handle: TestDatabase;
let db: Database;
let fake: FakeResend;
let boss: PgBoss;

beforeAll(async () => {
  handle = await openTestDatabase();
  db = handle.db;
  fake = await startFakeResend();
  boss = await startJobQueue(handle, { maxAttempts: 3, retryDelaySeconds: 1 });
});

afterEach(async () => {
  // Chunks a test queued but did not send must not reach the next test's worker.
  await boss.offWork(UPDATE_QUEUE);
  await boss.deleteAllJobs(UPDATE_QUEUE);
  fake.clear();
});

afterAll(async () => {
  await boss?.stop({ graceful: false });
  await fake?.close();
  await handle?.close();
});

/** What the update worker of the current test reported. */
let updateLog = recordingLog();

function deps(transport: MailTransport = resendTransport("re_test", fake.url)): UpdateDeliveryDeps {
  updateLog = recordingLog();
  return { db, transport, appUrl: APP_URL, mailFrom: "Picket <picket@example.org>", secret: SECRET, rateLimit: 100, log: updateLog };
}

async function setUp(): Promise<{ campaign: Campaign; actor: UpdateActor }> {
  const owner = await createMember(db, "owner");
  const campaign = await createTestCampaign(db, { groupId: owner.group.id });
  return { campaign, actor: { actorId: owner.organizer.id, campaign } };
}

async function draft(actor: UpdateActor, filters: { country?: CountryCode; optionId?: number } = {}) {
  const saved = await createUpdateDraft(db, actor, { subject: "Rally Saturday at the sorting plant", body: "The strike fund passed **$100k**.", ...filters });
  if (saved.status !== "saved") throw new Error(saved.status);
  return saved.update;
}

/** How many emails each address received, from the fake's record of accepted messages. */
function receivedPerAddress(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const email of fake.emails) for (const to of email.to) counts.set(to, (counts.get(to) ?? 0) + 1);
  return counts;
}

async function waitForStatus(updateId: number, status: string, timeoutMs = 30_000) {
  return waitFor(
    `update ${updateId} to be ${status}`,
    async () => {
      const [row] = await db.select({ status: updates.status }).from(updates).where(eq(updates.id, updateId));
      return row?.status === status ? row : undefined;
    },
    timeoutMs,
    200,
  );
}

describe("audience", () => {
  test("an update goes to confirmed signers who opted in, minus the unsubscribed, removed and suppressed; filters narrow it", async () => {
    const { campaign, actor } = await setUp();
    const canadians = await createSigners(db, campaign, 3, { country: "CA" });
    await createSigners(db, campaign, 2, { country: "FR" });
    await createSigners(db, campaign, 1, { confirmed: false });
    await createSigners(db, campaign, 1, { updatesOptIn: false });
    await createSigners(db, campaign, 1, { unsubscribed: true });
    await createSigners(db, campaign, 1, { removed: true });
    const [bounced] = await createSigners(db, campaign, 1);
    await db.insert(suppressions).values({ emailNormalized: bounced!.email.toLowerCase(), reason: "bounced" });
    const option = await createTestOption(db, campaign, { kind: "action" });
    await replacePledges(db, canadians[0]!.id, [{ optionId: option.id, amountMinor: null }], true);

    expect(await audienceSize(db, campaign.id, { country: null, optionId: null })).toBe(5);
    expect(await audienceSize(db, campaign.id, { country: "CA", optionId: null })).toBe(3);
    expect(await audienceSize(db, campaign.id, { country: null, optionId: option.id })).toBe(1);
    expect(await audienceSize(db, campaign.id, { country: "FR", optionId: option.id })).toBe(0);

    const update = await draft(actor, { country: "CA" });
    const started = await startUpdateSend(db, actor, update.id, updateChunkEnqueuer(boss));
    expect(started).toEqual({ status: "sending", total: 3 });
    const rows = await db.select().from(updateRecipients).where(eq(updateRecipients.updateId, update.id));
    expect(rows.map((r) => r.signatureId).sort()).toEqual(canadians.map((c) => c.id).sort());
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.campaignId, campaign.id), eq(auditLog.action, "update.send")));
    expect(audit?.details).toMatchObject({ updateId: update.id, recipients: 3 });
  });

  test("a filter naming another campaign's pledge option is refused", async () => {
    const { actor } = await setUp();
    const other = await setUp();
    const option = await createTestOption(db, other.campaign, { kind: "action" });
    const saved = await createUpdateDraft(db, actor, { subject: "S", body: "B", optionId: option.id });
    expect(saved.status).toBe("bad-option");
  });

  test("sending to nobody is refused and leaves the draft a draft; a second press starts nothing", async () => {
    const { campaign, actor } = await setUp();
    const update = await draft(actor);
    expect(await startUpdateSend(db, actor, update.id, updateChunkEnqueuer(boss))).toEqual({ status: "empty" });
    const [row] = await db.select().from(updates).where(eq(updates.id, update.id));
    expect(row?.status).toBe("draft");
    await createSigners(db, campaign, 2);
    expect((await startUpdateSend(db, actor, update.id, updateChunkEnqueuer(boss))).status).toBe("sending");
    expect(await startUpdateSend(db, actor, update.id, updateChunkEnqueuer(boss))).toEqual({ status: "not-draft" });
  });
});

describe("sending", () => {
  test("250 signers go out in 3 batch calls of at most 100, each once, with one-click unsubscribe headers", async () => {
    const { campaign, actor } = await setUp();
    const signers = await createSigners(db, campaign, 250);
    const update = await draft(actor);
    await startUpdateSend(db, actor, update.id, updateChunkEnqueuer(boss));
    await startUpdateWorker(boss, deps(), { concurrency: 3, pollingIntervalSeconds: 0.5 });
    await waitForStatus(update.id, "sent");

    const perAddress = receivedPerAddress();
    expect(perAddress.size).toBe(250);
    expect([...perAddress.values()].every((n) => n === 1)).toBe(true);
    const batches = new Map<string, number>();
    for (const e of fake.emails) batches.set(e.batchId!, (batches.get(e.batchId!) ?? 0) + 1);
    expect([...batches.values()].sort((a, b) => a - b)).toEqual([50, 100, 100]);
    expect(new Set(fake.emails.map((e) => e.idempotencyKey))).toEqual(new Set([0, 1, 2].map((chunk) => chunkIdempotencyKey({ updateId: update.id, chunk }))));

    const first = fake.emails.find((e) => e.to[0] === signers[0]!.email)!;
    const link = first.headers?.["List-Unsubscribe"];
    expect(link).toMatch(new RegExp(`^<${APP_URL}/u/[0-9a-z]+\\.[A-Za-z0-9_-]{43}>$`));
    expect(link).not.toContain(signers[0]!.email.split("@")[0]);
    expect(first.headers?.["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(first.html).toContain(link!.slice(1, -1));
    expect(first.text).toContain(link!.slice(1, -1));
    expect(first.html).toContain("<strong>$100k</strong>");

    expect(await updateProgress(db, update.id)).toMatchObject({ total: 250, sent: 250, queued: 0, failed: 0 });
    const rows = await db.select({ resendId: updateRecipients.resendId }).from(updateRecipients).where(eq(updateRecipients.updateId, update.id));
    expect(new Set(rows.map((r) => r.resendId)).size).toBe(250);
  });

  test("a crash after the provider accepted a chunk, before it was recorded, resends nobody", async () => {
    const { campaign, actor } = await setUp();
    await createSigners(db, campaign, 150);
    const update = await draft(actor);
    await startUpdateSend(db, actor, update.id, updateChunkEnqueuer(boss));
    const real = resendTransport("re_test", fake.url);
    // The process "dies" right after the batch call returns: nothing is written.
    const crashing: MailTransport = {
      ...real,
      async sendBatch(emails, key) {
        await real.sendBatch(emails, key);
        throw new Error("killed after the provider accepted");
      },
    };
    await expect(deliverUpdateChunk(deps(crashing), { updateId: update.id, chunk: 0 })).rejects.toThrow("killed");
    expect(fake.emails).toHaveLength(100);
    expect((await updateProgress(db, update.id)).queued).toBe(150);

    // The restarted worker sends chunk 0 again with the same key, and chunk 1 for the first time.
    expect(await deliverUpdateChunk(deps(), { updateId: update.id, chunk: 0 })).toBe("sent");
    expect(await deliverUpdateChunk(deps(), { updateId: update.id, chunk: 1 })).toBe("sent");
    expect(await deliverUpdateChunk(deps(), { updateId: update.id, chunk: 0 })).toBe("already-done");
    expect(fake.emails).toHaveLength(150);
    expect([...receivedPerAddress().values()].every((n) => n === 1)).toBe(true);
    expect(await updateProgress(db, update.id)).toMatchObject({ sent: 150, queued: 0 });
    await waitForStatus(update.id, "sent", 1000);
  });

  test("500s, 429s with retry-after and dropped connections are retried until everyone has it once", async () => {
    const { campaign, actor } = await setUp();
    await createSigners(db, campaign, 300);
    const update = await draft(actor);
    await startUpdateSend(db, actor, update.id, updateChunkEnqueuer(boss));
    fake.failNext(500, 2);
    fake.failNext(429, 1, { retryAfterSeconds: 1 });
    fake.setFailureRate(0.2, 503);
    // The provider is unreachable (connections reset) for the first second.
    fake.setDown(true);
    setTimeout(() => fake.setDown(false), 1000);
    await startUpdateWorker(boss, deps(), { concurrency: 2, pollingIntervalSeconds: 0.5 });
    await waitForStatus(update.id, "sent", 60_000);
    expect(fake.requests).toBeGreaterThan(3);
    const perAddress = receivedPerAddress();
    expect(perAddress.size).toBe(300);
    expect([...perAddress.values()].every((n) => n === 1)).toBe(true);
    // Each failed attempt was reported, by job and attempt, without an address.
    expect(updateLog.lines.length).toBeGreaterThanOrEqual(3);
    for (const line of updateLog.lines) expect(line).toMatch(/^warn \[updates\] chunk job \S+ attempt \d+ failed: [^@]*$/);
  });

  test("a 4xx the provider will never accept marks the chunk failed instead of retrying forever", async () => {
    const { campaign, actor } = await setUp();
    await createSigners(db, campaign, 2, { email: undefined });
    const update = await draft(actor);
    await startUpdateSend(db, actor, update.id, updateChunkEnqueuer(boss));
    // A sender the provider refuses (422): retrying would fail the same way.
    const refused = { ...deps(), mailFrom: "not an address" };
    expect(await deliverUpdateChunk(refused, { updateId: update.id, chunk: 0 })).toBe("failed");
    expect(await updateProgress(db, update.id)).toMatchObject({ failed: 2, queued: 0 });
    expect(updateLog.lines).toEqual([`warn [updates] update ${update.id} chunk 0 failed for good (422)`]);
    await waitForStatus(update.id, "sent", 1000);
  });

  test("cancelling skips the chunks not yet sent and records it in the audit log", async () => {
    const { campaign, actor } = await setUp();
    await createSigners(db, campaign, 250);
    const update = await draft(actor);
    await startUpdateSend(db, actor, update.id, updateChunkEnqueuer(boss));
    expect(await deliverUpdateChunk(deps(), { updateId: update.id, chunk: 0 })).toBe("sent");
    expect(await cancelUpdateSend(db, actor, update.id)).toBe("cancelled");
    expect(await cancelUpdateSend(db, actor, update.id)).toBe("not-sending");
    expect(await deliverUpdateChunk(deps(), { updateId: update.id, chunk: 1 })).toBe("cancelled");
    expect(fake.emails).toHaveLength(100);
    expect(await updateProgress(db, update.id)).toMatchObject({ sent: 100, skipped: 150, queued: 0 });
    const [row] = await db.select().from(updates).where(eq(updates.id, update.id));
    expect(row?.status).toBe("cancelled");
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.campaignId, campaign.id), eq(auditLog.action, "update.cancel")));
    expect(audit?.details).toMatchObject({ updateId: update.id, skipped: 150 });
  });

  test("a signer who unsubscribed is not in the next update's audience", async () => {
    const { campaign, actor } = await setUp();
    const [signer] = await createSigners(db, campaign, 1);
    await db.update(signatures).set({ unsubscribedAt: new Date() }).where(eq(signatures.id, signer!.id));
    const update = await draft(actor);
    expect((await startUpdateSend(db, actor, update.id, updateChunkEnqueuer(boss))).status).toBe("empty");
  });
});
