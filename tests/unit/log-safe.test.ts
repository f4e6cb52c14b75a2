import { describe, expect, test } from "vitest";
import { describeError, loggablePath, redactMessage } from "~/lib/log-safe.server";

describe("what reaches the log", () => {
  test("one-time tokens leave paths; query strings are dropped", () => {
    expect(loggablePath("http://x/confirm/abcDEF123?x=1")).toBe("/confirm/[token]");
    expect(loggablePath("http://x/org/magic/abc?next=%2Forg")).toBe("/org/magic/[token]");
    expect(loggablePath("http://x/org/reset/abc")).toBe("/org/reset/[token]");
    expect(loggablePath("http://x/org/invite/abc")).toBe("/org/invite/[token]");
    expect(loggablePath("http://x/org/c/some-campaign/signers?q=rosa")).toBe("/org/c/some-campaign/signers");
  });

  test("a failed query keeps its SQL and loses its parameters", () => {
    const message = 'Failed query: select "email" from "signatures" where "email_normalized" = $1\nparams: rosa@example.org,5';
    const redacted = redactMessage(message);
    expect(redacted).toContain('select "email" from "signatures"');
    expect(redacted).not.toContain("rosa");
    expect(redacted).toContain("params: [redacted]");
  });

  test("database messages lose quoted values and addresses", () => {
    expect(redactMessage('invalid input syntax for type timestamp with time zone: "2024-99-99T99:99:99Z"')).toBe(
      'invalid input syntax for type timestamp with time zone: "…"',
    );
    expect(redactMessage("no account for karl@example.org")).toBe("no account for [email]");
  });

  test("an error with a cause is described down the chain, with its code and stack frames", () => {
    const cause = Object.assign(new Error('value "Rosa\u0000" is not valid'), { code: "22021" });
    const error = new Error("Failed query: select 1\nparams: Rosa", { cause });
    const text = describeError(error);
    expect(text).toMatch(/^Error: Failed query: select 1\nparams: \[redacted\]\ncaused by Error \[22021\]: value "…" is not valid/);
    expect(text).toMatch(/\n {4}at /);
    expect(text).not.toContain("Rosa");
  });
});
