import { and, eq, inArray, sql } from "drizzle-orm";
import { auditLog, campaigns, groups, organizers, pledgeOptions, pledges, signatures, updates } from "../../db/schema";
import type { Executor } from "../../db/client.server";
import type { AuditAction, AuditNames } from "./audit-log";
import { beyondCursor, cursorTime, keysetOrder, keysetPage, type KeysetCursor } from "./keyset.server";

export interface AuditEntry {
  groupId: number;
  campaignId?: number | null;
  actorId: number | null;
  /** A dotted verb: "signature.hide-message", "campaign.publish", "member.invite"… (audit-log.ts says each as a sentence). */
  action: AuditAction;
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
  /** What the entry's ids stand for now (null: deleted since). */
  names: AuditNames;
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
  const lookup = await namesFor(db, result.rows.map((r) => r.details));
  return {
    ...result,
    rows: result.rows.map((r) => ({
      id: r.id,
      createdAt: r.createdAt,
      action: r.action,
      details: r.details,
      names: {
        actor: r.actorName,
        campaign: r.campaignTitle,
        member: lookup.organizers.get(idIn(r.details.organizerId)) ?? null,
        inviter: lookup.organizers.get(idIn(r.details.invitedBy)) ?? null,
        option: lookup.options.get(idIn(r.details.optionId)) ?? null,
        signer: lookup.signers.get(idIn(r.details.signatureId)) ?? lookup.pledgers.get(idIn(r.details.pledgeId)) ?? null,
        update: lookup.updates.get(idIn(r.details.updateId)) ?? null,
      },
      campaign: r.campaignSlug && r.campaignTitle ? { slug: r.campaignSlug, title: r.campaignTitle } : null,
    })),
  };
}

/** An id from an entry's details (ids are stored as numbers); 0 matches nothing. */
const idIn = (value: unknown): number => (typeof value === "number" && Number.isSafeInteger(value) ? value : 0);

/**
 * The names behind the ids of one page of entries: at most five small queries by primary key,
 * whatever the page size. Entries store ids, never names (a signer's name goes when their
 * signature does); the log shows them as they are now.
 */
async function namesFor(db: Executor, details: Record<string, unknown>[]) {
  const ids = (...keys: string[]) => [...new Set(details.flatMap((d) => keys.map((k) => idIn(d[k]))).filter((id) => id > 0))];
  const organizerIds = ids("organizerId", "invitedBy");
  const optionIds = ids("optionId");
  const signatureIds = ids("signatureId");
  const pledgeIds = ids("pledgeId");
  const updateIds = ids("updateId");
  const fullName = sql<string>`${signatures.firstName} || ' ' || ${signatures.lastName}`;
  const [organizerRows, optionRows, signerRows, pledgerRows, updateRows] = await Promise.all([
    organizerIds.length ? db.select({ id: organizers.id, name: organizers.name }).from(organizers).where(inArray(organizers.id, organizerIds)) : [],
    optionIds.length ? db.select({ id: pledgeOptions.id, name: pledgeOptions.title }).from(pledgeOptions).where(inArray(pledgeOptions.id, optionIds)) : [],
    signatureIds.length ? db.select({ id: signatures.id, name: fullName }).from(signatures).where(inArray(signatures.id, signatureIds)) : [],
    pledgeIds.length
      ? db.select({ id: pledges.id, name: fullName }).from(pledges).innerJoin(signatures, eq(signatures.id, pledges.signatureId)).where(inArray(pledges.id, pledgeIds))
      : [],
    updateIds.length ? db.select({ id: updates.id, name: updates.subject }).from(updates).where(inArray(updates.id, updateIds)) : [],
  ]);
  const byId = (rows: { id: number; name: string }[]) => new Map(rows.map((r) => [Number(r.id), r.name]));
  return { organizers: byId(organizerRows), options: byId(optionRows), signers: byId(signerRows), pledgers: byId(pledgerRows), updates: byId(updateRows) };
}

export async function groupName(db: Executor, groupId: number): Promise<string | null> {
  const [row] = await db.select({ name: groups.name }).from(groups).where(eq(groups.id, groupId)).limit(1);
  return row?.name ?? null;
}
