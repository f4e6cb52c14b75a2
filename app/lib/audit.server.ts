import { and, eq } from "drizzle-orm";
import { auditLog, campaigns, groups, organizers } from "../../db/schema";
import type { Executor } from "../../db/client.server";
import { beyondCursor, cursorTime, keysetOrder, keysetPage, type KeysetCursor } from "./keyset.server";

export interface AuditEntry {
  groupId: number;
  campaignId?: number | null;
  actorId: number | null;
  /** A dotted verb: "signature.hide-message", "signature.remove", "campaign.publish", "member.invite"… */
  action: string;
  /** Ids, filters, counts. Never names, emails or messages. */
  details?: Record<string, unknown>;
}

/** Records who did what; call it inside the same transaction as the change it describes. Returns the entry's id. */
export async function recordAudit(db: Executor, entry: AuditEntry): Promise<number> {
  const [row] = await db
    .insert(auditLog)
    .values({
      groupId: entry.groupId,
      campaignId: entry.campaignId ?? null,
      actorId: entry.actorId,
      action: entry.action,
      details: entry.details ?? {},
    })
    .returning({ id: auditLog.id });
  return row!.id;
}

export const AUDIT_PAGE_SIZE = 50;

export interface AuditLogRow {
  id: number;
  createdAt: Date;
  action: string;
  details: Record<string, unknown>;
  /** null when the organizer's account has been deleted since. */
  actorName: string | null;
  campaign: { slug: string; title: string } | null;
}

export interface AuditLogPage {
  rows: AuditLogRow[];
  nextCursor: string | null;
  previousCursor: string | null;
}

/**
 * A group's audit log, newest first, keyset-paginated on (created_at, id) like the signer list
 * (audit_log_group_created_idx serves the order; ties on created_at are sorted by id).
 */
export async function listAuditLog(
  db: Executor,
  groupId: number,
  page: { after?: KeysetCursor | null; before?: KeysetCursor | null } = {},
  pageSize = AUDIT_PAGE_SIZE,
): Promise<AuditLogPage> {
  const backwards = !page.after && Boolean(page.before);
  const cursor = page.after ?? page.before ?? null;
  const conditions = [eq(auditLog.groupId, groupId)];
  if (cursor) conditions.push(beyondCursor(auditLog.createdAt, auditLog.id, cursor, backwards ? "before" : "after"));
  const fetched = await db
    .select({
      id: auditLog.id,
      createdAt: auditLog.createdAt,
      createdAtKey: cursorTime(auditLog.createdAt),
      action: auditLog.action,
      details: auditLog.details,
      actorName: organizers.name,
      campaignSlug: campaigns.slug,
      campaignTitle: campaigns.title,
    })
    .from(auditLog)
    .leftJoin(organizers, eq(organizers.id, auditLog.actorId))
    .leftJoin(campaigns, eq(campaigns.id, auditLog.campaignId))
    .where(and(...conditions))
    .orderBy(...keysetOrder(auditLog.createdAt, auditLog.id, backwards ? "oldest-first" : "newest-first"))
    .limit(pageSize + 1);
  const result = keysetPage(fetched, pageSize, { backwards, hadCursor: cursor !== null });
  if (!result) return listAuditLog(db, groupId, {}, pageSize);
  return {
    ...result,
    rows: result.rows.map((r) => ({
      id: r.id,
      createdAt: r.createdAt,
      action: r.action,
      details: r.details,
      actorName: r.actorName,
      campaign: r.campaignSlug && r.campaignTitle ? { slug: r.campaignSlug, title: r.campaignTitle } : null,
    })),
  };
}

export async function groupName(db: Executor, groupId: number): Promise<string | null> {
  const [row] = await db.select({ name: groups.name }).from(groups).where(eq(groups.id, groupId)).limit(1);
  return row?.name ?? null;
}
