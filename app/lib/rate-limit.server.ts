import { sql } from "drizzle-orm";
import { queryRows, type Executor } from "../../db/client.server";

/**
 * The mail providers' rate, kept in Postgres so every app instance and worker shares one budget
 * (Resend counts requests per team, not per process): an even pacing schedule, a row per key,
 * each call one upsert. Sign-in and emailed-link throttling use rate-limiter-flexible instead
 * (sign-in-throttle.server.ts); this pacing has no equivalent there.
 */
/**
 * Waits for this caller's turn in a schedule shared by every instance, then returns: each call
 * reserves the moment 1/perSecond after the previous reservation on the key (a virtual clock kept
 * in the key's row, as in GCRA), so requests leave evenly spaced. A fixed window would let them
 * leave in bursts at the top of each second, and two bursts either side of a boundary are twice
 * the rate for a provider that counts over any sliding second (Resend answers those with 429).
 * Callers with different rates may share a key: a reservation takes 1/(its own rate) of the
 * timeline, so a slower caller never pushes the total past the faster one's rate.
 * `perSecond` below 1 is treated as 1.
 */
export async function waitForRateSlot(db: Executor, key: string, perSecond: number): Promise<void> {
  const spacing = 1 / Math.max(1, perSecond);
  const [row] = await queryRows<{ wait_ms: number }>(
    db,
    sql`
    INSERT INTO rate_limits (key, window_start, count)
    VALUES (${key}, clock_timestamp() + make_interval(secs => ${spacing}), 1)
    ON CONFLICT (key) DO UPDATE SET
      window_start = greatest(rate_limits.window_start, clock_timestamp()) + make_interval(secs => ${spacing}),
      count = 1
    RETURNING ceil(extract(epoch FROM (window_start - make_interval(secs => ${spacing}) - clock_timestamp())) * 1000)::int AS wait_ms`,
  );
  if (!row) throw new Error("rate limit upsert returned nothing");
  if (row.wait_ms > 0) await new Promise((resolve) => setTimeout(resolve, row.wait_ms));
}
