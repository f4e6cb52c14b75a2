import type { AppLoadContext } from "@remix-run/node";
import { and, count, eq, like } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { auditLog, pledgeOptions, pledges, pledgeTotals, type Campaign, type PledgeOption } from "../../db/schema";
import * as optionsRoute from "~/routes/org.c.$slug.pledges._index";
import * as editRoute from "~/routes/org.c.$slug.pledges.$optionId.edit";
import * as listRoute from "~/routes/org.c.$slug.pledges.$optionId._index";
import { listOptionPledges, markPledgeFulfilled, updatePledgeOption } from "~/lib/pledge-admin.server";
import { OPTIONS_PER_CAMPAIGN_MAX, pledgeOptionSchema } from "~/lib/pledge-option-schema";
import { listPledgeOptions, optionTotals, recountPledgeTotals, replacePledges } from "~/lib/pledges.server";
import { decodeCursor } from "~/lib/keyset.server";
import { fileDatabase } from "../support/suite";
import { createTestCampaign } from "../support/factories";
import { createMember } from "../support/organizer-factories";
import { addPledger, createTestOption } from "../support/pledge-admin-factories";
import { routeContext, routeRequest, settle } from "../support/route-context";

/** Pledges as organizers manage them, through the routes a browser posts to, on a real database. */

const { db } = await fileDatabase();
const context: AppLoadContext = routeContext(db);
let cookie: string;
let organizerId: number;
let groupId: number;

beforeAll(async () => {
  const member = await createMember(db, "organizer");
  cookie = member.cookie;
  organizerId = member.organizer.id;
  groupId = member.group.id;
});

const newCampaign = () => createTestCampaign(db, { groupId });
const actor = (campaign: Campaign) => ({ actorId: organizerId, campaign });

type Outcome = { status: number; location: string | null; data: Record<string, unknown> };

/** Posts a form to a route action and says what a browser would get. */
async function post(
  handler: (args: { request: Request; context: AppLoadContext; params: Record<string, string> }) => Promise<unknown>,
  path: string,
  params: Record<string, string>,
  form: Record<string, string>,
): Promise<Outcome> {
  const outcome = await settle(() => handler({ request: routeRequest(path, { cookie, form }), context, params }));
  if (outcome.thrown) return { status: outcome.response.status, location: outcome.response.headers.get("location"), data: {} };
  const value = outcome.value;
  if (value instanceof Response) return { status: value.status, location: value.headers.get("location"), data: {} };
  const { data, init } = value as { data: Record<string, unknown>; init?: { status?: number } | null };
  return { status: init?.status ?? 200, location: null, data };
}

const postOptions = (campaign: Campaign, form: Record<string, string>) =>
  post(optionsRoute.action as never, `/org/c/${campaign.slug}/pledges`, { slug: campaign.slug }, form);
const postEdit = (campaign: Campaign, optionId: number | string, form: Record<string, string>) =>
  post(editRoute.action as never, `/org/c/${campaign.slug}/pledges/${optionId}/edit`, { slug: campaign.slug, optionId: String(optionId) }, { intent: "save", ...form });
const postList = (campaign: Campaign, optionId: number | string, form: Record<string, string>) =>
  post(listRoute.action as never, `/org/c/${campaign.slug}/pledges/${optionId}`, { slug: campaign.slug, optionId: String(optionId) }, form);

async function loadList(campaign: Campaign, optionId: number, query = "") {
  return listRoute.loader({
    request: routeRequest(`/org/c/${campaign.slug}/pledges/${optionId}${query}`, { cookie }),
    context,
    params: { slug: campaign.slug, optionId: String(optionId) },
  });
}

const optionsOf = (campaign: Campaign) => listPledgeOptions(db, campaign.id, { includeRetired: true });
const auditOf = async (campaign: Campaign) =>
  db.select().from(auditLog).where(and(eq(auditLog.campaignId, campaign.id), like(auditLog.action, "pledge%"))).orderBy(auditLog.id);
const fieldErrors = (o: Outcome) => (o.data.result as { error?: Record<string, string[]> } | null)?.error ?? {};

