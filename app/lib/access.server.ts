import { redirect, type AppLoadContext } from "@remix-run/node";
import { and, eq } from "drizzle-orm";
import { campaigns, memberships, type Campaign, type Organizer, type Role } from "../../db/schema";
import type { Executor } from "../../db/client.server";
import { findSessionOrganizer, readSessionToken } from "./sessions.server";

/**
 * Every organizer route asks here, on the server, who is signed in and what they may do.
 * Someone outside the campaign's group gets a 404 (the campaign's existence is not confirmed to
 * them); a member whose role is too low gets a 403.
 */
const RANK: Record<Role, number> = { viewer: 1, organizer: 2, owner: 3 };

export function roleAtLeast(role: Role, minimum: Role): boolean {
  return RANK[role] >= RANK[minimum];
}

export async function currentOrganizer(request: Request, context: AppLoadContext): Promise<Organizer | null> {
  return findSessionOrganizer(context.runtime.db, readSessionToken(request));
}

/** The signed-in organizer, or a redirect to the sign-in page that comes back here. */
export async function requireOrganizer(request: Request, context: AppLoadContext): Promise<Organizer> {
  const organizer = await currentOrganizer(request, context);
  if (organizer) return organizer;
  const url = new URL(request.url);
  throw redirect(`/org/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`);
}

export async function roleInGroup(db: Executor, organizerId: number, groupId: number): Promise<Role | null> {
  const [row] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.organizerId, organizerId), eq(memberships.groupId, groupId)))
    .limit(1);
  return row?.role ?? null;
}

export async function requireGroupRole(
  request: Request,
  context: AppLoadContext,
  groupId: number,
  minimum: Role,
): Promise<{ organizer: Organizer; role: Role }> {
  const organizer = await requireOrganizer(request, context);
  // Not an id Postgres could hold: no such group (the query would fail, not miss).
  const role = Number.isInteger(groupId) && groupId >= 1 && groupId <= 999_999_999 ? await roleInGroup(context.runtime.db, organizer.id, groupId) : null;
  if (!role) throw new Response("Not found", { status: 404 });
  if (!roleAtLeast(role, minimum)) throw new Response("Forbidden", { status: 403 });
  return { organizer, role };
}

/** A campaign by slug, for a member of its group with at least `minimum` role. */
export async function requireCampaignRole(
  request: Request,
  context: AppLoadContext,
  slug: string,
  minimum: Role,
): Promise<{ organizer: Organizer; role: Role; campaign: Campaign }> {
  const organizer = await requireOrganizer(request, context);
  const [row] = await context.runtime.db
    .select({ campaign: campaigns, role: memberships.role })
    .from(campaigns)
    .innerJoin(memberships, and(eq(memberships.groupId, campaigns.groupId), eq(memberships.organizerId, organizer.id)))
    .where(eq(campaigns.slug, slug))
    .limit(1);
  if (!row) throw new Response("Not found", { status: 404 });
  if (!roleAtLeast(row.role, minimum)) throw new Response("Forbidden", { status: 403 });
  return { organizer, role: row.role, campaign: row.campaign };
}
