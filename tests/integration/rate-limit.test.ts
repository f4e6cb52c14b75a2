import { describe, expect, test } from "vitest";
import { takeRateSlot, waitForRateSlot } from "~/lib/rate-limit.server";
import { fileDatabase } from "../support/suite";
import { uniqueSuffix } from "../support/factories";

const { db } = await fileDatabase();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits for the start of the next wall-clock second, so a burst of calls fits in one window. */
async function startOfNextSecond(): Promise<void> {
  await sleep(1000 - (Date.now() % 1000) + 5);
}

/**
 * Runs `burst` at the start of a second. The windows are wall-clock seconds, so a burst that a
 * busy machine stretched over a boundary proves nothing: it is run again (with fresh keys).
 */
async function inOneSecond<T>(burst: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    await startOfNextSecond();
    const second = Math.floor(Date.now() / 1000);
    const result = await burst();
    if (Math.floor(Date.now() / 1000) === second || attempt === 5) return result;
  }
}

describe("mail rate pacing", () => {
  test("takeRateSlot allows N requests in a second, then answers with a wait", async () => {
    const perSecond = 4;
    const waits = await inOneSecond(async () => {
      const key = `test:${uniqueSuffix()}`;
      const answers: number[] = [];
      for (let i = 0; i < perSecond + 2; i++) answers.push(await takeRateSlot(db, key, perSecond));
      return answers;
    });

    expect(waits.slice(0, perSecond)).toEqual(Array(perSecond).fill(0));
    for (const wait of waits.slice(perSecond)) {
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(1000);
    }
  });

  test("once the wait has passed, a slot is free again", async () => {
    const { key, first, wait } = await inOneSecond(async () => {
      const fresh = `test:${uniqueSuffix()}`;
      return { key: fresh, first: await takeRateSlot(db, fresh, 1), wait: await takeRateSlot(db, fresh, 1) };
    });
    expect(first).toBe(0);
    expect(wait).toBeGreaterThan(0);

    await sleep(wait + 20);
    expect(await takeRateSlot(db, key, 1)).toBe(0);
  });

  test("each key has its own budget", async () => {
    const [aFirst, aSecond, bFirst] = await inOneSecond(async () => {
      const a = `test:a:${uniqueSuffix()}`;
      const b = `test:b:${uniqueSuffix()}`;
      return [await takeRateSlot(db, a, 1), await takeRateSlot(db, a, 1), await takeRateSlot(db, b, 1)];
    });
    expect(aFirst).toBe(0);
    expect(aSecond).toBeGreaterThan(0);
    expect(bFirst).toBe(0);
  });

  test("a fractional rate allows its whole part", async () => {
    const waits = await inOneSecond(async () => {
      const key = `test:${uniqueSuffix()}`;
      return [await takeRateSlot(db, key, 2.9), await takeRateSlot(db, key, 2.9), await takeRateSlot(db, key, 2.9)];
    });
    expect(waits[0]).toBe(0);
    expect(waits[1]).toBe(0);
    expect(waits[2]).toBeGreaterThan(0);
  });

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
