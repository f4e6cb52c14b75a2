/**
 * Sending an update at scale, with a crash: N opted-in signers (default 100,000) on a fresh
 * Postgres database, the fake Resend limited to R requests per second (default 10) and failing
 * 10% of requests with a 500. The email worker runs as its own process, as `npm run worker` runs
 * it in production (build/worker.js: run `npm run build` first); once about 40% of the update is
 * sent it is killed with SIGKILL and started again.
 * Prints emails per second against the ceiling R × 100 (every request a full batch, none failed),
 * how many people got the update twice (must be 0) and how many never got it (must be 0).
 *
 *   npm run build && npx tsx bench/updates.ts [--n 100000] [--rate 10] [--fail 0.1] [--concurrency 8]
 *
 * Needs Postgres at BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import { parseArgs } from "node:util";
import { eq, sql } from "drizzle-orm";
import { nodeArgsOf } from "./app-server";
import { createBenchDatabase } from "./bench-database";
import { openDatabase, queryRows } from "../db/client.server";
import { applyMigrations } from "../db/migrate.server";
import { campaigns, updates } from "../db/schema";
import { startJobQueue, updateChunkEnqueuer } from "../app/lib/jobs.server";
import { createUpdateDraft, startUpdateSend, updateProgress } from "../app/lib/updates.server";
import { startFakeResend } from "../tests/support/fake-resend";

const { values } = parseArgs({
  options: {
    n: { type: "string", default: "100000" },
    rate: { type: "string", default: "10" },
    fail: { type: "string", default: "0.1" },
    concurrency: { type: "string", default: "8" },
  },
});
const N = Number(values.n);
const RATE = Number(values.rate);
const FAIL = Number(values.fail);
const CONCURRENCY = Number(values.concurrency);
const KILL_AT = 0.4;
const API_KEY = "re_bench_updates_000000";

const database = await createBenchDatabase("picket_bench_updates");
const url = database.url;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = createWriteStream("bench/.updates-worker.log");

/** The production worker entry point, as a process of its own (node + tsx loader: one pid to kill). */
function startWorker(fakeUrl: string): ChildProcess {
  // As `npm run worker` runs it (the bundle `npm run build` makes).
  const child = spawn(process.execPath, nodeArgsOf("worker"), {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      DATABASE_URL: url.toString(),
      APP_URL: "https://petitions.example.org",
      SESSION_SECRET: "bench-session-secret-0123456789abcdef0123456789",
      RESEND_API_KEY: API_KEY,
      RESEND_BASE_URL: fakeUrl,
      MAIL_FROM: "Strike Support <petitions@example.org>",
      MAIL_RATE_LIMIT: String(RATE),
      UPDATE_RATE_LIMIT: String(RATE),
      UPDATE_CONCURRENCY: String(CONCURRENCY),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.pipe(log, { end: false });
  child.stderr!.pipe(log, { end: false });
  return child;
}

const handle = await openDatabase({ databaseUrl: url.toString(), dataDir: "memory://" });
const fake = await startFakeResend({ apiKey: API_KEY, keepContent: false });
let worker: ChildProcess | undefined;
try {
  await applyMigrations(handle);
  const { db } = handle;
  console.log(`inserting ${N.toLocaleString("en")} confirmed, opted-in signers…`);
  const [organizer] = await queryRows<{ id: number }>(db, sql`INSERT INTO organizers (email, name) VALUES ('bench@example.org', 'Bench') RETURNING id`);
  const [group] = await queryRows<{ id: number }>(db, sql`INSERT INTO groups (name) VALUES ('Bench group') RETURNING id`);
  const [campaign] = await db
    .insert(campaigns)
    .values({ slug: "strike-fund", title: "Strike fund", summary: "s", body: "b", target: "t", goal: 1_000_000, status: "open", groupId: group!.id })
    .returning();
  await db.execute(sql`
    INSERT INTO signatures (campaign_id, first_name, last_name, email, email_normalized, country, locale, updates_opt_in, confirmed_at)
    SELECT ${campaign!.id}, 'First' || g, 'Last' || g, 'p' || g || '@example.org', 'p' || g || '@example.org',
           (ARRAY['CA','FR','MX','DE','GB'])[1 + g % 5], 'en', true, now()
    FROM generate_series(1, ${N}) g`);
  await db.execute(sql`ANALYZE signatures`);

  const boss = await startJobQueue(handle, { maxAttempts: 3 });
  const draft = await createUpdateDraft(db, { actorId: organizer!.id, campaign: campaign! }, {
    subject: "The strike fund passed $100k",
    body: "Thank you all. **Rally Saturday** at the sorting plant, 10 am.\n\n- Bring a sign\n- Bring a friend",
  });
  if (draft.status !== "saved") throw new Error("could not create the update");
  const updateId = draft.update.id;
  let t = performance.now();
  const started = await startUpdateSend(db, { actorId: organizer!.id, campaign: campaign! }, updateId, updateChunkEnqueuer(boss));
  await boss.stop({ graceful: false });
  if (started.status !== "sending") throw new Error(`send did not start: ${started.status}`);
  console.log(`send started: ${started.total.toLocaleString("en")} recipients, ${Math.ceil(started.total / 100)} chunks, set up in ${Math.round(performance.now() - t)} ms`);

  fake.setRateLimit(RATE);
  fake.setFailureRate(FAIL, 500);
  t = performance.now();
  worker = startWorker(fake.url);
  let killedAt: number | null = null;
  let restartedAt: number | null = null;
  let lastReport = performance.now();
  for (;;) {
    await sleep(250);
    const progress = await updateProgress(db, updateId);
    if (killedAt === null && progress.sent >= KILL_AT * started.total) {
      worker.kill("SIGKILL");
      killedAt = performance.now() - t;
      console.log(`worker killed (SIGKILL) at ${(killedAt / 1000).toFixed(1)} s with ${progress.sent.toLocaleString("en")} recorded as sent`);
      await new Promise((resolve) => worker!.once("exit", resolve));
      worker = startWorker(fake.url);
      restartedAt = performance.now() - t;
    }
    if (performance.now() - lastReport > 5000) {
      lastReport = performance.now();
      console.log(`  ${((lastReport - t) / 1000).toFixed(0).padStart(4)} s  sent ${progress.sent.toLocaleString("en").padStart(8)}  requests ${fake.requests}`);
    }
    const [row] = await db.select({ status: updates.status }).from(updates).where(eq(updates.id, updateId));
    if (row?.status === "sent") break;
    if (performance.now() - t > 30 * 60_000) throw new Error("gave up after 30 minutes");
  }
  const seconds = (performance.now() - t) / 1000;
  worker.kill("SIGTERM");

  const progress = await updateProgress(db, updateId);
  const perAddress = new Map<string, number>();
  for (const email of fake.emails) for (const to of email.to) perAddress.set(to, (perAddress.get(to) ?? 0) + 1);
  const audience = await queryRows<{ email: string }>(db, sql`SELECT email FROM update_recipients WHERE update_id = ${updateId}`);
  const duplicates = [...perAddress.values()].filter((n) => n > 1).length;
  const missed = audience.filter((r) => !perAddress.has(r.email)).length;
  const batches = new Set(fake.emails.map((e) => e.batchId)).size;
  const ceiling = RATE * 100;
  const accepted = fake.emails.map((e) => e.receivedAt);
  const sendingSeconds = (Math.max(...accepted) - Math.min(...accepted)) / 1000;

  console.log("");
  console.log(`recipients               ${started.total.toLocaleString("en")}`);
  console.log(`fake Resend              ${RATE} requests/s, ${Math.round(FAIL * 100)}% injected 500s`);
  console.log(`worker                   ${CONCURRENCY} chunks at a time; killed at ${(killedAt! / 1000).toFixed(1)} s, restarted at ${(restartedAt! / 1000).toFixed(1)} s`);
  console.log(`wall time                ${seconds.toFixed(1)} s`);
  console.log(`emails per second        ${Math.round(started.total / seconds)} over the wall time (ceiling R×100 = ${ceiling}: ${Math.round((100 * started.total) / seconds / ceiling)}%)`);
  console.log(
    `                         ${Math.round(started.total / sendingSeconds)} from the first accepted email to the last (${sendingSeconds.toFixed(1)} s: ${Math.round((100 * started.total) / sendingSeconds / ceiling)}%)`,
  );
  console.log(`requests                 ${fake.requests} (${batches} batches accepted, ${fake.replays} answered from the idempotency record, refused: ${JSON.stringify(fake.rejections)})`);
  console.log(`recorded                 sent ${progress.sent}, failed ${progress.failed}, queued ${progress.queued}`);
  console.log(`duplicates               ${duplicates} (must be 0)`);
  console.log(`missed                   ${missed} (must be 0)`);
  if (duplicates !== 0 || missed !== 0 || progress.sent !== started.total) process.exitCode = 1;
} finally {
  if (worker && worker.exitCode === null) worker.kill("SIGKILL");
  await fake.close();
  await handle.close();
  await database.drop();
  log.end();
}
