import { createHmac, timingSafeEqual } from "node:crypto";
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../../db/client.server";

/**
 * Resend's webhooks, signed the Svix way: HMAC-SHA256 over `${svix-id}.${svix-timestamp}.${body}`
 * with the base64 key after "whsec_", sent as one or more space-separated "v1,<base64>" in
 * `svix-signature`. A timestamp more than five minutes away is refused (replays). This is the
 * documented scheme in a few lines rather than the `svix` package, a full API client.
 */
export const WEBHOOK_TOLERANCE_SECONDS = 5 * 60;

export type WebhookVerdict = { ok: true; payload: unknown } | { ok: false; reason: "unsigned" | "stale" | "forged" | "malformed" };

export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  return `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
}

export function verifyWebhook(secret: string, headers: Headers, body: string, now = Date.now()): WebhookVerdict {
  const id = headers.get("svix-id");
  const timestamp = headers.get("svix-timestamp");
  const signatures = headers.get("svix-signature");
  if (!id || !timestamp || !signatures) return { ok: false, reason: "unsigned" };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: "malformed" };
  if (Math.abs(now / 1000 - Number(timestamp)) > WEBHOOK_TOLERANCE_SECONDS) return { ok: false, reason: "stale" };
  const expected = Buffer.from(signWebhook(secret, id, Number(timestamp), body).slice(3), "base64");
  const matches = signatures.split(" ").some((entry) => {
    const [version, value] = entry.split(",", 2);
    if (version !== "v1" || !value) return false;
    const given = Buffer.from(value, "base64");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!matches) return { ok: false, reason: "forged" };
  try {
    return { ok: true, payload: JSON.parse(body) };
  } catch {
    return { ok: false, reason: "malformed" };
  }
}

interface ResendEvent {
  type?: unknown;
  data?: { email_id?: unknown; to?: unknown; bounce?: { type?: unknown } };
}

export type WebhookEffect = "delivered" | "bounced" | "complained" | "ignored";

/**
 * Records what a verified event says: delivered, bounced or complained on the update recipient it
 * names, and on a hard bounce or a complaint the address goes on the suppression list (for every
 * campaign: a dead or unwilling mailbox is one for all of them). Events arrive more than once and
 * out of order; each write is idempotent, and "bounced"/"complained" are not overwritten by a late
 * "delivered".
 */
export async function applyResendEvent(db: Database, payload: unknown): Promise<WebhookEffect> {
  const event = payload as ResendEvent;
  const emailId = typeof event?.data?.email_id === "string" ? event.data.email_id : null;
  const recipients = Array.isArray(event?.data?.to) ? event.data.to.filter((v): v is string => typeof v === "string") : [];
  let effect: WebhookEffect;
  if (event?.type === "email.delivered") effect = "delivered";
  else if (event?.type === "email.complained") effect = "complained";
  else if (event?.type === "email.bounced") effect = event.data?.bounce?.type === "Transient" ? "ignored" : "bounced";
  else return "ignored";
  if (effect === "ignored") return effect;
  await db.transaction(async (tx) => {
    if (emailId) {
      await queryRows(
        tx,
        sql`UPDATE update_recipients SET delivery = ${effect}
            WHERE resend_id = ${emailId} AND (delivery IS NULL OR ${effect} <> 'delivered') RETURNING 1`,
      );
    }
    if (effect !== "delivered") {
      for (const address of recipients) {
        const bare = /<([^<>]+)>\s*$/.exec(address)?.[1] ?? address;
        await queryRows(
          tx,
          sql`INSERT INTO suppressions (email_normalized, reason) VALUES (lower(btrim(${bare})), ${effect})
              ON CONFLICT (email_normalized) DO NOTHING RETURNING 1`,
        );
      }
    }
  });
  return effect;
}
