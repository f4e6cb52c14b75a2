import { randomInt } from "node:crypto";
import { and, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import {
  campaignCounters,
  campaigns,
  SIGNATURE_COUNTER_SHARDS,
  signatures,
  type Campaign,
  type Language,
} from "../../db/schema";
import type { Database, Executor, Transaction } from "../../db/client.server";
import { isAcceptingSignatures } from "./campaigns.server";
import { hashToken, isWellFormedToken, newToken } from "./crypto.server";
import type { EmailJob } from "./email-jobs";
import { countSignaturePledges, pledgeOptionsAreOpen, replacePledges, type PledgeChoice } from "./pledges.server";
import { normalizeEmail, type SignInput } from "./sign-schema";

/** Queues an email inside the caller's transaction, so the row and its email commit together. */
export type EnqueueEmail = (tx: Transaction, job: EmailJob) => Promise<void>;

/** No signature ever causes more emails than this, however often someone signs again. */
export const MAX_EMAILS_PER_SIGNATURE = 5;
export const CONFIRMATION_RESEND_AFTER_MS = 10 * 60 * 1000;
export const ALREADY_SIGNED_NOTE_AFTER_MS = 24 * 60 * 60 * 1000;

export interface SignRequest {
  slug: string;
  input: SignInput;
  /** Options chosen in the sign form, already checked against the campaign's open options. */
  pledges?: PledgeChoice[];
  /** The language the supporter signed in; defaults to the campaign's. */
  locale?: Language;
  source?: string | undefined;
  ipHash?: string | undefined;
  now?: Date;
}

/**
 * "received" is the answer whether the email was new or had signed before: the page shown is the
 * same, so nobody can learn who signed by signing in their name. The one exception is
 * `pledgerSignatureId`, set only for a new signature on a campaign without confirmation (it
 * counted at once, so the public count already tells the difference): it lets the thank-you page
 * take that person's pledges without their typing anything again.
 */
export type SignResult =
  | { status: "received"; confirmationRequired: boolean; pledgerSignatureId?: number }
  | { status: "closed" }
  | { status: "not-found" }
  /** A chosen pledge option was retired (or is not this campaign's) after the form was checked: nothing stored. */
  | { status: "pledge-options-changed" };

export async function signPetition(db: Database, enqueueEmail: EnqueueEmail, req: SignRequest): Promise<SignResult> {
  const now = req.now ?? new Date();
  const { input } = req;
  return db.transaction(async (tx) => {
    const campaign = await findSignableCampaign(tx, req.slug);
    if (!campaign) return { status: "not-found" } as const;
    if (!isAcceptingSignatures(campaign, now)) return { status: "closed" } as const;
    const received = { status: "received", confirmationRequired: campaign.requireConfirmation } as const;
    // Bots that fill the invisible field get the same answer as people, and nothing is stored.
    if (input.website) return received;
    const choices = req.pledges ?? [];
    if (!(await pledgeOptionsAreOpen(tx, campaign.id, choices))) return { status: "pledge-options-changed" } as const;

    const token = campaign.requireConfirmation ? newToken() : null;
    const emailNormalized = normalizeEmail(input.email);
    // The unique index on (campaign, normalized email) decides; checking first would race.
    const [inserted] = await tx
      .insert(signatures)
      .values({
        campaignId: campaign.id,
        firstName: input.firstName,
        lastName: input.lastName,
        email: input.email,
        emailNormalized,
        country: input.country,
        postalCode: input.postalCode ?? null,
        organization: input.organization ?? null,
        message: input.message ?? null,
        showName: input.showName,
        updatesOptIn: input.updatesOptIn,
        locale: req.locale ?? campaign.language,
        source: req.source ?? null,
        ipHash: req.ipHash ?? null,
        createdAt: now,
        confirmedAt: token ? null : now,
        confirmTokenHash: token ? hashToken(token) : null,
        emailsSent: token ? 1 : 0,
        lastEmailAt: token ? now : null,
      })
      .onConflictDoNothing({ target: [signatures.campaignId, signatures.emailNormalized] })
      .returning({ id: signatures.id });

    if (inserted) {
      // Pledges count with the signature: at once when there is no confirmation step, else on confirming.
      if (choices.length > 0) await replacePledges(tx, inserted.id, choices, token === null, now);
      if (token) {
        await enqueueEmail(tx, { kind: "confirm", signatureId: inserted.id, token });
        return received;
      }
      await addConfirmed(tx, campaign.id, 1);
      return { ...received, pledgerSignatureId: inserted.id };
    }
    // Whoever typed this email may not be its owner: an existing signature's pledges stay as they are.
    await remindExistingSigner(tx, enqueueEmail, campaign.id, emailNormalized, now);
    return received;
  });
}

/**
 * Someone signed again with an email already on the campaign: re-send the confirmation (new link)
 * if it is still unconfirmed, or say "you have already signed" if not, each rate-limited and
 * within the per-signature email budget.
 */
async function remindExistingSigner(
  tx: Transaction,
  enqueueEmail: EnqueueEmail,
  campaignId: number,
  emailNormalized: string,
  now: Date,
): Promise<void> {
  const [existing] = await tx
    .select({
      id: signatures.id,
      confirmedAt: signatures.confirmedAt,
      emailsSent: signatures.emailsSent,
      lastEmailAt: signatures.lastEmailAt,
      removedAt: signatures.removedAt,
    })
    .from(signatures)
    .where(and(eq(signatures.campaignId, campaignId), eq(signatures.emailNormalized, emailNormalized)))
    .for("update");
  // Removed as spam: the address gets no more mail from this campaign.
  if (!existing || existing.removedAt || existing.emailsSent >= MAX_EMAILS_PER_SIGNATURE) return;
  const wait = existing.confirmedAt ? ALREADY_SIGNED_NOTE_AFTER_MS : CONFIRMATION_RESEND_AFTER_MS;
  if (existing.lastEmailAt && now.getTime() - existing.lastEmailAt.getTime() < wait) return;

  const token = existing.confirmedAt ? null : newToken();
  await tx
    .update(signatures)
    .set({
      emailsSent: existing.emailsSent + 1,
      lastEmailAt: now,
      ...(token ? { confirmTokenHash: hashToken(token) } : {}),
    })
    .where(eq(signatures.id, existing.id));
  await enqueueEmail(
    tx,
    token ? { kind: "confirm", signatureId: existing.id, token } : { kind: "already-signed", signatureId: existing.id },
  );
}

async function findSignableCampaign(db: Executor, slug: string): Promise<Campaign | undefined> {
  const [campaign] = await db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.slug, slug), inArray(campaigns.status, ["open", "closed"])))
    .limit(1);
  return campaign;
}

