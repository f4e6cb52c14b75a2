import { and, eq, inArray, isNull } from "drizzle-orm";
import { authTokens, organizers, type Organizer } from "../../db/schema";
import type { Database, Executor } from "../../db/client.server";
import { newPassword, organizerName } from "./auth-schema";
import { hashPassword, verifyPassword } from "./passwords.server";
import { createSession, destroyAllSessions } from "./sessions.server";
import { countSignInAttempt, forgiveSignInAttempt, type SignInAttempt } from "./sign-in-throttle.server";

/**
 * Organizer accounts: who they are and how they prove it. Emails are stored trimmed and
 * lower-cased (the database refuses anything else), so one person has one account.
 */
export function normalizeOrganizerEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function findOrganizerByEmail(db: Executor, email: string): Promise<Organizer | null> {
  const [row] = await db.select().from(organizers).where(eq(organizers.email, normalizeOrganizerEmail(email))).limit(1);
  return row ?? null;
}

export async function findOrganizerById(db: Executor, id: number): Promise<Organizer | null> {
  const [row] = await db.select().from(organizers).where(eq(organizers.id, id)).limit(1);
  return row ?? null;
}

export class WeakPasswordError extends Error {}

/** Hashes a password after checking the same rule the forms apply. */
export async function passwordHashFor(password: string): Promise<string> {
  if (!newPassword.safeParse(password).success) throw new WeakPasswordError("password does not meet the rules");
  return hashPassword(password);
}

/**
 * Creates an organizer, or returns the existing one with that email (the unique index decides).
 * A password is optional: accounts made from the command line sign in by emailed link first.
 */
export async function createOrganizer(
  db: Executor,
  input: { email: string; name: string; password?: string },
): Promise<{ organizer: Organizer; created: boolean }> {
  const email = normalizeOrganizerEmail(input.email);
  const name = organizerName.parse(input.name);
  const passwordHash = input.password === undefined ? null : await passwordHashFor(input.password);
  const [inserted] = await db
    .insert(organizers)
    .values({ email, name, passwordHash })
    .onConflictDoNothing({ target: organizers.email })
    .returning();
  if (inserted) return { organizer: inserted, created: true };
  const existing = await findOrganizerByEmail(db, email);
  if (!existing) throw new Error("organizer vanished between insert and select");
  return { organizer: existing, created: false };
}

export async function setPassword(db: Database, organizerId: number, password: string): Promise<void> {
  const passwordHash = await passwordHashFor(password);
  await db.transaction(async (tx) => {
    await tx.update(organizers).set({ passwordHash }).where(eq(organizers.id, organizerId));
    await endOtherWaysIn(tx, organizerId);
  });
}

/**
 * A new password voids every sign-in and reset link still pending for the account: whoever set
 * it may be shutting out someone who reads their mail, and a link sent before must not undo that.
 * Call it in the transaction that stores the new hash.
 */
export async function endOtherWaysIn(tx: Executor, organizerId: number, now = new Date()): Promise<void> {
  await tx
    .update(authTokens)
    .set({ usedAt: now })
    .where(and(eq(authTokens.organizerId, organizerId), inArray(authTokens.purpose, ["magic-link", "password-reset"]), isNull(authTokens.usedAt)));
}

export async function updateOrganizerName(db: Executor, organizerId: number, name: string): Promise<void> {
  await db.update(organizers).set({ name: organizerName.parse(name) }).where(eq(organizers.id, organizerId));
}

export type AuthenticateResult =
  | { status: "ok"; organizer: Organizer }
  | { status: "invalid" }
  | { status: "throttled"; retryAfterSeconds: number };

/**
 * Checks an email and password. The attempt is counted (sign-in-throttle.server.ts) before the
 * password is checked, so parallel guesses cannot slip past the limit, and given back when the
 * password was right: only failures use up the budget. Attempts on accounts that do not exist
 * count the same way and take as long, so the answer never tells whether one does.
 */
export async function authenticate(db: Database, input: { password: string } & SignInAttempt): Promise<AuthenticateResult> {
  const attempt = { email: normalizeOrganizerEmail(input.email), ipHash: input.ipHash, knownDevice: input.knownDevice };
  const { retryAfterSeconds, slowDownMs } = await countSignInAttempt(db, attempt);
  if (retryAfterSeconds > 0) return { status: "throttled", retryAfterSeconds };
  if (slowDownMs > 0) await new Promise((resolve) => setTimeout(resolve, slowDownMs));
  const organizer = await findOrganizerByEmail(db, attempt.email);
  // verifyPassword spends a full hash even without a stored one: same time either way.
  const ok = await verifyPassword(input.password, organizer?.passwordHash ?? null);
  if (!ok || !organizer) return { status: "invalid" };
  await forgiveSignInAttempt(db, attempt);
  return { status: "ok", organizer };
}

/**
 * A new password from the account page: the current one must be right. Every other session
 * ends (a password change is what people do when they fear someone else is signed in); the
 * returned token is this browser's new session.
 */
export async function changePassword(
  db: Database,
  organizer: Organizer,
  input: { currentPassword?: string | undefined; password: string },
): Promise<{ status: "ok"; sessionToken: string } | { status: "wrong-password" }> {
  // An account without a password yet (made from the command line) sets its first one.
  if (organizer.passwordHash !== null && !(await verifyPassword(input.currentPassword ?? "", organizer.passwordHash))) {
    return { status: "wrong-password" };
  }
  const passwordHash = await passwordHashFor(input.password);
  return db.transaction(async (tx) => {
    await tx.update(organizers).set({ passwordHash }).where(eq(organizers.id, organizer.id));
    await endOtherWaysIn(tx, organizer.id);
    await destroyAllSessions(tx, organizer.id);
    return { status: "ok" as const, sessionToken: await createSession(tx, organizer.id) };
  });
}
