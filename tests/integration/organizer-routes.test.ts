import type { AppLoadContext } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import type { Database } from "../../db/client.server";
import { authTokens } from "../../db/schema";
import { hashToken } from "~/lib/crypto.server";
import type { EmailJob } from "~/lib/email-jobs";
import { createSignInLinkToken, inviteMember, issueAuthToken } from "~/lib/auth-tokens.server";
import { DEVICE_COOKIE } from "~/lib/device-cookie.server";
import { createOrganizer } from "~/lib/organizers.server";
import { LINK_REQUEST_POLICY, SIGN_IN_POLICY } from "~/lib/sign-in-throttle.server";
import { createSession, findSessionOrganizer, SESSION_COOKIE } from "~/lib/sessions.server";
import type { EnqueueEmail } from "~/lib/signatures.server";
import { action as accountAction, loader as accountLoader } from "~/routes/org.account";
import { action as forgotAction } from "~/routes/org.forgot-password";
import { loader as inviteLoader } from "~/routes/org.invite.$token";
import { action as magicAction, loader as magicLoader } from "~/routes/org.magic.$token";
import { action as magicRequestAction } from "~/routes/org.magic-link";
import { action as membersAction, loader as membersLoader } from "~/routes/org.groups.$groupId.members";
import { action as resetAction } from "~/routes/org.reset.$token";
import { action as signInAction, loader as signInLoader } from "~/routes/org.sign-in";
import { action as signOutAction, loader as signOutLoader } from "~/routes/org.sign-out";
import { openTestDatabase, type TestDatabase } from "../support/db";
import { uniqueSuffix } from "../support/factories";
import { createMember, sessionCookieHeader } from "../support/organizer-factories";
import { routeContext, routeRequest, settle } from "../support/route-context";

/**
 * The organizer account routes as HTTP sees them: status codes, cookies, redirects and the
 * errors shown next to fields. The domain rules themselves are in organizers.test.ts.
 */
const PASSWORD = "correct horse battery";

let handle: TestDatabase;
let db: Database;
let jobs: EmailJob[];
const recordEmail: EnqueueEmail = async (_tx, job) => {
  jobs.push(job);
};

beforeAll(async () => {
  handle = await openTestDatabase();
  db = handle.db;
  jobs = [];
});

afterAll(async () => {
  await handle?.close();
});

const context = (ipHash = hashToken(`ip-${uniqueSuffix()}`)): AppLoadContext => routeContext(db, { enqueueEmail: recordEmail, ipHash });

/** What a handler answered: status, headers, and the data of a Remix `data()` reply. */
async function answer(run: () => Promise<unknown>): Promise<{ status: number; headers: Headers; data: unknown }> {
  const outcome = await settle(run);
  if (outcome.thrown) return { status: outcome.response.status, headers: outcome.response.headers, data: null };
  const value = outcome.value;
  if (value instanceof Response) return { status: value.status, headers: value.headers, data: null };
  if (value && typeof value === "object" && (value as { type?: unknown }).type === "DataWithResponseInit") {
    const { data, init } = value as { data: unknown; init?: ResponseInit | null };
    return { status: init?.status ?? 200, headers: new Headers(init?.headers), data };
  }
  return { status: 200, headers: new Headers(), data: value };
}

/** The device cookie a sign-in set, as the browser sends it back. */
function deviceCookieFrom(headers: Headers): string {
  const match = new RegExp(`(?:^|, )(${DEVICE_COOKIE}=[^;]*)`).exec(headers.get("set-cookie") ?? "");
  if (!match) throw new Error(`no device cookie in ${headers.get("set-cookie")}`);
  return match[1]!;
}

function sessionTokenFrom(headers: Headers): string {
  const match = new RegExp(`^${SESSION_COOKIE}=([^;]*)`).exec(headers.get("set-cookie") ?? "");
  if (!match) throw new Error(`no session cookie in ${headers.get("set-cookie")}`);
  return match[1]!;
}

/** The newest invitation token recorded for `email` (jobs name no address: its row does), and its row. */
async function inviteTo(email: string) {
  for (const job of [...jobs].reverse()) {
    if (job.kind !== "invite") continue;
    const [row] = await db.select().from(authTokens).where(eq(authTokens.tokenHash, hashToken(job.token)));
    if (row?.email === email) return { token: job.token, row };
  }
  throw new Error("no invitation recorded for that address");
}

