import { describe, expect, test } from "vitest";
import { waitForRateSlot } from "~/lib/rate-limit.server";
import { fileDatabase } from "../support/suite";
import { uniqueSuffix } from "../support/factories";

const { db } = await fileDatabase();

describe("mail rate pacing", () => {
  test("waiters sharing one budget are spread over time", async () => {
    const key = `test:${uniqueSuffix()}`;
    const started = Date.now();
    // 7 requests at 3 a second need three windows, so they span at least two second boundaries.
    await Promise.all(Array.from({ length: 7 }, () => waitForRateSlot(db, key, 3)));
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  test("paced requests leave evenly spaced, not in bursts at the top of each second", async () => {
    const key = `test:${uniqueSuffix()}`;
    const times: number[] = [];
    await Promise.all(Array.from({ length: 12 }, () => waitForRateSlot(db, key, 5).then(() => times.push(Date.now()))));
    times.sort((a, b) => a - b);
    // 12 at 5 a second: the last leaves about 2.2 s after the first (a fixed window lets it go at
    // the top of the third second, 1 to 2 s after), and the typical gap is 200 ms, not 0. The
    // median, because a loaded machine delays the odd timer.
    expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(2000);
    const gaps = times.slice(1).map((t, i) => t - times[i]!).sort((a, b) => a - b);
    expect(gaps[Math.floor(gaps.length / 2)]).toBeGreaterThanOrEqual(150);
  });
});
