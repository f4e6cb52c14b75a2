/**
 * Where the e2e servers listen. Shared by playwright.config.ts (which starts them) and the specs
 * (which talk to them); plain constants, so the config can import this without pulling in tests.
 */
import path from "node:path";

const port = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0 || value > 65535) throw new Error(`${name} must be a TCP port, got ${process.env[name]}`);
  return value;
};

export const APP_PORT = port("E2E_APP_PORT", 4610);
export const FAKE_RESEND_PORT = port("E2E_FAKE_RESEND_PORT", 4611);
export const APP_URL = `http://127.0.0.1:${APP_PORT}`;
export const FAKE_RESEND_URL = `http://127.0.0.1:${FAKE_RESEND_PORT}`;
/** The app must send with this key, and the fake accepts no other. */
export const RESEND_API_KEY = "re_test_picket_e2e_0000000000";

/**
 * Everything the e2e run writes (screenshots, traces, the embedded database) lives here. Two runs
 * side by side (tests/run-all.sh: PGlite and Postgres) each get their own.
 */
export const ARTIFACTS_DIR = process.env.E2E_ARTIFACTS_DIR?.trim()
  ? path.resolve(process.env.E2E_ARTIFACTS_DIR.trim())
  : path.resolve(import.meta.dirname, "..", ".artifacts");
/** The app server's output (stdout and stderr) for this run: read it when a test fails. */
export const SERVER_LOG = path.join(ARTIFACTS_DIR, "server.log");
/** Wiped each time the app server starts, so every run begins from the seeded demo data. */
export const E2E_DATA_DIR = path.join(ARTIFACTS_DIR, "e2e-data");

/** Postgres database to run against instead of the embedded one (created and seeded by tests/run-all.sh). */
export const E2E_DATABASE_URL = process.env.E2E_DATABASE_URL?.trim() || undefined;

export const OPEN_CAMPAIGN = "canada-post-solidarity";
export const CLOSED_CAMPAIGN = "strike-wave-48-factories";
