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
import { lockDataDir } from "./data-dir-lock.server";
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
  /** The app's address, written in the embedded database's lock so other processes can name it. */
  appUrl?: string;
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // An idle client losing its connection must not crash the process; the pool replaces it.
    pool.on("error", (err) => console.error("[db] idle client error:", err.message));
    const db = drizzlePg(pool, { schema }) as unknown as Database;
    return { driver: "pg", db, pool, close: () => pool.end() };
  }
  // The extensions the migrations create (signer search: db/migrations/0004); Postgres ships them.
  const extensions = { unaccent, pg_trgm };
  if (options.dataDir === "memory://") {
    const pglite = await PGlite.create("memory://", { extensions });
    return { driver: "pglite", db: drizzlePglite(pglite, { schema }) as unknown as Database, pglite, close: () => pglite.close() };
  }
  // One process at a time (see data-dir-lock.server.ts): throws DataDirBusyError otherwise.
  const release = lockDataDir(options.dataDir, options.appUrl ? { appUrl: options.appUrl } : {});
  try {
    const location = path.join(options.dataDir, "pglite");
    fs.mkdirSync(location, { recursive: true });
    const pglite = await PGlite.create(location, { extensions });
    const db = drizzlePglite(pglite, { schema }) as unknown as Database;
    return {
      driver: "pglite",
      db,
      pglite,
      close: async () => {
        try {
          await pglite.close();
        } finally {
          release();
        }
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}

/** Runs raw SQL and returns its rows; both drivers answer with `{ rows }`. */
export async function queryRows<T>(db: Executor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
