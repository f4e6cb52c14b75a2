/**
 * The organizer's signer list and dashboard on a big campaign: N signatures (default a million)
 * in one campaign on a fresh Postgres database. Prints the time of each query the pages run,
 * with OFFSET pagination of the same deep page as the baseline keyset pages are meant to beat,
 * and the accent-insensitive search (search_text and its trigram index) against the plain ILIKE
 * it replaced and against folding accents at query time without an index.
 *
 *   npx tsx bench/signer-list.ts [--n 1000000]
 *
 * Needs Postgres at BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
 */
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { openDatabase, queryRows } from "../db/client.server";
import { createBenchDatabase } from "./bench-database";
import { applyMigrations } from "../db/migrate.server";
import { campaignCounts, signaturesPerDay, topCountries, topSources } from "../app/lib/campaign-stats.server";
import { recentPublicSigners } from "../app/lib/campaigns.server";
import { decodeCursor, encodeCursor, listSigners } from "../app/lib/moderation.server";

const { values } = parseArgs({ options: { n: { type: "string", default: "1000000" } } });
const N = Number(values.n);
/** Median of 5 runs after one warm-up, in milliseconds. */
async function time(run: () => Promise<unknown>): Promise<number> {
  await run();
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    await run();
    runs.push(performance.now() - start);
  }
  return runs.sort((a, b) => a - b)[2]!;
}

const database = await createBenchDatabase("picket_bench_list");
const handle = await openDatabase({ databaseUrl: database.url, dataDir: "memory://" });
try {
  await applyMigrations(handle);
  const { db } = handle;
  console.log(`inserting ${N.toLocaleString("en")} signatures…`);
  await db.execute(sql`INSERT INTO campaigns (slug, title, summary, body, target, goal, status) VALUES ('big', 'Big', 's', 'b', 't', 1000000, 'open')`);
  await db.execute(sql`
    INSERT INTO signatures (campaign_id, first_name, last_name, email, email_normalized, country, locale, show_name, source, created_at, confirmed_at)
    SELECT 1, CASE WHEN g = ${Math.floor(N / 2)} THEN 'Zoé' ELSE 'First' || g END,
           -- One in a thousand has an accented name; one signer is the only Åkesson.
           CASE WHEN g = ${Math.floor(N / 2)} THEN 'Åkesson' WHEN g % 1000 = 0 THEN 'Müller' WHEN g % 1000 = 1 THEN 'García' ELSE 'Last' || g END,
           'p' || g || '@example.org', 'p' || g || '@example.org',
           (ARRAY['CA','FR','MX','DE','GB'])[1 + g % 5], 'en', g % 2 = 0, (ARRAY[NULL,'newsletter','twitter'])[1 + g % 3],
           now() - make_interval(secs => g * 2), CASE WHEN g % 10 = 0 THEN NULL ELSE now() END
    FROM generate_series(1, ${N}) g`);
  await db.execute(sql`INSERT INTO campaign_counters (campaign_id, shard, confirmed) VALUES (1, 0, ${N - Math.floor(N / 10)})`);
  await db.execute(sql`ANALYZE signatures`);

  const deep = Math.floor(N * 0.9);
  const [row] = await queryRows<{ t: string; id: number }>(
    db,
    sql`SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS t, id FROM signatures
        WHERE campaign_id = 1 ORDER BY created_at DESC NULLS LAST, id DESC NULLS LAST OFFSET ${deep - 1} LIMIT 1`,
  );
  const cursor = decodeCursor(encodeCursor({ createdAt: row!.t, id: Number(row!.id) }));
  const results: [string, number][] = [
    ["signer list: first page", await time(() => listSigners(db, 1))],
    [`signer list: keyset page at row ${deep.toLocaleString("en")}`, await time(() => listSigners(db, 1, {}, { after: cursor }))],
    [
      `baseline: OFFSET ${deep.toLocaleString("en")} for the same page`,
      await time(() =>
        db.execute(sql`SELECT id, first_name, last_name, email FROM signatures WHERE campaign_id = 1 AND removed_at IS NULL
                       ORDER BY created_at DESC NULLS LAST, id DESC NULLS LAST OFFSET ${deep} LIMIT 51`),
      ),
    ],
    ["signer list: going back a page", await time(() => listSigners(db, 1, {}, { before: cursor }))],
    ["signer list: unconfirmed in one country", await time(() => listSigners(db, 1, { status: "unconfirmed", country: "CA" }))],
    ["signer list: a whole email address", await time(() => listSigners(db, 1, { search: "P777@Example.org" }))],
    ["signer list: a common name fragment", await time(() => listSigners(db, 1, { search: "last99" }))],
    ["signer list: a name nobody has", await time(() => listSigners(db, 1, { search: "nobody-is-called-this" }))],
    ...(await accentSearches()),
    ["public page: recent signers", await time(() => recentPublicSigners(db, 1))],
    ["dashboard: counts", await time(() => campaignCounts(db, 1))],
    ["dashboard: 30 days", await time(() => signaturesPerDay(db, 1, 30))],
    ["dashboard: top countries", await time(() => topCountries(db, 1))],
    ["dashboard: top sources", await time(() => topSources(db, 1))],
  ];

  /** "muller" (1 in 1,000 signers), "akesson" (one signer), nobody: ours, then the two baselines. */
  async function accentSearches(): Promise<[string, number][]> {
    const page = (condition: ReturnType<typeof sql>) =>
      queryRows<{ id: number }>(
        db,
        sql`SELECT id, first_name, last_name, email FROM signatures WHERE campaign_id = 1 AND removed_at IS NULL AND ${condition}
            ORDER BY created_at DESC NULLS LAST, id DESC NULLS LAST LIMIT 51`,
      );
    const out: [string, number][] = [];
    for (const word of ["muller", "akesson", "nobody-is-called-this"]) {
      const pattern = `%${word}%`;
      const found = (await listSigners(db, 1, { search: word })).rows.length;
      const plain = (await page(sql`(first_name || ' ' || last_name ILIKE ${pattern} OR email_normalized LIKE ${pattern})`)).length;
      out.push(
        [`accent-insensitive search "${word}" (search_text + trigram index; ${found} on the page)`, await time(() => listSigners(db, 1, { search: word }))],
        [
          `  baseline: plain ILIKE, as before (${plain} on the page: misses accents)`,
          await time(() => page(sql`(first_name || ' ' || last_name ILIKE ${pattern} OR email_normalized LIKE ${pattern})`)),
        ],
        [
          "  baseline: folding accents at query time, no index",
          await time(() => page(sql`public.picket_search_text(first_name || ' ' || last_name || ' ' || email_normalized) LIKE public.picket_search_text(${pattern})`)),
        ],
      );
    }
    return out;
  }

  const width = Math.max(...results.map(([label]) => label.length));
  for (const [label, ms] of results) console.log(`${label.padEnd(width)}  ${ms.toFixed(1).padStart(8)} ms`);
} finally {
  await handle.close();
  await database.drop();
}
