import { and, eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, test } from "vitest";
import { auditLog, authTokens, campaigns, memberships, organizers, sessions } from "../../db/schema";
import { DEMO_CAMPAIGNS, DEMO_GROUP_NAME, DEMO_OWNER, DEMO_VIEWER, seedDemo } from "../../db/seed";
import { hashToken, isWellFormedToken } from "~/lib/crypto.server";
import { composeEmail } from "~/lib/email-delivery.server";
import type { EmailJob } from "~/lib/email-jobs";
import { EMAIL_QUEUE } from "~/lib/jobs.server";
import {
  acceptInvite,
  consumeToken,
  createSignInLinkToken,
  findInvite,
  findLinkOrganizer,
  INVITE_TTL_MS,
  inviteMember,
  MAGIC_LINK_TTL_MS,
  PASSWORD_RESET_TTL_MS,
  requestEmailedLink,
  resetPassword,
  revokeInvite,
  signInWithMagicLink,
} from "~/lib/auth-tokens.server";
import { changeRole, createGroup, findGroupByName, listMembers, removeMember } from "~/lib/groups.server";
import {
  authenticate,
  changePassword,
  createOrganizer,
  findOrganizerByEmail,
  WeakPasswordError,
} from "~/lib/organizers.server";
import { hashPassword, verifyPassword } from "~/lib/passwords.server";
import { createSession, destroyAllSessions, destroySession, findSessionOrganizer, SESSION_TTL_MS } from "~/lib/sessions.server";
import type { EnqueueEmail } from "~/lib/signatures.server";
import { openedEmailJobs } from "../support/jobs";
import { fileDatabaseWithQueue } from "../support/suite";
import { uniqueSuffix } from "../support/factories";
import { addMember, createTestGroup, createTestOrganizer } from "../support/organizer-factories";

const MINUTE = 60_000;
const PASSWORD = "correct horse battery";

const { db, boss, enqueue } = await fileDatabaseWithQueue();

const email = (tag: string) => `${tag}-${uniqueSuffix()}@example.org`;
const ipHash = () => hashToken(`ip-${uniqueSuffix()}`);

async function organizerWithPassword(tag = "organizer", password = PASSWORD) {
  return (await createOrganizer(db, { email: email(tag), name: `Lucy ${tag}`, password })).organizer;
}

/** Every email job whose link was issued to `to`, oldest first (jobs name no address: the link's row does). */
async function jobsTo(to: string): Promise<EmailJob[]> {
  const issued = await db.select({ tokenHash: authTokens.tokenHash }).from(authTokens).where(eq(authTokens.email, to));
  const hashes = new Set(issued.map((r) => r.tokenHash));
  return (await openedEmailJobs(boss)).filter((j) => "token" in j && hashes.has(hashToken(j.token)));
}

function tokenOf(job: EmailJob): string {
  if (!("token" in job)) throw new Error("job without a token");
  return job.token;
}

async function onlyTokenTo(to: string, kind: EmailJob["kind"]): Promise<string> {
  const jobs = (await jobsTo(to)).filter((j) => j.kind === kind);
  expect(jobs).toHaveLength(1);
  return tokenOf(jobs[0]!);
}

async function auditActions(groupId: number): Promise<{ action: string; details: Record<string, unknown>; actorId: number | null }[]> {
  return db
    .select({ action: auditLog.action, details: auditLog.details, actorId: auditLog.actorId })
    .from(auditLog)
    .where(eq(auditLog.groupId, groupId))
    .orderBy(auditLog.id);
}