async function organizer(tag = "routes") {
  return (await createOrganizer(db, { email: `${tag}-${uniqueSuffix()}@example.org`, name: "Lucy Parsons", password: PASSWORD })).organizer;
}

const signIn = (form: Record<string, string>, ctx = context(), query = "") =>
  answer(() => signInAction({ request: routeRequest(`/org/sign-in${query}`, { form }), context: ctx, params: {} }));

describe("signing in", () => {
  test("the right password sets an HttpOnly session cookie and goes to the safe `next`", async () => {
    const who = await organizer();
    const got = await signIn({ email: who.email, password: PASSWORD, next: "/org/account" });
    expect(got.status).toBe(302);
    expect(got.headers.get("location")).toBe("/org/account");
    const cookie = got.headers.get("set-cookie")!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect((await findSessionOrganizer(db, sessionTokenFrom(got.headers)))?.id).toBe(who.id);
  });

  test("a `next` pointing elsewhere is ignored: the organizer home instead", async () => {
    const who = await organizer();
    const got = await signIn({ email: who.email, password: PASSWORD, next: "//evil.example/org" });
    expect(got.headers.get("location")).toBe("/org");
  });

  test("a wrong password answers 400 with the error on the password field, keeping the email but not the password", async () => {
    const who = await organizer();
    const got = await signIn({ email: who.email, password: "not it at all" });
    expect(got.status).toBe(400);
    expect(got.headers.get("set-cookie")).toBeNull();
    const result = (got.data as { result: { error: Record<string, string[]>; initialValue: Record<string, string> } }).result;
    expect(result.error).toEqual({ password: ["auth.errors.wrongCredentials"] });
    expect(result.initialValue.email).toBe(who.email);
    expect(result.initialValue.password).toBeUndefined();
  });

  test("an empty form answers 400 with an error per field, never a 500", async () => {
    const got = await signIn({});
    expect(got.status).toBe(400);
    expect(Object.keys((got.data as { result: { error: object } }).result.error).sort()).toEqual(["email", "password"]);
  });

  test("a throttled client gets 429, Retry-After and a message in minutes; its browser that signed in before still gets in", async () => {
    const who = await organizer("throttle");
    const signedIn = await signIn({ email: who.email, password: PASSWORD });
    const device = deviceCookieFrom(signedIn.headers);
    const guesser = context();
    for (let i = 0; i < SIGN_IN_POLICY.perAccountAndClient.points; i++) await signIn({ email: who.email, password: `guess ${i}` }, guesser);
    const got = await signIn({ email: who.email, password: PASSWORD }, guesser);
    expect(got.status).toBe(429);
    expect(Number(got.headers.get("retry-after"))).toBeGreaterThan(14 * 60);
    expect((got.data as { result: { error: Record<string, string[]> } }).result.error).toEqual({ "": ["auth.errors.throttled:15"] });

    // Same client address, but the browser that signed in before: its own budget.
    const back = await answer(() =>
      signInAction({ request: routeRequest("/org/sign-in", { form: { email: who.email, password: PASSWORD }, cookie: device }), context: guesser, params: {} }),
    );
    expect(back.status).toBe(302);
  });

  test("an organizer already signed in is sent on from the sign-in page", async () => {
    const member = await createMember(db, "viewer");
    const got = await answer(() =>
      signInLoader({ request: routeRequest("/org/sign-in?next=%2Forg%2Faccount", { cookie: member.cookie }), context: context(), params: {} }),
    );
    expect(got.status).toBe(302);
    expect(got.headers.get("location")).toBe("/org/account");
  });
});

describe("signing out", () => {
  test("POST ends this session only, clears the cookie and goes home", async () => {
    const member = await createMember(db, "viewer");
    const other = await createMember(db, "viewer", member.group);
    const got = await answer(() => signOutAction({ request: routeRequest("/org/sign-out", { cookie: member.cookie, form: {} }), context: context(), params: {} }));
    expect(got.status).toBe(302);
    expect(got.headers.get("location")).toBe("/");
    expect(got.headers.get("set-cookie")).toMatch(new RegExp(`^${SESSION_COOKIE}=;.*Max-Age=0`));
    expect(await findSessionOrganizer(db, member.token)).toBeNull();
    expect(await findSessionOrganizer(db, other.token)).not.toBeNull();
  });

  test("GET signs nobody out (405)", async () => {
    const got = await answer(() => signOutLoader());
    expect(got.status).toBe(405);
  });
});

