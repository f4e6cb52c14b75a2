import { and, asc, eq, gt, isNull } from "drizzle-orm";
import { authTokens, groups, memberships, organizers, type AuthTokenPurpose, type Organizer, type Role } from "../../db/schema";
import type { Database, Executor } from "../../db/client.server";
import { roleInGroup } from "./access.server";
import { recordAudit } from "./audit.server";
import { hashToken, isWellFormedToken, newToken } from "./crypto.server";
import { createOrganizer, endOtherWaysIn, findOrganizerByEmail, normalizeOrganizerEmail, passwordHashFor } from "./organizers.server";
import { countLinkRequest } from "./sign-in-throttle.server";
import { createSession, destroyAllSessions } from "./sessions.server";
import type { EnqueueEmail } from "./signatures.server";

/**
 * One-time links sent by email: password reset (1 hour), magic sign-in (15 minutes), group
 * invitation (7 days). The token (256 random bits) exists only in the email and its job; the
 * table keeps its SHA-256. Opening a link reads (`findUsable…`); only a POST uses it up, once.
 */
export const PASSWORD_RESET_TTL_MS = 60 * 60 * 1000;
export const MAGIC_LINK_TTL_MS = 15 * 60 * 1000;
/** The link `npm run organizer:create` prints: the operator may pass it on by other means. */
export const CLI_SIGN_IN_TTL_MS = 24 * 60 * 60 * 1000;
export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

type AuthToken = typeof authTokens.$inferSelect;

export async function issueAuthToken(
  db: Executor,
  input: {
    purpose: AuthTokenPurpose;
    email: string;
    ttlMs: number;
    organizerId?: number | null;
    groupId?: number | null;
    role?: Role | null;
    createdBy?: number | null;
    now?: Date;
  },
): Promise<string> {
  const now = input.now ?? new Date();
  const token = newToken();
  await db.insert(authTokens).values({
    tokenHash: hashToken(token),
    purpose: input.purpose,
    email: normalizeOrganizerEmail(input.email),
    organizerId: input.organizerId ?? null,
    groupId: input.groupId ?? null,
    role: input.role ?? null,
    createdBy: input.createdBy ?? null,
    createdAt: now,
    expiresAt: new Date(now.getTime() + input.ttlMs),
  });
  return token;
}

/** The token's row if it is well formed, of this purpose, unused and unexpired. Changes nothing. */
export async function findUsableToken(
  db: Executor,
  token: string,
  purpose: AuthTokenPurpose,
  now = new Date(),
  options: { lock?: boolean } = {},
): Promise<AuthToken | null> {
  if (!isWellFormedToken(token)) return null;
  const query = db
    .select()
    .from(authTokens)
    .where(
      and(eq(authTokens.tokenHash, hashToken(token)), eq(authTokens.purpose, purpose), isNull(authTokens.usedAt), gt(authTokens.expiresAt, now)),
    )
    .limit(1);
  const [row] = options.lock ? await query.for("update") : await query;
  return row ?? null;
}

/** Uses a token up. One UPDATE decides, so two presses of the same button succeed once. */
export async function consumeToken(db: Executor, token: string, purpose: AuthTokenPurpose, now = new Date()): Promise<AuthToken | null> {
  if (!isWellFormedToken(token)) return null;
  const [row] = await db
    .update(authTokens)
    .set({ usedAt: now })
    .where(
      and(eq(authTokens.tokenHash, hashToken(token)), eq(authTokens.purpose, purpose), isNull(authTokens.usedAt), gt(authTokens.expiresAt, now)),
    )
    .returning();
  return row ?? null;
}

export interface LinkRequest {
  email: string;
  /** Magic links: the organizer page to land on once signed in (already checked by safeNext). */
  next?: string;
  ipHash?: string | undefined;
  now?: Date;
}

/**
 * "Forgot password?" and "Email me a sign-in link". Whether or not an account uses the address,
 * the caller shows the same "check your email" page, so nobody learns who has an account. Only
 * the requests of this client count against it (sign-in-throttle.server.ts): someone else asking
 * for links to the same address cannot stop the one this person asked for.
 */
export async function requestEmailedLink(
  db: Database,
  enqueueEmail: EnqueueEmail,
  purpose: "password-reset" | "magic-link",
  req: LinkRequest,
): Promise<{ status: "requested" } | { status: "throttled"; retryAfterSeconds: number }> {
  const email = normalizeOrganizerEmail(req.email);
  const wait = await countLinkRequest(db, { email, ipHash: req.ipHash });
  if (wait > 0) return { status: "throttled", retryAfterSeconds: wait };
  await db.transaction(async (tx) => {
    const organizer = await findOrganizerByEmail(tx, email);
    if (!organizer) return;
    const token = await issueAuthToken(tx, {
      purpose,
      email,
      organizerId: organizer.id,
      ttlMs: purpose === "password-reset" ? PASSWORD_RESET_TTL_MS : MAGIC_LINK_TTL_MS,
      now: req.now,
    });
    await enqueueEmail(tx, purpose === "magic-link" && req.next ? { kind: purpose, token, next: req.next } : { kind: purpose, token });
  });
  return { status: "requested" };
}

