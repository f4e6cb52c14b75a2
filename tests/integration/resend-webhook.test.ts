import { randomBytes } from "node:crypto";
import type { AppLoadContext } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { suppressions, updateRecipients } from "../../db/schema";
import { signWebhook } from "~/lib/resend-webhook.server";
import { audienceSize, createUpdateDraft } from "~/lib/updates.server";
import { action } from "~/routes/webhooks.resend";
import { createTestCampaign } from "../support/factories";
import { createMember } from "../support/organizer-factories";
import { routeContext } from "../support/route-context";
import { fileDatabase } from "../support/suite";
import { createSigners } from "../support/update-factories";

const { db } = await fileDatabase();
const SECRET = `whsec_${randomBytes(24).toString("base64")}`;
const base = routeContext(db);
const context: AppLoadContext = { ...base, runtime: { ...base.runtime, config: { ...base.runtime.config, resendWebhookSecret: SECRET } } };

function post(body: string, headers: Record<string, string>): Request {
  return new Request("http://picket.test/webhooks/resend", { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
}

/** A request signed as Resend (Svix) signs it, `secondsAgo` in the past. */
function signed(payload: unknown, { secret = SECRET, secondsAgo = 0 } = {}): Request {
  const body = JSON.stringify(payload);
  const id = `msg_${randomBytes(8).toString("hex")}`;
  const timestamp = Math.floor(Date.now() / 1000) - secondsAgo;
  return post(body, { "svix-id": id, "svix-timestamp": String(timestamp), "svix-signature": signWebhook(secret, id, timestamp, body) });
}

async function status(request: Request, ctx = context): Promise<number> {
  return ((await action({ request, context: ctx, params: {} })) as Response).status;
}

/** A sent update recipient with the provider id `resendId`. */
async function sentRecipient() {
  const owner = await createMember(db, "owner");
  const campaign = await createTestCampaign(db, { groupId: owner.group.id });
  const [signer] = await createSigners(db, campaign, 1);
  const saved = await createUpdateDraft(db, { actorId: owner.organizer.id, campaign }, { subject: "S", body: "B" });
  if (saved.status !== "saved") throw new Error("no draft");
  const resendId = `re-${randomBytes(8).toString("hex")}`;
  await db.insert(updateRecipients).values({ updateId: saved.update.id, signatureId: signer!.id, email: signer!.email, chunk: 0, state: "sent", resendId });
  return { campaign, email: signer!.email, resendId };
}

async function deliveryOf(resendId: string) {
  const [row] = await db.select({ delivery: updateRecipients.delivery }).from(updateRecipients).where(eq(updateRecipients.resendId, resendId));
  return row?.delivery ?? null;
}

async function suppression(email: string) {
  const [row] = await db.select().from(suppressions).where(eq(suppressions.emailNormalized, email.toLowerCase()));
  return row?.reason ?? null;
}

describe("Resend webhook", () => {
  test("a signed email.delivered is recorded on the update recipient", async () => {
    const { resendId, email } = await sentRecipient();
    expect(await status(signed({ type: "email.delivered", data: { email_id: resendId, to: [email] } }))).toBe(200);
    expect(await deliveryOf(resendId)).toBe("delivered");
    expect(await suppression(email)).toBeNull();
  });

  test("a hard bounce and a spam complaint suppress the address for every later update; a late 'delivered' does not undo them", async () => {
    const bounced = await sentRecipient();
    expect(await status(signed({ type: "email.bounced", data: { email_id: bounced.resendId, to: [bounced.email], bounce: { type: "Permanent" } } }))).toBe(200);
    expect(await status(signed({ type: "email.delivered", data: { email_id: bounced.resendId, to: [bounced.email] } }))).toBe(200);
    expect(await deliveryOf(bounced.resendId)).toBe("bounced");
    expect(await suppression(bounced.email)).toBe("bounced");
    expect(await audienceSize(db, bounced.campaign.id, { country: null, optionId: null })).toBe(0);

    const complained = await sentRecipient();
    expect(await status(signed({ type: "email.complained", data: { email_id: complained.resendId, to: [`Lucy <${complained.email.toUpperCase()}>`] } }))).toBe(200);
    expect(await deliveryOf(complained.resendId)).toBe("complained");
    expect(await suppression(complained.email)).toBe("complained");
  });

  test("a soft (transient) bounce suppresses nobody", async () => {
    const { resendId, email } = await sentRecipient();
    expect(await status(signed({ type: "email.bounced", data: { email_id: resendId, to: [email], bounce: { type: "Transient" } } }))).toBe(200);
    expect(await suppression(email)).toBeNull();
  });

  test("unsigned, stale, forged and wrongly keyed requests are refused and change nothing", async () => {
    const { resendId, email } = await sentRecipient();
    const payload = { type: "email.bounced", data: { email_id: resendId, to: [email], bounce: { type: "Permanent" } } };
    const body = JSON.stringify(payload);
    expect(await status(post(body, {}))).toBe(401);
    expect(await status(signed(payload, { secondsAgo: 6 * 60 }))).toBe(401);
    expect(await status(signed(payload, { secondsAgo: -6 * 60 }))).toBe(401);
    expect(await status(signed(payload, { secret: `whsec_${randomBytes(24).toString("base64")}` }))).toBe(401);
    // A genuine signature over another body.
    const genuine = signed({ type: "email.delivered", data: {} });
    const tampered = post(body, Object.fromEntries(["svix-id", "svix-timestamp", "svix-signature"].map((h) => [h, genuine.headers.get(h)!])));
    expect(await status(tampered)).toBe(401);
    expect(await status(post(body, { "svix-id": "x", "svix-timestamp": "soon", "svix-signature": "v1,AAAA" }))).toBe(400);
    expect(await deliveryOf(resendId)).toBeNull();
    expect(await suppression(email)).toBeNull();
  });

  test("one valid signature among several (a rotated secret) is enough", async () => {
    const { resendId, email } = await sentRecipient();
    const request = signed({ type: "email.delivered", data: { email_id: resendId, to: [email] } });
    const headers = Object.fromEntries(request.headers);
    headers["svix-signature"] = `v1,${randomBytes(32).toString("base64")} ${headers["svix-signature"]}`;
    expect(await status(post(await request.text(), headers))).toBe(200);
    expect(await deliveryOf(resendId)).toBe("delivered");
  });

  test("without RESEND_WEBHOOK_SECRET the endpoint is off", async () => {
    expect(await status(signed({ type: "email.delivered", data: {} }), base)).toBe(503);
  });
});
