/**
 * The signer export at a million rows, on Postgres: the app's own HTTP route (a real server
 * process, a signed-in session, the CSV read to the end) against `COPY (the same query) TO
 * STDOUT WITH (FORMAT csv)` read by a plain pg client, on the same data in the same run.
 * Prints both times (median of --runs, after a warm-up of each), their ratio, and the server's
 * resident memory: at rest, and its peak while exporting (VmHWM, reset before the first export).
 *
 *   npm run build && npx tsx bench/export.ts [--n 1000000] [--runs 3]
 *
 * The server runs as `npm start` does (the bundle in build/), so build first.
 *
 * Needs Postgres at BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
 */
import fs from "node:fs";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import pg from "pg";
import copyStreams from "pg-copy-streams";
import { openDatabase, queryRows } from "../db/client.server";
import { applyMigrations } from "../db/migrate.server";
import { planExport, exportCopySql } from "../app/lib/export-query.server";
import { exportParams, exportSchema, pledgeColumn, SIGNER_COLUMNS } from "../app/lib/export-schema";
import { listPledgeOptions } from "../app/lib/pledges.server";
import { createSession, SESSION_COOKIE } from "../app/lib/sessions.server";
import { createBenchDatabase } from "./bench-database";
import { residentBytes, resetPeakResident, startAppServer, type AppServer } from "./app-server";

const { values } = parseArgs({ options: { n: { type: "string", default: "1000000" }, runs: { type: "string", default: "3" } } });
const N = Number(values.n);
const RUNS = Number(values.runs);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** Reads a response or a COPY stream to the end, keeping nothing but the count. */
async function drain(chunks: AsyncIterable<Uint8Array>): Promise<number> {
  let bytes = 0;
  for await (const chunk of chunks) bytes += chunk.byteLength;
  return bytes;
}