/** A sign-in link for the command line: not emailed, printed once. */
export async function createSignInLinkToken(db: Executor, organizer: Organizer, now = new Date()): Promise<string> {
  return issueAuthToken(db, { purpose: "magic-link", email: organizer.email, organizerId: organizer.id, ttlMs: CLI_SIGN_IN_TTL_MS, now });
}

/** The address of a sign-in link on this deployment (APP_URL, or localhost on PORT without it). */
export function signInLink(config: { appUrl: string }, token: string): string {
  return `${config.appUrl}/org/magic/${token}`;
}

/** Who a reset or sign-in link is for, to show on the page before the button is pressed. */
export async function findLinkOrganizer(
  db: Executor,
  token: string,
  purpose: "password-reset" | "magic-link",
  now = new Date(),
): Promise<Organizer | null> {
  const row = await findUsableToken(db, token, purpose, now);
  if (!row?.organizerId) return null;
  const [organizer] = await db.select().from(organizers).where(eq(organizers.id, row.organizerId)).limit(1);
  return organizer ?? null;
}

export type LinkSignInResult = { status: "ok"; organizer: Organizer; sessionToken: string } | { status: "invalid" };

/** The POST behind "Sign me in": uses the token and opens a session. */
export async function signInWithMagicLink(db: Database, token: string, now = new Date()): Promise<LinkSignInResult> {
  if (!isWellFormedToken(token)) return { status: "invalid" };
  return db.transaction(async (tx) => {
    const row = await consumeToken(tx, token, "magic-link", now);
    const organizer = row?.organizerId ? await findOrganizer(tx, row.organizerId) : null;
    if (!organizer) return { status: "invalid" } as const;
    return { status: "ok", organizer, sessionToken: await createSession(tx, organizer.id, now) } as const;
  });
}

/**
 * The POST behind "Save the new password": sets it, ends every session (someone else may have
 * been in), voids the account's other reset and sign-in links, and signs this browser in.
 */
export async function resetPassword(db: Database, token: string, password: string, now = new Date()): Promise<LinkSignInResult> {
  if (!isWellFormedToken(token)) return { status: "invalid" };
  const passwordHash = await passwordHashFor(password);
  return db.transaction(async (tx) => {
    const row = await consumeToken(tx, token, "password-reset", now);
    const organizer = row?.organizerId ? await findOrganizer(tx, row.organizerId) : null;
    if (!organizer) return { status: "invalid" } as const;
    await tx.update(organizers).set({ passwordHash }).where(eq(organizers.id, organizer.id));
    await endOtherWaysIn(tx, organizer.id, now);
    await destroyAllSessions(tx, organizer.id);
    return { status: "ok", organizer: { ...organizer, passwordHash }, sessionToken: await createSession(tx, organizer.id, now) } as const;
  });
}

async function findOrganizer(db: Executor, id: number): Promise<Organizer | null> {
  const [row] = await db.select().from(organizers).where(eq(organizers.id, id)).limit(1);
  return row ?? null;
}

// ---------------------------------------------------------------------------------------------
// Invitations

export type InviteResult = { status: "sent" } | { status: "already-member" } | { status: "forbidden" };

/** An owner invites an address into their group with a role; the email job commits with the token. */
export async function inviteMember(
  db: Database,
  enqueueEmail: EnqueueEmail,
  input: { groupId: number; actor: Organizer; email: string; role: Role; now?: Date },
): Promise<InviteResult> {
  const email = normalizeOrganizerEmail(input.email);
  return db.transaction(async (tx) => {
    if ((await roleInGroup(tx, input.actor.id, input.groupId)) !== "owner") return { status: "forbidden" } as const;
    const [group] = await tx.select().from(groups).where(eq(groups.id, input.groupId)).limit(1);
    if (!group) return { status: "forbidden" } as const;
    const existing = await findOrganizerByEmail(tx, email);
    if (existing && (await roleInGroup(tx, existing.id, input.groupId))) return { status: "already-member" } as const;
    const token = await issueAuthToken(tx, {
      purpose: "invite",
      email,
      groupId: input.groupId,
      role: input.role,
      createdBy: input.actor.id,
      ttlMs: INVITE_TTL_MS,
      now: input.now,
    });
    // The audit log names no address: the invitation row (by hash) says whom.
    await recordAudit(tx, {
      groupId: input.groupId,
      actorId: input.actor.id,
      action: "member.invite",
      details: { role: input.role, invite: hashToken(token).slice(0, 12) },
    });
    // The address, group, inviter and role are read from the token's row when the email is sent.
    await enqueueEmail(tx, { kind: "invite", token });
    return { status: "sent" } as const;
  });
}