describe("pledge options", () => {
  test("adding a money option stores amounts in minor units, in order, and audits it without the text", async () => {
    const campaign = await newCampaign();
    const added = await postOptions(campaign, {
      intent: "create",
      kind: "money",
      title: "Give to the strike fund",
      description: "Every dollar keeps a family on the line.",
      currency: "EUR",
      suggested: "50, 10; 25.5, 10",
      goal: "5 000,50",
    });
    expect(added).toMatchObject({ status: 302, location: `/org/c/${campaign.slug}/pledges?done=created` });
    await postOptions(campaign, { intent: "create", kind: "action", title: "Join a picket line", currency: "EUR", suggested: "10", goal: "250" });
    const [money, action] = await optionsOf(campaign);
    expect(money).toMatchObject({ kind: "money", currency: "EUR", suggestedAmounts: [1000, 2550, 5000], goal: 500_050, position: 0, retiredAt: null });
    // An action takes no currency or amounts, whatever the form sent.
    expect(action).toMatchObject({ kind: "action", currency: null, suggestedAmounts: null, goal: 250, position: 1 });
    const entries = await auditOf(campaign);
    expect(entries.map((e) => [e.action, e.details, e.actorId])).toEqual([
      ["pledge-option.create", { optionId: money!.id, kind: "money" }, organizerId],
      ["pledge-option.create", { optionId: action!.id, kind: "action" }, organizerId],
    ]);
    expect(JSON.stringify(entries)).not.toContain("strike fund");
  });

  test("a bad option form is a 400 with the error next to its field, and nothing is written", async () => {
    const campaign = await newCampaign();
    const valid = { intent: "create", kind: "money", title: "Strike fund", currency: "CAD" };
    const cases: [Record<string, string>, string, string][] = [
      [{ title: "" }, "title", "errors.required"],
      [{ title: "x".repeat(121) }, "title", "errors.tooLong:120"],
      [{ title: "Fund \u202Egnp.exe" }, "title", "errors.invalidChars"],
      [{ title: "Line\nbreak" }, "title", "errors.invalidChars"],
      [{ description: "x".repeat(501) }, "description", "errors.tooLong:500"],
      [{ description: "nul \u0000 here" }, "description", "errors.invalidChars"],
      [{ kind: "gift" }, "kind", "pledgesAdmin.errors.kind"],
      [{ currency: "XXX" }, "currency", "pledgesAdmin.errors.currency"],
      [{ currency: "" }, "currency", "pledgesAdmin.errors.currency"],
      [{ suggested: "10, lots" }, "suggested", "pledgesAdmin.errors.suggested"],
      [{ suggested: "10.555" }, "suggested", "pledgesAdmin.errors.suggested"],
      [{ suggested: "-5" }, "suggested", "pledgesAdmin.errors.suggested"],
      [{ suggested: "0" }, "suggested", "pledgesAdmin.errors.suggested"],
      [{ suggested: "1000001" }, "suggested", "pledgesAdmin.errors.suggested"],
      [{ suggested: "1, 2, 3, 4, 5, 6, 7" }, "suggested", "pledgesAdmin.errors.suggestedCount:6"],
      [{ goal: "0" }, "goal", "pledgesAdmin.errors.moneyGoal"],
      [{ goal: "100000000.01" }, "goal", "pledgesAdmin.errors.moneyGoal"],
      [{ goal: "1e9" }, "goal", "pledgesAdmin.errors.moneyGoal"],
      [{ kind: "action", goal: "1.5" }, "goal", "pledgesAdmin.errors.actionGoal:10000000"],
      [{ kind: "action", goal: "10000001" }, "goal", "pledgesAdmin.errors.actionGoal:10000000"],
      [{ kind: "action", goal: "-3" }, "goal", "pledgesAdmin.errors.actionGoal:10000000"],
      [{ kind: "action", goal: "1e3" }, "goal", "pledgesAdmin.errors.actionGoal:10000000"],
    ];
    for (const [change, field, message] of cases) {
      const outcome = await postOptions(campaign, { ...valid, ...change });
      expect(outcome.status, JSON.stringify(change)).toBe(400);
      expect(fieldErrors(outcome)[field], JSON.stringify(change)).toEqual([message]);
    }
    expect(await optionsOf(campaign)).toEqual([]);
    expect(await auditOf(campaign)).toEqual([]);
    // No intent, an unknown intent, a hostile id: 400, never a 500.
    const hostile: Record<string, string>[] = [{}, { intent: "drop" }, { intent: "retire", optionId: "1e3" }, { intent: "retire", optionId: "99999999999999999" }];
    for (const form of hostile) {
      expect((await postOptions(campaign, form)).status, JSON.stringify(form)).toBe(400);
    }
  });

  test("a campaign takes at most 20 options", async () => {
    const campaign = await newCampaign();
    for (let i = 0; i < OPTIONS_PER_CAMPAIGN_MAX; i++) await createTestOption(db, campaign, { kind: "action" });
    const outcome = await postOptions(campaign, { intent: "create", kind: "action", title: "One too many" });
    expect(outcome.status).toBe(400);
    expect((outcome.data.result as { error: Record<string, string[]> }).error[""]).toEqual([`pledgesAdmin.errors.tooMany:${OPTIONS_PER_CAMPAIGN_MAX}`]);
    expect(await optionsOf(campaign)).toHaveLength(OPTIONS_PER_CAMPAIGN_MAX);
  });

  test("editing saves and audits the changed fields; kind and currency are fixed once someone pledged", async () => {
    const campaign = await newCampaign();
    const option = await createTestOption(db, campaign, { title: "Strike fund", currency: "CAD", suggestedAmounts: [1000] });
    const saved = await postEdit(campaign, option.id, { kind: "money", title: "Hardship fund", currency: "USD", suggested: "5, 15", goal: "1000" });
    expect(saved).toMatchObject({ status: 302, location: `/org/c/${campaign.slug}/pledges?done=saved` });
    expect((await optionsOf(campaign))[0]).toMatchObject({ title: "Hardship fund", currency: "USD", suggestedAmounts: [500, 1500], goal: 100_000 });
    expect((await auditOf(campaign)).map((e) => [e.action, e.details])).toEqual([
      ["pledge-option.update", { optionId: option.id, fields: ["currency", "goal", "suggestedAmounts", "title"] }],
    ]);

    // Nothing changed: nothing audited.
    await postEdit(campaign, option.id, { kind: "money", title: "Hardship fund", currency: "USD", suggested: "5, 15", goal: "1000" });
    expect(await auditOf(campaign)).toHaveLength(1);

    await addPledger(db, campaign, [{ optionId: option.id, amountMinor: 1500 }], { confirmed: false });
    const page = await editRoute.loader({ request: routeRequest(`/org/c/${campaign.slug}/pledges/${option.id}/edit`, { cookie }), context, params: { slug: campaign.slug, optionId: String(option.id) } });
    expect(page.locked).toEqual({ kind: "money", currency: "USD" });
    const kindChange = await postEdit(campaign, option.id, { kind: "action", title: "Hardship fund" });
    expect(kindChange.status).toBe(400);
    expect(fieldErrors(kindChange).kind).toEqual(["pledgesAdmin.errors.kindLocked"]);
    const currencyChange = await postEdit(campaign, option.id, { kind: "money", currency: "EUR", title: "Hardship fund" });
    expect(currencyChange.status).toBe(400);
    expect(fieldErrors(currencyChange).currency).toEqual(["pledgesAdmin.errors.currencyLocked"]);
    expect((await optionsOf(campaign))[0]).toMatchObject({ kind: "money", currency: "USD", title: "Hardship fund" });

    // What the locked form sends (no kind, no currency) saves the rest.
    expect((await postEdit(campaign, option.id, { title: "Hardship fund 2026", suggested: "5, 15" })).status).toBe(302);
    expect((await optionsOf(campaign))[0]).toMatchObject({ kind: "money", currency: "USD", title: "Hardship fund 2026", goal: null });

    // A pledge that arrives after the page was loaded still locks them, checked in the saving transaction.
    const fresh = await createTestOption(db, campaign, { currency: "CAD" });
    await addPledger(db, campaign, [{ optionId: fresh.id, amountMinor: 100 }]);
    const value = pledgeOptionSchema().parse({ kind: "money", title: "Changed", currency: "EUR" });
    expect(await updatePledgeOption(db, actor(campaign), fresh.id, value)).toEqual({ status: "locked", field: "currency" });
    expect((await optionsOf(campaign)).find((o) => o.id === fresh.id)).toMatchObject({ currency: "CAD", title: fresh.title });
  });

  test("editing someone else's option, or a made-up id, is a 404", async () => {
    const campaign = await newCampaign();
    const elsewhere = await createTestOption(db, await createTestCampaign(db), { title: "Not yours" });
    for (const id of [String(elsewhere.id), "0", "abc", "1e2", "12345678901"]) {
      expect((await postEdit(campaign, id, { kind: "money", currency: "CAD", title: "Mine now" })).status, id).toBe(404);
    }
    expect((await db.select().from(pledgeOptions).where(eq(pledgeOptions.id, elsewhere.id)))[0]?.title).toBe("Not yours");
  });

  test("moving swaps neighbours (retired ones included); retiring takes an option off the public list and keeps its totals", async () => {
    const campaign = await newCampaign();
    const [a, b, c] = [await createTestOption(db, campaign, { title: "A" }), await createTestOption(db, campaign, { title: "B" }), await createTestOption(db, campaign, { title: "C", kind: "action" })];
    await addPledger(db, campaign, [{ optionId: a.id, amountMinor: 2000 }]);
    const titles = async (includeRetired = true) => (await listPledgeOptions(db, campaign.id, { includeRetired })).map((o) => o.title);

    expect((await postOptions(campaign, { intent: "move-down", optionId: String(a!.id) })).data.notice).toEqual({ intent: "move-down", result: "done" });
    expect(await titles()).toEqual(["B", "A", "C"]);
    await postOptions(campaign, { intent: "move-up", optionId: String(c!.id) });
    expect(await titles()).toEqual(["B", "C", "A"]);
    // At the ends there is nowhere to go.
    expect((await postOptions(campaign, { intent: "move-up", optionId: String(b!.id) })).data.notice).toEqual({ intent: "move-up", result: "unchanged" });
    expect((await postOptions(campaign, { intent: "move-down", optionId: String(a!.id) })).data.notice).toMatchObject({ result: "unchanged" });

    expect((await postOptions(campaign, { intent: "retire", optionId: String(a!.id) })).data.notice).toEqual({ intent: "retire", result: "done" });
    expect(await titles(false)).toEqual(["B", "C"]);
    expect(await titles()).toEqual(["B", "C", "A"]);
    expect((await optionTotals(db, [a!.id])).get(a!.id)).toMatchObject({ pledgers: 1, amountMinor: 2000 });
    expect((await postOptions(campaign, { intent: "retire", optionId: String(a!.id) })).data.notice).toMatchObject({ result: "unchanged" });
    await postOptions(campaign, { intent: "move-up", optionId: String(a!.id) });
    expect(await titles()).toEqual(["B", "A", "C"]);
    await postOptions(campaign, { intent: "restore", optionId: String(a!.id) });
    expect(await titles(false)).toEqual(["B", "A", "C"]);

    // Another campaign's option cannot be moved or retired from here.
    const foreign = await createTestOption(db, await createTestCampaign(db));
    const refused = await postOptions(campaign, { intent: "retire", optionId: String(foreign.id) });
    expect(refused).toMatchObject({ status: 404, data: { notice: { result: "not-found" } } });
    expect((await db.select().from(pledgeOptions).where(eq(pledgeOptions.id, foreign.id)))[0]?.retiredAt).toBeNull();

    expect((await auditOf(campaign)).map((e) => [e.action, e.details])).toEqual([
      ["pledge-option.move", { optionId: a!.id, direction: "down", position: 1 }],
      ["pledge-option.move", { optionId: c!.id, direction: "up", position: 1 }],
      ["pledge-option.retire", { optionId: a!.id }],
      ["pledge-option.move", { optionId: a!.id, direction: "up", position: 1 }],
      ["pledge-option.restore", { optionId: a!.id }],
    ]);
  });
});