const database = await createBenchDatabase("picket_bench_export");
const dbUrl = database.url;
const handle = await openDatabase({ databaseUrl: dbUrl, dataDir: "memory://" });
let app: AppServer | undefined;
try {
  await applyMigrations(handle);
  const { db } = handle;
  console.log(`inserting ${N.toLocaleString("en")} signatures with pledges…`);
  const one = async (query: ReturnType<typeof sql>) => (await queryRows<{ id: number }>(db, query))[0]!.id;
  const groupId = await one(sql`INSERT INTO groups (name) VALUES ('Bench') RETURNING id`);
  const organizerId = await one(sql`INSERT INTO organizers (email, name) VALUES ('bench@example.org', 'Bench') RETURNING id`);
  await db.execute(sql`INSERT INTO memberships (group_id, organizer_id, role) VALUES (${groupId}, ${organizerId}, 'organizer')`);
  const campaignId = await one(
    sql`INSERT INTO campaigns (slug, title, summary, body, target, goal, status, group_id) VALUES ('big', 'Big', 's', 'b', 't', 1000000, 'open', ${groupId}) RETURNING id`,
  );
  await db.execute(sql`INSERT INTO pledge_options (campaign_id, kind, title, currency, position) VALUES (${campaignId}, 'money', 'Strike fund', 'CAD', 1)`);
  await db.execute(sql`INSERT INTO pledge_options (campaign_id, kind, title, position) VALUES (${campaignId}, 'action', 'Join a picket line', 2)`);
  // Names with accents, a tenth with a message (some with commas, quotes and line breaks), a
  // fifth with a postal code or an organization, a few hostile cells; 90% confirmed.
  await db.execute(sql`
    INSERT INTO signatures (campaign_id, first_name, last_name, email, email_normalized, country, postal_code, organization, message,
                            show_name, updates_opt_in, locale, source, created_at, confirmed_at)
    SELECT ${campaignId}, (ARRAY['Rosa','Lucía','Émile','Karl','Ngozi','=cmd'])[1 + g % 6], 'Signer' || g,
           'Signer' || g || '@example.org', 'signer' || g || '@example.org', (ARRAY['CA','FR','MX','DE','GB'])[1 + g % 5],
           CASE WHEN g % 5 = 0 THEN 'H' || (g % 10) || 'A ' || (g % 9) || 'B' || (g % 7) END,
           CASE WHEN g % 5 = 1 THEN 'CUPW Local ' || (g % 900) END,
           CASE WHEN g % 10 = 0 THEN 'Solidarité, "toujours"!' || E'\n' || 'From local ' || (g % 900) || ', with all our support to the strikers.' END,
           g % 2 = 0, g % 3 = 0, 'en', (ARRAY[NULL,'newsletter','whatsapp'])[1 + g % 3],
           now() - make_interval(secs => ${N} - g), CASE WHEN g % 10 <> 3 THEN now() - make_interval(secs => ${N} - g - 60) END
    FROM generate_series(1, ${N}) g`);
  await db.execute(sql`
    INSERT INTO pledges (signature_id, option_id, amount_minor)
    SELECT s.id, o.id, CASE WHEN o.kind = 'money' THEN 1000 + (s.id % 50) * 100 END
    FROM signatures s JOIN pledge_options o ON o.campaign_id = s.campaign_id
    WHERE (o.kind = 'money' AND s.id % 5 = 0) OR (o.kind = 'action' AND s.id % 10 = 1)`);
  await db.execute(sql`ANALYZE`);

  const options = await listPledgeOptions(db, campaignId);
  const exportOptions = exportSchema.parse({ status: "confirmed", columns: [...SIGNER_COLUMNS, ...options.map((o) => pledgeColumn(o.id))] });
  const plan = planExport(campaignId, exportOptions, options)!;
  const copySql = exportCopySql(plan);
  const token = await createSession(db, organizerId);

  app = await startAppServer({ DATABASE_URL: dbUrl, RUN_WORKER: "false" });
  const base = app.url;
  const exportUrl = `${base}/org/c/big/export.csv?${exportParams(exportOptions).toString()}`;
  const viaApp = async () => {
    const start = performance.now();
    const response = await fetch(exportUrl, { headers: { cookie: `${SESSION_COOKIE}=${token}` } });
    if (response.status !== 200 || !response.body) throw new Error(`export answered ${response.status}`);
    const bytes = await drain(response.body as unknown as AsyncIterable<Uint8Array>);
    return { ms: performance.now() - start, bytes };
  };
  const viaCopy = async () => {
    const client = new pg.Client({ connectionString: dbUrl });
    await client.connect();
    try {
      const start = performance.now();
      const bytes = await drain(client.query(copyStreams.to(copySql)));
      return { ms: performance.now() - start, bytes };
    } finally {
      await client.end();
    }
  };

  const restRss = residentBytes(app.pid, "VmRSS");
  resetPeakResident(app.pid);
  await viaApp();
  await viaCopy();
  const appRuns: { ms: number; bytes: number }[] = [];
  const copyRuns: { ms: number; bytes: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    appRuns.push(await viaApp());
    copyRuns.push(await viaCopy());
  }
  const peakRss = residentBytes(app.pid, "VmHWM");
  const count = async (query: ReturnType<typeof sql>) => Number((await queryRows<{ n: number }>(db, query))[0]!.n);
  const rows = await count(sql`SELECT count(*)::int AS n FROM signatures WHERE confirmed_at IS NOT NULL`);
  const audited = await count(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'signers.export' AND details->>'outcome' = 'complete'`);

  // A download closed after its first megabyte: how long until Postgres no longer runs the COPY.
  const controller = new AbortController();
  const partial = await fetch(exportUrl, { headers: { cookie: `${SESSION_COOKIE}=${token}` }, signal: controller.signal });
  const reader = partial.body!.getReader();
  for (let got = 0; got < 1_000_000; ) got += (await reader.read()).value?.byteLength ?? Infinity;
  const copying = sql`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend' AND state = 'active' AND query LIKE 'COPY (%'`;
  const copiesBefore = await count(copying);
  controller.abort();
  const closedAt = performance.now();
  while ((await count(copying)) > 0 && performance.now() - closedAt < 10_000) await new Promise((r) => setTimeout(r, 10));
  const stoppedMs = performance.now() - closedAt;
  await new Promise((r) => setTimeout(r, 200)); // the audit entry is completed as the stream ends
  const [last] = await queryRows<{ outcome: string }>(db, sql`SELECT details->>'outcome' AS outcome FROM audit_log ORDER BY id DESC LIMIT 1`);

  const appMs = median(appRuns.map((r) => r.ms));
  const copyMs = median(copyRuns.map((r) => r.ms));
  console.log("");
  console.log(`export of ${rows.toLocaleString("en")} confirmed signers, ${plan.header.length} columns, Postgres, median of ${RUNS} runs`);
  console.log(`  app, GET /org/c/big/export.csv over HTTP   ${appMs.toFixed(0).padStart(6)} ms   ${mb(appRuns[0]!.bytes)}  (${(rows / (appMs / 1000)).toFixed(0)} rows/s)`);
  console.log(`  baseline, COPY (same query) TO STDOUT      ${copyMs.toFixed(0).padStart(6)} ms   ${mb(copyRuns[0]!.bytes)}`);
  console.log(`  ratio app / COPY                           ${(appMs / copyMs).toFixed(2)}×   (target ≤ 1.5×)`);
  console.log(`  app server RSS at rest                     ${mb(restRss)}`);
  console.log(`  app server peak RSS while exporting        ${mb(peakRss)}   (target < 200 MB)`);
  console.log(`  audit entries of complete exports          ${audited} (of ${RUNS + 1} exports)`);
  // The app's file is COPY's plus the header line and a CR per line end.
  console.log(`  download closed after 1 MB                 COPY running before: ${copiesBefore}, gone ${stoppedMs.toFixed(0)} ms after; audit outcome "${last?.outcome}"`);
  console.log(`  bytes: app ${appRuns[0]!.bytes.toLocaleString("en")}, COPY ${copyRuns[0]!.bytes.toLocaleString("en")}`);
} finally {
  await app?.stop();
  await handle.close();
  await database.drop();
}