describe("emailed links", () => {
  test("a client past its link budget gets 429 with Retry-After and a message, never a silent drop", async () => {
    const who = await organizer("link-budget");
    const client = context();
    for (let i = 0; i < LINK_REQUEST_POLICY.perAddressAndClient.points; i++) {
      const ok = await answer(() => magicRequestAction({ request: routeRequest("/org/magic-link", { form: { email: who.email } }), context: client, params: {} }));
      expect(ok.status).toBe(302);
    }
    const got = await answer(() => magicRequestAction({ request: routeRequest("/org/magic-link", { form: { email: who.email } }), context: client, params: {} }));
    expect(got.status).toBe(429);
    expect(Number(got.headers.get("retry-after"))).toBeGreaterThan(59 * 60);
    expect((got.data as { result: { error: Record<string, string[]> } }).result.error).toEqual({ "": ["auth.errors.linkThrottled:60"] });
  });

  test("forgot password and magic link answer the same redirect for a real account and an unknown address", async () => {
    const who = await organizer("forgot");
    for (const [act, path] of [
      [forgotAction, "/org/forgot-password"],
      [magicRequestAction, "/org/magic-link"],
    ] as const) {
      const before = jobs.length;
      const real = await answer(() => act({ request: routeRequest(path, { form: { email: who.email } }), context: context(), params: {} }));
      const unknown = await answer(() =>
        act({ request: routeRequest(path, { form: { email: `nobody-${uniqueSuffix()}@example.org` } }), context: context(), params: {} }),
      );
      expect(real.status).toBe(302);
      expect([unknown.status, unknown.headers.get("location")]).toEqual([real.status, real.headers.get("location")]);
      expect(jobs.length).toBe(before + 1);
      const bad = await answer(() => act({ request: routeRequest(path, { form: { email: "nope" } }), context: context(), params: {} }));
      expect(bad.status).toBe(400);
    }
  });

  test("opening a magic link changes nothing; pressing the button signs in, once", async () => {
    const who = await organizer("magic");
    const token = await createSignInLinkToken(db, who);
    const path = `/org/magic/${token}`;
    const shown = await answer(() => magicLoader({ request: routeRequest(path), context: context(), params: { token } }));
    expect(shown).toMatchObject({ status: 200, data: { email: who.email } });
    const pressed = await answer(() => magicAction({ request: routeRequest(path, { form: {} }), context: context(), params: { token } }));
    expect(pressed.status).toBe(302);
    expect((await findSessionOrganizer(db, sessionTokenFrom(pressed.headers)))?.id).toBe(who.id);
    const again = await answer(() => magicAction({ request: routeRequest(path, { form: {} }), context: context(), params: { token } }));
    expect(again.status).toBe(404);
    const madeUp = await answer(() => magicLoader({ request: routeRequest("/org/magic/x"), context: context(), params: { token: "x" } }));
    expect(madeUp.status).toBe(404);
  });
});

describe("a password reset", () => {
  test("signs in and makes the browser known to the account, like any other sign-in", async () => {
    const who = await organizer("reset-device");
    const token = await issueAuthToken(db, { purpose: "password-reset", email: who.email, organizerId: who.id, ttlMs: 60 * 60 * 1000 });
    const path = `/org/reset/${token}`;
    const reset = await answer(() =>
      resetAction({ request: routeRequest(path, { form: { password: "a brand new passphrase", confirmPassword: "a brand new passphrase" } }), context: context(), params: { token } }),
    );
    expect(reset.status).toBe(302);
    expect((await findSessionOrganizer(db, sessionTokenFrom(reset.headers)))?.id).toBe(who.id);
    expect(deviceCookieFrom(reset.headers)).toMatch(new RegExp(`^${DEVICE_COOKIE}=.+`));
  });
});

