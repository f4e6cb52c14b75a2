import { getTableName, is, sql } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import * as schema from "../../db/schema";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { openDatabase, queryRows, type DatabaseHandle, type Executor } from "../../db/client.server";
import { applyMigrations, migrationsFolder } from "../../db/migrate.server";
import { readFileSync } from "node:fs";
import path from "node:path";
import { createEmptyPgDatabase, databaseUrlFor, driverName, dropPgDatabase, openTestDatabase, type TestDatabase } from "../support/db";
import { createTestCampaign } from "../support/factories";

const journal = JSON.parse(readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")) as {
  entries: unknown[];
};

async function appliedMigrations(db: Executor): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`);
  return row?.n ?? 0;
}

async function publicTables(db: Executor): Promise<string[]> {
  const rows = await queryRows<{ table_name: string }>(
    db,
    sql`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
  );
  return rows.map((r) => r.table_name);
}

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe("migrations", () => {
  test("a fresh database gets every table and every migration recorded", async () => {
    // Every table db/schema.ts declares, and nothing else, exists after the migrations.
    const declared = (Object.values(schema) as unknown[])
      .filter((value): value is PgTable => is(value, PgTable))
      .map((table) => getTableName(table))
      .sort();
    expect(declared).toContain("signatures");
    expect(await publicTables(database.db)).toEqual(declared);
    expect(await appliedMigrations(database.db)).toBe(journal.entries.length);
  });

  test("applying the migrations again changes nothing and keeps the data", async () => {
    const campaign = await createTestCampaign(database.db);

    await applyMigrations(database);
    await applyMigrations(database);

    expect(await appliedMigrations(database.db)).toBe(journal.entries.length);
    const [row] = await queryRows<{ slug: string }>(database.db, sql`SELECT slug FROM campaigns WHERE id = ${campaign.id}`);
    expect(row?.slug).toBe(campaign.slug);
  });

  test.runIf(driverName === "pg")(
    "instances starting together on one fresh Postgres database take turns migrating, and all succeed",
    async () => {
      const name = await createEmptyPgDatabase();
      const handles: DatabaseHandle[] = [];
      cleanups.push(async () => {
        await Promise.all(handles.map((h) => h.close()));
        await dropPgDatabase(name);
      });
      for (let i = 0; i < 4; i++) {
        handles.push(await openDatabase({ databaseUrl: databaseUrlFor(name), dataDir: "memory://", poolSize: 2 }));
      }

      const results = await Promise.allSettled(handles.map((h) => applyMigrations(h)));

      expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "fulfilled", "fulfilled"]);
      expect(await appliedMigrations(handles[0]!.db)).toBe(journal.entries.length);
      expect(await publicTables(handles[0]!.db)).toContain("signatures");
    },
  );
});
