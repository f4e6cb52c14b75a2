import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import { afterAll, expect, test } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../db/client.server";
import { applyMigrations } from "../../db/migrate.server";
import { auditLog, signatures, type Campaign } from "../../db/schema";
import { csvObjects } from "../support/csv";
import { driverName, openTestDatabase } from "../support/db";
import { createTestCampaign } from "../support/factories";
import { createMember } from "../support/organizer-factories";

/** `npm run export` as an organizer types it: a real process on a real database of this driver. */

const run = promisify(execFile);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "picket-export-cli-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A database the script can open too: the test server's on pg, a PGlite folder otherwise. */
async function sharedDatabase(): Promise<{ handle: DatabaseHandle; env: Record<string, string> }> {
  if (driverName === "pg") {
    const handle = await openTestDatabase();
    afterAll(() => handle.close());
    return { handle, env: { DATABASE_URL: handle.url! } };
  }
  const handle = await openDatabase({ dataDir: path.join(dir, "data") });
  await applyMigrations(handle);
  return { handle, env: { DATA_DIR: path.join(dir, "data") } };
}

const { handle, env } = await sharedDatabase();
const { db } = handle;
const owner = await createMember(db, "owner");
const campaign: Campaign = await createTestCampaign(db, { groupId: owner.group.id });
for (const [firstName, country, confirmed, hidden] of [["Rosa", "DE", true, false], ["Karl", "DE", false, false], ["Lucy", "US", true, true]] as const) {
  const email = `${firstName.toLowerCase()}-${campaign.id}@example.org`;
  await db.insert(signatures).values({
    campaignId: campaign.id,
    firstName,
    lastName: "X",
    email,
    emailNormalized: email,
    country,
    locale: "en",
    message: `Message from ${firstName}`,
    messageHiddenAt: hidden ? new Date() : null,
    confirmedAt: confirmed ? new Date() : null,
  });
}
// Only one process may open a PGlite folder at a time.
if (driverName === "pglite") await handle.close();

const cli = (args: string[]) =>
  run("npx", ["tsx", "scripts/export.ts", ...args], { env: { ...process.env, ...env, NODE_ENV: "test" }, encoding: "utf8" }).catch(
    (err: { code: number; stdout: string; stderr: string }) => err,
  );

test("writes the CSV to a file only its owner can read, and audits it as a shell export", async () => {
  const out = path.join(dir, "signers.csv");
  const result = await cli(["--campaign", campaign.slug, "--out", out, "--country", "DE", "--all", "--columns", "name,country"]);
  expect(result.stderr).toContain(`Exported 2 signers of "${campaign.title}" to ${out}.`);
  expect(fs.statSync(out).mode & 0o777).toBe(0o600);
  expect(csvObjects(fs.readFileSync(out, "utf8"))).toEqual([
    { "First name": "Rosa", "Last name": "X", Country: "DE" },
    { "First name": "Karl", "Last name": "X", Country: "DE" },
  ]);
  const reopened = driverName === "pg" ? handle : await openDatabase({ dataDir: env.DATA_DIR! });
  try {
    const [entry] = await reopened.db.select().from(auditLog).where(eq(auditLog.campaignId, campaign.id));
    expect(entry).toMatchObject({ action: "signers.export", actorId: null, details: { via: "cli", status: "all", country: "DE", outcome: "complete", rows: 2 } });
  } finally {
    if (driverName === "pglite") await reopened.close();
  }
}, 60_000);

test("confirmed signers to standard output by default; bad options and unknown campaigns say what is wrong", async () => {
  const ok = await cli(["--campaign", campaign.slug]);
  expect(csvObjects(ok.stdout).map((r) => [r["First name"], r["Message"], r["Message hidden by a moderator"]])).toEqual([
    ["Rosa", "Message from Rosa", "no"],
    ["Lucy", "Message from Lucy", "yes"],
  ]);
  const bad = await cli(["--campaign", campaign.slug, "--from", "2026-13-01", "--columns", "name,password"]);
  expect(bad).toMatchObject({ code: 1, stdout: "" });
  expect(bad.stderr).toContain("--from: Enter a date like 2026-03-01.");
  expect(bad.stderr).toContain("--columns: Choose columns from the list.");
  const unknown = await cli(["--campaign", "no-such-campaign"]);
  expect(unknown).toMatchObject({ code: 1, stdout: "" });
  expect(unknown.stderr).toContain('No campaign has the slug "no-such-campaign".');
}, 60_000);
