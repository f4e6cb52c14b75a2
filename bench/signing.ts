/**
 * Signing under a flood: N sign-form POSTs with C in flight, through the real app (Express + Remix
 * + Drizzle + pg-boss job in the same transaction) on a fresh Postgres database, against a
 * baseline in the same run: a plain node:http server doing the bare `INSERT … ON CONFLICT` on
 * the same table shape with raw pg. Prints throughput, latency percentiles and the ratio, then
 * checks nothing was lost: rows = distinct emails sent, one email job per signature.
 *
 *   npm run build && npx tsx bench/signing.ts [--n 3000] [--c 50]
 *
 * Needs Postgres at BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import pg from "pg";
import { startFakeResend } from "../tests/support/fake-resend";
import { startAppServer } from "./app-server";
import { createBenchDatabase } from "./bench-database";

const { values } = parseArgs({ options: { n: { type: "string", default: "3000" }, c: { type: "string", default: "50" } } });
const N = Number(values.n);
const C = Number(values.c);
function body(i: number, run: string): string {
  return new URLSearchParams({
    firstName: "Bench",
    lastName: `Signer${i}`,
    email: `bench.${run}.${i}@example.org`,
    country: "CA",
    message: "Solidarity forever",
    showName: "on",
  }).toString();
}

async function flood(url: string, run: string): Promise<{ seconds: number; p50: number; p95: number; p99: number; errors: number }> {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: C }, async () => {
      for (let i = next++; i < N; i = next++) {
        const t0 = performance.now();
        const res = await fetch(url, {
          method: "POST",
          body: body(i, run),
          headers: { "content-type": "application/x-www-form-urlencoded" },
          redirect: "manual",
        });
        await res.arrayBuffer();
        if (res.status !== 302) errors++;
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
  return { seconds, p50: pct(50), p95: pct(95), p99: pct(99), errors };
}

async function benchApp(dbUrl: string) {
  const fake = await startFakeResend();
  const app = await startAppServer({ DATABASE_URL: dbUrl, RESEND_BASE_URL: fake.url, MAIL_RATE_LIMIT: "1000" });
  try {
    const client = new pg.Client({ connectionString: dbUrl });
    await client.connect();
    await client.query(
      `INSERT INTO campaigns (slug, title, summary, body, target, goal, status) VALUES ('bench', 'Bench', 's', 'b', 't', 1000000, 'open')`,
    );
    const result = await flood(`${app.url}/c/bench`, "app");
    const rows = Number((await client.query(`SELECT count(*) FROM signatures`)).rows[0].count);
    // A sent job is deleted by the worker: count those still queued and the emails already sent.
    const queued = Number((await client.query(`SELECT count(*) FROM pgboss.job WHERE name = 'email'`)).rows[0].count);
    const jobs = queued + new Set(fake.emails.flatMap((e) => e.to)).size;
    await client.end();
    return { ...result, rows, jobs };
  } finally {
    await app.stop();
    await fake.close();
  }
}

/** The floor: parse the same form body and insert it with raw pg, nothing else. */
async function benchBaseline(dbUrl: string) {
  const pool = new pg.Pool({ connectionString: dbUrl, max: 10 });
  const { rows } = await pool.query(
    `INSERT INTO campaigns (slug, title, summary, body, target, goal, status) VALUES ('baseline', 'B', 's', 'b', 't', 1000000, 'open') RETURNING id`,
  );
  const campaignId = rows[0].id as number;
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const f = new URLSearchParams(Buffer.concat(chunks).toString());
    const email = f.get("email") ?? "";
    await pool.query(
      `INSERT INTO signatures (campaign_id, first_name, last_name, email, email_normalized, country, message, show_name, locale)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'en') ON CONFLICT DO NOTHING`,
      [campaignId, f.get("firstName"), f.get("lastName"), email, email.toLowerCase(), f.get("country"), f.get("message"), f.get("showName") === "on"],
    );
    res.writeHead(302, { location: "/done" }).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  try {
    return await flood(`http://127.0.0.1:${port}/`, "baseline");
  } finally {
    server.close();
    await pool.end();
  }
}

const database = await createBenchDatabase("picket_bench_signing");
try {
  console.log(`Signing benchmark: ${N} sign POSTs, ${C} in flight, Postgres database ${database.name}`);
  const app = await benchApp(database.url);
  const base = await benchBaseline(database.url);
  const fmt = (r: { seconds: number; p50: number; p95: number; p99: number; errors: number }) =>
    `${(N / r.seconds).toFixed(0).padStart(6)} signs/s   p50 ${r.p50.toFixed(1)} ms   p95 ${r.p95.toFixed(1)} ms   p99 ${r.p99.toFixed(1)} ms   non-302: ${r.errors}`;
  console.log(`app (Remix + Drizzle + pg-boss job): ${fmt(app)}`);
  console.log(`baseline (node:http + raw INSERT):   ${fmt(base)}`);
  console.log(`app throughput is ${((N / app.seconds) / (N / base.seconds) * 100).toFixed(0)}% of the baseline`);
  console.log(`nothing lost: ${app.rows} signature rows and ${app.jobs} email jobs (queued or sent) for ${N} distinct emails`);
  if (app.rows !== N || app.jobs !== N || app.errors > 0) process.exitCode = 1;
} finally {
  await database.drop();
}
