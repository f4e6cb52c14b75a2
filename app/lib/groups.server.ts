import { and, asc, eq, sql } from "drizzle-orm";
import { groups, memberships, organizers, type Group, type Role } from "../../db/schema";
import type { Executor } from "../../db/client.server";
import { roleInGroup } from "./access.server";
import { recordAudit } from "./audit.server";

/**
 * Groups and who belongs to them. Every change of membership is written to the audit log in the
 * same transaction, and a group never loses its last owner (someone must be able to manage it).
 */
export async function findGroupByName(db: Executor, name: string): Promise<Group | null> {
  const [row] = await db.select().from(groups).where(eq(groups.name, name.trim())).limit(1);
  return row ?? null;
}

export async function findGroup(db: Executor, id: number): Promise<Group | null> {
  const [row] = await db.select().from(groups).where(eq(groups.id, id)).limit(1);
  return row ?? null;
}

/** A new group with its first owner. */
export async function createGroup(db: Executor, input: { name: string; ownerId: number }): Promise<Group> {
  return db.transaction(async (tx) => {
    const [group] = await tx.insert(groups).values({ name: input.name.trim() }).returning();
    if (!group) throw new Error("group insert returned nothing");
    await tx.insert(memberships).values({ groupId: group.id, organizerId: input.ownerId, role: "owner" });
    await recordAudit(tx, { groupId: group.id, actorId: input.ownerId, action: "group.create", details: {} });
    await recordAudit(tx, {
      groupId: group.id,
      actorId: input.ownerId,
      action: "member.add",
      details: { organizerId: input.ownerId, role: "owner" },
    });
    return group;
  });
}

/**
 * Adds someone to a group with a role, or sets their role if they already belong (used by the
 * command line and the demo seed, where the operator's word is final).
 */
export async function setMembership(
  db: Executor,
  input: { groupId: number; organizerId: number; role: Role; actorId: number | null },
): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await roleInGroup(tx, input.organizerId, input.groupId);
    if (before === input.role) return;
    await tx
      .insert(memberships)
      .values({ groupId: input.groupId, organizerId: input.organizerId, role: input.role })
      .onConflictDoUpdate({ target: [memberships.groupId, memberships.organizerId], set: { role: input.role } });
    await recordAudit(tx, {
      groupId: input.groupId,
      actorId: input.actorId,
      action: before ? "member.role-change" : "member.add",
      details: before ? { organizerId: input.organizerId, from: before, to: input.role } : { organizerId: input.organizerId, role: input.role },
    });
  });
}

export interface Member {
  organizerId: number;
  name: string;
  email: string;
  role: Role;
  joinedAt: Date;
}

const ROLE_ORDER = sql`CASE ${memberships.role} WHEN 'owner' THEN 1 WHEN 'organizer' THEN 2 ELSE 3 END`;

/** Owners first, then organizers, then viewers; by name within each. */
export async function listMembers(db: Executor, groupId: number): Promise<Member[]> {
  return db
    .select({
      organizerId: organizers.id,
      name: organizers.name,
      email: organizers.email,
      role: memberships.role,
      joinedAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(organizers, eq(organizers.id, memberships.organizerId))
    .where(eq(memberships.groupId, groupId))
    .orderBy(ROLE_ORDER, asc(organizers.name), asc(organizers.id));
}

/** The groups an organizer belongs to, with their role in each. */
export async function groupsOf(db: Executor, organizerId: number): Promise<{ groupId: number; name: string; role: Role }[]> {
  return db
    .select({ groupId: groups.id, name: groups.name, role: memberships.role })
    .from(memberships)
    .innerJoin(groups, eq(groups.id, memberships.groupId))
    .where(eq(memberships.organizerId, organizerId))
    .orderBy(asc(groups.name));
}

export type MembershipChangeResult = { status: "ok" } | { status: "not-member" } | { status: "forbidden" } | { status: "last-owner" };

/**
 * Serializes membership changes within one group (two owners demoting each other at the same
 * moment must not leave it with none), then checks that the actor is still an owner.
 */
async function lockGroupForOwner(tx: Executor, groupId: number, actorId: number): Promise<boolean> {
  await tx.select({ id: groups.id }).from(groups).where(eq(groups.id, groupId)).for("update");
  return (await roleInGroup(tx, actorId, groupId)) === "owner";
}

async function ownerCount(tx: Executor, groupId: number): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(memberships)
    .where(and(eq(memberships.groupId, groupId), eq(memberships.role, "owner")));
  return row?.n ?? 0;
}

/** Owners only. Demoting the last owner is refused. */
export async function changeRole(
  db: Executor,
  input: { groupId: number; actorId: number; organizerId: number; role: Role },
): Promise<MembershipChangeResult> {
  return db.transaction(async (tx) => {
    if (!(await lockGroupForOwner(tx, input.groupId, input.actorId))) return { status: "forbidden" } as const;
    const before = await roleInGroup(tx, input.organizerId, input.groupId);
    if (!before) return { status: "not-member" } as const;
    if (before === input.role) return { status: "ok" } as const;
    if (before === "owner" && (await ownerCount(tx, input.groupId)) <= 1) return { status: "last-owner" } as const;
    await tx
      .update(memberships)
      .set({ role: input.role })
      .where(and(eq(memberships.groupId, input.groupId), eq(memberships.organizerId, input.organizerId)));
    await recordAudit(tx, {
      groupId: input.groupId,
      actorId: input.actorId,
      action: "member.role-change",
      details: { organizerId: input.organizerId, from: before, to: input.role },
    });
    return { status: "ok" } as const;
  });
}

/** Owners only (anyone may leave through an owner). Removing the last owner is refused. */
export async function removeMember(
  db: Executor,
  input: { groupId: number; actorId: number; organizerId: number },
): Promise<MembershipChangeResult> {
  return db.transaction(async (tx) => {
    if (!(await lockGroupForOwner(tx, input.groupId, input.actorId))) return { status: "forbidden" } as const;
    const before = await roleInGroup(tx, input.organizerId, input.groupId);
    if (!before) return { status: "not-member" } as const;
    if (before === "owner" && (await ownerCount(tx, input.groupId)) <= 1) return { status: "last-owner" } as const;
    await tx.delete(memberships).where(and(eq(memberships.groupId, input.groupId), eq(memberships.organizerId, input.organizerId)));
    await recordAudit(tx, {
      groupId: input.groupId,
      actorId: input.actorId,
      action: "member.remove",
      details: { organizerId: input.organizerId, role: before },
    });
    return { status: "ok" } as const;
  });
}
