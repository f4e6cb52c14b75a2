import { describe, expect, test } from "vitest";
import { parseMoneyGoal, parsePeople, parseSuggestedAmounts, pledgeOptionDefaults, pledgeOptionSchema, suggestedAmountsInputValue } from "~/lib/pledge-option-schema";

describe("the pledge option form", () => {
  test("suggested amounts: a comma and a space, or a semicolon, separate them; a bare comma is a decimal mark", () => {
    expect(parseSuggestedAmounts("10, 25, 50")).toEqual([1000, 2500, 5000]);
    expect(parseSuggestedAmounts("50; 10\n25,50")).toEqual([1000, 2550, 5000]);
    expect(parseSuggestedAmounts("10, 10, 5")).toEqual([500, 1000]);
    expect(parseSuggestedAmounts("")).toEqual([]);
    expect(parseSuggestedAmounts("10, ten")).toBeNull();
    expect(parseSuggestedAmounts("0.001")).toBeNull();
    expect(suggestedAmountsInputValue([1000, 2550])).toBe("10, 25.50");
    // What the form shows comes back as the same amounts.
    expect(parseSuggestedAmounts(suggestedAmountsInputValue([1000, 2550, 99]))).toEqual([99, 1000, 2550]);
  });

  test("goals: money up to 100,000,000.00 in minor units, people as whole numbers up to ten million", () => {
    expect(parseMoneyGoal("5 000,50")).toBe(500_050);
    expect(parseMoneyGoal("100000000")).toBe(10_000_000_000);
    expect(parseMoneyGoal("100000000.01")).toBeNull();
    expect(parseMoneyGoal("0")).toBeNull();
    expect(parseMoneyGoal("1e6")).toBeNull();
    expect(parsePeople("2,500")).toBe(2500);
    expect(parsePeople("2 500")).toBe(2500);
    for (const bad of ["1.5", "0", "-3", "1e3", "10000001", "25,00"]) expect(parsePeople(bad), bad).toBeNull();
  });

  test("an action drops money fields; the stored option round-trips through the form's defaults", () => {
    const action = pledgeOptionSchema().parse({ kind: "action", title: " Join a picket line ", currency: "CAD", suggested: "10", goal: "40" });
    expect(action).toEqual({ kind: "action", title: "Join a picket line", description: null, currency: null, suggestedAmounts: null, goal: 40 });
    const money = { kind: "money" as const, title: "Fund", description: "For the strike\nfund", currency: "MXN" as const, suggestedAmounts: [1000, 2550], goal: 123_456 };
    expect(pledgeOptionSchema().parse(pledgeOptionDefaults(money))).toEqual(money);
  });

  test("a locked option keeps its kind and currency and refuses others", () => {
    const schema = pledgeOptionSchema({ locked: { kind: "money", currency: "CAD" } });
    expect(schema.parse({ title: "Fund" })).toMatchObject({ kind: "money", currency: "CAD" });
    expect(schema.safeParse({ title: "Fund", currency: "EUR" }).success).toBe(false);
    expect(schema.safeParse({ title: "Fund", kind: "action" }).success).toBe(false);
  });
});
