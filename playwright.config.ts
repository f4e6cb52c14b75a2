import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import {
  APP_PORT,
  APP_URL,
  ARTIFACTS_DIR,
  E2E_DATA_DIR,
  E2E_DATABASE_URL,
  FAKE_RESEND_PORT,
  FAKE_RESEND_URL,
  RESEND_API_KEY,
  SERVER_LOG,
} from "./tests/e2e/env";

/**
 * Browser tests against the production build (run `npm run build` first; tests/run-all.sh does).
 *
 * Two servers are started: the fake Resend API, and the app in production mode sending mail to it.
 * The app uses a fresh embedded database under tests/.artifacts/e2e-data (wiped on every start,
 * then seeded with the demo campaigns), or E2E_DATABASE_URL when set — that database must already
 * exist and be seeded (`npm run db:seed`), as tests/run-all.sh does.
 *
 * Tests run one at a time: several of them assert that a campaign's count rose by exactly one,
 * or did not move at all, which only holds when no other test is signing at the same moment.
 */
const CHROMIUM = process.env.E2E_CHROMIUM_PATH || "/usr/bin/chromium";
const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * Specs about the browser and HTTP layers, which behave the same on either database. tests/run-all.sh
 * runs its two e2e passes (PGlite, Postgres) side by side with E2E_SHARE set, and each of these
 * specs runs in one pass only; every other spec runs in both. Without E2E_SHARE all specs run.
 */
const ONE_PASS_SPECS = {
  pglite: ["keyboard", "phone", "validation", "locales", "emails", "organizer-layout", "http-guards"],
  postgres: ["one-press", "email-typo", "malformed-requests", "site-footer", "security-headers"],
} as const;
const SHARE = process.env.E2E_SHARE as keyof typeof ONE_PASS_SPECS | undefined;
if (SHARE !== undefined && !(SHARE in ONE_PASS_SPECS)) throw new Error(`E2E_SHARE must be pglite or postgres, got ${SHARE}`);
const testIgnore = SHARE
  ? Object.entries(ONE_PASS_SPECS)
      .filter(([pass]) => pass !== SHARE)
      .flatMap(([, specs]) => specs.map((spec) => `**/${spec}.spec.ts`))
  : [];

export default defineConfig({
  testDir: "tests/e2e",
  testIgnore,
  outputDir: path.join(ARTIFACTS_DIR, "test-results"),
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: "list",
  use: {
    baseURL: APP_URL,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    locale: "en-US",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: CHROMIUM,
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
          ],
        },
      },
    },
  ],
  webServer: [
    {
      name: "fake-resend",
      command: "npx tsx tests/support/fake-resend-cli.ts",
      url: `${FAKE_RESEND_URL}/_fake/stats`,
      env: { FAKE_RESEND_PORT: String(FAKE_RESEND_PORT), FAKE_RESEND_API_KEY: RESEND_API_KEY },
      reuseExistingServer: false,
      timeout: 30_000,
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    },
    {
      name: "picket",
      // The embedded database is created afresh on every run; the app seeds the demo into it.
      // The production server as `npm start` runs it: the bundle `npm run build` makes.
      // Its output goes to SERVER_LOG, not the test run's: tests assert the lines they provoke
      // (a refused cross-site form logs one line), and a passing run stays quiet.
      command: `rm -rf ${shellQuote(E2E_DATA_DIR)} && mkdir -p ${shellQuote(ARTIFACTS_DIR)} && exec node --max-semi-space-size=16 build/server.js >${shellQuote(SERVER_LOG)} 2>&1`,
      url: `${APP_URL}/healthz`,
      env: {
        NODE_ENV: "production",
        PORT: String(APP_PORT),
        APP_URL,
        // Empty means "embedded database": a DATABASE_URL from the caller's shell must not leak in.
        DATABASE_URL: E2E_DATABASE_URL ?? "",
        DATA_DIR: E2E_DATA_DIR,
        SESSION_SECRET: "e2e-session-secret-0123456789abcdef0123456789",
        RESEND_API_KEY,
        RESEND_BASE_URL: FAKE_RESEND_URL,
        // The default (picket@localhost) is refused by Resend, and so by the fake.
        MAIL_FROM: "Picket <picket@example.org>",
        MAIL_RATE_LIMIT: "8",
        RUN_WORKER: "true",
        SEED_DEMO: "auto",
        TRUST_PROXY: "loopback",
      },
      stdout: "ignore",
      reuseExistingServer: false,
      timeout: 90_000,
      gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    },
  ],
});
