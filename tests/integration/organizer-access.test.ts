import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { AppLoadContext } from "@remix-run/node";
import { beforeAll, describe, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import { pledges, signatures, type Campaign, type Group } from "../../db/schema";
import { INVITE_TTL_MS, issueAuthToken } from "~/lib/auth-tokens.server";
import { hashToken } from "~/lib/crypto.server";
import { MODERATION_INTENTS } from "~/lib/moderation-schema";
import { FULFIL_INTENTS, OPTION_ROW_INTENTS } from "~/lib/pledge-option-schema";
import { replacePledges } from "~/lib/pledges.server";
import { UPDATE_INTENTS } from "~/lib/update-schema";
import { createUpdateDraft } from "~/lib/updates.server";
import { createTestCampaign, uniqueSuffix } from "../support/factories";
import { createMember } from "../support/organizer-factories";
import { createTestOption } from "../support/pledge-admin-factories";
import { fileDatabaseWithQueue } from "../support/suite";
import { routeContext, routeRequest } from "../support/route-context";

/**
 * Who may call which organizer route, as a table: one row per route module and handler. Each row
 * says what every kind of visitor gets:
 *   anonymous → sent to /org/sign-in; a member of another group → 404 (the campaign's existence is
 *   not confirmed); a viewer → 403 wherever signers' personal data is, and never any of it in a
 *   page they may see; organizers and owners → through.
 * The last test globs app/routes/org.* and fails when a route file or handler has no row here:
 * a new organizer page cannot ship without its access rules being written down and tested.
 */

const routesDir = fileURLToPath(new URL("../../app/routes/", import.meta.url));

type Actor = "anonymous" | "outsider" | "viewer" | "organizer" | "owner";
/** ok: let through (a loader answers 200; an action anything but 401/403/404, a 400 for an empty form included). */
type Outcome = "ok" | "sign-in" | "not-found" | "forbidden" | "skip";
type Expectations = Record<Actor, Outcome>;

interface Fixture {
  group: Group;
  campaign: Campaign;
  signatureId: number;
  /** The group's only owner: changing or removing them is refused (a 4xx that is not 401/403/404). */
  ownerId: number;
  /** A pending invitation of the group (its id as the members page shows it). */
  inviteId: string;
  /** A money pledge option of the campaign, and a pledge to it by the last test signer. */
  optionId: number;
  pledgeId: number;
  /** A draft update of the campaign. */
  updateId: number;
}

interface RouteRow {
  file: string;
  handler: "loader" | "action";
  expect: Expectations;
  /** The form an action is sent (default: empty, which the route should refuse with a 400 once access is granted). */
  form?: (fx: Fixture) => Record<string, string>;
  /** A query string a loader is called with (default: none). */
  search?: (fx: Fixture) => string;
}

// Presets for the usual shapes of access; override single actors with a spread.
const campaignScoped = (minimum: "viewer" | "organizer" | "owner"): Expectations => ({
  anonymous: "sign-in",
  outsider: "not-found",
  viewer: minimum === "viewer" ? "ok" : "forbidden",
  organizer: minimum === "owner" ? "forbidden" : "ok",
  owner: "ok",
});
const groupScoped = campaignScoped;
/** Any signed-in organizer, about themselves (their home, their account). */
const signedIn: Expectations = { anonymous: "sign-in", outsider: "ok", viewer: "ok", organizer: "ok", owner: "ok" };
/** Signing in, links from emails: open to all; only checked to answer a visitor without a session (a made-up token may be a 404). */
const publicPage: Expectations = { anonymous: "ok", outsider: "skip", viewer: "skip", organizer: "skip", owner: "skip" };
const publicAction: Expectations = { anonymous: "skip", outsider: "skip", viewer: "skip", organizer: "skip", owner: "skip" };

const ROUTES: RouteRow[] = [
  // Organizer home and account
  { file: "org._index.tsx", handler: "loader", expect: signedIn },
  { file: "org.account.tsx", handler: "loader", expect: signedIn },
  { file: "org.account.tsx", handler: "action", expect: signedIn },
  // Campaign authoring
  { file: "org.campaigns.new.tsx", handler: "loader", expect: { ...signedIn, viewer: "forbidden" } },
  {
    file: "org.campaigns.new.tsx",
    handler: "action",
    expect: { ...groupScoped("organizer") },
    form: (fx) => ({ groupId: String(fx.group.id) }),
  },
  { file: "org.c.$slug.edit.tsx", handler: "loader", expect: campaignScoped("organizer") },
  // Every intent of an action is a row: the role check must come before any of them runs.
  { file: "org.c.$slug.edit.tsx", handler: "action", expect: campaignScoped("organizer"), form: () => ({ intent: "save" }) },
  ...(["close", "reopen", "publish"] as const).map((intent) => ({
    file: "org.c.$slug.edit.tsx",
    handler: "action" as const,
    expect: campaignScoped("organizer"),
    form: () => ({ intent }),
  })),
  { file: "org.c.$slug.preview.tsx", handler: "loader", expect: campaignScoped("viewer") },
  // Dashboard, signers and moderation
  { file: "org.c.$slug._index.tsx", handler: "loader", expect: campaignScoped("viewer") },
  { file: "org.c.$slug.signers.tsx", handler: "loader", expect: campaignScoped("organizer") },
  ...MODERATION_INTENTS.map((intent) => ({
    file: "org.c.$slug.signers.tsx",
    handler: "action" as const,
    expect: campaignScoped("organizer"),
    form: (fx: Fixture) => ({ intent, signatureId: String(fx.signatureId) }),
  })),
  // The signer search (no intent): it carries names and addresses.
  { file: "org.c.$slug.signers.tsx", handler: "action", expect: campaignScoped("organizer"), form: () => ({ q: "private" }) },
  // Export: a file of every signer's personal data. Organizers and owners only.
  { file: "org.c.$slug.export.tsx", handler: "loader", expect: campaignScoped("organizer") },
  {
    file: "org.c.$slug.export[.]csv.ts",
    handler: "loader",
    expect: campaignScoped("organizer"),
    search: (fx) => `status=all&columns=name&columns=email&columns=postalCode&columns=message&columns=pledge-${fx.optionId}`,
  },
  // Pledges: options change what the campaign asks; the lists name the people who pledged.
  { file: "org.c.$slug.pledges._index.tsx", handler: "loader", expect: campaignScoped("organizer") },
  {
    file: "org.c.$slug.pledges._index.tsx",
    handler: "action",
    expect: campaignScoped("organizer"),
    form: () => ({ intent: "create", kind: "action", title: "Join a picket line" }),
  },
  ...OPTION_ROW_INTENTS.map((intent) => ({
    file: "org.c.$slug.pledges._index.tsx",
    handler: "action" as const,
    expect: campaignScoped("organizer"),
    form: (fx: Fixture) => ({ intent, optionId: String(fx.optionId) }),
  })),
  { file: "org.c.$slug.pledges.$optionId.edit.tsx", handler: "loader", expect: campaignScoped("organizer") },
  {
    file: "org.c.$slug.pledges.$optionId.edit.tsx",
    handler: "action",
    expect: campaignScoped("organizer"),
    form: () => ({ intent: "save", title: "Give to the strike fund", suggested: "10, 20" }),
  },
  { file: "org.c.$slug.pledges.$optionId._index.tsx", handler: "loader", expect: campaignScoped("organizer") },
  ...FULFIL_INTENTS.map((intent) => ({
    file: "org.c.$slug.pledges.$optionId._index.tsx",
    handler: "action" as const,
    expect: campaignScoped("organizer"),
    form: (fx: Fixture) => ({ intent, pledgeId: String(fx.pledgeId) }),
  })),
  // Updates to signers: they speak to supporters in the campaign's name (organizers and owners).
  { file: "org.c.$slug.updates._index.tsx", handler: "loader", expect: campaignScoped("organizer") },
  { file: "org.c.$slug.updates._index.tsx", handler: "action", expect: campaignScoped("organizer"), form: () => ({ intent: "create", subject: "" }) },
  { file: "org.c.$slug.updates.$updateId.tsx", handler: "loader", expect: campaignScoped("organizer") },
  // The draft as its email, for the preview frame: the same people as the update's page.
  { file: "org.c.$slug.updates.$updateId.preview.ts", handler: "loader", expect: campaignScoped("organizer") },
  ...UPDATE_INTENTS.map((intent) => ({
    file: "org.c.$slug.updates.$updateId.tsx",
    handler: "action" as const,
    expect: campaignScoped("organizer"),
    // Empty fields: save and send are refused with a 400, test queues a test, cancel finds nothing sending.
    form: () => ({ intent }),
  })),
  // Groups
  { file: "org.groups.$groupId.members.tsx", handler: "loader", expect: groupScoped("owner") },
  {
    file: "org.groups.$groupId.members.tsx",
    handler: "action",
    expect: groupScoped("owner"),
    form: () => ({ intent: "invite", email: `invited-${uniqueSuffix()}@example.org`, role: "viewer" }),
  },
  ...(["change-role", "remove"] as const).map((intent) => ({
    file: "org.groups.$groupId.members.tsx",
    handler: "action" as const,
    expect: groupScoped("owner"),
    form: (fx: Fixture) => ({ intent, organizerId: String(fx.ownerId), role: "viewer" }),
  })),
  {
    file: "org.groups.$groupId.members.tsx",
    handler: "action",
    expect: groupScoped("owner"),
    form: (fx) => ({ intent: "revoke-invite", inviteId: fx.inviteId }),
  },
  { file: "org.groups.$groupId.audit.tsx", handler: "loader", expect: groupScoped("owner") },
  // Signing in and out, and links from emails
  { file: "org.sign-in.tsx", handler: "loader", expect: publicPage },
  { file: "org.sign-in.tsx", handler: "action", expect: publicAction },
  { file: "org.sign-out.tsx", handler: "loader", expect: publicAction },
  { file: "org.sign-out.tsx", handler: "action", expect: publicAction },
  { file: "org.forgot-password.tsx", handler: "loader", expect: publicPage },
  { file: "org.forgot-password.tsx", handler: "action", expect: publicAction },
  { file: "org.magic-link.tsx", handler: "loader", expect: publicPage },
  { file: "org.magic-link.tsx", handler: "action", expect: publicAction },
  { file: "org.magic.$token.tsx", handler: "loader", expect: publicPage },
  { file: "org.magic.$token.tsx", handler: "action", expect: publicAction },
  { file: "org.reset.$token.tsx", handler: "loader", expect: publicPage },
  { file: "org.reset.$token.tsx", handler: "action", expect: publicAction },
  { file: "org.invite.$token.tsx", handler: "loader", expect: publicPage },
  { file: "org.invite.$token.tsx", handler: "action", expect: publicAction },
];

/** The URL and params a route file answers, from its flat-route name ("org.c.$slug.signers.tsx" → /org/c/<slug>/signers). */
function addressOf(file: string, fx: Fixture): { url: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  const segments = file
    .replace(/\.tsx?$/, "")
    .replaceAll("[.]", "\u0000") // an escaped dot is part of its segment ("export[.]csv" → export.csv)
    .split(".")
    .map((s) => s.replaceAll("\u0000", "."))
    .filter((s) => s !== "_index")
    .map((segment) => {
      if (!segment.startsWith("$")) return segment;
      const name = segment.slice(1);
      const value =
        name === "slug"
          ? fx.campaign.slug
          : name === "groupId"
            ? String(fx.group.id)
            : name === "optionId"
              ? String(fx.optionId)
              : name === "updateId"
                ? String(fx.updateId)
                : "not-a-real-token";
      params[name] = value;
      return value;
    });
  return { url: `/${segments.join("/")}`, params };
}

type RouteModule = Record<string, unknown>;
type Handler = (args: { request: Request; context: AppLoadContext; params: Record<string, string> }) => Promise<unknown>;

/** What a handler did, as an HTTP status and (for data) the JSON a browser would receive. */
async function call(handler: Handler, request: Request, context: AppLoadContext, params: Record<string, string>) {
  let value: unknown;
  try {
    value = await handler({ request, context, params });
  } catch (error) {
    if (error instanceof Response) return { status: error.status, location: error.headers.get("location"), body: "" };
    throw error;
  }
  if (value instanceof Response) return { status: value.status, location: value.headers.get("location"), body: await value.clone().text() };
  // Remix's data(): { type: "DataWithResponseInit", data, init }.
  if (value && typeof value === "object" && (value as { type?: unknown }).type === "DataWithResponseInit") {
    const { data, init } = value as { data: unknown; init?: { status?: number } | null };
    return { status: init?.status ?? 200, location: null, body: JSON.stringify(data) ?? "" };
  }
  return { status: 200, location: null, body: JSON.stringify(value) ?? "" };
}

// A real job queue: an owner's invitation enqueues its email.
const { handle, db, enqueue } = await fileDatabaseWithQueue();
const context: AppLoadContext = routeContext(db, { enqueueEmail: enqueue, database: handle });
let fx: Fixture;
const cookies: Partial<Record<Actor, string>> = {};
/** Everything personal about the test signers: none of it may reach a viewer or an outsider. */
const personal: string[] = [];

beforeAll(async () => {
  const owner = await createMember(db, "owner");
  const organizer = await createMember(db, "organizer", owner.group);
  const viewer = await createMember(db, "viewer", owner.group);
  const outsider = await createMember(db, "owner"); // owner of a group of their own
  Object.assign(cookies, { owner: owner.cookie, organizer: organizer.cookie, viewer: viewer.cookie, outsider: outsider.cookie });
  const campaign = await createTestCampaign(db, { groupId: owner.group.id });
  await createTestCampaign(db, { groupId: outsider.group.id });

  let signatureId = 0;
  for (const n of [1, 2]) {
    const suffix = uniqueSuffix();
    const values = {
      firstName: `Ysolde${suffix}`,
      lastName: `Marchetti${suffix}`,
      email: `private-${suffix}@example.org`,
      postalCode: `PC${suffix}`,
      message: `Private note ${suffix}`,
    };
    personal.push(...Object.values(values));
    const [row] = await db
      .insert(signatures)
      .values({ campaignId: campaign.id, ...values, emailNormalized: values.email, country: "CA", locale: "en", showName: n === 1 })
      .returning({ id: signatures.id });
    signatureId = row!.id;
  }
  const inviteToken = await issueAuthToken(db, {
    purpose: "invite",
    email: `pending-${uniqueSuffix()}@example.org`,
    ttlMs: INVITE_TTL_MS,
    groupId: owner.group.id,
    role: "viewer",
    createdBy: owner.organizer.id,
  });
  const option = await createTestOption(db, campaign, { kind: "money", currency: "CAD" });
  await replacePledges(db, signatureId, [{ optionId: option.id, amountMinor: 2500 }], false);
  const [pledge] = await db.select({ id: pledges.id }).from(pledges).where(eq(pledges.signatureId, signatureId));
  const draft = await createUpdateDraft(db, { actorId: owner.organizer.id, campaign }, { subject: "Rally Saturday", body: "At the sorting plant." });
  if (draft.status !== "saved") throw new Error("could not create the draft update");
  fx = {
    group: owner.group,
    campaign,
    signatureId,
    ownerId: owner.organizer.id,
    inviteId: hashToken(inviteToken),
    optionId: option.id,
    pledgeId: pledge!.id,
    updateId: draft.update.id,
  };
});

/** Only for naming the tests before the fixture exists. */
const fx0 = { group: { id: 0 }, campaign: { slug: "" }, signatureId: 0, ownerId: 0, inviteId: "", optionId: 0, pledgeId: 0, updateId: 0 } as unknown as Fixture;

const ACTORS: Actor[] = ["anonymous", "outsider", "viewer", "organizer", "owner"];

describe("organizer routes: who gets what", () => {
  for (const row of ROUTES) {
    const exists = routeFiles().includes(row.file);
    const intent = row.form ? (row.form(fx0).intent ?? "search") : null;
    test(`${row.file} ${row.handler}${intent ? ` (${intent})` : ""}`, async () => {
      // A renamed or removed route must not quietly lose its access check.
      expect(exists, `${row.file} is not in app/routes: rename the row with its route`).toBe(true);
      const mod = (await import(path.join(routesDir, row.file))) as RouteModule;
      const handler = mod[row.handler] as Handler | undefined;
      expect(handler, `${row.file} exports no ${row.handler}`).toBeTypeOf("function");
      const { url: address, params } = addressOf(row.file, fx);
      const url = row.search ? `${address}?${row.search(fx)}` : address;
      for (const actor of ACTORS) {
        const expected = row.expect[actor];
        if (expected === "skip") continue;
        const cookie = cookies[actor];
        const request =
          row.handler === "action"
            ? routeRequest(url, { cookie, form: row.form?.(fx) ?? {} })
            : routeRequest(url, cookie ? { cookie } : {});
        const got = await call(handler!, request, context, params);
        const what = `${row.file} ${row.handler} as ${actor}`;
        switch (expected) {
          case "sign-in":
            expect(got.status, what).toBe(302);
            expect(got.location, what).toMatch(/^\/org\/sign-in(\?|$)/);
            break;
          case "not-found":
            expect(got.status, what).toBe(404);
            break;
          case "forbidden":
            expect(got.status, what).toBe(403);
            break;
          case "ok":
            expect(got.status, what).toBeLessThan(500);
            // A public page may answer 404 (a made-up token); it must not ask for a session.
            if (publicRow(row)) expect(got.location ?? "", what).not.toMatch(/^\/org\/sign-in/);
            else if (row.handler === "loader") expect(got.status, what).toBe(200);
            else {
              expect([401, 403, 404], what).not.toContain(got.status);
              expect(got.location ?? "", what).not.toMatch(/^\/org\/sign-in/);
            }
            break;
        }
        // Personal data of the campaign's signers never reaches someone without the right to it.
        if (actor === "viewer" || actor === "outsider" || actor === "anonymous") {
          for (const secret of personal) expect(got.body, `${what} shows ${secret}`).not.toContain(secret);
        }
      }
    });
  }

  test("the pledge list shows organizers who pledged; a viewer gets a 403 before anything is read", async () => {
    const mod = (await import(path.join(routesDir, "org.c.$slug.pledges.$optionId._index.tsx"))) as RouteModule;
    const { url, params } = addressOf("org.c.$slug.pledges.$optionId._index.tsx", fx);
    const got = await call(mod.loader as Handler, routeRequest(url, { cookie: cookies.organizer }), context, params);
    expect(got.status).toBe(200);
    expect(got.body).toContain(personal.filter((s) => s.startsWith("private-")).at(-1)!);
    // Another campaign's option, or an id that is not one, under this campaign: 404.
    for (const optionId of [String(fx.optionId + 1000), "0", "1e3", "-1", "99999999999"]) {
      const other = await call(mod.loader as Handler, routeRequest(url, { cookie: cookies.organizer }), context, { ...params, optionId });
      expect(other.status, optionId).toBe(404);
    }
  });

  test("the signer list shows organizers the signers' details", async () => {
    const mod = (await import(path.join(routesDir, "org.c.$slug.signers.tsx"))) as RouteModule;
    const { url, params } = addressOf("org.c.$slug.signers.tsx", fx);
    const got = await call(mod.loader as Handler, routeRequest(url, { cookie: cookies.organizer }), context, params);
    expect(got.status).toBe(200);
    for (const secret of personal.filter((s) => s.startsWith("private-"))) expect(got.body).toContain(secret);
  });

  test("every organizer route file and handler has a row in this table", async () => {
    const missing: string[] = [];
    for (const file of routeFiles()) {
      const mod = (await import(path.join(routesDir, file))) as RouteModule;
      for (const handler of ["loader", "action"] as const) {
        if (typeof mod[handler] !== "function") continue;
        if (!ROUTES.some((r) => r.file === file && r.handler === handler)) missing.push(`${file} ${handler}`);
      }
      if (!ROUTES.some((r) => r.file === file) && typeof mod.loader !== "function" && typeof mod.action !== "function") {
        missing.push(`${file} (no loader or action: say so in the table)`);
      }
    }
    expect(missing, "add these to ROUTES in tests/integration/organizer-access.test.ts").toEqual([]);
  });
});

function publicRow(row: RouteRow): boolean {
  return row.expect.outsider === "skip";
}

function routeFiles(): string[] {
  return readdirSync(routesDir)
    .filter((f) => f.startsWith("org.") && /\.tsx?$/.test(f))
    .sort();
}
