import type { AppLoadContext } from "@remix-run/node";
import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { updates, type Campaign } from "../../db/schema";
import { EMAIL_QUEUE, UPDATE_QUEUE } from "~/lib/jobs.server";
import * as listRoute from "~/routes/org.c.$slug.updates._index";
import * as updateRoute from "~/routes/org.c.$slug.updates.$updateId";
import * as previewRoute from "~/routes/org.c.$slug.updates.$updateId.preview";
import { createTestCampaign } from "../support/factories";
import { createMember } from "../support/organizer-factories";
import { createTestOption } from "../support/pledge-admin-factories";
import { routeContext, routeRequest, settle } from "../support/route-context";
import { fileDatabaseWithQueue } from "../support/suite";
import { createSigners } from "../support/update-factories";

/** The update pages as a browser without JavaScript uses them: form posts, statuses, redirects. */
const { db, boss, enqueue } = await fileDatabaseWithQueue();
const context: AppLoadContext = routeContext(db, { enqueueEmail: enqueue, boss });
let cookie: string;
let campaign: Campaign;

beforeAll(async () => {
  const owner = await createMember(db, "organizer");
  cookie = owner.cookie;
  campaign = await createTestCampaign(db, { groupId: owner.group.id });
  await createSigners(db, campaign, 150);
});

type Outcome = { status: number; location: string | null; data: unknown };

/** Calls a loader or action and reports it as HTTP would: status, redirect, data. */
async function call(run: () => Promise<unknown>): Promise<Outcome> {
  const settled = await settle(run);
  if (settled.thrown) return { status: settled.response.status, location: settled.response.headers.get("location"), data: null };
  const value = settled.value as { type?: string; data?: unknown; init?: { status?: number } } | Response;
  if (value instanceof Response) return { status: value.status, location: value.headers.get("location"), data: null };
  if (value?.type === "DataWithResponseInit") return { status: value.init?.status ?? 200, location: null, data: value.data };
  return { status: 200, location: null, data: value };
}

const list = (form: Record<string, string>) =>
  call(() => listRoute.action({ request: routeRequest(`/org/c/${campaign.slug}/updates`, { cookie, form }), context, params: { slug: campaign.slug } }));
const post = (updateId: number, form: Record<string, string>) =>
  call(() =>
    updateRoute.action({ request: routeRequest(`/org/c/${campaign.slug}/updates/${updateId}`, { cookie, form }), context, params: { slug: campaign.slug, updateId: String(updateId) } }),
  );
const openPreview = async (updateId: number | string) =>
  (await previewRoute.loader({ request: routeRequest(`/org/c/${campaign.slug}/updates/${updateId}/preview`, { cookie }), context, params: { slug: campaign.slug, updateId: String(updateId) } })) as Response;
const open = (updateId: number | string) =>
  call(() => updateRoute.loader({ request: routeRequest(`/org/c/${campaign.slug}/updates/${updateId}`, { cookie }), context, params: { slug: campaign.slug, updateId: String(updateId) } }));
const errorsOf = (outcome: Outcome) => (outcome.data as { result: { error: Record<string, string[]> } }).result.error;
const updateCount = async () => (await db.select({ n: count() }).from(updates).where(eq(updates.campaignId, campaign.id)))[0]!.n;

async function newDraft(): Promise<number> {
  const created = await list({ intent: "create", subject: "Rally Saturday", body: "At the **sorting plant**." });
  expect(created.status).toBe(302);
  return Number(/\/updates\/(\d+)$/.exec(created.location!)![1]);
}

describe("update pages", () => {
  test("a bad draft is refused next to its fields, and nothing is written", async () => {
    const before = await updateCount();
    const empty = await list({ intent: "create", subject: " ", body: "" });
    expect(empty.status).toBe(400);
    expect(errorsOf(empty)).toMatchObject({ subject: ["errors.required"], body: ["errors.required"] });
    const badFilters = await list({ intent: "create", subject: "S", body: "B", country: "XX", optionId: "1e3" });
    expect(badFilters.status).toBe(400);
    expect(errorsOf(badFilters)).toMatchObject({ country: ["updates.errors.country"], optionId: ["updates.errors.option"] });
    const otherOption = await createTestOption(db, await createTestCampaign(db), { kind: "action" });
    const foreign = await list({ intent: "create", subject: "S", body: "B", optionId: String(otherOption.id) });
    expect(foreign.status).toBe(400);
    expect(errorsOf(foreign)).toMatchObject({ optionId: ["updates.errors.option"] });
    expect(await updateCount()).toBe(before);
  });

  test("a draft shows its preview and audience; an id that is not one of the campaign's is a 404", async () => {
    const id = await newDraft();
    const page = await open(id);
    expect(page.status).toBe(200);
    const data = page.data as { audience: number; preview: { text: string; version: string }; progress: unknown };
    expect(data.audience).toBe(150);
    expect(data.preview.text).toContain("sorting plant");
    expect(data.progress).toBeNull();
    // The HTML comes from its own address, for the page's frame, with a policy that lets an email's inline styles show.
    const preview = await openPreview(id);
    expect(await preview.text()).toContain("<strong>sorting plant</strong>");
    expect(preview.headers.get("content-security-policy")).toContain("frame-ancestors 'self'");
    for (const bad of ["0", "1e3", "99999999", "abc"]) {
      expect((await open(bad)).status, bad).toBe(404);
      const missing = await settle(() => openPreview(bad));
      expect(missing.thrown && missing.response.status, bad).toBe(404);
    }
  });

  test("a test goes to the organizer as an email job; sending asks to confirm, then queues one job per chunk", async () => {
    const id = await newDraft();
    expect(await post(id, { intent: "test" })).toMatchObject({ status: 200, data: { notice: "updates.testSent" } });
    const tests = await boss.findJobs(EMAIL_QUEUE, { data: { kind: "update-test", updateId: id } });
    expect(tests).toHaveLength(1);

    const unconfirmed = await post(id, { intent: "send" });
    expect(unconfirmed.status).toBe(400);
    expect(errorsOf(unconfirmed)).toMatchObject({ confirm: ["updates.errors.confirm"] });
    expect((await db.select().from(updates).where(eq(updates.id, id)))[0]?.status).toBe("draft");

    const sent = await post(id, { intent: "send", confirm: "yes" });
    expect(sent).toMatchObject({ status: 302, location: `/org/c/${campaign.slug}/updates/${id}` });
    expect(await boss.findJobs(UPDATE_QUEUE, { data: { updateId: id } })).toHaveLength(2);
    expect((await post(id, { intent: "send", confirm: "yes" })).status).toBe(409);
    expect((await post(id, { intent: "save", subject: "Changed", body: "Changed" })).status).toBe(409);

    const progress = await open(id);
    expect(progress.data).toMatchObject({ preview: null, progress: { total: 150, queued: 150, sent: 0 } });

    expect(await post(id, { intent: "cancel" })).toMatchObject({ status: 302 });
    expect((await open(id)).data).toMatchObject({ update: { status: "cancelled" }, progress: { skipped: 150 } });
    expect((await post(id, { intent: "cancel" })).status).toBe(409);
  });

  test("an unknown intent is a 400", async () => {
    const id = await newDraft();
    expect((await post(id, { intent: "explode" })).status).toBe(400);
  });
});
