import { createHmac, timingSafeEqual } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { campaigns, signatures } from "../../db/schema";
import type { Executor } from "../../db/client.server";

/**
 * Unsubscribe links in updates: `/u/<signature id in base 36>.<HMAC-SHA256 of it>`. They work
 * without a session (RFC 8058 one-click POSTs come from mail providers), never expire, name no
 * address, and cannot be forged or walked through: changing the id breaks the 256-bit MAC. The key
 * is derived from SESSION_SECRET, so no new secret is needed; rotating it voids old links.
 */
const PURPOSE = "picket-unsubscribe-v1";

function mac(secret: string, signatureId: number): Buffer {
  const key = createHmac("sha256", secret).update(PURPOSE).digest();
  return createHmac("sha256", key).update(String(signatureId)).digest();
}

export function unsubscribeToken(secret: string, signatureId: number): string {
  return `${signatureId.toString(36)}.${mac(secret, signatureId).toString("base64url")}`;
}

export function unsubscribeUrl(appUrl: string, secret: string, signatureId: number): string {
  return `${appUrl}/u/${unsubscribeToken(secret, signatureId)}`;
}

/** The signature id a token stands for, or null when it was not made with this secret. */
export function readUnsubscribeToken(secret: string, token: string): number | null {
  const m = /^([0-9a-z]{1,11})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return null;
  const id = parseInt(m[1]!, 36);
  if (!Number.isSafeInteger(id) || id < 1) return null;
  const given = Buffer.from(m[2]!, "base64url");
  const expected = mac(secret, id);
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
}

export interface UnsubscribeTarget {
  signatureId: number;
  unsubscribed: boolean;
  campaign: { title: string; language: (typeof campaigns.$inferSelect)["language"] };
}

export async function findUnsubscribeTarget(db: Executor, secret: string, token: string): Promise<UnsubscribeTarget | null> {
  const id = readUnsubscribeToken(secret, token);
  if (id === null) return null;
  const [row] = await db
    .select({ unsubscribedAt: signatures.unsubscribedAt, title: campaigns.title, language: campaigns.language })
    .from(signatures)
    .innerJoin(campaigns, eq(campaigns.id, signatures.campaignId))
    .where(eq(signatures.id, id))
    .limit(1);
  if (!row) return null;
  return { signatureId: id, unsubscribed: row.unsubscribedAt !== null, campaign: { title: row.title, language: row.language } };
}

/** Stops updates to this signature. Pressing twice changes nothing the second time. */
export async function unsubscribe(db: Executor, secret: string, token: string, now = new Date()): Promise<UnsubscribeTarget | null> {
  const target = await findUnsubscribeTarget(db, secret, token);
  if (!target) return null;
  await db
    .update(signatures)
    .set({ unsubscribedAt: now })
    .where(and(eq(signatures.id, target.signatureId), isNull(signatures.unsubscribedAt)));
  return { ...target, unsubscribed: true };
}