/** Adds to one random shard of the campaign's counter (see campaignCounters in db/schema.ts). */
export async function addConfirmed(tx: Executor, campaignId: number, delta: number): Promise<void> {
  await tx
    .insert(campaignCounters)
    .values({ campaignId, shard: randomInt(SIGNATURE_COUNTER_SHARDS), confirmed: delta })
    .onConflictDoUpdate({
      target: [campaignCounters.campaignId, campaignCounters.shard],
      set: { confirmed: sql`${campaignCounters.confirmed} + excluded.confirmed` },
    });
}

export interface ConfirmationTarget {
  signatureId: number;
  confirmed: boolean;
  campaign: Pick<Campaign, "id" | "slug" | "title" | "language" | "status" | "closesAt">;
}

/** Reads what a confirmation link points at, changing nothing (mail scanners open links). */
export async function findConfirmation(db: Executor, token: string): Promise<ConfirmationTarget | null> {
  if (!isWellFormedToken(token)) return null;
  const [row] = await db
    .select({
      signatureId: signatures.id,
      confirmedAt: signatures.confirmedAt,
      campaign: {
        id: campaigns.id,
        slug: campaigns.slug,
        title: campaigns.title,
        language: campaigns.language,
        status: campaigns.status,
        closesAt: campaigns.closesAt,
      },
    })
    .from(signatures)
    .innerJoin(campaigns, eq(campaigns.id, signatures.campaignId))
    .where(and(eq(signatures.confirmTokenHash, hashToken(token)), isNull(signatures.removedAt)))
    .limit(1);
  if (!row) return null;
  return { signatureId: row.signatureId, confirmed: row.confirmedAt !== null, campaign: row.campaign };
}

export type ConfirmResult =
  /** signatureId: whose pledges the thank-you page may then change (the link proved the email). */
  | { status: "confirmed" | "already-confirmed"; slug: string; signatureId: number }
  | { status: "closed"; slug: string }
  | { status: "invalid" };

/** The POST behind "Confirm my signature". Pressing it twice is harmless. */
export async function confirmSignature(db: Database, token: string, now = new Date()): Promise<ConfirmResult> {
  if (!isWellFormedToken(token)) return { status: "invalid" };
  return db.transaction(async (tx) => {
    const target = await findConfirmation(tx, token);
    if (!target) return { status: "invalid" } as const;
    const { slug } = target.campaign;
    const { signatureId } = target;
    if (target.confirmed) return { status: "already-confirmed", slug, signatureId } as const;
    if (!isAcceptingSignatures(target.campaign, now)) return { status: "closed", slug } as const;
    // The IS NULL guard makes a concurrent double press count once; the removed_at guard keeps a
    // signature removed as spam meanwhile (moderation.server.ts) from being counted.
    const updated = await tx
      .update(signatures)
      .set({ confirmedAt: now })
      .where(and(eq(signatures.id, target.signatureId), sql`${signatures.confirmedAt} IS NULL`, isNull(signatures.removedAt)))
      .returning({ id: signatures.id });
    if (updated.length === 0) return { status: "already-confirmed", slug, signatureId } as const;
    await addConfirmed(tx, target.campaign.id, 1);
    await countSignaturePledges(tx, signatureId, 1);
    return { status: "confirmed", slug, signatureId } as const;
  });
}

/** Counts confirmed rows the slow way; only for checks and repairs, never on page views. */
export async function recountConfirmed(db: Executor, campaignId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(signatures)
    .where(and(eq(signatures.campaignId, campaignId), isNotNull(signatures.confirmedAt), isNull(signatures.removedAt)));
  return row?.n ?? 0;
}
