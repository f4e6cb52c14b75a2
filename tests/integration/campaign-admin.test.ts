import { asc, eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { auditLog, campaignImages, campaigns, type Campaign, type Group } from "../../db/schema";
import {
  changeCampaignStatus,
  createCampaignDraft,
  listOrganizerCampaigns,
  organizerStatus,
  updateCampaign,
} from "~/lib/campaign-admin.server";
import type { CampaignFormValue } from "~/lib/campaign-schema";
import { findPublicCampaign, isAcceptingSignatures, listOpenCampaigns } from "~/lib/campaigns.server";
import { loader as homeLoader } from "~/routes/org._index";
import { action as newAction, loader as newLoader } from "~/routes/org.campaigns.new";
import { action as editAction, loader as editLoader } from "~/routes/org.c.$slug.edit";
import { loader as previewLoader } from "~/routes/org.c.$slug.preview";
import { loader as imageLoader } from "~/routes/c.$slug.image";
import { readCampaignForm } from "~/lib/campaign-images.server";
import { fileDatabase } from "../support/suite";
import { uniqueSuffix } from "../support/factories";
import { createMember } from "../support/organizer-factories";
import { routeContext, routeRequest, settle } from "../support/route-context";

const HOUR = 60 * 60 * 1000;
const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201e2213bc90000000049454e44ae426082", "hex");

const { db } = await fileDatabase();

/** What the form would give after parsing, with sensible defaults. */
function formValue(overrides: Partial<CampaignFormValue> = {}): CampaignFormValue {
  return {
    groupId: undefined,
    title: `Solidarity with the posties ${uniqueSuffix()}`,
    slug: undefined,
    summary: "Stand with the workers.",
    body: "We **stand** with them.",
    target: "The CEO",
    goal: 1000,
    language: "en",
    closesAt: null,
    requireConfirmation: true,
    imageUrl: undefined,
    imageFile: undefined,
    removeImage: false,
    imageAlt: "",
    ...overrides,
  };
}

async function draft(group: Group, actorId: number, overrides: Partial<CampaignFormValue> = {}): Promise<Campaign> {
  const result = await createCampaignDraft(db, { actorId, groupId: group.id, value: formValue(overrides) });
  if (result.status !== "saved") throw new Error(`could not create draft: ${result.status}`);
  return result.campaign;
}

async function reload(campaign: Campaign): Promise<Campaign> {
  const [row] = await db.select().from(campaigns).where(eq(campaigns.id, campaign.id));
  if (!row) throw new Error("campaign vanished");
  return row;
}

async function auditActions(campaignId: number) {
  return db
    .select({ action: auditLog.action, actorId: auditLog.actorId, details: auditLog.details })
    .from(auditLog)
    .where(eq(auditLog.campaignId, campaignId))
    .orderBy(asc(auditLog.id));
}

async function publish(campaign: Campaign, actorId: number): Promise<Campaign> {
  const result = await changeCampaignStatus(db, { actorId, campaign, intent: "publish" });
  if (result.status !== "changed") throw new Error(`could not publish: ${result.status}`);
  return result.campaign;
}

describe("creating and editing campaigns", () => {
  test("a new campaign is a draft in the group, with a slug made from its title, and is audited", async () => {
    const { organizer, group } = await createMember(db, "organizer");
    const suffix = uniqueSuffix();
    const campaign = await draft(group, organizer.id, { title: `Grève à l'usine ${suffix}` });
    expect(campaign).toMatchObject({ status: "draft", groupId: group.id, slug: `greve-a-l-usine-${suffix}` });
    expect(await auditActions(campaign.id)).toEqual([
      { action: "campaign.create", actorId: organizer.id, details: { slug: campaign.slug } },
    ]);
  });

  test("a suggested slug that is taken gets -2, then -3", async () => {
    const { organizer, group } = await createMember(db, "owner");
    const title = `Same title ${uniqueSuffix()}`;
    const first = await draft(group, organizer.id, { title });
    const second = await draft(group, organizer.id, { title });
    const third = await draft(group, organizer.id, { title });
    expect([second.slug, third.slug]).toEqual([`${first.slug}-2`, `${first.slug}-3`]);
  });

  test("a chosen slug that is taken is refused, leaving nothing behind", async () => {
    const { organizer, group } = await createMember(db, "organizer");
    const existing = await draft(group, organizer.id);
    const result = await createCampaignDraft(db, {
      actorId: organizer.id,
      groupId: group.id,
      value: formValue({ title: "Another", slug: existing.slug }),
    });
    expect(result).toEqual({ status: "slug-taken" });
    const rows = await db.select().from(campaigns).where(eq(campaigns.title, "Another"));
    expect(rows).toEqual([]);
  });

  test("a draft's slug can be edited; once the campaign has been opened it stays the same", async () => {
    const { organizer, group } = await createMember(db, "organizer");
    const campaign = await draft(group, organizer.id);
    const newSlug = `renamed-${uniqueSuffix()}`;
    const renamed = await updateCampaign(db, { actorId: organizer.id, campaign, value: formValue({ title: campaign.title, slug: newSlug }) });
    expect(renamed.status === "saved" && renamed.campaign.slug).toBe(newSlug);

    const open = await publish(await reload(campaign), organizer.id);
    const attempt = await updateCampaign(db, {
      actorId: organizer.id,
      campaign: open,
      value: formValue({ title: "New title", slug: `other-${uniqueSuffix()}` }),
    });
    expect(attempt.status === "saved" && attempt.campaign).toMatchObject({ slug: newSlug, title: "New title" });
  });

  test("renaming a draft to a taken slug is refused and changes nothing", async () => {
    const { organizer, group } = await createMember(db, "organizer");
    const a = await draft(group, organizer.id);
    const b = await draft(group, organizer.id);
    const result = await updateCampaign(db, { actorId: organizer.id, campaign: b, value: formValue({ title: "Changed", slug: a.slug }) });
    expect(result).toEqual({ status: "slug-taken" });
    expect(await reload(b)).toMatchObject({ slug: b.slug, title: b.title });
  });

  test("an update is audited with the names of the fields it changed (not their values)", async () => {
    const { organizer, group } = await createMember(db, "organizer");
    const campaign = await draft(group, organizer.id, { title: "Before", goal: 500 });
    await updateCampaign(db, {
      actorId: organizer.id,
      campaign,
      value: formValue({ title: "Before", slug: campaign.slug, goal: 800, summary: "New summary" }),
    });
    const entries = await auditActions(campaign.id);
    expect(entries.at(-1)).toEqual({
      action: "campaign.update",
      actorId: organizer.id,
      details: { fields: ["goal", "summary"] },
    });
  });

  test("an uploaded image is stored in the database, and an image address replaces it", async () => {
    const { organizer, group } = await createMember(db, "organizer");
    const campaign = await draft(group, organizer.id);
    const withUpload = await updateCampaign(db, {
      actorId: organizer.id,
      campaign,
      value: formValue({ title: campaign.title, slug: campaign.slug, imageAlt: "Pickets at dawn" }),
      image: { contentType: "image/png", bytes: PNG },
    });
    expect(withUpload.status === "saved" && withUpload.campaign).toMatchObject({ imageUrl: "upload", imageAlt: "Pickets at dawn" });
    expect(await db.select().from(campaignImages).where(eq(campaignImages.campaignId, campaign.id))).toHaveLength(1);

    await updateCampaign(db, {
      actorId: organizer.id,
      campaign: await reload(campaign),
      value: formValue({ title: campaign.title, slug: campaign.slug, imageUrl: "https://img.example/a.png", imageAlt: "A picket" }),
    });
    expect(await reload(campaign)).toMatchObject({ imageUrl: "https://img.example/a.png", imageAlt: "A picket" });
    expect(await db.select().from(campaignImages).where(eq(campaignImages.campaignId, campaign.id))).toEqual([]);
  });

  test("the organizer home lists my groups' campaigns with their counts, not other groups'", async () => {
    const { organizer, group } = await createMember(db, "viewer");
    const other = await createMember(db, "owner");
    const mine = await draft(group, other.organizer.id);
    const theirs = await draft(other.group, other.organizer.id);
    const groups = await listOrganizerCampaigns(db, organizer.id);
    expect(groups.map((g) => g.id)).toEqual([group.id]);
    const slugs = groups.flatMap((g) => g.campaigns.map((c) => c.slug));
    expect(slugs).toContain(mine.slug);
    expect(slugs).not.toContain(theirs.slug);
    expect(groups[0]?.campaigns[0]).toMatchObject({ confirmedCount: 0, displayStatus: "draft" });
  });
});

describe("status transitions", () => {
  test("draft → open → closed → open, each audited", async () => {
    const { organizer, group } = await createMember(db, "organizer");
    const campaign = await draft(group, organizer.id);
    const open = await publish(campaign, organizer.id);
    expect(open.status).toBe("open");
    const closed = await changeCampaignStatus(db, { actorId: organizer.id, campaign: open, intent: "close" });
    expect(closed.status === "changed" && closed.campaign.status).toBe("closed");
    const reopened = await changeCampaignStatus(db, { actorId: organizer.id, campaign: await reload(campaign), intent: "reopen" });
    expect(reopened.status === "changed" && reopened.campaign.status).toBe("open");
    expect((await auditActions(campaign.id)).map((e) => e.action)).toEqual([
      "campaign.create",
      "campaign.publish",
      "campaign.close",
      "campaign.reopen",
    ]);
  });

  test("transitions that are not in the model are refused", async () => {
    const { organizer, group } = await createMember(db, "organizer");
    const campaign = await draft(group, organizer.id);
    expect(await changeCampaignStatus(db, { actorId: organizer.id, campaign, intent: "close" })).toEqual({ status: "refused" });
    expect(await changeCampaignStatus(db, { actorId: organizer.id, campaign, intent: "reopen" })).toEqual({ status: "refused" });
    const open = await publish(campaign, organizer.id);
    expect(await changeCampaignStatus(db, { actorId: organizer.id, campaign: open, intent: "publish" })).toEqual({ status: "refused" });
    expect(await changeCampaignStatus(db, { actorId: organizer.id, campaign: open, intent: "reopen" })).toEqual({ status: "refused" });
    expect((await reload(campaign)).status).toBe("open");
  });

  test("a stale page cannot apply a transition twice", async () => {
    const { organizer, group } = await createMember(db, "organizer");
    const campaign = await draft(group, organizer.id);
    const results = await Promise.all([
      changeCampaignStatus(db, { actorId: organizer.id, campaign, intent: "publish" }),
      changeCampaignStatus(db, { actorId: organizer.id, campaign, intent: "publish" }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["changed", "refused"]);
    expect((await auditActions(campaign.id)).filter((e) => e.action === "campaign.publish")).toHaveLength(1);
  });

  test("publishing needs the required fields", async () => {
    const { organizer, group } = await createMember(db, "organizer");
    const campaign = await draft(group, organizer.id, { summary: "", body: "" });
    expect(await changeCampaignStatus(db, { actorId: organizer.id, campaign, intent: "publish" })).toEqual({
      status: "incomplete",
      missing: ["summary", "body"],
    });
    expect((await reload(campaign)).status).toBe("draft");
  });

  test("publishing with a closing date in the past is refused", async () => {
    const { organizer, group } = await createMember(db, "organizer");
    const campaign = await draft(group, organizer.id, { closesAt: new Date(Date.now() - HOUR) });
    expect(await changeCampaignStatus(db, { actorId: organizer.id, campaign, intent: "publish" })).toEqual({ status: "closing-date-passed" });
  });

  test("a closing date in the past closes the campaign by itself, for organizers as for the public", async () => {
    const { organizer, group } = await createMember(db, "organizer");
    const campaign = await publish(await draft(group, organizer.id, { closesAt: new Date(Date.now() + HOUR) }), organizer.id);
    const later = new Date(Date.now() + 2 * HOUR);
    expect(organizerStatus(campaign)).toBe("open");
    expect(organizerStatus(campaign, later)).toBe("closed");
    expect(isAcceptingSignatures(campaign, later)).toBe(false);
    expect((await listOpenCampaigns(db, later)).map((c) => c.slug)).not.toContain(campaign.slug);
    const [listed] = (await listOrganizerCampaigns(db, organizer.id, later))[0]!.campaigns;
    expect(listed).toMatchObject({ slug: campaign.slug, displayStatus: "closed" });
  });

  test("reopening after the closing date has passed needs a new future date, or clearing it", async () => {
    const { organizer, group } = await createMember(db, "organizer");
    const campaign = await publish(await draft(group, organizer.id, { closesAt: new Date(Date.now() + HOUR) }), organizer.id);
    const later = new Date(Date.now() + 2 * HOUR);
    const base = { actorId: organizer.id, campaign, intent: "reopen" as const, now: later };
    expect(await changeCampaignStatus(db, base)).toEqual({ status: "closing-date-passed" });
    expect(await changeCampaignStatus(db, { ...base, closesAt: new Date(later.getTime() - 1) })).toEqual({ status: "closing-date-passed" });
    const newDate = new Date(later.getTime() + 24 * HOUR);
    const reopened = await changeCampaignStatus(db, { ...base, closesAt: newDate });
    expect(reopened.status === "changed" && reopened.campaign).toMatchObject({ status: "open", closesAt: newDate });
    expect((await auditActions(campaign.id)).at(-1)).toMatchObject({
      action: "campaign.reopen",
      details: { from: "closed", to: "open", closesAt: newDate.toISOString() },
    });
  });

  test("a closed campaign whose date has passed can be reopened with no closing date", async () => {
    const { organizer, group } = await createMember(db, "organizer");
    const open = await publish(await draft(group, organizer.id, { closesAt: new Date(Date.now() + HOUR) }), organizer.id);
    const closed = await changeCampaignStatus(db, { actorId: organizer.id, campaign: open, intent: "close" });
    if (closed.status !== "changed") throw new Error("not closed");
    const later = new Date(Date.now() + 2 * HOUR);
    const reopened = await changeCampaignStatus(db, { actorId: organizer.id, campaign: closed.campaign, intent: "reopen", closesAt: null, now: later });
    expect(reopened.status === "changed" && reopened.campaign).toMatchObject({ status: "open", closesAt: null });
  });

  test("drafts are invisible to the public; published campaigns are not", async () => {
    const { organizer, group } = await createMember(db, "organizer");
    const campaign = await draft(group, organizer.id);
    expect(await findPublicCampaign(db, campaign.slug)).toBeNull();
    expect((await listOpenCampaigns(db)).map((c) => c.slug)).not.toContain(campaign.slug);
    await publish(campaign, organizer.id);
    expect(await findPublicCampaign(db, campaign.slug)).toMatchObject({ slug: campaign.slug, status: "open" });
  });
});

describe("organizer routes check who may do what", () => {
  const context = () => routeContext(db);

  async function setup() {
    const owner = await createMember(db, "owner");
    const viewer = await createMember(db, "viewer", owner.group);
    const organizer = await createMember(db, "organizer", owner.group);
    const outsider = await createMember(db, "owner");
    const campaign = await draft(owner.group, owner.organizer.id);
    return { owner, viewer, organizer, outsider, campaign };
  }

  test("signed-out visitors are sent to the sign-in page", async () => {
    const { campaign } = await setup();
    const outcome = await settle(() => editLoader({ request: routeRequest(`/org/c/${campaign.slug}/edit`), context: context(), params: { slug: campaign.slug } }));
    expect(outcome.thrown && outcome.response.status).toBe(302);
    expect(outcome.thrown && outcome.response.headers.get("location")).toBe(`/org/sign-in?next=${encodeURIComponent(`/org/c/${campaign.slug}/edit`)}`);
  });

  test("a member of another group gets 404 for the edit page, its actions and the preview", async () => {
    const { outsider, campaign } = await setup();
    const params = { slug: campaign.slug };
    const edit = await settle(() => editLoader({ request: routeRequest(`/org/c/${campaign.slug}/edit`, { cookie: outsider.cookie }), context: context(), params }));
    expect(edit.thrown && edit.response.status).toBe(404);
    const publishing = await settle(() =>
      editAction({ request: routeRequest(`/org/c/${campaign.slug}/edit`, { cookie: outsider.cookie, form: { intent: "publish" } }), context: context(), params }),
    );
    expect(publishing.thrown && publishing.response.status).toBe(404);
    const preview = await settle(() => previewLoader({ request: routeRequest(`/org/c/${campaign.slug}/preview`, { cookie: outsider.cookie }), context: context(), params }));
    expect(preview.thrown && preview.response.status).toBe(404);
    expect((await reload(campaign)).status).toBe("draft");
  });

  test("a viewer may list and preview, but gets 403 on the edit page and on every edit action", async () => {
    const { viewer, campaign } = await setup();
    const params = { slug: campaign.slug };
    const home = await homeLoader({ request: routeRequest("/org", { cookie: viewer.cookie }), context: context(), params: {} });
    expect(home.canCreate).toBe(false);
    expect(home.groups[0]?.campaigns.map((c) => c.slug)).toContain(campaign.slug);
    const preview = await previewLoader({ request: routeRequest(`/org/c/${campaign.slug}/preview`, { cookie: viewer.cookie }), context: context(), params });
    expect(preview.campaign).toMatchObject({ slug: campaign.slug, status: "draft" });
    expect(preview.canEdit).toBe(false);

    const edit = await settle(() => editLoader({ request: routeRequest(`/org/c/${campaign.slug}/edit`, { cookie: viewer.cookie }), context: context(), params }));
    expect(edit.thrown && edit.response.status).toBe(403);
    const forms: Record<string, string>[] = [{ intent: "publish" }, { intent: "save", title: "Hijacked", goal: "5", language: "en" }];
    for (const form of forms) {
      const outcome = await settle(() =>
        editAction({ request: routeRequest(`/org/c/${campaign.slug}/edit`, { cookie: viewer.cookie, form }), context: context(), params }),
      );
      expect(outcome.thrown && outcome.response.status, form.intent).toBe(403);
    }
    const creating = await settle(() =>
      newAction({ request: routeRequest("/org/campaigns/new", { cookie: viewer.cookie, form: { groupId: String(viewer.group.id), title: "X" } }), context: context(), params: {} }),
    );
    expect(creating.thrown && creating.response.status).toBe(403);
    expect(await reload(campaign)).toMatchObject({ status: "draft", title: campaign.title });
  });

  test("an organizer creates a campaign through the route, then publishes it", async () => {
    const { organizer } = await setup();
    const page = await newLoader({ request: routeRequest("/org/campaigns/new", { cookie: organizer.cookie }), context: context(), params: {} });
    expect(page.groups.map((g) => g.id)).toEqual([organizer.group.id]);
    const title = `Route made ${uniqueSuffix()}`;
    const created = await newAction({
      request: routeRequest("/org/campaigns/new", {
        cookie: organizer.cookie,
        form: { groupId: String(organizer.group.id), title, summary: "S", body: "B", target: "T", goal: "50", language: "es" },
      }),
      context: context(),
      params: {},
    });
    expect(created).toBeInstanceOf(Response);
    const location = (created as Response).headers.get("location") ?? "";
    const slug = /^\/org\/c\/([a-z0-9-]+)\/edit\?done=created$/.exec(location)?.[1];
    expect(slug).toBeTruthy();
    const published = await editAction({
      request: routeRequest(`/org/c/${slug}/edit`, { cookie: organizer.cookie, form: { intent: "publish" } }),
      context: context(),
      params: { slug: slug! },
    });
    expect((published as Response).headers.get("location")).toBe(`/org/c/${slug}/edit?done=published`);
    expect(await findPublicCampaign(db, slug!)).toMatchObject({ title, language: "es", goal: 50, status: "open" });
  });

  test("creating in a group the organizer is not in gets 404", async () => {
    const { organizer, outsider } = await setup();
    const outcome = await settle(() =>
      newAction({
        request: routeRequest("/org/campaigns/new", { cookie: organizer.cookie, form: { groupId: String(outsider.group.id), title: "X", goal: "5", language: "en" } }),
        context: context(),
        params: {},
      }),
    );
    expect(outcome.thrown && outcome.response.status).toBe(404);
  });

  test("a taken address comes back as an error next to the slug field", async () => {
    const { organizer, campaign } = await setup();
    const outcome = await newAction({
      request: routeRequest("/org/campaigns/new", {
        cookie: organizer.cookie,
        form: { groupId: String(organizer.group.id), title: "X", slug: campaign.slug, goal: "5", language: "en" },
      }),
      context: context(),
      params: {},
    });
    expect(outcome).not.toBeInstanceOf(Response);
    const { data, init } = outcome as unknown as { data: { result: { error: Record<string, string[]> } }; init: { status: number } };
    expect(init.status).toBe(409);
    expect(data.result.error.slug).toEqual(["campaignForm.errors.slugTaken"]);
  });

  test("an upload whose bytes are not an image is refused, whatever its declared type", async () => {
    const { organizer, campaign } = await setup();
    const form = new FormData();
    for (const [k, v] of Object.entries({ intent: "save", title: campaign.title, slug: campaign.slug, goal: "10", language: "en", imageAlt: "x" })) {
      form.append(k, v);
    }
    form.append("imageFile", new File(["<script>alert(1)</script>"], "evil.png", { type: "image/png" }));
    const outcome = await editAction({
      request: routeRequest(`/org/c/${campaign.slug}/edit`, { cookie: organizer.cookie, form }),
      context: context(),
      params: { slug: campaign.slug },
    });
    const { data } = outcome as unknown as { data: { result: { error: Record<string, string[]> } } };
    expect(data.result.error.imageFile).toEqual(["campaignForm.errors.imageType"]);
    expect((await reload(campaign)).imageUrl).toBeNull();
  });

  test("an uploaded PNG is served by the image route: to members while a draft, to everyone once published", async () => {
    const { organizer, outsider, campaign } = await setup();
    const form = new FormData();
    const fields = { intent: "save", title: campaign.title, slug: campaign.slug, summary: "S", body: "B", target: "T", goal: "10", language: "en", imageAlt: "A banner" };
    for (const [k, v] of Object.entries(fields)) {
      form.append(k, v);
    }
    // Declared as JPEG, but the bytes say PNG: the bytes win.
    form.append("imageFile", new File([PNG], "banner.jpg", { type: "image/jpeg" }));
    const saved = await editAction({ request: routeRequest(`/org/c/${campaign.slug}/edit`, { cookie: organizer.cookie, form }), context: context(), params: { slug: campaign.slug } });
    expect((saved as Response).status).toBe(302);
    const params = { slug: campaign.slug };

    const hidden = await settle(() => imageLoader({ request: routeRequest(`/c/${campaign.slug}/image`, { cookie: outsider.cookie }), context: context(), params }));
    expect(hidden.thrown && hidden.response.status).toBe(404);
    const forMember = await imageLoader({ request: routeRequest(`/c/${campaign.slug}/image`, { cookie: organizer.cookie }), context: context(), params });
    expect(forMember.headers.get("cache-control")).toBe("private, no-store");

    await publish(await reload(campaign), organizer.organizer.id);
    const response = await imageLoader({ request: routeRequest(`/c/${campaign.slug}/image`), context: context(), params });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(response.headers.get("content-security-policy")).toContain("sandbox");
    expect(response.headers.get("cache-control")).toMatch(/^public/);
    expect(Buffer.from(await response.arrayBuffer()).equals(PNG)).toBe(true);
  });

  test("the edit form's schema refuses a past closing date on an open campaign (through the route)", async () => {
    const { organizer, campaign } = await setup();
    await publish(campaign, organizer.organizer.id);
    const outcome = await editAction({
      request: routeRequest(`/org/c/${campaign.slug}/edit`, {
        cookie: organizer.cookie,
        form: { intent: "save", title: campaign.title, summary: "S", body: "B", target: "T", goal: "10", language: "en", closesAt: "2020-01-01" },
      }),
      context: context(),
      params: { slug: campaign.slug },
    });
    const { data } = outcome as unknown as { data: { result: { error: Record<string, string[]> } } };
    expect(data.result.error.closesAt).toEqual(["campaignForm.errors.closesAtPast"]);
  });
});

describe("reading the campaign form", () => {
  test("an image over 2 MB is dropped and reported; the other fields are kept", async () => {
    const form = new FormData();
    form.append("title", "Kept");
    form.append("imageFile", new File([new Uint8Array(2 * 1024 * 1024 + 1)], "big.png", { type: "image/png" }));
    const { formData, imageTooBig } = await readCampaignForm(routeRequest("/org/campaigns/new", { form }));
    expect(imageTooBig).toBe(true);
    expect(formData.get("title")).toBe("Kept");
    expect(formData.get("imageFile")).toBeNull();
  });

  test("an image of exactly 2 MB is read whole", async () => {
    const form = new FormData();
    form.append("imageFile", new File([new Uint8Array(2 * 1024 * 1024)], "max.png", { type: "image/png" }));
    const { formData, imageTooBig } = await readCampaignForm(routeRequest("/org/campaigns/new", { form }));
    expect(imageTooBig).toBe(false);
    expect((formData.get("imageFile") as File).size).toBe(2 * 1024 * 1024);
  });
});
