import { sql } from "drizzle-orm";
import { queryRows, type Executor } from "../../db/client.server";

/**
 * A fixed one-second window counter kept in Postgres, so every app instance and worker shares
 * one budget (Resend counts requests per team, not per process). A row per key; each call is one
 * upsert. We keep this rather than a library because the well-kept ones (rate-limiter-flexible)
 * have no PGlite store, and the embedded database must pace mail the same way.
 *
 * Returns 0 when a slot was taken, or the milliseconds to wait before trying again.
 * `windowSeconds` (default 1) sets the window: e.g. 10 sign-in attempts per 900 seconds.
 */
export async function takeRateSlot(db: Executor, key: string, limit: number, windowSeconds = 1): Promise<number> {
  const [row] = await queryRows<{ count: number; wait_ms: number }>(
    db,
    sql`
    INSERT INTO rate_limits (key, window_start, count)
    VALUES (${key}, to_timestamp(floor(extract(epoch FROM clock_timestamp()) / ${windowSeconds}) * ${windowSeconds}), 1)
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN rate_limits.window_start = excluded.window_start THEN rate_limits.count + 1 ELSE 1 END,
      window_start = excluded.window_start
    RETURNING count,
      ceil(extract(epoch FROM (window_start + make_interval(secs => ${windowSeconds}) - clock_timestamp())) * 1000)::int AS wait_ms`,
  );
  if (!row) throw new Error("rate limit upsert returned nothing");
  return row.count <= Math.floor(limit) ? 0 : Math.max(1, row.wait_ms);
}

/** Gives back a slot taken by takeRateSlot (an attempt that turned out not to count). */
export async function returnRateSlot(db: Executor, key: string): Promise<void> {
  await queryRows(db, sql`UPDATE rate_limits SET count = count - 1 WHERE key = ${key} AND count > 0 RETURNING count`);
}

/** Waits until a slot is free. `perSecond` below 1 is treated as 1. */
export async function waitForRateSlot(db: Executor, key: string, perSecond: number): Promise<void> {
  for (;;) {
    const wait = await takeRateSlot(db, key, Math.max(1, perSecond));
    if (wait === 0) return;
    await new Promise((resolve) => setTimeout(resolve, wait + Math.floor(Math.random() * 20)));
  }
}