describe("accounts and passwords", () => {
  test("a password hash verifies the password and no other, and does not contain it", async () => {
    const stored = await hashPassword(PASSWORD);
    expect(stored).toMatch(/^scrypt\$/);
    expect(stored).not.toContain(PASSWORD);
    expect(await verifyPassword(PASSWORD, stored)).toBe(true);
    expect(await verifyPassword("correct horse battery!", stored)).toBe(false);
    expect(await verifyPassword(PASSWORD, null)).toBe(false);
  });

  test("an organizer's email is stored lower-cased, and creating it again finds the same account", async () => {
    const address = `Lucy.Parsons.${uniqueSuffix()}@Example.ORG`;
    const first = await createOrganizer(db, { email: `  ${address} `, name: " Lucy Parsons ", password: PASSWORD });
    expect(first.created).toBe(true);
    expect(first.organizer).toMatchObject({ email: address.toLowerCase(), name: "Lucy Parsons" });
    const again = await createOrganizer(db, { email: address.toUpperCase(), name: "Someone else" });
    expect(again).toEqual({ organizer: first.organizer, created: false });
  });

  test("a password shorter than 10 characters is refused", async () => {
    await expect(createOrganizer(db, { email: email("short"), name: "Short", password: "123456789" })).rejects.toBeInstanceOf(
      WeakPasswordError,
    );
  });

  test("signing in needs the right password; a wrong one and an unknown email get the same answer", async () => {
    const organizer = await organizerWithPassword();
    const ok = await authenticate(db, { email: organizer.email.toUpperCase(), password: PASSWORD, ipHash: ipHash() });
    expect(ok).toMatchObject({ status: "ok", organizer: { id: organizer.id } });
    expect(await authenticate(db, { email: organizer.email, password: "wrong password", ipHash: ipHash() })).toEqual({ status: "invalid" });
    expect(await authenticate(db, { email: email("nobody"), password: PASSWORD, ipHash: ipHash() })).toEqual({ status: "invalid" });
  });

  test("an account without a password (made from the command line) cannot sign in with one", async () => {
    const { organizer } = await createOrganizer(db, { email: email("cli"), name: "From the CLI" });
    expect(organizer.passwordHash).toBeNull();
    expect(await authenticate(db, { email: organizer.email, password: "", ipHash: ipHash() })).toEqual({ status: "invalid" });
  });
});

describe("sessions", () => {
  test("a session finds its organizer until it expires; only its hash is stored", async () => {
    const organizer = await organizerWithPassword("session");
    const now = new Date();
    const token = await createSession(db, organizer.id, now);
    expect(isWellFormedToken(token)).toBe(true);
    expect((await findSessionOrganizer(db, token, now))?.id).toBe(organizer.id);
    const [row] = await db.select().from(sessions).where(eq(sessions.tokenHash, hashToken(token)));
    expect(Object.values(row!)).not.toContain(token);
    expect(await findSessionOrganizer(db, token, new Date(now.getTime() + SESSION_TTL_MS + 1000))).toBeNull();
    expect(await findSessionOrganizer(db, "not-a-session", now)).toBeNull();
    expect(await findSessionOrganizer(db, null, now)).toBeNull();
  });

  test("signing out ends this session only; signing out everywhere ends them all", async () => {
    const organizer = await organizerWithPassword("sign-out");
    const [laptop, phone, tablet] = [await createSession(db, organizer.id), await createSession(db, organizer.id), await createSession(db, organizer.id)];
    await destroySession(db, laptop);
    expect(await findSessionOrganizer(db, laptop)).toBeNull();
    expect((await findSessionOrganizer(db, phone))?.id).toBe(organizer.id);
    await destroyAllSessions(db, organizer.id);
    expect(await findSessionOrganizer(db, phone)).toBeNull();
    expect(await findSessionOrganizer(db, tablet)).toBeNull();
  });

  test("changing the password needs the current one, and signs out every other session", async () => {
    const organizer = await organizerWithPassword("change");
    const other = await createSession(db, organizer.id);
    expect(await changePassword(db, organizer, { currentPassword: "not it at all", password: "a brand new password" })).toEqual({
      status: "wrong-password",
    });
    expect((await findSessionOrganizer(db, other))?.id).toBe(organizer.id);

    const changed = await changePassword(db, organizer, { currentPassword: PASSWORD, password: "a brand new password" });
    expect(changed.status).toBe("ok");
    if (changed.status !== "ok") return;
    expect(await findSessionOrganizer(db, other)).toBeNull();
    expect((await findSessionOrganizer(db, changed.sessionToken))?.id).toBe(organizer.id);
    expect((await authenticate(db, { email: organizer.email, password: "a brand new password", ipHash: ipHash() })).status).toBe("ok");
    expect((await authenticate(db, { email: organizer.email, password: PASSWORD, ipHash: ipHash() })).status).toBe("invalid");
  });
});

