import { and, asc, desc, eq, inArray, like, or } from "drizzle-orm";
import { campaigns, groups, memberships, type Campaign, type Role } from "../../db/schema";
import type { Executor } from "../../db/client.server";
import { roleAtLeast } from "./access.server";
import type { AuditAction } from "./audit-log";
import { recordAudit } from "./audit.server";
import { deleteCampaignImage, storeCampaignImage, UPLOADED_IMAGE, type ImageUpload } from "./campaign-images.server";
import { missingToPublish, slugify, SLUG_MAX, type CampaignFormValue, type RequiredToPublish } from "./campaign-schema";
import { confirmedCounts, isAcceptingSignatures } from "./campaigns.server";

/**
 * Campaign authoring for organizers: listing, creating, editing and the status transitions
 * draft → open → closed and closed → open. Access is checked by the routes (access.server.ts);
 * these functions trust the actor they are given and record what they do in the audit log.
 */

export type OrganizerStatus = "draft" | "open" | "closed";

/** What organizers see, the same as the public: a campaign past its closing date is closed. */
export function organizerStatus(campaign: Pick<Campaign, "status" | "closesAt">, now = new Date()): OrganizerStatus {
  if (campaign.status === "draft") return "draft";
  return isAcceptingSignatures(campaign, now) ? "open" : "closed";
}

/** Open in the database, but its closing date has passed: closed by itself. */
export function closedByDate(campaign: Pick<Campaign, "status" | "closesAt">, now = new Date()): boolean {
  return campaign.status === "open" && campaign.closesAt !== null && campaign.closesAt <= now;
}

/** Whom may create campaigns in a group, and edit them: owners and organizers, not viewers. */
export const EDITOR_ROLE: Role = "organizer";

export interface OrganizerGroup {
  id: number;
  name: string;
  role: Role;
  campaigns: (Campaign & { confirmedCount: number; displayStatus: OrganizerStatus })[];
}

/** The organizer's groups (by name) with their campaigns (newest first) and confirmed counts. */
export async function listOrganizerCampaigns(db: Executor, organizerId: number, now = new Date()): Promise<OrganizerGroup[]> {
  const myGroups = await db
    .select({ id: groups.id, name: groups.name, role: memberships.role })
    .from(memberships)
    .innerJoin(groups, eq(groups.id, memberships.groupId))
    .where(eq(memberships.organizerId, organizerId))
    .orderBy(asc(groups.name));
  if (myGroups.length === 0) return [];
  const rows = await db
    .select()
    .from(campaigns)
    .where(
      inArray(
        campaigns.groupId,
        myGroups.map((g) => g.id),
      ),
    )
    .orderBy(desc(campaigns.createdAt), desc(campaigns.id));
  const counts = await confirmedCounts(
    db,
    rows.map((r) => r.id),
  );
  return myGroups.map((g) => ({
    ...g,
    campaigns: rows
      .filter((r) => r.groupId === g.id)
      .map((r) => ({ ...r, confirmedCount: counts.get(r.id) ?? 0, displayStatus: organizerStatus(r, now) })),
  }));
}

/** Groups where the organizer may create campaigns. */
export async function groupsForNewCampaign(db: Executor, organizerId: number): Promise<{ id: number; name: string }[]> {
  const rows = await db
    .select({ id: groups.id, name: groups.name, role: memberships.role })
    .from(memberships)
    .innerJoin(groups, eq(groups.id, memberships.groupId))
    .where(eq(memberships.organizerId, organizerId))
    .orderBy(asc(groups.name));
  return rows.filter((r) => roleAtLeast(r.role, EDITOR_ROLE)).map(({ id, name }) => ({ id, name }));
}

export type SaveResult = { status: "saved"; campaign: Campaign } | { status: "slug-taken" };

function isSlugTaken(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const pgError = e as { code?: unknown; constraint?: unknown };
    if (pgError.code === "23505" && pgError.constraint === "campaigns_slug_key") return true;
  }
  return false;
}

/** "title-2", "title-3"…, shortened so the whole stays within SLUG_MAX. */
function numberedSlug(base: string, n: number): string {
  if (n === 1) return base;
  const suffix = `-${n}`;
  return `${base.slice(0, SLUG_MAX - suffix.length).replace(/-+$/, "")}${suffix}`;
}

