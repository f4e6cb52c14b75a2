import { and, eq, gte, isNotNull, isNull, lt, sql, type SQL } from "drizzle-orm";
import { signatures } from "../../db/schema";
import type { Database, Executor } from "../../db/client.server";
import type { AuditAction } from "./audit-log";
import { recordAudit } from "./audit.server";
import type { ModerationIntent, SignerStatus } from "./moderation-schema";
import { normalizeEmail } from "./sign-schema";
import { countSignaturePledges } from "./pledges.server";
import { addConfirmed } from "./signatures.server";
import { beyondCursor, cursorTime, decodeCursor, encodeCursor, keysetOrder, keysetPage, type KeysetCursor } from "./keyset.server";

/**
 * What organizers do with the people who signed: find them, hide a message, remove spam.
 * Every change is recorded in the audit log in the same transaction, with the signature id and
 * never the person's name, email or message.
 */

export const SIGNERS_PAGE_SIZE = 50;

export interface SignerFilters {
  /** Name or email, any case. */
  search?: string | undefined;
  status?: SignerStatus | undefined;
  country?: string | undefined;
  /** Signed on or after this UTC day (YYYY-MM-DD). */
  from?: string | undefined;
  /** Signed on or before this UTC day (YYYY-MM-DD), inclusive. */
  to?: string | undefined;
  includeRemoved?: boolean | undefined;
}

export type SignerCursor = KeysetCursor;
export { decodeCursor, encodeCursor };

export interface SignerRow {
  id: number;
  firstName: string;
  lastName: string;
  email: string;
  country: string;
  createdAt: Date;
  confirmedAt: Date | null;
  message: string | null;
  messageHidden: boolean;
  removed: boolean;
}

export interface SignerPage {
  rows: SignerRow[];
  /** Older signatures, when there are any. */
  nextCursor: string | null;
  /** Newer signatures, when this is not the first page. */
  previousCursor: string | null;
}

/** `%` and `_` typed by the organizer are searched for literally. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const LOOKS_LIKE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function filterConditions(campaignId: number, filters: SignerFilters): SQL[] {
  const conditions: SQL[] = [eq(signatures.campaignId, campaignId)];
  if (!filters.includeRemoved) conditions.push(isNull(signatures.removedAt));
  if (filters.status === "confirmed") conditions.push(isNotNull(signatures.confirmedAt));
  if (filters.status === "unconfirmed") conditions.push(isNull(signatures.confirmedAt));
  if (filters.country) conditions.push(eq(signatures.country, filters.country));
  // Days are UTC days, as the form says.
  if (filters.from) conditions.push(gte(signatures.createdAt, new Date(`${filters.from}T00:00:00Z`)));
  if (filters.to) conditions.push(lt(signatures.createdAt, new Date(Date.parse(`${filters.to}T00:00:00Z`) + 86_400_000)));
  const search = filters.search?.trim();
  if (search) {
    if (LOOKS_LIKE_EMAIL.test(search)) {
      // A whole address: one lookup in the unique index on (campaign_id, email_normalized).
      conditions.push(eq(signatures.emailNormalized, normalizeEmail(search)));
    } else {
      // Part of a name or an address, accents and case ignored both ways ("muller" finds
      // Müller, "MÜLLER" finds muller): the stored search_text and the searched-for text go
      // through the same picket_search_text, and signatures_search_text_trgm_idx serves the
      // '%…%' at any campaign size (docs/decisions/010).
      conditions.push(sql`${signatures.searchText} LIKE public.picket_search_text(${likePattern(search)})`);
    }
  }
  return conditions;
}

/**
 * One page of a campaign's signers, newest first, with keyset pagination on (created_at, id):
 * `after` gives the page of older rows, `before` the page of newer ones. Never OFFSET, which
 * reads and throws away every row before the page: page 20 000 of a million signers costs what
 * page 1 does, served by signatures_campaign_created_idx (campaign_id, created_at DESC, id DESC).
 */
