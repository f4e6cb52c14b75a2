import { describe, expect, test } from "vitest";
import { isCrossSite } from "../../server/cross-site";

describe("isCrossSite", () => {
  test("a form posted from the page's own host is not cross-site", () => {
    expect(isCrossSite({ origin: "http://localhost:3000", host: "localhost:3000" })).toBe(false);
    expect(isCrossSite({ origin: "https://picket.example", forwardedHost: "picket.example, proxy", host: "internal:3000" })).toBe(false);
  });

  test("no Origin at all (curl, a webhook) is left to the routes", () => {
    expect(isCrossSite({ host: "localhost:3000" })).toBe(false);
  });

  test.each(["https://evil.example", "evil", "null", "http://localhost:3001", ""])("Origin %j on localhost:3000 is cross-site", (origin) => {
    expect(isCrossSite({ origin, host: "localhost:3000" })).toBe(true);
  });

  test("an Origin with no Host to compare it with is cross-site", () => {
    expect(isCrossSite({ origin: "http://localhost:3000" })).toBe(true);
  });
});
