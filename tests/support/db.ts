import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, type DatabaseHandle } from "../../db/client.server";
import { applyMigrations } from "../../db/migrate.server";

/**
 * The database the integration suite runs against, chosen by TEST_DRIVER:
 * - `pglite` (default): a fresh in-memory PGlite per call;
 * - `pg`: a fresh, uniquely named database on the server at TEST_DATABASE_URL, dropped on close.
 * The suite is run once per driver with the same test files.
 */
export type TestDriver = "pglite" | "pg";

function readDriver(value: string | undefined): TestDriver {
  if (value === undefined || value === "" || value === "pglite") return "pglite";
  if (value === "pg") return "pg";
  throw new Error(`TEST_DRIVER must be "pglite" or "pg", not ${JSON.stringify(value)}`);
}

export const driverName: TestDriver = readDriver(process.env.TEST_DRIVER);

export const serverUrl = process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";

export type TestDatabase = DatabaseHandle & {
  /** pg only: the URL of the database created for this call (a second handle may open it). */
  url: string | undefined;
};

/** The same server URL pointing at another database (query string kept). */
export function databaseUrlFor(name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function onServer<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty database on the test server and returns its name; nothing is migrated. */
export async function createEmptyPgDatabase(): Promise<string> {
  const name = `picket_test_${Date.now().toString(36)}_${process.pid}_${randomBytes(4).toString("hex")}`;
  await onServer((client) => client.query(`CREATE DATABASE "${name}"`));
  return name;
}

/**
 * Drops a test database. A closed pg pool says goodbye to the server asynchronously, so wait
 * (briefly) for its sessions to leave: forcing them out makes the app's pool log errors.
 */
export async function dropPgDatabase(name: string): Promise<void> {
  await onServer(async (client) => {
    const deadline = Date.now() + 5000;
    for (;;) {
      const { rows } = await client.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1",
        [name],
      );
      if ((rows[0]?.n ?? 0) === 0 || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
}

export interface OpenTestDatabaseOptions {
  /** Apply the migrations (default true). */
  migrate?: boolean;
}

/** A fresh, migrated database for the chosen driver. Call `close()` when done (pg also drops it). */
export async function openTestDatabase(options: OpenTestDatabaseOptions = {}): Promise<TestDatabase> {
  const migrate = options.migrate ?? true;
  if (driverName === "pglite") {
    const handle = await openDatabase({ dataDir: "memory://" });
    if (migrate) await applyMigrations(handle);
    return Object.assign(handle, { url: undefined });
  }
  const name = await createEmptyPgDatabase();
  const url = databaseUrlFor(name);
  let handle: DatabaseHandle;
  try {
    handle = await openDatabase({ databaseUrl: url, dataDir: "memory://", poolSize: 20 });
    if (migrate) await applyMigrations(handle);
  } catch (err) {
    await dropPgDatabase(name);
    throw err;
  }
  const closePool = handle.close;
  return Object.assign(handle, {
    url,
    async close() {
      try {
        await closePool();
      } finally {
        await dropPgDatabase(name);
      }
    },
  });
}
