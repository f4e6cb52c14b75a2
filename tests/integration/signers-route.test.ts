import type { AppLoadContext } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Database } from "../../db/client.server";
import { auditLog, memberships, signatures, type Campaign } from "../../db/schema";
import { action, loader } from "~/routes/org.c.$slug.signers";
import { confirmedCount } from "~/lib/campaigns.server";
import { addConfirmed } from "~/lib/signatures.server";
import { createSession } from "~/lib/sessions.server";
import { openTestDatabase, type TestDatabase } from "../support/db";
import { createTestCampaign, uniqueSuffix } from "../support/factories";
import { createMember, sessionCookieHeader } from "../support/organizer-factories";
import { routeContext, routeRequest, settle } from "../support/route-context";

/** The signer list as a browser uses it: the filter form, the search cookie, the moderation buttons. */

let handle: TestDatabase;
let db: Database;
let context: AppLoadContext;
let campaign: Campaign;
let organizerCookie: string;
const url = () => `/org/c/${campaign.slug}/signers`;
const params = () => ({ slug: campaign.slug });

beforeAll(async () => {
  handle = await openTestDatabase();
  db = handle.db;
  context = routeContext(db);
  const member = await createMember(db, "organizer");
  organizerCookie = member.cookie;
  campaign = await createTestCampaign(db, { groupId: member.group.id });
  for (const [first, last, country] of [["Rosa", "Luxemburg", "DE"], ["Karl", "Liebknecht", "DE"], ["Lucy", "Parsons", "US"]] as const) {
    const email = `${first.toLowerCase()}-${uniqueSuffix()}@example.org`;
    await db.insert(signatures).values({
      campaignId: campaign.id, firstName: first, lastName: last, email, emailNormalized: email, country, locale: "en",
      message: `From ${first}`, confirmedAt: new Date(),
    });
    await addConfirmed(db, campaign.id, 1);
  }
});

afterAll(async () => {
  await handle?.close();
});

type LoaderData = Awaited<ReturnType<typeof loader>>;
async function load(cookie: string, query = ""): Promise<LoaderData> {
  return loader({ request: routeRequest(`${url()}${query}`, { cookie }), context, params: params() });
}

async function post(cookie: string, form: Record<string, string>) {
  return settle(() => action({ request: routeRequest(url(), { cookie, form }), context, params: params() }));
}

/** The cookie a browser would send back after a response's Set-Cookie. */
function cookieFrom(response: Response): string {
  return (response.headers.get("set-cookie") ?? "").split(";")[0]!;
}