describe("password reset links", () => {
  test("a reset request queues one email whose token is stored only as a hash, valid for an hour", async () => {
    const organizer = await organizerWithPassword("reset");
    const before = Date.now();
    await requestEmailedLink(db, enqueue, "password-reset", { email: organizer.email.toUpperCase(), ipHash: ipHash() });

    const token = await onlyTokenTo(organizer.email, "password-reset");
    expect(isWellFormedToken(token)).toBe(true);
    const rows = await db.select().from(authTokens).where(eq(authTokens.organizerId, organizer.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ tokenHash: hashToken(token), purpose: "password-reset", email: organizer.email, usedAt: null });
    expect(Object.values(rows[0]!)).not.toContain(token);
    const ttl = rows[0]!.expiresAt.getTime() - before;
    expect(ttl).toBeGreaterThan(PASSWORD_RESET_TTL_MS - MINUTE);
    expect(ttl).toBeLessThanOrEqual(PASSWORD_RESET_TTL_MS + MINUTE);
  });

  test("an unknown address gets no email and no token, and the caller cannot tell", async () => {
    const nobody = email("nobody");
    await expect(requestEmailedLink(db, enqueue, "password-reset", { email: nobody, ipHash: ipHash() })).resolves.toEqual({ status: "requested" });
    expect(await jobsTo(nobody)).toEqual([]);
    expect(await db.select().from(authTokens).where(eq(authTokens.email, nobody))).toEqual([]);
  });

  test("the token and its email commit together: if the transaction fails, neither exists", async () => {
    const organizer = await organizerWithPassword("rollback");
    const failing: EnqueueEmail = async (tx, job) => {
      await enqueue(tx, job);
      throw new Error("the database went away");
    };
    await expect(requestEmailedLink(db, failing, "password-reset", { email: organizer.email, ipHash: ipHash() })).rejects.toThrow(/went away/);
    expect(await jobsTo(organizer.email)).toEqual([]);
    expect(await db.select().from(authTokens).where(eq(authTokens.organizerId, organizer.id))).toEqual([]);
  });

  test("a reset link works once: it sets the password, ends every session and signs this browser in", async () => {
    const organizer = await organizerWithPassword("reset-once");
    const stolen = await createSession(db, organizer.id);
    await requestEmailedLink(db, enqueue, "password-reset", { email: organizer.email, ipHash: ipHash() });
    const token = await onlyTokenTo(organizer.email, "password-reset");

    expect((await findLinkOrganizer(db, token, "password-reset"))?.id).toBe(organizer.id);
    const result = await resetPassword(db, token, "my new long password");
    expect(result.status).toBe("ok");
    if (result.status !== "ok") return;
    expect(await findSessionOrganizer(db, stolen)).toBeNull();
    expect((await findSessionOrganizer(db, result.sessionToken))?.id).toBe(organizer.id);
    expect((await authenticate(db, { email: organizer.email, password: "my new long password", ipHash: ipHash() })).status).toBe("ok");

    expect(await resetPassword(db, token, "yet another password")).toEqual({ status: "invalid" });
    expect(await findLinkOrganizer(db, token, "password-reset")).toBeNull();
  });

  test("resetting the password ends every sign-in and reset link still pending for the account", async () => {
    const organizer = await organizerWithPassword("reset-ends-links");
    const cliLink = await createSignInLinkToken(db, organizer);
    await requestEmailedLink(db, enqueue, "magic-link", { email: organizer.email, ipHash: ipHash() });
    const emailedLink = await onlyTokenTo(organizer.email, "magic-link");
    await requestEmailedLink(db, enqueue, "password-reset", { email: organizer.email, ipHash: ipHash() });
    await requestEmailedLink(db, enqueue, "password-reset", { email: organizer.email, ipHash: ipHash() });
    const [reset, otherReset] = (await jobsTo(organizer.email)).filter((j) => j.kind === "password-reset").map(tokenOf);

    expect((await resetPassword(db, reset!, "my new long password")).status).toBe("ok");
    expect(await signInWithMagicLink(db, cliLink)).toEqual({ status: "invalid" });
    expect(await signInWithMagicLink(db, emailedLink)).toEqual({ status: "invalid" });
    expect(await resetPassword(db, otherReset!, "someone else's password")).toEqual({ status: "invalid" });
  });

  test("changing the password ends every sign-in and reset link still pending for the account", async () => {
    const organizer = await organizerWithPassword("change-ends-links");
    const cliLink = await createSignInLinkToken(db, organizer);
    await requestEmailedLink(db, enqueue, "password-reset", { email: organizer.email, ipHash: ipHash() });
    const reset = await onlyTokenTo(organizer.email, "password-reset");

    expect((await changePassword(db, organizer, { currentPassword: PASSWORD, password: "a brand new password" })).status).toBe("ok");
    expect(await signInWithMagicLink(db, cliLink)).toEqual({ status: "invalid" });
    expect(await resetPassword(db, reset, "someone else's password")).toEqual({ status: "invalid" });
    expect((await authenticate(db, { email: organizer.email, password: "a brand new password", ipHash: ipHash() })).status).toBe("ok");
  });

  test("a reset link has expired after an hour", async () => {
    const organizer = await organizerWithPassword("reset-expiry");
    await requestEmailedLink(db, enqueue, "password-reset", { email: organizer.email, ipHash: ipHash() });
    const token = await onlyTokenTo(organizer.email, "password-reset");
    const later = new Date(Date.now() + PASSWORD_RESET_TTL_MS + MINUTE);
    expect(await findLinkOrganizer(db, token, "password-reset", later)).toBeNull();
    expect(await resetPassword(db, token, "my new long password", later)).toEqual({ status: "invalid" });
  });

  test("a reset token cannot be used as a sign-in link, nor the other way round", async () => {
    const organizer = await organizerWithPassword("purpose");
    await requestEmailedLink(db, enqueue, "password-reset", { email: organizer.email, ipHash: ipHash() });
    const token = await onlyTokenTo(organizer.email, "password-reset");
    expect(await signInWithMagicLink(db, token)).toEqual({ status: "invalid" });
    expect(await consumeToken(db, token, "invite")).toBeNull();
    expect((await resetPassword(db, token, "still works fine")).status).toBe("ok");
  });
});

