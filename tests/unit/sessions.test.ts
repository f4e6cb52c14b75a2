import { describe, expect, test } from "vitest";
import { newToken } from "~/lib/crypto.server";
import { readSessionToken, SESSION_COOKIE } from "~/lib/sessions.server";

const withCookie = (cookie: string) => new Request("http://localhost/org", { headers: { Cookie: cookie } });

describe("readSessionToken", () => {
  test("finds the session token among other cookies", () => {
    const token = newToken();
    expect(readSessionToken(withCookie(`theme=dark; ${SESSION_COOKIE}=${token}; other=1`))).toBe(token);
  });

  test.each(["%", "%E0%A4%A", "abc", "a%20b", `${"A".repeat(42)}=`, "", "A".repeat(44)])(
    "a malformed session cookie (%j) is no session, not an error",
    (value) => {
      expect(readSessionToken(withCookie(`${SESSION_COOKIE}=${value}`))).toBeNull();
    },
  );

  test("no cookie header, or no session cookie, is no session", () => {
    expect(readSessionToken(new Request("http://localhost/org"))).toBeNull();
    expect(readSessionToken(withCookie("theme=dark"))).toBeNull();
  });
});