/**
 * The first free number for a suggested slug, as a hint: the unique index decides, and a
 * campaign created in between only makes the caller try the next number.
 */
async function nextFreeNumber(db: Executor, base: string): Promise<number> {
  const stem = base.slice(0, SLUG_MAX - 4);
  const rows = await db
    .select({ slug: campaigns.slug })
    .from(campaigns)
    .where(or(eq(campaigns.slug, base), like(campaigns.slug, `${stem.replace(/-+$/, "")}-%`)));
  const taken = new Set(rows.map((r) => r.slug));
  let n = 1;
  while (taken.has(numberedSlug(base, n))) n += 1;
  return n;
}

/**
 * Runs `write(slug)` in a savepoint with the chosen slug, or with the title's slug when none was
 * chosen: -2, -3… until the unique index accepts it. A chosen slug that is taken is refused.
 */
async function withUniqueSlug(
  db: Executor,
  chosen: string | undefined,
  title: string,
  write: (tx: Executor, slug: string) => Promise<Campaign>,
): Promise<SaveResult> {
  if (chosen) {
    try {
      return { status: "saved", campaign: await db.transaction((tx) => write(tx, chosen)) };
    } catch (error) {
      if (isSlugTaken(error)) return { status: "slug-taken" };
      throw error;
    }
  }
  const base = slugify(title) || "campaign";
  let n = await nextFreeNumber(db, base);
  for (let attempt = 0; attempt < 20; attempt++, n++) {
    try {
      return { status: "saved", campaign: await db.transaction((tx) => write(tx, numberedSlug(base, n))) };
    } catch (error) {
      if (!isSlugTaken(error)) throw error;
    }
  }
  throw new Error(`no free slug found for "${base}"`);
}

/** The columns the form sets, from its parsed value; images are handled by the callers. */
function formColumns(value: CampaignFormValue) {
  return {
    title: value.title,
    summary: value.summary,
    body: value.body,
    target: value.target,
    goal: value.goal,
    language: value.language,
    closesAt: value.closesAt,
    requireConfirmation: value.requireConfirmation,
  };
}

/** New campaigns are drafts: nobody outside the group sees them until they are published. */
export async function createCampaignDraft(
  db: Executor,
  args: { actorId: number; groupId: number; value: CampaignFormValue; image?: ImageUpload | undefined },
): Promise<SaveResult> {
  const { value, image } = args;
  const imageUrl = image ? UPLOADED_IMAGE : (value.imageUrl ?? null);
  return withUniqueSlug(db, value.slug, value.title, async (tx, slug) => {
    const [campaign] = await tx
      .insert(campaigns)
      .values({
        ...formColumns(value),
        slug,
        status: "draft",
        groupId: args.groupId,
        imageUrl,
        imageAlt: imageUrl ? value.imageAlt : null,
      })
      .returning();
    if (!campaign) throw new Error("campaign insert returned nothing");
    if (image) await storeCampaignImage(tx, campaign.id, image);
    await recordAudit(tx, {
      groupId: args.groupId,
      campaignId: campaign.id,
      actorId: args.actorId,
      action: "campaign.create",
      details: { slug },
    });
    return campaign;
  });
}

/**
 * Saves the edit form. The slug changes only while the campaign is a draft; an uploaded image
 * replaces the stored one, an image address or "remove" drops it.
 */
