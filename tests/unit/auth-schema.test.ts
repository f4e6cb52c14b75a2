import { describe, expect, test } from "vitest";
import {
  acceptInviteSchema,
  accountSchema,
  emailRequestSchema,
  membersSchema,
  PASSWORD_MIN,
  resetPasswordSchema,
  safeNext,
  signInSchema,
} from "~/lib/auth-schema";
import { translator } from "~/lib/i18n";
import { translateError } from "~/lib/form-errors";

const errorsOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));

describe("signInSchema", () => {
  test("accepts an email and any non-empty password, trimming the email", () => {
    expect(signInSchema.parse({ email: "  lucy@example.org ", password: " spaces count " })).toEqual({
      email: "lucy@example.org",
      password: " spaces count ",
    });
  });

  test("names each missing or malformed field", () => {
    expect(errorsOf(signInSchema.safeParse({ email: "lucy", password: "" }))).toEqual({
      email: "errors.email",
      password: "errors.required",
    });
    expect(errorsOf(signInSchema.safeParse({}))).toEqual({ email: "errors.required", password: "errors.required" });
  });

  test("refuses absurdly long input instead of hashing it", () => {
    expect(errorsOf(signInSchema.safeParse({ email: "a@b.org", password: "x".repeat(201) }))).toEqual({ password: "errors.tooLong:200" });
  });
});

describe("choosing a password", () => {
  test(`needs at least ${PASSWORD_MIN} characters, typed the same twice`, () => {
    expect(resetPasswordSchema.safeParse({ password: "x".repeat(PASSWORD_MIN), confirmPassword: "x".repeat(PASSWORD_MIN) }).success).toBe(true);
    expect(errorsOf(resetPasswordSchema.safeParse({ password: "short", confirmPassword: "short" }))).toEqual({
      password: `auth.errors.passwordShort:${PASSWORD_MIN}`,
    });
    expect(errorsOf(resetPasswordSchema.safeParse({ password: "long enough here", confirmPassword: "long enough her" }))).toEqual({
      confirmPassword: "auth.errors.passwordMismatch",
    });
  });

  test("the error reads as a sentence with the number in it", () => {
    expect(translateError(translator("en"), `auth.errors.passwordShort:${PASSWORD_MIN}`)).toBe(`Use at least ${PASSWORD_MIN} characters.`);
  });

  test("accepting an invitation also needs a name, without control characters", () => {
    const ok = { name: " Emma Goldman ", password: "anarchy and love", confirmPassword: "anarchy and love" };
    expect(acceptInviteSchema.parse(ok).name).toBe("Emma Goldman");
    expect(errorsOf(acceptInviteSchema.safeParse({ ...ok, name: "  " }))).toEqual({ name: "errors.required" });
    expect(errorsOf(acceptInviteSchema.safeParse({ ...ok, name: "Emma\u0000" }))).toEqual({ name: "errors.invalidChars" });
  });
});

describe("emailRequestSchema", () => {
  test("wants one valid address", () => {
    expect(emailRequestSchema.parse({ email: "lucy@example.org" }).email).toBe("lucy@example.org");
    expect(errorsOf(emailRequestSchema.safeParse({ email: "not an email" }))).toEqual({ email: "errors.email" });
  });
});

describe("accountSchema", () => {
  test("picks the form by its intent", () => {
    expect(accountSchema.parse({ intent: "name", name: "Lucy" })).toEqual({ intent: "name", name: "Lucy" });
    expect(accountSchema.parse({ intent: "sign-out-everywhere" })).toEqual({ intent: "sign-out-everywhere" });
    expect(
      accountSchema.parse({ intent: "password", currentPassword: "old one", password: "new password!", confirmPassword: "new password!" }),
    ).toMatchObject({ intent: "password", password: "new password!" });
    expect(accountSchema.safeParse({ intent: "delete-everything" }).success).toBe(false);
  });

  test("a new password must match its repetition", () => {
    expect(
      errorsOf(accountSchema.safeParse({ intent: "password", currentPassword: "old", password: "new password!", confirmPassword: "nope" })),
    ).toEqual({ confirmPassword: "auth.errors.passwordMismatch" });
  });
});

describe("membersSchema", () => {
  test("invites with one of the three roles", () => {
    expect(membersSchema.parse({ intent: "invite", email: "emma@example.org", role: "viewer" })).toEqual({
      intent: "invite",
      email: "emma@example.org",
      role: "viewer",
    });
    expect(errorsOf(membersSchema.safeParse({ intent: "invite", email: "emma@example.org", role: "admin" }))).toEqual({
      role: "auth.errors.role",
    });
  });

  test("role changes and removals name a member by a positive integer id", () => {
    expect(membersSchema.parse({ intent: "change-role", organizerId: "12", role: "owner" })).toEqual({
      intent: "change-role",
      organizerId: 12,
      role: "owner",
    });
    expect(membersSchema.safeParse({ intent: "remove", organizerId: "-1" }).success).toBe(false);
    expect(membersSchema.safeParse({ intent: "remove", organizerId: "1; drop table" }).success).toBe(false);
  });
});

describe("safeNext", () => {
  test.each([
    ["/org", "/org"],
    ["/org/account", "/org/account"],
    ["/org/groups/3/members?tab=1#x", "/org/groups/3/members?tab=1#x"],
    ["/org/invite/abc", "/org/invite/abc"],
  ])("keeps the organizer path %s", (input, expected) => {
    expect(safeNext(input)).toBe(expected);
  });

  test.each([
    [null],
    [undefined],
    [""],
    ["/"],
    ["/c/some-campaign"],
    ["/organizer-phish"],
    ["//evil.example/org"],
    ["/\\evil.example"],
    ["/org\\..\\evil"],
    ["https://evil.example/org"],
    ["javascript:alert(1)"],
    ["/org/../c/x"],
    ["/org/%2e%2e/c/x"],
    ["/org\nSet-Cookie: x"],
  ])("refuses %j and falls back to /org", (input) => {
    expect(safeNext(input)).toBe("/org");
  });
});
