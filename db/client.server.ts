import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import type { ExtractTablesWithRelations, SQL } from "drizzle-orm";
import pg from "pg";
import * as schema from "./schema";

/**
 * The one place that knows which driver runs: `pg` when DATABASE_URL is set, otherwise an
 * embedded PGlite persisted under DATA_DIR. Everything else sees `Database`.
 */
export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** A database handle or an open transaction: domain functions accept either. */
export type Executor = Database | Transaction;

export type DatabaseHandle =
  | { driver: "pg"; db: Database; pool: pg.Pool; close(): Promise<void> }
  | { driver: "pglite"; db: Database; pglite: PGlite; close(): Promise<void> };

export interface DatabaseOptions {
  databaseUrl?: string;
  /** Folder for the embedded database; `memory://` keeps it in memory (tests). */
  dataDir: string;
  poolSize?: number;
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // An idle client losing its connection must not crash the process; the pool replaces it.
    pool.on("error", (err) => console.error("[db] idle client error:", err.message));
    const db = drizzlePg(pool, { schema }) as unknown as Database;
    return { driver: "pg", db, pool, close: () => pool.end() };
  }
  const location = options.dataDir === "memory://" ? "memory://" : path.join(options.dataDir, "pglite");
  if (location !== "memory://") fs.mkdirSync(location, { recursive: true });
  // The extensions the migrations create (signer search: db/migrations/0004); Postgres ships them.
  const pglite = await PGlite.create(location, { extensions: { unaccent, pg_trgm } });
  const db = drizzlePglite(pglite, { schema }) as unknown as Database;
  return { driver: "pglite", db, pglite, close: () => pglite.close() };
}

/** Runs raw SQL and returns its rows; both drivers answer with `{ rows }`. */
export async function queryRows<T>(db: Executor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
