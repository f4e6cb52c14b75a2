import { and, eq, gt } from "drizzle-orm";
import { organizers, sessions, type Organizer } from "../../db/schema";
import type { Executor } from "../../db/client.server";
import { hashToken, isWellFormedToken, newToken } from "./crypto.server";

/**
 * Organizer sessions live in the database (any instance can read them; revoking is a DELETE).
 * The cookie carries a random token; the table keeps only its hash.
 */
export const SESSION_COOKIE = "picket_session";
export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

export async function createSession(db: Executor, organizerId: number, now = new Date()): Promise<string> {
  const token = newToken();
  await db.insert(sessions).values({
    tokenHash: hashToken(token),
    organizerId,
    createdAt: now,
    expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
  });
  return token;
}

export async function findSessionOrganizer(db: Executor, token: string | null, now = new Date()): Promise<Organizer | null> {
  if (!token) return null;
  const [row] = await db
    .select({ organizer: organizers })
    .from(sessions)
    .innerJoin(organizers, eq(organizers.id, sessions.organizerId))
    .where(and(eq(sessions.tokenHash, hashToken(token)), gt(sessions.expiresAt, now)))
    .limit(1);
  return row?.organizer ?? null;
}

export async function destroySession(db: Executor, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)));
}

/** "Sign out everywhere", and what a password change does. */
export async function destroyAllSessions(db: Executor, organizerId: number): Promise<void> {
  await db.delete(sessions).where(eq(sessions.organizerId, organizerId));
}

/**
 * The session token the request carries, or null. A token is base64url (newToken), which never
 * needs percent-decoding: any other value (a mangled or forged cookie, `%`) is no session at all,
 * never an error, and is not looked up.
 */
export function readSessionToken(request: Request): string | null {
  const header = request.headers.get("cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name !== SESSION_COOKIE) continue;
    const value = rest.join("=");
    return isWellFormedToken(value) ? value : null;
  }
  return null;
}

/**
 * Whether the request carries a well-formed session cookie: no database lookup, so a public page
 * can cheaply show "Your campaigns" instead of "Organizers". It says nothing about the session
 * being valid (an expired one just leads to the sign-in page); a malformed one is no session.
 */
export function hasSessionCookie(request: Request): boolean {
  return readSessionToken(request) !== null;
}

export function sessionCookie(token: string, secure: boolean): string {
  const attrs = [`${SESSION_COOKIE}=${token}`, "Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${SESSION_TTL_MS / 1000}`];
  if (secure) attrs.push("Secure");
  return attrs.join("; ");
}

export function clearSessionCookie(secure: boolean): string {
  return [`${SESSION_COOKIE}=`, "Path=/", "HttpOnly", "SameSite=Lax", "Max-Age=0", ...(secure ? ["Secure"] : [])].join("; ");
}
