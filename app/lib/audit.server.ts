import { auditLog } from "../../db/schema";
import type { Executor } from "../../db/client.server";

export interface AuditEntry {
  groupId: number;
  campaignId?: number | null;
  actorId: number | null;
  /** A dotted verb: "signature.hide-message", "signature.remove", "campaign.publish", "member.invite"… */
  action: string;
  /** Ids, filters, counts. Never names, emails or messages. */
  details?: Record<string, unknown>;
}

/** Records who did what; call it inside the same transaction as the change it describes. */
export async function recordAudit(db: Executor, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    groupId: entry.groupId,
    campaignId: entry.campaignId ?? null,
    actorId: entry.actorId,
    action: entry.action,
    details: entry.details ?? {},
  });
}
