import { describe, expect, test } from "vitest";
import { hasNoUnsafeChars, isSingleLineSafe, parseDay, parseId } from "~/lib/text-rules";

describe("parseId", () => {
  test("takes plain positive integers that fit a Postgres integer", () => {
    expect(parseId("1")).toBe(1);
    expect(parseId("999999999")).toBe(999_999_999);
  });
  test.each(["", "0", "007", "1e0", "0x1", "-1", " 1", "1.0", "9999999999", "2147483648"])("refuses %j", (value) => {
    expect(parseId(value)).toBeNull();
  });
  test("refuses what is not a string", () => {
    expect(parseId(null)).toBeNull();
    expect(parseId(5)).toBeNull();
  });
});

describe("parseDay", () => {
  test("a real day is that UTC midnight", () => {
    expect(parseDay("2026-02-28")?.toISOString()).toBe("2026-02-28T00:00:00.000Z");
    expect(parseDay("2028-02-29")?.toISOString()).toBe("2028-02-29T00:00:00.000Z");
  });
  test.each(["2026-02-29", "2024-02-31", "2024-13-01", "0000-01-01", "9999-12-31", "1999-12-31", "2026-2-3", "yesterday"])(
    "refuses %j",
    (value) => {
      expect(parseDay(value)).toBeNull();
    },
  );
});

describe("unsafe characters", () => {
  test("ordinary text in any script passes, line breaks only where allowed", () => {
    expect(hasNoUnsafeChars("Solidarité ✊ — ¡Huelga! 团结\nLine two\ttab")).toBe(true);
    expect(isSingleLineSafe("Lucía Hernández-O'Brien")).toBe(true);
    expect(isSingleLineSafe("two\nlines")).toBe(false);
  });
  test.each(["\u0000", "\u0007", "\u007F", "\u202E", "\u202A", "\u2066", "\u2069"])("refuses U+%s", (ch) => {
    expect(hasNoUnsafeChars(`a${ch}b`)).toBe(false);
    expect(isSingleLineSafe(`a${ch}b`)).toBe(false);
  });
});

describe("forms no page of ours sends", () => {
  test("huge list indexes and too many fields are refused; ordinary forms pass", async () => {
    const { isPlausibleForm } = await import("~/lib/form-data.server");
    const form = (entries: [string, string][]) => {
      const f = new FormData();
      for (const [k, v] of entries) f.append(k, v);
      return f;
    };
    expect(isPlausibleForm(form([["firstName", "Rosa"], ["pledges[0].optionId", "3"], ["pledges[12].amount", "5"]]))).toBe(true);
    expect(isPlausibleForm(form([["pledges[100000000].optionId", "3"]]))).toBe(false);
    expect(isPlausibleForm(form([["foo[100]", "1"]]))).toBe(false);
    expect(isPlausibleForm(form([["a[0][007]", "1"]]))).toBe(false);
    expect(isPlausibleForm(form(Array.from({ length: 501 }, (_, i) => [`f${i}`, "x"] as [string, string])))).toBe(false);
  });
});
