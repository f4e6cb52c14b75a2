import { eq, inArray } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { authTokens, rateLimits, sessions, throttles } from "../../db/schema";
import { findUsableToken, issueAuthToken, MAGIC_LINK_TTL_MS } from "~/lib/auth-tokens.server";
import { hashToken } from "~/lib/crypto.server";
import { purgeExpired, RATE_LIMIT_ROW_MAX_AGE_MS } from "~/lib/housekeeping.server";
import { HOUSEKEEPING_CRON, HOUSEKEEPING_QUEUE, startHousekeeping } from "~/lib/jobs.server";
import { createSession, findSessionOrganizer, SESSION_TTL_MS } from "~/lib/sessions.server";
import { uniqueSuffix } from "../support/factories";
import { waitFor } from "../support/jobs";
import { createTestOrganizer } from "../support/organizer-factories";
import { fileDatabaseWithQueue } from "../support/suite";
import { recordingLog } from "../support/log";

const { db, boss } = await fileDatabaseWithQueue();
const DAY = 24 * 60 * 60 * 1000;

async function sessionExists(token: string): Promise<boolean> {
  return (await db.select().from(sessions).where(eq(sessions.tokenHash, hashToken(token)))).length === 1;
}

async function tokenExists(token: string): Promise<boolean> {
  return (await db.select().from(authTokens).where(eq(authTokens.tokenHash, hashToken(token)))).length === 1;
}

describe("housekeeping", () => {
  test("expired sessions and links are deleted; live ones keep working", async () => {
    const organizer = await createTestOrganizer(db);
    const now = new Date();
    const expiredSession = await createSession(db, organizer.id, new Date(now.getTime() - SESSION_TTL_MS - 1000));
    const liveSession = await createSession(db, organizer.id, now);
    const email = `housekeeping-${uniqueSuffix()}@example.org`;
    const expiredLink = await issueAuthToken(db, { purpose: "magic-link", email, ttlMs: MAGIC_LINK_TTL_MS, organizerId: organizer.id, now: new Date(now.getTime() - DAY) });
    const liveLink = await issueAuthToken(db, { purpose: "magic-link", email, ttlMs: MAGIC_LINK_TTL_MS, organizerId: organizer.id, now });

    const removed = await purgeExpired(db, now);

    expect(removed.sessions).toBeGreaterThanOrEqual(1);
    expect(removed.authTokens).toBeGreaterThanOrEqual(1);
    expect(await sessionExists(expiredSession)).toBe(false);
    expect(await tokenExists(expiredLink)).toBe(false);
    expect((await findSessionOrganizer(db, liveSession, now))?.id).toBe(organizer.id);
    expect(await findUsableToken(db, liveLink, "magic-link", now)).toBeTruthy();
  });

  test("rate-limit windows older than a day are deleted, recent ones kept", async () => {
    const now = new Date();
    const oldKey = `test:old:${uniqueSuffix()}`;
    const recentKey = `test:recent:${uniqueSuffix()}`;
    await db.insert(rateLimits).values([
      { key: oldKey, windowStart: new Date(now.getTime() - RATE_LIMIT_ROW_MAX_AGE_MS - 1000), count: 3 },
      { key: recentKey, windowStart: new Date(now.getTime() - 60 * 60 * 1000), count: 3 },
    ]);

    await purgeExpired(db, now);

    const left = await db.select({ key: rateLimits.key }).from(rateLimits).where(inArray(rateLimits.key, [oldKey, recentKey]));
    expect(left.map((r) => r.key)).toEqual([recentKey]);
  });

  test("sign-in throttles past their expiry are deleted, running ones kept", async () => {
    const now = new Date();
    const [ended, running] = [`test:ended:${uniqueSuffix()}`, `test:running:${uniqueSuffix()}`];
    await db.insert(throttles).values([
      { key: ended, points: 5, expire: new Date(now.getTime() - 1000) },
      { key: running, points: 5, expire: new Date(now.getTime() + 60_000) },
    ]);
    expect((await purgeExpired(db, now)).throttles).toBeGreaterThanOrEqual(1);
    const left = await db.select({ key: throttles.key }).from(throttles).where(inArray(throttles.key, [ended, running]));
    expect(left.map((r) => r.key)).toEqual([running]);
  });

  test("runs on a pg-boss schedule: a housekeeping job purges what has expired", async () => {
    const log = recordingLog();
    await startHousekeeping(boss, db, { pollingIntervalSeconds: 0.5, log });
    const schedules = await boss.getSchedules(HOUSEKEEPING_QUEUE);
    expect(schedules.map((s) => s.cron)).toEqual([HOUSEKEEPING_CRON]);

    const organizer = await createTestOrganizer(db);
    const expired = await createSession(db, organizer.id, new Date(Date.now() - SESSION_TTL_MS - 1000));
    // What the cron clock sends every half hour, sent now.
    await boss.send(HOUSEKEEPING_QUEUE, {});
    await waitFor("the housekeeping job to delete the expired session", async () => ((await sessionExists(expired)) ? undefined : true), 20_000);
    // The run says what it removed.
    await waitFor("the housekeeping report", async () => (log.lines.length > 0 ? true : undefined));
    expect(log.lines).toEqual([expect.stringMatching(/^info \[housekeeping\] removed [1-9]\d* sessions, \d+ links, \d+ rate-limit windows, \d+ throttles$/)]);
  });
});