describe("magic sign-in links", () => {
  test("a magic link signs in once, within 15 minutes", async () => {
    const organizer = await organizerWithPassword("magic");
    await requestEmailedLink(db, enqueue, "magic-link", { email: organizer.email, ipHash: ipHash() });
    const token = await onlyTokenTo(organizer.email, "magic-link");
    const [row] = await db.select().from(authTokens).where(eq(authTokens.tokenHash, hashToken(token)));
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBe(MAGIC_LINK_TTL_MS);

    const first = await signInWithMagicLink(db, token);
    expect(first.status).toBe("ok");
    if (first.status === "ok") expect((await findSessionOrganizer(db, first.sessionToken))?.id).toBe(organizer.id);
    expect(await signInWithMagicLink(db, token)).toEqual({ status: "invalid" });
  });

  test("a magic link has expired after 15 minutes", async () => {
    const organizer = await organizerWithPassword("magic-expiry");
    await requestEmailedLink(db, enqueue, "magic-link", { email: organizer.email, ipHash: ipHash() });
    const token = await onlyTokenTo(organizer.email, "magic-link");
    expect(await signInWithMagicLink(db, token, new Date(Date.now() + MAGIC_LINK_TTL_MS + MINUTE))).toEqual({ status: "invalid" });
  });

  test("two presses of the same link at once sign in once", async () => {
    const organizer = await organizerWithPassword("magic-race");
    const token = await createSignInLinkToken(db, organizer);
    const results = await Promise.all([signInWithMagicLink(db, token), signInWithMagicLink(db, token)]);
    expect(results.map((r) => r.status).sort()).toEqual(["invalid", "ok"]);
  });

  test("malformed tokens are refused without touching the database", async () => {
    expect(await signInWithMagicLink(db, "../../etc/passwd")).toEqual({ status: "invalid" });
    expect(await findLinkOrganizer(db, "x".repeat(500), "magic-link")).toBeNull();
  });

  test("the email links to /org/magic/<token> on APP_URL; once used, the queued email is no longer sent", async () => {
    const organizer = await organizerWithPassword("compose");
    await requestEmailedLink(db, enqueue, "magic-link", { email: organizer.email, ipHash: ipHash() });
    const job = (await jobsTo(organizer.email))[0]!;
    const deps = { db, appUrl: "https://picket.example", mailFrom: "Picket <picket@example.org>" };
    const mail = await composeEmail(deps, job);
    expect(mail?.to).toBe(organizer.email);
    expect(mail?.subject).toBe("Your Picket sign-in link");
    if (job.kind !== "magic-link") throw new Error("expected a magic-link job");
    expect(mail?.text).toContain(`https://picket.example/org/magic/${job.token}`);
    expect(mail?.html).toContain(`https://picket.example/org/magic/${job.token}`);
    await signInWithMagicLink(db, job.token);
    expect(await composeEmail(deps, job)).toBeNull();
  });
});