describe("an account made from the command line", () => {
  test("signing in with its link lands on the account page asking for a password; with a password, on the page asked for", async () => {
    const fresh = (await createOrganizer(db, { email: `cli-${uniqueSuffix()}@example.org`, name: "Rosa Luxemburg" })).organizer;
    const token = await createSignInLinkToken(db, fresh);
    const path = `/org/magic/${token}`;
    const pressed = await answer(() => magicAction({ request: routeRequest(path, { form: { next: "/org/c/some-campaign" } }), context: context(), params: { token } }));
    expect(pressed.status).toBe(302);
    expect(pressed.headers.get("location")).toBe("/org/account?set-password");
    const cookie = sessionCookieHeader(sessionTokenFrom(pressed.headers));
    const page = await answer(() => accountLoader({ request: routeRequest("/org/account?set-password", { cookie }), context: context(), params: {} }));
    expect(page.data).toMatchObject({ askForPassword: true, hasPassword: false });

    const withPassword = await organizer("has-password");
    const other = await createSignInLinkToken(db, withPassword);
    const signedIn = await answer(() =>
      magicAction({ request: routeRequest(`/org/magic/${other}`, { form: { next: "/org/c/some-campaign" } }), context: context(), params: { token: other } }),
    );
    expect(signedIn.headers.get("location")).toBe("/org/c/some-campaign");
    const ownCookie = sessionCookieHeader(sessionTokenFrom(signedIn.headers));
    const ownPage = await answer(() => accountLoader({ request: routeRequest("/org/account?set-password", { cookie: ownCookie }), context: context(), params: {} }));
    expect(ownPage.data).toMatchObject({ askForPassword: false, hasPassword: true });
  });
});

describe("the account page", () => {
  const post = (cookie: string, form: Record<string, string>) =>
    answer(() => accountAction({ request: routeRequest("/org/account", { cookie, form }), context: context(), params: {} }));

  test("a wrong current password is a 400 on that field; the right one keeps only this browser signed in", async () => {
    const who = await organizer("account");
    const [here, elsewhere] = [await createSessionCookie(who.id), await createSessionCookie(who.id)];
    const change = { intent: "password", password: "a brand new password", confirmPassword: "a brand new password" };
    const wrong = await post(here, { ...change, currentPassword: "nope" });
    expect(wrong.status).toBe(400);
    expect((wrong.data as { result: { error: object } }).result.error).toEqual({ currentPassword: ["auth.errors.wrongPassword"] });

    const ok = await post(here, { ...change, currentPassword: PASSWORD });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("location")).toBe("/org/account?saved=password");
    expect((await findSessionOrganizer(db, sessionTokenFrom(ok.headers)))?.id).toBe(who.id);
    expect(await findSessionOrganizer(db, elsewhere.split("=")[1]!)).toBeNull();
  });

  test("sign out everywhere ends every session and clears the cookie", async () => {
    const who = await organizer("everywhere");
    const [here, elsewhere] = [await createSessionCookie(who.id), await createSessionCookie(who.id)];
    const got = await post(here, { intent: "sign-out-everywhere" });
    expect(got.status).toBe(302);
    expect(got.headers.get("set-cookie")).toMatch(/Max-Age=0/);
    for (const cookie of [here, elsewhere]) expect(await findSessionOrganizer(db, cookie.split("=")[1]!)).toBeNull();
  });

  test("an unknown intent or a too-long name is a 400", async () => {
    const member = await createMember(db, "viewer");
    expect((await post(member.cookie, { intent: "drop-tables" })).status).toBe(400);
    expect((await post(member.cookie, { intent: "name", name: "x".repeat(101) })).status).toBe(400);
  });
});

