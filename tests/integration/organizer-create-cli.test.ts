import { execFile, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, expect, test } from "vitest";
import { openDatabase } from "../../db/client.server";
import { LOCK_FILE } from "../../db/data-dir-lock.server";
import { applyMigrations } from "../../db/migrate.server";
import { findLinkOrganizer } from "~/lib/auth-tokens.server";
import { findOrganizerByEmail } from "~/lib/organizers.server";
import { uniqueSuffix } from "../support/factories";

/**
 * `npm run organizer:create` as an operator types it, on the embedded database (the only one
 * with a data folder to share), so this file runs the same on either TEST_DRIVER.
 */
const run = promisify(execFile);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "picket-organizer-cli-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const dataDir = path.join(dir, "data");

const cli = (email: string, env: Record<string, string> = {}) =>
  run("npx", ["tsx", "scripts/organizer-create.ts", "--email", email, "--name", "Rosa Luxemburg", "--group", "Strike support"], {
    env: { ...process.env, DATABASE_URL: "", APP_URL: "", PORT: "", DATA_DIR: dataDir, NODE_ENV: "test", ...env },
    encoding: "utf8",
  }).then(
    (ok) => ({ code: 0, stdout: ok.stdout, stderr: ok.stderr }),
    (err: { code: number; stdout: string; stderr: string }) => err,
  );

/** Runs `check` on the data folder's database, then lets go of it. */
async function inDataDir<T>(check: (db: Awaited<ReturnType<typeof openDatabase>>["db"]) => Promise<T>): Promise<T> {
  const handle = await openDatabase({ dataDir });
  try {
    await applyMigrations(handle);
    return await check(handle.db);
  } finally {
    await handle.close();
  }
}

test("while another process holds the embedded database it refuses, names that process, and changes nothing", async () => {
  const email = `held-${uniqueSuffix()}@example.org`;
  const holder = await openDatabase({ dataDir, appUrl: "http://localhost:4999" });
  let result;
  try {
    result = await cli(email);
  } finally {
    await holder.close();
  }
  expect(result.code).toBe(1);
  expect(result.stdout).not.toContain("Created");
  expect(result.stderr).toContain(`is in use by the app at http://localhost:4999 (process ${process.pid}); nothing was changed.`);
  expect(result.stderr).toContain("stop the app");
  expect(await inDataDir((db) => findOrganizerByEmail(db, email))).toBeNull();
}, 60_000);

test("a lock left by a process that has ended is taken over; the link uses APP_URL and signs in", async () => {
  const dead = spawnSync(process.execPath, ["-e", ""]).pid!;
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(path.join(dataDir, LOCK_FILE), JSON.stringify({ pid: dead }));
  const email = `stale-${uniqueSuffix()}@example.org`;

  const result = await cli(email, { APP_URL: "https://picket.example.org" });

  expect(result.code).toBe(0);
  const token = /https:\/\/picket\.example\.org\/org\/magic\/([A-Za-z0-9_-]{43})\n/.exec(result.stdout)?.[1];
  expect(token).toBeDefined();
  expect(result.stdout).not.toContain("localhost");
  expect(fs.existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
  expect((await inDataDir((db) => findLinkOrganizer(db, token!, "magic-link")))?.email).toBe(email);
}, 60_000);

test("without APP_URL the link is on PORT, and says that it assumes so", async () => {
  const result = await cli(`port-${uniqueSuffix()}@example.org`, { PORT: "4123" });
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/http:\/\/localhost:4123\/org\/magic\/[A-Za-z0-9_-]{43}\n/);
  expect(result.stdout).toContain("APP_URL is not set, so this link assumes the app runs on port 4123");
}, 60_000);
