import { RateLimiterDrizzle, RateLimiterRes } from "rate-limiter-flexible";
import { throttles } from "../../db/schema";
import type { Database } from "../../db/client.server";
import { hashToken } from "./crypto.server";

/**
 * Throttling of password guesses and emailed-link requests, after OWASP's authentication cheat
 * sheet: count per (account, client) and per client, slow a guesser down (429 and Retry-After)
 * instead of locking the account (an account guessed at from many clients only slows new ones), let a browser that signed in to the account before through
 * on its own budget, and never let someone else's requests stop the link a person asks for.
 * Counters live in `throttles` (rate-limiter-flexible's Drizzle store, the same on pg and PGlite),
 * keyed by hashes: of the email (so unknown addresses count exactly like real ones) and of the
 * client address. Fixed windows: each key's first failure starts it.
 */
export const SIGN_IN_POLICY = {
  /** Wrong passwords for one account from one client address. */
  perAccountAndClient: { points: 5, duration: 15 * 60 },
  /** Wrong passwords from one client address, whatever the accounts (password spraying). */
  perClient: { points: 50, duration: 60 * 60 },
  /**
   * Wrong passwords for one account from clients it was never signed in on (a distributed
   * guesser). Past it, such attempts are slowed (`slowDownMs` each), never refused: the owner on
   * a new phone still gets in with the right password, a little later.
   */
  perAccountFromNewClients: { points: 20, duration: 15 * 60, slowDownMs: 2_000 },
  /** Wrong passwords for one account from a browser that signed in to it before. */
  perAccountAndKnownDevice: { points: 10, duration: 15 * 60 },
} as const;

export const LINK_REQUEST_POLICY = {
  /** Emailed links asked for one address from one client: a person's own retries. */
  perAddressAndClient: { points: 5, duration: 60 * 60 },
  /** Emailed links asked from one client address, whatever the addresses. */
  perClient: { points: 20, duration: 60 * 60 },
} as const;

type PolicyName = `sign-in:${keyof typeof SIGN_IN_POLICY}` | `link:${keyof typeof LINK_REQUEST_POLICY}`;

const limiters = new WeakMap<Database, Map<PolicyName, RateLimiterDrizzle>>();

function limiter(db: Database, name: PolicyName): RateLimiterDrizzle {
  let byName = limiters.get(db);
  if (!byName) limiters.set(db, (byName = new Map()));
  let found = byName.get(name);
  if (!found) {
    const [group, policy] = name.split(":") as ["sign-in" | "link", string];
    const { points, duration } =
      group === "sign-in" ? SIGN_IN_POLICY[policy as keyof typeof SIGN_IN_POLICY] : LINK_REQUEST_POLICY[policy as keyof typeof LINK_REQUEST_POLICY];
    // Expired rows are purged by housekeeping, not by a timer in every process.
    found = new RateLimiterDrizzle({ storeClient: db, schema: throttles, keyPrefix: name, points, duration, clearExpiredByTimeout: false });
    byName.set(name, found);
  }
  return found;
}

type Counter = [PolicyName, string];

/** Takes a point from each counter; the seconds to wait if any was already spent, else 0. */
async function consumeAll(db: Database, counters: Counter[]): Promise<number> {
  let waitMs = 0;
  for (const [name, key] of counters) {
    try {
      await limiter(db, name).consume(key);
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) throw err;
      waitMs = Math.max(waitMs, err.msBeforeNext);
    }
  }
  return waitMs > 0 ? Math.max(1, Math.ceil(waitMs / 1000)) : 0;
}

export interface SignInAttempt {
  email: string;
  ipHash?: string | undefined;
  /** A browser that signed in to this account before (its device cookie checked). */
  knownDevice?: string | undefined;
}

/** The counters that refuse (429), and the one that only slows (an account under a distributed guesser). */
function signInCounters(attempt: SignInAttempt): { refusing: Counter[]; slowing: Counter | null } {
  const account = hashToken(attempt.email);
  if (attempt.knownDevice) return { refusing: [["sign-in:perAccountAndKnownDevice", `${account}:${attempt.knownDevice}`]], slowing: null };
  const refusing: Counter[] = attempt.ipHash
    ? [
        ["sign-in:perAccountAndClient", `${account}:${attempt.ipHash}`],
        ["sign-in:perClient", attempt.ipHash],
      ]
    : [];
  return { refusing, slowing: ["sign-in:perAccountFromNewClients", account] };
}

export interface SignInAllowance {
  /** Seconds to wait before trying again (429), or 0. */
  retryAfterSeconds: number;
  /** How long to hold this attempt before checking its password, or 0. */
  slowDownMs: number;
}

/**
 * Counts a sign-in attempt before its password is checked (so parallel guesses cannot slip past
 * the limit): refused with a wait when this client has spent its budget, slowed when the account
 * has had many wrong passwords from new clients, else free to go ahead.
 */
export async function countSignInAttempt(db: Database, attempt: SignInAttempt): Promise<SignInAllowance> {
  const { refusing, slowing } = signInCounters(attempt);
  const retryAfterSeconds = await consumeAll(db, refusing);
  if (retryAfterSeconds > 0 || !slowing) return { retryAfterSeconds, slowDownMs: 0 };
  const spent = (await consumeAll(db, [slowing])) > 0;
  return { retryAfterSeconds: 0, slowDownMs: spent ? SIGN_IN_POLICY.perAccountFromNewClients.slowDownMs : 0 };
}

/** The password was right: the attempt is given back, so signing in uses up nothing. */
export async function forgiveSignInAttempt(db: Database, attempt: SignInAttempt): Promise<void> {
  const { refusing, slowing } = signInCounters(attempt);
  for (const [name, key] of slowing ? [...refusing, slowing] : refusing) await limiter(db, name).reward(key, 1);
}

/** Counts a request for an emailed link; the seconds to wait, or 0 when the link may be made. */
export function countLinkRequest(db: Database, request: { email: string; ipHash?: string | undefined }): Promise<number> {
  if (!request.ipHash) return Promise.resolve(0);
  return consumeAll(db, [
    ["link:perAddressAndClient", `${hashToken(request.email)}:${request.ipHash}`],
    ["link:perClient", request.ipHash],
  ]);
}
