import { describe, expect, test } from "vitest";
import { AMOUNT_MAX_MINOR, amountInputValue, checkAmount, formatMoney, parseAmount } from "~/lib/money";

describe("parseAmount", () => {
  test.each([
    ["25", 2500],
    ["25.5", 2550],
    ["25,50", 2550],
    [" 25.05 ", 2505],
    ["$10", 1000],
    ["€ 7,5", 750],
    ["1 000", 100_000],
    ["0.01", 1],
    ["1000000", AMOUNT_MAX_MINOR],
    ["1000000.00", AMOUNT_MAX_MINOR],
  ])("%j is %i minor units", (text, minor) => {
    expect(parseAmount(text)).toBe(minor);
  });

  test.each(["", "0", "0.00", "-5", "1000000.01", "10.125", "abc", "1e3", "12.", ".5", "99999999999999999999"])("%j is refused", (text) => {
    expect(parseAmount(text)).toBeNull();
  });
});

describe("checkAmount says why an amount is refused", () => {
  test.each([
    ["", "format"],
    ["ten", "format"],
    ["0", "positive"],
    ["-5", "positive"],
    ["- 5", "positive"],
    ["10.125", "decimals"],
    ["1000000.01", "max"],
    ["123456789", "max"],
  ])("%j: %s", (text, problem) => {
    expect(checkAmount(text)).toEqual({ ok: false, problem });
  });
});

describe("showing amounts", () => {
  test("a form field gets the amount without currency or grouping, whole amounts without decimals", () => {
    expect(amountInputValue(2500)).toBe("25");
    expect(amountInputValue(2550)).toBe("25.50");
    expect(amountInputValue(100_000_000)).toBe("1000000");
  });

  test("money is written the way the page's language writes it, cents only when there are some", () => {
    expect(formatMoney(125_000, "CAD", "en")).toBe("CA$1,250");
    expect(formatMoney(2550, "USD", "en")).toBe("$25.50");
    expect(formatMoney(125_000, "CAD", "fr").replace(/\s/g, " ")).toBe("1 250 $CA");
    expect(formatMoney(10_000, "MXN", "es")).toMatch(/100/);
  });
});
