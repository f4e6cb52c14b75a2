import { lt, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.server";
import { authTokens, rateLimits, sessions, throttles } from "../../db/schema";

/**
 * Rows that have stopped meaning anything: expired sessions, one-time links past their expiry
 * (used or not), mail pacing rows long past and sign-in throttles past their expiry. Deleting them
 * keeps these tables small and keeps no token hash or hashed address longer than it serves. A
 * pacing row is a reservation seconds ahead, so a day-old one can never be read again.
 */
export const RATE_LIMIT_ROW_MAX_AGE_MS = 24 * 60 * 60 * 1000;

export interface PurgeCounts {
  sessions: number;
  authTokens: number;
  rateLimits: number;
  throttles: number;
}

export async function purgeExpired(db: Executor, now = new Date()): Promise<PurgeCounts> {
  const count = (rows: unknown[]) => rows.length;
  const expiredSessions = await db.delete(sessions).where(lt(sessions.expiresAt, now)).returning({ id: sql`1` });
  const expiredTokens = await db.delete(authTokens).where(lt(authTokens.expiresAt, now)).returning({ id: sql`1` });
  const oldWindows = await db
    .delete(rateLimits)
    .where(lt(rateLimits.windowStart, new Date(now.getTime() - RATE_LIMIT_ROW_MAX_AGE_MS)))
    .returning({ id: sql`1` });
  // A sign-in throttle past its expiry counts from zero again: the row only keeps a hash.
  const endedThrottles = await db.delete(throttles).where(lt(throttles.expire, now)).returning({ id: sql`1` });
  return { sessions: count(expiredSessions), authTokens: count(expiredTokens), rateLimits: count(oldWindows), throttles: count(endedThrottles) };
}
