import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import type { DatabaseHandle } from "./client.server";

const here = path.dirname(fileURLToPath(import.meta.url));
/** db/migrations: next to this file when it runs from source, one level up from build/ when bundled (build/server.js). */
export const migrationsFolder = [path.join(here, "migrations"), path.join(here, "..", "db", "migrations")].find((dir) => fs.existsSync(dir)) ?? path.join(here, "migrations");

/** Any fixed 64-bit number; shared by every Picket instance so only one migrates at a time. */
const MIGRATION_LOCK_KEY = 7_304_219_553;

/**
 * Applies pending drizzle-kit migrations. On Postgres this holds a session advisory lock on one
 * dedicated connection, so instances starting together take turns and the later ones find
 * nothing left to do.
 */
export async function applyMigrations(handle: DatabaseHandle, folder = migrationsFolder): Promise<void> {
  if (handle.driver === "pglite") {
    // One process owns an embedded database, so there is nobody to race with.
    await migratePglite(drizzlePglite(handle.pglite), { migrationsFolder: folder });
    return;
  }
  const client = await handle.pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    try {
      await migratePg(drizzlePg(client), { migrationsFolder: folder });
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}