export interface PendingInvite {
  id: string;
  email: string;
  role: Role;
  expiresAt: Date;
}

export async function listPendingInvites(db: Executor, groupId: number, now = new Date()): Promise<PendingInvite[]> {
  const rows = await db
    .select({ id: authTokens.tokenHash, email: authTokens.email, role: authTokens.role, expiresAt: authTokens.expiresAt })
    .from(authTokens)
    .where(and(eq(authTokens.groupId, groupId), eq(authTokens.purpose, "invite"), isNull(authTokens.usedAt), gt(authTokens.expiresAt, now)))
    .orderBy(asc(authTokens.createdAt));
  return rows.map((r) => ({ ...r, role: r.role ?? "viewer" }));
}

/** Withdraws a pending invitation (identified by its stored hash). Owners only. */
export async function revokeInvite(db: Database, input: { groupId: number; actorId: number; inviteId: string; now?: Date }): Promise<boolean> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    if ((await roleInGroup(tx, input.actorId, input.groupId)) !== "owner") return false;
    const [row] = await tx
      .update(authTokens)
      .set({ usedAt: now })
      .where(
        and(
          eq(authTokens.tokenHash, input.inviteId),
          eq(authTokens.groupId, input.groupId),
          eq(authTokens.purpose, "invite"),
          isNull(authTokens.usedAt),
        ),
      )
      .returning({ role: authTokens.role });
    if (!row) return false;
    await recordAudit(tx, {
      groupId: input.groupId,
      actorId: input.actorId,
      action: "member.invite-revoke",
      details: { invite: input.inviteId.slice(0, 12) },
    });
    return true;
  });
}

export interface InviteView {
  email: string;
  role: Role;
  groupId: number;
  groupName: string;
  /** An account with the invited address exists: accepting needs signing in as it. */
  accountExists: boolean;
}

export async function findInvite(db: Executor, token: string, now = new Date()): Promise<InviteView | null> {
  const row = await findUsableToken(db, token, "invite", now);
  if (!row?.groupId || !row.role) return null;
  const [group] = await db.select().from(groups).where(eq(groups.id, row.groupId)).limit(1);
  if (!group) return null;
  const account = await findOrganizerByEmail(db, row.email);
  return { email: row.email, role: row.role, groupId: group.id, groupName: group.name, accountExists: account !== null };
}

export type AcceptInviteResult =
  | { status: "joined"; organizer: Organizer; groupId: number; sessionToken?: string }
  | { status: "invalid" }
  | { status: "wrong-account"; email: string }
  | { status: "account-exists" };

/**
 * Accepts an invitation, either as the signed-in organizer whose email it names, or by creating
 * that account (name and password) and signing it in. Joining keeps an existing membership as it is.
 */
export async function acceptInvite(
  db: Database,
  token: string,
  as: { signedIn: Organizer } | { name: string; password: string },
  now = new Date(),
): Promise<AcceptInviteResult> {
  if (!isWellFormedToken(token)) return { status: "invalid" };
  const passwordHash = "password" in as ? await passwordHashFor(as.password) : null;
  return db.transaction(async (tx) => {
    // Locked: a second press of the button waits here, then finds the token used.
    const pending = await findUsableToken(tx, token, "invite", now, { lock: true });
    if (!pending?.groupId || !pending.role) return { status: "invalid" } as const;
    let organizer: Organizer;
    let sessionToken: string | undefined;
    if ("signedIn" in as) {
      if (as.signedIn.email !== pending.email) return { status: "wrong-account", email: pending.email } as const;
      organizer = as.signedIn;
    } else {
      const created = await createOrganizer(tx, { email: pending.email, name: as.name });
      if (!created.created) return { status: "account-exists" } as const;
      await tx.update(organizers).set({ passwordHash }).where(eq(organizers.id, created.organizer.id));
      organizer = { ...created.organizer, passwordHash };
      sessionToken = await createSession(tx, organizer.id, now);
    }
    const used = await consumeToken(tx, token, "invite", now);
    // Cannot happen while the row is locked; throwing rolls back the account made above.
    if (!used?.groupId || !used.role) throw new Error("invitation used concurrently despite the lock");
    const [joined] = await tx
      .insert(memberships)
      .values({ groupId: used.groupId, organizerId: organizer.id, role: used.role })
      .onConflictDoNothing()
      .returning({ role: memberships.role });
    if (joined) {
      await recordAudit(tx, {
        groupId: used.groupId,
        actorId: organizer.id,
        action: "member.join",
        details: { organizerId: organizer.id, role: used.role, invitedBy: used.createdBy, invite: used.tokenHash.slice(0, 12) },
      });
    }
    return { status: "joined", organizer, groupId: used.groupId, ...(sessionToken ? { sessionToken } : {}) } as const;
  });
}
