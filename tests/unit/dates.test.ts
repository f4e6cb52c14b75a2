import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { formatDate, formatDateTime } from "~/lib/dates";

/** Just before midnight UTC: already the next day in Kiritimati (UTC+14), still the day before in Mexico. */
const LATE = new Date("2026-12-01T23:30:05Z");
const originalTz = process.env.TZ;

afterEach(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

describe("dates", () => {
  test("the day is the UTC day, in the page's language", () => {
    expect(formatDate(LATE, "en")).toBe("December 1, 2026");
    expect(formatDate(LATE, "fr")).toBe("1 décembre 2026");
    expect(formatDate(LATE, "es")).toBe("1 de diciembre de 2026");
  });

  test("date and time say UTC, in 24-hour time", () => {
    expect(formatDateTime(LATE, "en")).toMatch(/^Dec 1, 2026, 23:30 UTC$/);
    expect(formatDateTime(LATE, "fr", { seconds: true })).toMatch(/^1 déc\. 2026, 23:30:05 UTC$/);
    expect(formatDateTime(LATE.toISOString(), "es", { style: "long" })).toBe("1 de diciembre de 2026, 23:30 UTC");
  });

  test("a bare day (as the database groups them) is that day, wherever the reader is", () => {
    process.env.TZ = "America/Mexico_City";
    expect(formatDate("2026-12-02", "en", "dayMonth")).toBe("Dec 2");
  });

  test("the machine's own time zone changes nothing (the server's and the browser's differ)", () => {
    const seen = new Set<string>();
    for (const tz of ["UTC", "Pacific/Kiritimati", "America/Mexico_City", "Europe/Paris"]) {
      process.env.TZ = tz;
      seen.add(`${formatDate(LATE, "fr", "short")} | ${formatDateTime(LATE, "es", { seconds: true })}`);
    }
    expect([...seen]).toHaveLength(1);
  });

  test("pages format dates only through app/lib/dates.ts (no browser-default toLocaleString)", () => {
    const root = path.resolve(import.meta.dirname, "../../app");
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (/\.tsx?$/.test(entry.name) && !/\.server\.tsx?$/.test(entry.name) && file !== path.join(root, "lib", "dates.ts")) {
          const source = readFileSync(file, "utf8");
          if (/toLocale(Date|Time)?String\(|Intl\.DateTimeFormat/.test(source)) offenders.push(path.relative(root, file));
        }
      }
    };
    walk(root);
    expect(offenders).toEqual([]);
  });
});
