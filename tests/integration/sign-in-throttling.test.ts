import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { queryRows } from "../../db/client.server";
import { requestEmailedLink } from "~/lib/auth-tokens.server";
import { hashToken } from "~/lib/crypto.server";
import type { EmailJob } from "~/lib/email-jobs";
import { authenticate, createOrganizer } from "~/lib/organizers.server";
import { LINK_REQUEST_POLICY, SIGN_IN_POLICY } from "~/lib/sign-in-throttle.server";
import type { EnqueueEmail } from "~/lib/signatures.server";
import { uniqueSuffix } from "../support/factories";
import { fileDatabase } from "../support/suite";

/**
 * Throttling after OWASP: a guesser is slowed per (account, client) and per client, the account
 * is never locked for its owner, and nobody can stop the link a person asks for. The clock is
 * moved, not waited for: only Date is faked, so the database drivers keep their timers.
 */
const { db } = await fileDatabase();
const PASSWORD = "correct horse battery";
const MINUTE = 60_000;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
});
afterEach(() => {
  vi.useRealTimers();
});

const client = () => hashToken(`ip-${uniqueSuffix()}`);
const device = () => `device-${uniqueSuffix()}`;

async function organizerWithPassword(tag: string) {
  return (await createOrganizer(db, { email: `${tag}-${uniqueSuffix()}@example.org`, name: "Lucy Parsons", password: PASSWORD })).organizer;
}

const attempt = (email: string, password: string, from: { ipHash?: string; knownDevice?: string }) => authenticate(db, { email, password, ...from });

