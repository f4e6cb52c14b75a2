import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { signatures } from "../../db/schema";
import { readUnsubscribeToken, unsubscribeToken } from "~/lib/unsubscribe.server";
import { audienceSize } from "~/lib/updates.server";
import { action, loader } from "~/routes/u.$token";
import { createTestCampaign } from "../support/factories";
import { routeContext, routeRequest, settle } from "../support/route-context";
import { fileDatabase } from "../support/suite";
import { createSigners } from "../support/update-factories";

const { db } = await fileDatabase();
const context = routeContext(db);
const secret = context.runtime.config.sessionSecret;
const everyone = { country: null, optionId: null };

async function signer() {
  const campaign = await createTestCampaign(db, { language: "fr" });
  const [row] = await createSigners(db, campaign, 1);
  return { campaign, signatureId: row!.id, email: row!.email, token: unsubscribeToken(secret, row!.id) };
}

async function unsubscribedAt(signatureId: number) {
  const [row] = await db.select({ at: signatures.unsubscribedAt }).from(signatures).where(eq(signatures.id, signatureId));
  return row?.at ?? null;
}

describe("unsubscribe links", () => {
  test("the token names no address, and a changed id or MAC is refused", async () => {
    const { signatureId, email, token } = await signer();
    expect(token).not.toContain(email);
    expect(token).not.toContain(email.split("@")[0]);
    expect(readUnsubscribeToken(secret, token)).toBe(signatureId);
    const [id, mac] = token.split(".");
    expect(readUnsubscribeToken(secret, `${(signatureId + 1).toString(36)}.${mac}`)).toBeNull();
    expect(readUnsubscribeToken(secret, `${id}.${mac!.slice(0, -1)}A`)).toBeNull();
    expect(readUnsubscribeToken("another-secret-0123456789abcdef0123456789", token)).toBeNull();
  });

  test("opening the link changes nothing; pressing its button unsubscribes, in the campaign's language", async () => {
    const { campaign, signatureId, token } = await signer();
    const page = await loader({ request: routeRequest(`/u/${token}`), context, params: { token } });
    expect(page).toMatchObject({ state: "ask", language: "fr", title: campaign.title });
    expect(await unsubscribedAt(signatureId)).toBeNull();
    expect(await audienceSize(db, campaign.id, everyone)).toBe(1);

    await action({ request: routeRequest(`/u/${token}`, { form: {} }), context, params: { token } });
    expect(await unsubscribedAt(signatureId)).toBeInstanceOf(Date);
    expect(await audienceSize(db, campaign.id, everyone)).toBe(0);
    expect(await loader({ request: routeRequest(`/u/${token}`), context, params: { token } })).toMatchObject({ state: "done" });
  });

  test("an RFC 8058 one-click POST unsubscribes without a session or a page; repeating it is harmless", async () => {
    const { campaign, signatureId, token } = await signer();
    const oneClick = () => routeRequest(`/u/${token}`, { form: { "List-Unsubscribe": "One-Click" } });
    expect(await action({ request: oneClick(), context, params: { token } })).toEqual({ unsubscribed: true });
    const first = await unsubscribedAt(signatureId);
    expect(first).toBeInstanceOf(Date);
    expect(await action({ request: oneClick(), context, params: { token } })).toEqual({ unsubscribed: true });
    expect(await unsubscribedAt(signatureId)).toEqual(first);
    expect(await audienceSize(db, campaign.id, everyone)).toBe(0);
  });

  test("a forged or malformed token is a 404 and changes nothing", async () => {
    const { signatureId, token } = await signer();
    const forged = `${token.split(".")[0]}.${"A".repeat(43)}`;
    for (const bad of [forged, "1", "", "zzzzzzzzzzzzzzzzzzzz.x", `${token}x`]) {
      const opened = await loader({ request: routeRequest(`/u/x`), context, params: { token: bad } });
      expect((opened as unknown as { init: { status: number } }).init.status, bad).toBe(404);
      const pressed = await settle(() => action({ request: routeRequest(`/u/x`, { form: {} }), context, params: { token: bad } }));
      expect(pressed.thrown && pressed.response.status, bad).toBe(404);
    }
    expect(await unsubscribedAt(signatureId)).toBeNull();
  });
});