describe("groups and roles", () => {
  async function groupWithOwner() {
    const owner = await organizerWithPassword("owner");
    const group = await createGroup(db, { name: `Strike support ${uniqueSuffix()}`, ownerId: owner.id });
    return { owner, group };
  }

  test("creating a group makes its creator the owner, and says so in the audit log", async () => {
    const { owner, group } = await groupWithOwner();
    expect(await listMembers(db, group.id)).toEqual([expect.objectContaining({ organizerId: owner.id, role: "owner" })]);
    expect((await auditActions(group.id)).map((a) => a.action)).toEqual(["group.create", "member.add"]);
  });

  test("the last owner can be neither demoted nor removed; with a second owner they can", async () => {
    const { owner, group } = await groupWithOwner();
    expect(await changeRole(db, { groupId: group.id, actorId: owner.id, organizerId: owner.id, role: "organizer" })).toEqual({
      status: "last-owner",
    });
    expect(await removeMember(db, { groupId: group.id, actorId: owner.id, organizerId: owner.id })).toEqual({ status: "last-owner" });

    const second = await createTestOrganizer(db);
    await addMember(db, group, second, "organizer");
    expect(await changeRole(db, { groupId: group.id, actorId: owner.id, organizerId: second.id, role: "owner" })).toEqual({ status: "ok" });
    expect(await changeRole(db, { groupId: group.id, actorId: second.id, organizerId: owner.id, role: "viewer" })).toEqual({ status: "ok" });
    expect(await removeMember(db, { groupId: group.id, actorId: second.id, organizerId: second.id })).toEqual({ status: "last-owner" });
    const roles = Object.fromEntries((await listMembers(db, group.id)).map((m) => [m.organizerId, m.role]));
    expect(roles).toEqual({ [owner.id]: "viewer", [second.id]: "owner" });
  });

  test("two owners demoting each other at once leave one owner", async () => {
    const { owner, group } = await groupWithOwner();
    const second = await createTestOrganizer(db);
    await addMember(db, group, second, "owner");
    await Promise.all([
      changeRole(db, { groupId: group.id, actorId: owner.id, organizerId: second.id, role: "viewer" }),
      changeRole(db, { groupId: group.id, actorId: second.id, organizerId: owner.id, role: "viewer" }),
    ]);
    const owners = (await listMembers(db, group.id)).filter((m) => m.role === "owner");
    expect(owners).toHaveLength(1);
  });

  test("organizers and viewers cannot change roles or remove members", async () => {
    const { owner, group } = await groupWithOwner();
    const organizer = await createTestOrganizer(db);
    const viewer = await createTestOrganizer(db);
    await addMember(db, group, organizer, "organizer");
    await addMember(db, group, viewer, "viewer");
    expect(await changeRole(db, { groupId: group.id, actorId: organizer.id, organizerId: viewer.id, role: "owner" })).toEqual({
      status: "forbidden",
    });
    expect(await removeMember(db, { groupId: group.id, actorId: viewer.id, organizerId: owner.id })).toEqual({ status: "forbidden" });
    expect(await listMembers(db, group.id)).toHaveLength(3);
  });

  test("role changes and removals are audited with the actor, and name no email", async () => {
    const { owner, group } = await groupWithOwner();
    const member = await createTestOrganizer(db);
    await addMember(db, group, member, "viewer");
    await changeRole(db, { groupId: group.id, actorId: owner.id, organizerId: member.id, role: "organizer" });
    await removeMember(db, { groupId: group.id, actorId: owner.id, organizerId: member.id });
    const entries = (await auditActions(group.id)).slice(2);
    expect(entries).toEqual([
      { action: "member.role-change", actorId: owner.id, details: { organizerId: member.id, from: "viewer", to: "organizer" } },
      { action: "member.remove", actorId: owner.id, details: { organizerId: member.id, role: "organizer" } },
    ]);
    expect(JSON.stringify(entries)).not.toContain(member.email);
  });
});