describe("password guesses", () => {
  test(`after ${SIGN_IN_POLICY.perAccountAndClient.points} wrong passwords from one client it waits with a Retry-After, then may try again`, async () => {
    const organizer = await organizerWithPassword("pair");
    const guesser = client();
    for (let i = 0; i < SIGN_IN_POLICY.perAccountAndClient.points; i++) {
      expect((await attempt(organizer.email, `guess ${i}`, { ipHash: guesser })).status).toBe("invalid");
    }
    const throttled = await attempt(organizer.email, PASSWORD, { ipHash: guesser });
    expect(throttled).toEqual({ status: "throttled", retryAfterSeconds: expect.any(Number) });
    if (throttled.status !== "throttled") return;
    expect(throttled.retryAfterSeconds).toBeGreaterThan(14 * 60);
    expect(throttled.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
    // The owner from another address is not affected.
    expect((await attempt(organizer.email, PASSWORD, { ipHash: client() })).status).toBe("ok");

    vi.setSystemTime(Date.now() + throttled.retryAfterSeconds * 1000 + 1000);
    expect((await attempt(organizer.email, PASSWORD, { ipHash: guesser })).status).toBe("ok");
  });

  test("guesses from many addresses slow new clients down without locking anyone out; the owner's browser is not slowed", async () => {
    const organizer = await organizerWithPassword("distributed");
    const owners = device();
    for (let i = 0; i < SIGN_IN_POLICY.perAccountFromNewClients.points; i++) {
      expect((await attempt(organizer.email, `guess ${i}`, { ipHash: client() })).status).toBe("invalid");
    }
    const slowed = async (password: string, from: { ipHash?: string; knownDevice?: string }) => {
      const started = performance.now();
      const result = await attempt(organizer.email, password, from);
      return { status: result.status, ms: performance.now() - started };
    };
    const { slowDownMs } = SIGN_IN_POLICY.perAccountFromNewClients;
    // Another guess from a new address is held before its password is even checked…
    const guess = await slowed("one more guess", { ipHash: client() });
    expect(guess.status).toBe("invalid");
    expect(guess.ms).toBeGreaterThanOrEqual(slowDownMs - 50);
    // …and so is the owner on a new phone, who still gets in: slowed, never refused.
    const newPhone = await slowed(PASSWORD, { ipHash: client() });
    expect(newPhone.status).toBe("ok");
    expect(newPhone.ms).toBeGreaterThanOrEqual(slowDownMs - 50);
    // The browser that signed in before is on its own budget, and not held.
    const known = await slowed(PASSWORD, { ipHash: client(), knownDevice: owners });
    expect(known.status).toBe("ok");
    expect(known.ms).toBeLessThan(slowDownMs);
  });

  test("a browser that signed in before has a budget of its own, not an unlimited one", async () => {
    const organizer = await organizerWithPassword("device");
    const stolen = device();
    for (let i = 0; i < SIGN_IN_POLICY.perAccountAndKnownDevice.points; i++) await attempt(organizer.email, `guess ${i}`, { knownDevice: stolen });
    expect((await attempt(organizer.email, PASSWORD, { knownDevice: stolen })).status).toBe("throttled");
    expect((await attempt(organizer.email, PASSWORD, { knownDevice: device() })).status).toBe("ok");
  });

  test("signing in rightly uses up nothing: an organizer on many devices is never slowed", async () => {
    const organizer = await organizerWithPassword("rightly");
    const home = client();
    for (let i = 0; i < SIGN_IN_POLICY.perAccountAndClient.points * 3; i++) {
      expect((await attempt(organizer.email, PASSWORD, { ipHash: home })).status).toBe("ok");
    }
  });

  test("an unknown email is throttled exactly like a real account (nothing tells them apart)", async () => {
    const nobody = `nobody-${uniqueSuffix()}@example.org`;
    const guesser = client();
    for (let i = 0; i < SIGN_IN_POLICY.perAccountAndClient.points; i++) await attempt(nobody, `guess ${i}`, { ipHash: guesser });
    expect((await attempt(nobody, "guess", { ipHash: guesser })).status).toBe("throttled");
  });

  test("the counters are keyed by hashes: neither the email nor the client hash alone is stored in clear", async () => {
    const organizer = await organizerWithPassword("keys");
    await attempt(organizer.email, "wrong password", { ipHash: client() });
    const keys = (await queryRows<{ key: string }>(db, sql`SELECT key FROM throttles`)).map((r) => r.key).join("\n");
    expect(keys).toContain(hashToken(organizer.email));
    expect(keys).not.toContain(organizer.email);
  });
});

describe("emailed links", () => {
  const recorded: EmailJob[] = [];
  const record: EnqueueEmail = async (_tx, job) => void recorded.push(job);

  test("requests from other clients cannot stop the link a person asks for", async () => {
    const organizer = await organizerWithPassword("link-bomb");
    for (let i = 0; i < LINK_REQUEST_POLICY.perAddressAndClient.points * 3; i++) {
      await requestEmailedLink(db, record, "magic-link", { email: organizer.email, ipHash: client() });
    }
    const before = recorded.length;
    expect(await requestEmailedLink(db, record, "magic-link", { email: organizer.email, ipHash: client() })).toEqual({ status: "requested" });
    expect(recorded.length).toBe(before + 1);
  });

  test(`one client gets ${LINK_REQUEST_POLICY.perAddressAndClient.points} links an hour for an address, then a wait; an hour later, more`, async () => {
    const organizer = await organizerWithPassword("link-limit");
    const asker = client();
    for (let i = 0; i < LINK_REQUEST_POLICY.perAddressAndClient.points; i++) {
      expect((await requestEmailedLink(db, record, "password-reset", { email: organizer.email, ipHash: asker })).status).toBe("requested");
    }
    const before = recorded.length;
    const refused = await requestEmailedLink(db, record, "password-reset", { email: organizer.email, ipHash: asker });
    expect(refused).toEqual({ status: "throttled", retryAfterSeconds: expect.any(Number) });
    expect(recorded.length).toBe(before);

    vi.setSystemTime(Date.now() + 61 * MINUTE);
    expect((await requestEmailedLink(db, record, "password-reset", { email: organizer.email, ipHash: asker })).status).toBe("requested");
  });

  test(`one client asking for many addresses is stopped after ${LINK_REQUEST_POLICY.perClient.points} an hour`, async () => {
    const asker = client();
    for (let i = 0; i < LINK_REQUEST_POLICY.perClient.points; i++) {
      await requestEmailedLink(db, record, "magic-link", { email: `spray-${i}-${uniqueSuffix()}@example.org`, ipHash: asker });
    }
    expect((await requestEmailedLink(db, record, "magic-link", { email: `one-more-${uniqueSuffix()}@example.org`, ipHash: asker })).status).toBe("throttled");
  });
});