describe("the signer list page", () => {
  test("searching posts the text, which comes back in a cookie and never in the redirect URL", async () => {
    const outcome = await post(organizerCookie, { intent: "filter", q: "LUXEM", status: "confirmed", country: "DE" });
    expect(outcome.thrown).toBe(false);
    const response = (outcome as { value: unknown }).value as Response;
    expect(response.status).toBe(302);
    const location = response.headers.get("location")!;
    expect(location).toBe(`${url()}?status=confirmed&country=DE`);
    expect(location.toLowerCase()).not.toContain("luxem");
    const setCookie = response.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toContain(`Path=/org/c/${campaign.slug}/`);

    const cookie = `${organizerCookie}; ${cookieFrom(response)}`;
    const page = await load(cookie, "?status=confirmed&country=DE");
    expect(page.rows.map((r) => r.name)).toEqual(["Rosa Luxemburg"]);
    expect(page.filters).toMatchObject({ q: "LUXEM", status: "confirmed", country: "DE" });
    // A q in the URL is ignored: searches only come from the form.
    expect((await load(organizerCookie, "?q=Karl")).rows).toHaveLength(3);
  });

  test("clearing forgets the search", async () => {
    const searched = (await post(organizerCookie, { intent: "filter", q: "Karl" })) as { value: Response };
    const cookie = `${organizerCookie}; ${cookieFrom(searched.value)}`;
    expect((await load(cookie)).rows.map((r) => r.name)).toEqual(["Karl Liebknecht"]);
    const cleared = (await post(cookie, { intent: "clear" })) as { value: Response };
    expect(cleared.value.headers.get("location")).toBe(url());
    expect(cleared.value.headers.get("set-cookie")).toMatch(/Max-Age=0/);
  });

  test("a search does not outlive the sign-in that made it", async () => {
    const searched = (await post(organizerCookie, { intent: "filter", q: "Karl" })) as { value: Response };
    const searchCookie = cookieFrom(searched.value);
    expect((await load(`${organizerCookie}; ${searchCookie}`)).rows.map((r) => r.name)).toEqual(["Karl Liebknecht"]);
    // Signed out and in again on the same browser (a new session), or another organizer there.
    const [member] = await db.select({ organizerId: memberships.organizerId }).from(memberships).where(eq(memberships.groupId, campaign.groupId!));
    const nextSession = sessionCookieHeader(await createSession(db, member!.organizerId));
    expect((await load(`${nextSession}; ${searchCookie}`)).rows).toHaveLength(3);
  });

  test("text no one types (NUL, bidi overrides) is a field error, not a stuck page", async () => {
    for (const q of ["\u0000abc", "\u202Egro.elpmaxe"]) {
      const outcome = await post(organizerCookie, { intent: "filter", q });
      const value = (outcome as { value: { data: { result: { error: Record<string, string[]> } }; init: { status: number } } }).value;
      expect(value.init.status).toBe(400);
      expect(value.data.result.error).toMatchObject({ q: ["errors.invalidChars"] });
    }
    expect((await load(organizerCookie)).rows).toHaveLength(3);
  });

  test("bad filters come back as field errors, and nothing is applied", async () => {
    const outcome = await post(organizerCookie, { intent: "filter", from: "2026-05-02", to: "2026-05-01", country: "ZZ" });
    const value = (outcome as { value: { data: { result: { error: Record<string, string[]> } }; init: { status: number } } }).value;
    expect(value.init.status).toBe(400);
    expect(value.data.result.error).toMatchObject({ to: ["moderation.errors.dateOrder"], country: ["errors.country"] });
  });

  test("a stale or hand-edited link shows the list rather than an error", async () => {
    const page = await load(organizerCookie, "?status=bogus&after=not-a-cursor&from=yesterday");
    expect(page.rows).toHaveLength(3);
    // Cursors and days that look right but name no real time.
    const impossible = Buffer.from("2024-99-99T99:99:99.000000Z|5").toString("base64url");
    const yearZero = Buffer.from("0000-01-01T00:00:00.000000Z|5").toString("base64url");
    for (const query of [`?after=${impossible}`, `?before=${yearZero}`, "?from=0000-01-01", "?to=9999-12-31", "?from=2024-02-31"]) {
      expect((await load(organizerCookie, query)).rows, query).toHaveLength(3);
    }
  });

  test("moderation buttons hide, remove and restore, and say what they did", async () => {
    const rosa = (await db.select().from(signatures).where(eq(signatures.firstName, "Rosa")))[0]!;
    const hidden = (await post(organizerCookie, { intent: "hide-message", signatureId: String(rosa.id) })) as { value: { data: { notice: unknown } } };
    expect(hidden.value.data.notice).toEqual({ intent: "hide-message", result: "done", signatureId: rosa.id });
    expect((await load(organizerCookie)).rows.find((r) => r.id === rosa.id)).toMatchObject({ messageHidden: true, message: "From Rosa" });

    const before = await confirmedCount(db, campaign.id);
    await post(organizerCookie, { intent: "remove", signatureId: String(rosa.id) });
    expect(await confirmedCount(db, campaign.id)).toBe(before - 1);
    expect((await load(organizerCookie)).rows.some((r) => r.id === rosa.id)).toBe(false);
    expect((await load(organizerCookie, "?removed=on")).rows.find((r) => r.id === rosa.id)?.removed).toBe(true);
    await post(organizerCookie, { intent: "restore", signatureId: String(rosa.id) });
    expect(await confirmedCount(db, campaign.id)).toBe(before);

    const entries = await db.select().from(auditLog).where(eq(auditLog.campaignId, campaign.id));
    expect(entries.map((e) => e.action).sort()).toEqual(["signature.hide-message", "signature.remove", "signature.restore"]);
  });

  test("another campaign's signature cannot be moderated through this page", async () => {
    const other = await createTestCampaign(db);
    const email = `foreign-${uniqueSuffix()}@example.org`;
    const [foreign] = await db
      .insert(signatures)
      .values({ campaignId: other.id, firstName: "Foreign", lastName: "Signer", email, emailNormalized: email, country: "FR", locale: "en" })
      .returning();
    const outcome = (await post(organizerCookie, { intent: "remove", signatureId: String(foreign!.id) })) as { value: { init: { status: number } } };
    expect(outcome.value.init.status).toBe(404);
    expect((await db.select().from(signatures).where(eq(signatures.id, foreign!.id)))[0]?.removedAt).toBeNull();
  });

  test("Next and Previous links carry the filters and an opaque cursor, never the search", async () => {
    const member = await createMember(db, "organizer");
    const big = await createTestCampaign(db, { groupId: member.group.id });
    for (let i = 0; i < 53; i++) {
      const email = `page-${i}-${uniqueSuffix()}@example.org`;
      await db.insert(signatures).values({
        campaignId: big.id, firstName: "Paged", lastName: `Person${i}`, email, emailNormalized: email, country: "CA", locale: "en",
        createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
      });
    }
    const bigParams = { slug: big.slug };
    const searched = (await settle(() =>
      action({ request: routeRequest(`/org/c/${big.slug}/signers`, { cookie: member.cookie, form: { intent: "filter", q: "paged", country: "CA" } }), context, params: bigParams }),
    )) as { value: Response };
    const cookie = `${member.cookie}; ${cookieFrom(searched.value)}`;
    const first = await loader({ request: routeRequest(`/org/c/${big.slug}/signers?country=CA`, { cookie }), context, params: bigParams });
    expect(first.rows).toHaveLength(50);
    expect(first.rows[0]!.name).toBe("Paged Person52");
    expect(first.previousHref).toBeNull();
    expect(first.nextHref).toMatch(/^\?country=CA&after=[A-Za-z0-9_-]+$/);
    expect(first.nextHref!.toLowerCase()).not.toContain("paged");

    const second = await loader({ request: routeRequest(`/org/c/${big.slug}/signers${first.nextHref}`, { cookie }), context, params: bigParams });
    expect(second.rows.map((r) => r.name)).toEqual(["Paged Person2", "Paged Person1", "Paged Person0"]);
    expect(second.nextHref).toBeNull();
    expect(second.previousHref).toMatch(/^\?country=CA&before=/);
    const back = await loader({ request: routeRequest(`/org/c/${big.slug}/signers${second.previousHref}`, { cookie }), context, params: bigParams });
    expect(back.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
  });

  test("a viewer is refused the list and the buttons", async () => {
    const viewer = await createMember(db, "viewer", { id: campaign.groupId!, name: "", createdAt: new Date() });
    const list = await settle(() => load(viewer.cookie));
    expect(list.thrown && list.response.status).toBe(403);
    const act = await post(viewer.cookie, { intent: "remove", signatureId: "1" });
    expect(act.thrown && act.response.status).toBe(403);
  });
});