export async function updateCampaign(
  db: Executor,
  args: { actorId: number; campaign: Campaign; value: CampaignFormValue; image?: ImageUpload | undefined; now?: Date },
): Promise<SaveResult> {
  const { campaign, value, image } = args;
  const now = args.now ?? new Date();
  const hadUpload = campaign.imageUrl === UPLOADED_IMAGE;
  const imageUrl = image
    ? UPLOADED_IMAGE
    : value.imageUrl
      ? value.imageUrl
      : hadUpload && !value.removeImage
        ? UPLOADED_IMAGE
        : null;
  const slugEditable = campaign.status === "draft";
  const chosenSlug = slugEditable ? value.slug : campaign.slug;
  return withUniqueSlug(db, chosenSlug, value.title, async (tx, slug) => {
    const next = { ...formColumns(value), slug, imageUrl, imageAlt: imageUrl ? value.imageAlt : null };
    const [row] = await tx
      .update(campaigns)
      .set({ ...next, updatedAt: now })
      .where(eq(campaigns.id, campaign.id))
      .returning();
    if (!row) throw new Response("Not found", { status: 404 });
    if (image) await storeCampaignImage(tx, campaign.id, image);
    else if (hadUpload && imageUrl !== UPLOADED_IMAGE) await deleteCampaignImage(tx, campaign.id);
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => {
      const before = campaign[k];
      const after = next[k];
      return before instanceof Date || after instanceof Date
        ? (before as Date | null)?.getTime() !== (after as Date | null)?.getTime()
        : before !== after;
    });
    if (image) changed.push("imageUrl");
    await recordAudit(tx, {
      groupId: groupOf(campaign),
      campaignId: campaign.id,
      actorId: args.actorId,
      action: "campaign.update",
      details: { fields: [...new Set(changed)].sort() },
    });
    return row;
  });
}

/** Campaigns managed here always belong to a group (requireCampaignRole reaches them through it). */
function groupOf(campaign: Campaign): number {
  if (campaign.groupId === null) throw new Error(`campaign ${campaign.id} belongs to no group`);
  return campaign.groupId;
}

export type StatusIntent = "publish" | "close" | "reopen";

export type StatusResult =
  | { status: "changed"; campaign: Campaign }
  /** Not possible from the campaign's current status (or someone else changed it first). */
  | { status: "refused" }
  /** Publishing a campaign that lacks these fields. */
  | { status: "incomplete"; missing: RequiredToPublish[] }
  /** The closing date has passed: publishing needs it changed, reopening a new one or none. */
  | { status: "closing-date-passed" };

const AUDIT_ACTION: Record<StatusIntent, AuditAction> = {
  publish: "campaign.publish",
  close: "campaign.close",
  reopen: "campaign.reopen",
};

/**
 * draft → open (publish), open → closed (close), closed → open (reopen); nothing else. A campaign
 * whose closing date has passed counts as closed, so it can be reopened, with a new date in the
 * future or none (`closesAt`: a Date, null to clear it, undefined to keep it).
 * The UPDATE names the status it expects, so two organizers pressing at once change it once.
 */
export async function changeCampaignStatus(
  db: Executor,
  args: { actorId: number; campaign: Campaign; intent: StatusIntent; closesAt?: Date | null | undefined; now?: Date },
): Promise<StatusResult> {
  const { campaign, intent } = args;
  const now = args.now ?? new Date();
  let from: Campaign["status"];
  let to: Campaign["status"];
  const set: Partial<Campaign> = {};
  if (intent === "publish") {
    if (campaign.status !== "draft") return { status: "refused" };
    const missing = missingToPublish(campaign);
    if (missing.length) return { status: "incomplete", missing };
    if (campaign.closesAt && campaign.closesAt <= now) return { status: "closing-date-passed" };
    [from, to] = ["draft", "open"];
  } else if (intent === "close") {
    if (campaign.status !== "open") return { status: "refused" };
    [from, to] = ["open", "closed"];
  } else {
    const lapsed = closedByDate(campaign, now);
    if (campaign.status !== "closed" && !lapsed) return { status: "refused" };
    const dateHasPassed = campaign.closesAt !== null && campaign.closesAt <= now;
    if (args.closesAt !== undefined) {
      if (args.closesAt !== null && args.closesAt <= now) return { status: "closing-date-passed" };
      set.closesAt = args.closesAt;
    } else if (dateHasPassed) {
      return { status: "closing-date-passed" };
    }
    [from, to] = [campaign.status, "open"];
  }
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(campaigns)
      .set({ ...set, status: to, updatedAt: now })
      .where(and(eq(campaigns.id, campaign.id), eq(campaigns.status, from)))
      .returning();
    if (!row) return { status: "refused" } as const;
    await recordAudit(tx, {
      groupId: groupOf(campaign),
      campaignId: campaign.id,
      actorId: args.actorId,
      action: AUDIT_ACTION[intent],
      details: {
        from: organizerStatus(campaign, now),
        to,
        ...(set.closesAt !== undefined ? { closesAt: set.closesAt?.toISOString() ?? null } : {}),
      },
    });
    return { status: "changed", campaign: row } as const;
  });
}