describe("the members page", () => {
  const params = (groupId: number | string) => ({ groupId: String(groupId) });
  const post = (cookie: string, groupId: number, form: Record<string, string>) =>
    answer(() =>
      membersAction({ request: routeRequest(`/org/groups/${groupId}/members`, { cookie, form }), context: context(), params: params(groupId) }),
    );

  test("owners see it; organizers and viewers get 403; outsiders and nonsense ids 404", async () => {
    const owner = await createMember(db, "owner");
    const load = (cookie: string, id: number | string = owner.group.id) =>
      answer(() => membersLoader({ request: routeRequest(`/org/groups/${id}/members`, { cookie }), context: context(), params: params(id) }));
    expect((await load(owner.cookie)).status).toBe(200);
    expect((await load((await createMember(db, "organizer", owner.group)).cookie)).status).toBe(403);
    expect((await load((await createMember(db, "viewer", owner.group)).cookie)).status).toBe(403);
    expect((await load((await createMember(db, "owner")).cookie)).status).toBe(404);
    expect((await load(owner.cookie, "1e3")).status).toBe(404);
    expect((await load(owner.cookie, "99999999999999999999")).status).toBe(404);
  });

  test("inviting sends one email and comes back with a notice; a bad role is a 400", async () => {
    const owner = await createMember(db, "owner");
    const before = jobs.length;
    const invited = `invited-${uniqueSuffix()}@example.org`;
    const got = await post(owner.cookie, owner.group.id, { intent: "invite", email: invited, role: "organizer" });
    expect(got.status).toBe(302);
    expect(got.headers.get("location")).toMatch(/\?done=invited/);
    expect(jobs.slice(before)).toEqual([expect.objectContaining({ kind: "invite" })]);
    expect((await inviteTo(invited)).row.role).toBe("organizer");
    expect((await post(owner.cookie, owner.group.id, { intent: "invite", email: invited, role: "admin" })).status).toBe(400);
  });

  test("withdrawing an invitation works once; another group's or a used one is a 404 with a message", async () => {
    const owner = await createMember(db, "owner");
    const other = await createMember(db, "owner");
    const invited = `withdrawn-${uniqueSuffix()}@example.org`;
    expect((await post(owner.cookie, owner.group.id, { intent: "invite", email: invited, role: "viewer" })).status).toBe(302);
    const { token } = await inviteTo(invited);
    const inviteId = hashToken(token);

    const fromOtherGroup = await post(other.cookie, other.group.id, { intent: "revoke-invite", inviteId });
    expect(fromOtherGroup.status).toBe(404);
    expect(fromOtherGroup.data).toMatchObject({ error: "auth.members.inviteGone" });

    const revoked = await post(owner.cookie, owner.group.id, { intent: "revoke-invite", inviteId });
    expect(revoked.status).toBe(302);
    expect(revoked.headers.get("location")).toMatch(/\?done=revoked$/);
    const again = await post(owner.cookie, owner.group.id, { intent: "revoke-invite", inviteId });
    expect(again.status).toBe(404);
    expect(again.data).toMatchObject({ error: "auth.members.inviteGone" });
  });

  test("demoting or removing the last owner is refused with a 409 and a message", async () => {
    const owner = await createMember(db, "owner");
    const forms: Record<string, string>[] = [
      { intent: "change-role", organizerId: String(owner.organizer.id), role: "viewer" },
      { intent: "remove", organizerId: String(owner.organizer.id) },
    ];
    for (const form of forms) {
      const got = await post(owner.cookie, owner.group.id, form);
      expect(got.status).toBe(409);
      expect(got.data).toMatchObject({ error: "auth.members.lastOwner" });
    }
  });

  test("an owner who hands over ownership and steps down is sent to their account page", async () => {
    const owner = await createMember(db, "owner");
    const next = await createMember(db, "organizer", owner.group);
    expect((await post(owner.cookie, owner.group.id, { intent: "change-role", organizerId: String(next.organizer.id), role: "owner" })).status).toBe(302);
    const got = await post(owner.cookie, owner.group.id, { intent: "change-role", organizerId: String(owner.organizer.id), role: "viewer" });
    expect(got.headers.get("location")).toBe("/org/account");
  });
});

describe("invitation links", () => {
  test("the page offers the right next step to a newcomer, the invited account, and someone else", async () => {
    const owner = await createMember(db, "owner");
    const invited = await organizer("invited");
    const { organizer: ownerRow } = owner;
    let token = "";
    await inviteMember(db, async (_tx, job) => void (token = "token" in job ? job.token : ""), {
      groupId: owner.group.id,
      actor: ownerRow,
      email: invited.email,
      role: "viewer",
    });
    const load = (cookie?: string) =>
      answer(() => inviteLoader({ request: routeRequest(`/org/invite/${token}`, cookie ? { cookie } : {}), context: context(), params: { token } }));
    expect((await load()).data).toMatchObject({ state: "sign-in", signInUrl: `/org/sign-in?next=${encodeURIComponent(`/org/invite/${token}`)}` });
    expect((await load(await createSessionCookie(invited.id))).data).toMatchObject({ state: "join" });
    expect((await load(owner.cookie)).data).toMatchObject({ state: "wrong-account" });
    expect((await answer(() => inviteLoader({ request: routeRequest("/org/invite/x"), context: context(), params: { token: "x" } }))).status).toBe(404);
  });
});

async function createSessionCookie(organizerId: number): Promise<string> {
  return sessionCookieHeader(await createSession(db, organizerId));
}