export async function listSigners(
  db: Executor,
  campaignId: number,
  filters: SignerFilters = {},
  page: { after?: SignerCursor | null; before?: SignerCursor | null } = {},
  pageSize = SIGNERS_PAGE_SIZE,
): Promise<SignerPage> {
  const conditions = filterConditions(campaignId, filters);
  const backwards = !page.after && Boolean(page.before);
  const cursor = page.after ?? page.before ?? null;
  if (cursor) conditions.push(beyondCursor(signatures.createdAt, signatures.id, cursor, backwards ? "before" : "after"));
  const order = keysetOrder(signatures.createdAt, signatures.id, backwards ? "oldest-first" : "newest-first");
  const fetched = await db
    .select({
      id: signatures.id,
      firstName: signatures.firstName,
      lastName: signatures.lastName,
      email: signatures.email,
      country: signatures.country,
      createdAt: signatures.createdAt,
      createdAtKey: cursorTime(signatures.createdAt),
      confirmedAt: signatures.confirmedAt,
      message: signatures.message,
      messageHiddenAt: signatures.messageHiddenAt,
      removedAt: signatures.removedAt,
    })
    .from(signatures)
    .where(and(...conditions))
    .orderBy(...order)
    .limit(pageSize + 1);

  const result = keysetPage(fetched, pageSize, { backwards, hadCursor: cursor !== null });
  // Going back reached the newest rows: show the full first page rather than a short one.
  if (!result) return listSigners(db, campaignId, filters, {}, pageSize);
  return {
    ...result,
    rows: result.rows.map((r) => ({
      id: r.id,
      firstName: r.firstName,
      lastName: r.lastName,
      email: r.email,
      country: r.country,
      createdAt: r.createdAt,
      confirmedAt: r.confirmedAt,
      message: r.message,
      messageHidden: r.messageHiddenAt !== null,
      removed: r.removedAt !== null,
    })),
  };
}

export interface ModerationActor {
  /** The organizer doing it, for the audit log. */
  organizerId: number;
  campaign: { id: number; groupId: number | null };
}

/** "done": changed now; "unchanged": it was already so (a second press); "not-found": not a signature of this campaign. */
export type ModerationResult = "done" | "unchanged" | "not-found";

const AUDIT_ACTIONS: Record<ModerationIntent, AuditAction> = {
  "hide-message": "signature.hide-message",
  "show-message": "signature.show-message",
  remove: "signature.remove",
  restore: "signature.restore",
};

/**
 * One moderation step in one transaction: the change (guarded, so a double press changes
 * nothing twice), the confirmed counter when a confirmed signature leaves or comes back, and the
 * audit entry. The signature must belong to the actor's campaign: ids from the form are not trusted.
 */
async function moderate(
  db: Database,
  actor: ModerationActor,
  signatureId: number,
  intent: ModerationIntent,
  now: Date,
): Promise<ModerationResult> {
  const { campaign } = actor;
  if (campaign.groupId === null) throw new Error(`campaign ${campaign.id} has no group to audit under`);
  const groupId = campaign.groupId;
  return db.transaction(async (tx) => {
    const ofCampaign = and(eq(signatures.id, signatureId), eq(signatures.campaignId, campaign.id));
    const change = {
      "hide-message": { set: { messageHiddenAt: now }, when: and(isNull(signatures.messageHiddenAt), isNotNull(signatures.message)) },
      "show-message": { set: { messageHiddenAt: null }, when: isNotNull(signatures.messageHiddenAt) },
      remove: { set: { removedAt: now }, when: isNull(signatures.removedAt) },
      restore: { set: { removedAt: null }, when: isNotNull(signatures.removedAt) },
    }[intent];
    const [changed] = await tx
      .update(signatures)
      .set(change.set)
      .where(and(ofCampaign, change.when))
      .returning({ confirmedAt: signatures.confirmedAt });
    if (!changed) {
      const [exists] = await tx.select({ id: signatures.id }).from(signatures).where(ofCampaign).limit(1);
      return exists ? "unchanged" : "not-found";
    }
    // Counts follow: a confirmed signature removed as spam no longer counts, restored it does again.
    // Its pledges leave and come back with it.
    if (changed.confirmedAt && intent === "remove") {
      await addConfirmed(tx, campaign.id, -1);
      await countSignaturePledges(tx, signatureId, -1);
    }
    if (changed.confirmedAt && intent === "restore") {
      await addConfirmed(tx, campaign.id, 1);
      await countSignaturePledges(tx, signatureId, 1);
    }
    await recordAudit(tx, {
      groupId,
      campaignId: campaign.id,
      actorId: actor.organizerId,
      action: AUDIT_ACTIONS[intent],
      details: { signatureId },
    });
    return "done";
  });
}

/** The message stays stored (and visible to organizers) but is no longer shown publicly. */
export function hideMessage(db: Database, actor: ModerationActor, signatureId: number, now = new Date()) {
  return moderate(db, actor, signatureId, "hide-message", now);
}

export function unhideMessage(db: Database, actor: ModerationActor, signatureId: number, now = new Date()) {
  return moderate(db, actor, signatureId, "show-message", now);
}

/** No longer counted or shown; the address cannot sign this campaign again. */
export function removeAsSpam(db: Database, actor: ModerationActor, signatureId: number, now = new Date()) {
  return moderate(db, actor, signatureId, "remove", now);
}

export function restoreSignature(db: Database, actor: ModerationActor, signatureId: number, now = new Date()) {
  return moderate(db, actor, signatureId, "restore", now);
}

/** The action a moderation button names, for routes that dispatch on a form's `intent`. */
export function applyModeration(db: Database, actor: ModerationActor, signatureId: number, intent: ModerationIntent, now = new Date()) {
  return moderate(db, actor, signatureId, intent, now);
}
