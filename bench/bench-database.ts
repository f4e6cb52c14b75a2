import { randomBytes } from "node:crypto";
import pg from "pg";

/**
 * Benchmarks run on a fresh database of their own on the Postgres server at BENCH_DATABASE_URL
 * (default postgres://postgres@127.0.0.1:5432/postgres), created at the start and dropped at the end.
 */
export const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** A new database name with `prefix`, and its URL on the same server. */
export function benchDatabase(prefix: string): { name: string; url: URL } {
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { name, url };
}

/** Runs one statement (CREATE / DROP DATABASE) on the server's admin database. */
export async function admin(query: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}