describe("invitations", () => {
  async function ownerAndGroup() {
    const owner = await organizerWithPassword("inviter");
    const group = await createGroup(db, { name: `Local ${uniqueSuffix()}`, ownerId: owner.id });
    return { owner, group };
  }

  test("an invitation queues an email with the token, the group and the role, valid 7 days; only the hash is stored", async () => {
    const { owner, group } = await ownerAndGroup();
    const invited = email("Invited").toUpperCase();
    expect(await inviteMember(db, enqueue, { groupId: group.id, actor: owner, email: invited, role: "organizer" })).toEqual({ status: "sent" });

    const [job] = await jobsTo(invited.toLowerCase());
    expect(job?.kind).toBe("invite");
    if (job?.kind !== "invite") throw new Error("expected an invite job");
    const [row] = await db.select().from(authTokens).where(eq(authTokens.tokenHash, hashToken(job.token)));
    expect(row).toMatchObject({ purpose: "invite", groupId: group.id, role: "organizer", createdBy: owner.id, usedAt: null });
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBe(INVITE_TTL_MS);
    expect(Object.values(row!)).not.toContain(job.token);
    const audit = (await auditActions(group.id)).at(-1);
    expect(audit).toMatchObject({ action: "member.invite", actorId: owner.id, details: { role: "organizer" } });
    expect(JSON.stringify(audit)).not.toContain(invited.toLowerCase());

    const mail = await composeEmail({ db, appUrl: "https://picket.example", mailFrom: "Picket <picket@example.org>" }, job);
    expect(mail?.text).toContain(`https://picket.example/org/invite/${job.token}`);
    expect(mail?.to).toBe(invited.toLowerCase());
    expect(mail?.subject).toContain(group.name);
    expect(mail?.text).toContain(owner.name);
  });

  test("accepting as a new person creates the account with the invited role, signs them in, and works once", async () => {
    const { owner, group } = await ownerAndGroup();
    const invited = email("newcomer");
    await inviteMember(db, enqueue, { groupId: group.id, actor: owner, email: invited, role: "viewer" });
    const token = await onlyTokenTo(invited, "invite");
    expect(await findInvite(db, token)).toMatchObject({ email: invited, role: "viewer", groupName: group.name, accountExists: false });

    const result = await acceptInvite(db, token, { name: "Emma Goldman", password: "anarchy and love" });
    expect(result.status).toBe("joined");
    if (result.status !== "joined") return;
    expect(result.organizer).toMatchObject({ email: invited, name: "Emma Goldman" });
    expect((await findSessionOrganizer(db, result.sessionToken!))?.id).toBe(result.organizer.id);
    const [membership] = await db
      .select()
      .from(memberships)
      .where(and(eq(memberships.groupId, group.id), eq(memberships.organizerId, result.organizer.id)));
    expect(membership?.role).toBe("viewer");
    expect((await authenticate(db, { email: invited, password: "anarchy and love", ipHash: ipHash() })).status).toBe("ok");
    expect((await auditActions(group.id)).at(-1)).toMatchObject({
      action: "member.join",
      actorId: result.organizer.id,
      details: { organizerId: result.organizer.id, role: "viewer", invitedBy: owner.id },
    });

    expect(await acceptInvite(db, token, { name: "Someone", password: "another password" })).toEqual({ status: "invalid" });
    expect(await findInvite(db, token)).toBeNull();
  });

  test("an existing account accepts only when signed in as the invited email", async () => {
    const { owner, group } = await ownerAndGroup();
    const existing = await organizerWithPassword("existing");
    const stranger = await organizerWithPassword("stranger");
    await inviteMember(db, enqueue, { groupId: group.id, actor: owner, email: existing.email, role: "organizer" });
    const token = await onlyTokenTo(existing.email, "invite");
    expect((await findInvite(db, token))?.accountExists).toBe(true);

    expect(await acceptInvite(db, token, { name: "Impostor", password: "trying my luck" })).toEqual({ status: "account-exists" });
    expect(await acceptInvite(db, token, { signedIn: stranger })).toEqual({ status: "wrong-account", email: existing.email });
    const joined = await acceptInvite(db, token, { signedIn: existing });
    expect(joined).toMatchObject({ status: "joined", groupId: group.id });
    expect(joined.status === "joined" && joined.sessionToken).toBeFalsy();
    expect((await listMembers(db, group.id)).find((m) => m.organizerId === existing.id)?.role).toBe("organizer");
    expect(await findOrganizerByEmail(db, existing.email)).toMatchObject({ name: existing.name });
  });

  test("an invitation has expired after 7 days, and a withdrawn one no longer works", async () => {
    const { owner, group } = await ownerAndGroup();
    const late = email("late");
    await inviteMember(db, enqueue, { groupId: group.id, actor: owner, email: late, role: "viewer" });
    const token = await onlyTokenTo(late, "invite");
    const later = new Date(Date.now() + INVITE_TTL_MS + MINUTE);
    expect(await findInvite(db, token, later)).toBeNull();
    expect(await acceptInvite(db, token, { name: "Late", password: "better late than" }, later)).toEqual({ status: "invalid" });

    expect(await revokeInvite(db, { groupId: group.id, actorId: owner.id, inviteId: hashToken(token) })).toBe(true);
    expect(await acceptInvite(db, token, { name: "Late", password: "better late than" })).toEqual({ status: "invalid" });
    expect(await db.select().from(organizers).where(eq(organizers.email, late))).toEqual([]);
  });

  test("only owners invite, and members are not invited twice", async () => {
    const { owner, group } = await ownerAndGroup();
    const viewer = await createTestOrganizer(db);
    await addMember(db, group, viewer, "viewer");
    expect(await inviteMember(db, enqueue, { groupId: group.id, actor: viewer, email: email("x"), role: "owner" })).toEqual({
      status: "forbidden",
    });
    expect(await inviteMember(db, enqueue, { groupId: group.id, actor: owner, email: viewer.email, role: "owner" })).toEqual({
      status: "already-member",
    });
    const otherGroup = await createTestGroup(db);
    expect(await inviteMember(db, enqueue, { groupId: otherGroup.id, actor: owner, email: email("y"), role: "viewer" })).toEqual({
      status: "forbidden",
    });
  });
});

describe("the demo seed", () => {
  test("creates the demo group owning the demo campaigns, its owner and its viewer, and can run twice", async () => {
    await seedDemo(db);
    await seedDemo(db);
    const group = await findGroupByName(db, DEMO_GROUP_NAME);
    expect(group).not.toBeNull();
    const members = await listMembers(db, group!.id);
    expect(members.map((m) => [m.email, m.role])).toEqual([
      [DEMO_OWNER.email, "owner"],
      [DEMO_VIEWER.email, "viewer"],
    ]);
    for (const who of [DEMO_OWNER, DEMO_VIEWER]) {
      expect((await authenticate(db, { email: who.email, password: who.password, ipHash: ipHash() })).status).toBe("ok");
    }
    const rows = await db.select({ slug: campaigns.slug, groupId: campaigns.groupId }).from(campaigns);
    for (const demo of DEMO_CAMPAIGNS) expect(rows.find((r) => r.slug === demo.slug)?.groupId).toBe(group!.id);
  });
});
