import { groups, memberships, organizers, type Group, type Organizer, type Role } from "../../db/schema";
import type { Executor } from "../../db/client.server";
import { createSession, SESSION_COOKIE } from "../../app/lib/sessions.server";
import { uniqueSuffix } from "./factories";

/** Organizers, groups and memberships for tests, written straight to the database. */

export async function createTestOrganizer(db: Executor, overrides: Partial<typeof organizers.$inferInsert> = {}): Promise<Organizer> {
  const suffix = uniqueSuffix();
  const [row] = await db
    .insert(organizers)
    .values({ email: `organizer-${suffix}@example.org`, name: `Organizer ${suffix}`, ...overrides })
    .returning();
  if (!row) throw new Error("organizer insert returned nothing");
  return row;
}

export async function createTestGroup(db: Executor, overrides: Partial<typeof groups.$inferInsert> = {}): Promise<Group> {
  const [row] = await db
    .insert(groups)
    .values({ name: `Strike support ${uniqueSuffix()}`, ...overrides })
    .returning();
  if (!row) throw new Error("group insert returned nothing");
  return row;
}

export async function addMember(db: Executor, group: Pick<Group, "id">, organizer: Pick<Organizer, "id">, role: Role): Promise<void> {
  await db.insert(memberships).values({ groupId: group.id, organizerId: organizer.id, role });
}

/** A new organizer with `role` in `group` (a new group unless given), and a signed-in session. */
export async function createMember(db: Executor, role: Role, group?: Group) {
  const theGroup = group ?? (await createTestGroup(db));
  const organizer = await createTestOrganizer(db);
  await addMember(db, theGroup, organizer, role);
  const token = await createSession(db, organizer.id);
  return { organizer, group: theGroup, token, cookie: sessionCookieHeader(token) };
}

/** The Cookie request header a signed-in browser would send. */
export function sessionCookieHeader(token: string): string {
  return `${SESSION_COOKIE}=${token}`;
}