describe("pledges of an option", () => {
  let campaign: Campaign;
  let option: PledgeOption;
  const people: Record<string, { signatureId: number; email: string; pledgeId: number }> = {};

  beforeAll(async () => {
    campaign = await newCampaign();
    option = await createTestOption(db, campaign, { currency: "CAD", goal: 10_000 });
    const other = await createTestOption(db, campaign, { kind: "action" });
    for (const [name, amount, state] of [
      ["confirmed", 2500, {}],
      ["waiting", 1000, { confirmed: false }],
      ["spammer", 700, { removed: true }],
    ] as const) {
      const pledger = await addPledger(db, campaign, [{ optionId: option.id, amountMinor: amount }, { optionId: other.id, amountMinor: null }], { ...state, firstName: name });
      const [pledge] = await db.select({ id: pledges.id }).from(pledges).where(and(eq(pledges.signatureId, pledger.signatureId), eq(pledges.optionId, option.id)));
      people[name] = { ...pledger, pledgeId: pledge!.id };
    }
  });

  const totals = async () => (await optionTotals(db, [option.id])).get(option.id)!;

  test("the page shows fulfilled against pledged, and lists pledges of signatures not removed as spam", async () => {
    const page = await loadList(campaign, option.id);
    expect(page.option.totals).toEqual({ pledgers: 1, amountMinor: 2500, fulfilledPledgers: 0, fulfilledAmountMinor: 0 });
    expect(page.rows.map((r) => [r.email, r.amountMinor, r.confirmed, r.removed])).toEqual([
      [people.waiting!.email, 1000, false, false],
      [people.confirmed!.email, 2500, true, false],
    ]);
    expect((await loadList(campaign, option.id, "?removed=on")).rows.map((r) => r.email)).toContain(people.spammer!.email);
  });

  test("marking fulfilled moves the fulfilled totals only for pledges that count, once, and is audited", async () => {
    for (const name of ["confirmed", "waiting", "spammer"]) {
      const outcome = await postList(campaign, option.id, { intent: "fulfil", pledgeId: String(people[name]!.pledgeId) });
      expect(outcome, name).toMatchObject({ status: 200, data: { notice: { intent: "fulfil", result: "done" } } });
    }
    expect(await totals()).toEqual({ pledgers: 1, amountMinor: 2500, fulfilledPledgers: 1, fulfilledAmountMinor: 2500 });
    // A second press changes nothing.
    expect((await postList(campaign, option.id, { intent: "fulfil", pledgeId: String(people.confirmed!.pledgeId) })).data.notice).toEqual({ intent: "fulfil", result: "unchanged" });
    expect((await totals()).fulfilledAmountMinor).toBe(2500);

    const fulfilled = await loadList(campaign, option.id, "?show=fulfilled&removed=on");
    expect(fulfilled.rows).toHaveLength(3);
    expect(fulfilled.rows.every((r) => r.fulfilledAt !== null)).toBe(true);
    expect((await loadList(campaign, option.id, "?show=unfulfilled")).rows).toEqual([]);

    await postList(campaign, option.id, { intent: "unfulfil", pledgeId: String(people.confirmed!.pledgeId) });
    await postList(campaign, option.id, { intent: "unfulfil", pledgeId: String(people.spammer!.pledgeId) });
    expect(await totals()).toEqual({ pledgers: 1, amountMinor: 2500, fulfilledPledgers: 0, fulfilledAmountMinor: 0 });
    expect((await loadList(campaign, option.id, "?show=unfulfilled")).rows.map((r) => r.email)).toEqual([people.confirmed!.email]);

    // The waiting signer confirms later: their pledge arrives in the totals already fulfilled.
    const { countSignaturePledges } = await import("~/lib/pledges.server");
    await countSignaturePledges(db, people.waiting!.signatureId, 1);
    expect(await totals()).toEqual({ pledgers: 2, amountMinor: 3500, fulfilledPledgers: 1, fulfilledAmountMinor: 1000 });
    await countSignaturePledges(db, people.waiting!.signatureId, -1);

    // The incremental totals agree with a recount from the pledges themselves.
    const before = await totals();
    await recountPledgeTotals(db, option.id);
    expect(await totals()).toEqual(before);

    const entries = await db.select().from(auditLog).where(and(eq(auditLog.campaignId, campaign.id), like(auditLog.action, "pledge.%"))).orderBy(auditLog.id);
    expect(entries.map((e) => e.action)).toEqual(["pledge.fulfil", "pledge.fulfil", "pledge.fulfil", "pledge.unfulfil", "pledge.unfulfil"]);
    expect(entries[0]!.details).toEqual({ optionId: option.id, pledgeId: people.confirmed!.pledgeId });
    const logged = JSON.stringify(entries);
    for (const p of Object.values(people)) expect(logged).not.toContain(p.email);
  });

  test("a pledge of another option or campaign, or an id that is not one, cannot be marked from here", async () => {
    const elsewhere = await newCampaign();
    const foreignOption = await createTestOption(db, elsewhere);
    await addPledger(db, elsewhere, [{ optionId: foreignOption.id, amountMinor: 900 }]);
    const [foreign] = await db.select({ id: pledges.id }).from(pledges).where(eq(pledges.optionId, foreignOption.id));
    expect(await postList(campaign, option.id, { intent: "fulfil", pledgeId: String(foreign!.id) })).toMatchObject({ status: 404 });
    // Its own option, under the wrong campaign's address.
    expect(await postList(campaign, foreignOption.id, { intent: "fulfil", pledgeId: String(foreign!.id) })).toMatchObject({ status: 404 });
    expect(await markPledgeFulfilled(db, actor(campaign), option.id, foreign!.id, true)).toBe("not-found");
    expect((await optionTotals(db, [foreignOption.id])).get(foreignOption.id)?.fulfilledPledgers).toBe(0);
    const hostile: Record<string, string>[] = [{}, { intent: "fulfil" }, { intent: "fulfil", pledgeId: "1e3" }, { intent: "fulfil", pledgeId: "-1" }, { intent: "pay", pledgeId: "1" }];
    for (const form of hostile) {
      expect((await postList(campaign, option.id, form)).status, JSON.stringify(form)).toBe(400);
    }
  });

  test("pages walk every pledge once by (created_at, id), newest first, forward and back, with filters", async () => {
    const own = await newCampaign();
    const listed = await createTestOption(db, own, { kind: "action" });
    const base = Date.UTC(2026, 2, 1, 12);
    const ids: number[] = [];
    // Seven pledges, three of them in the same microsecond: ties are broken by id.
    for (const offset of [0, 1000, 1000, 1000, 2000, 3000, 4000]) {
      const p = await addPledger(db, own, [{ optionId: listed.id, amountMinor: null }], { createdAt: new Date(base + offset) });
      const [row] = await db.select({ id: pledges.id }).from(pledges).where(eq(pledges.signatureId, p.signatureId));
      ids.push(row!.id);
    }
    const newestFirst = [ids[6], ids[5], ids[4], ids[3], ids[2], ids[1], ids[0]];
    const seen: number[] = [];
    const cursors: (string | null)[] = [];
    let page = await listOptionPledges(db, listed.id, {}, {}, 3);
    seen.push(...page.rows.map((r) => r.id));
    expect(page.previousCursor).toBeNull();
    while (page.nextCursor) {
      cursors.push(page.nextCursor);
      page = await listOptionPledges(db, listed.id, {}, { after: decodeCursor(page.nextCursor) }, 3);
      seen.push(...page.rows.map((r) => r.id));
    }
    expect(seen).toEqual(newestFirst);
    // Back from the last page gives the middle one.
    const back = await listOptionPledges(db, listed.id, {}, { before: decodeCursor(page.previousCursor) }, 3);
    expect(back.rows.map((r) => r.id)).toEqual(newestFirst.slice(3, 6));

    // Through the route: the page links carry the cursor and filters, never a person.
    for (const id of ids.slice(0, 2)) await markPledgeFulfilled(db, actor(own), listed.id, id, true);
    const first = await listRoute.loader({
      request: routeRequest(`/org/c/${own.slug}/pledges/${listed.id}?show=unfulfilled`, { cookie }),
      context,
      params: { slug: own.slug, optionId: String(listed.id) },
    });
    expect(first.rows.map((r) => r.id)).toEqual(newestFirst.slice(0, 5));
    expect(first.nextHref).toBeNull();
    expect((await loadList(own, listed.id, "?show=fulfilled")).rows.map((r) => r.id)).toEqual([ids[1], ids[0]]);
    // A tampered cursor or filter shows the first page rather than an error.
    expect((await loadList(own, listed.id, "?show=bogus&after=not-a-cursor")).rows).toHaveLength(7);
    expect(cursors.length).toBe(2);
  });

  test("pledge totals count rows of pledge_totals, not pledges (O(1) to read)", async () => {
    const rows = await db.select({ n: count() }).from(pledgeTotals).where(eq(pledgeTotals.optionId, option.id));
    expect(rows[0]!.n).toBeLessThanOrEqual(16);
  });
});

describe("replacing a pledge after it was fulfilled", () => {
  test("a changed amount is a new promise: no longer fulfilled, and the fulfilled total follows", async () => {
    const campaign = await newCampaign();
    const option = await createTestOption(db, campaign, { currency: "CAD" });
    const pledger = await addPledger(db, campaign, [{ optionId: option.id, amountMinor: 2000 }]);
    const [pledge] = await db.select({ id: pledges.id }).from(pledges).where(eq(pledges.signatureId, pledger.signatureId));
    await postList(campaign, option.id, { intent: "fulfil", pledgeId: String(pledge!.id) });
    expect((await optionTotals(db, [option.id])).get(option.id)).toMatchObject({ fulfilledAmountMinor: 2000 });
    await replacePledges(db, pledger.signatureId, [{ optionId: option.id, amountMinor: 5000 }], true);
    expect((await optionTotals(db, [option.id])).get(option.id)).toEqual({ pledgers: 1, amountMinor: 5000, fulfilledPledgers: 0, fulfilledAmountMinor: 0 });
    expect((await loadList(campaign, option.id)).rows[0]).toMatchObject({ amountMinor: 5000, fulfilledAt: null });
  });
});
