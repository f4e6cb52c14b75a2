import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { ARTIFACTS_DIR, OPEN_CAMPAIGN } from "./env";
import { formFields, person, publishCampaignThroughForm, signInAsOrganizer, waitForHydration } from "./support";

/**
 * Pages seen from browsers far from the server: French in Kiritimati (UTC+14, already tomorrow)
 * and Mexican Spanish in Mexico City (UTC−6). The server renders each page, the browser hydrates
 * it; any difference between the two (a date written in another language or time zone) is a
 * "Hydration failed" error in the console. Every page must load without a single console error,
 * and say its dates and counts in the page's language.
 */
const BROWSERS = [
  {
    language: "fr",
    locale: "fr-FR",
    timezoneId: "Pacific/Kiritimati",
    viewport: { width: 360, height: 740 },
    // 23:30 UTC on the 15th is already the 16th in Kiritimati: the page must still say the 15th.
    closes: "15 janvier 2031",
    count: "0 signature sur 1",
  },
  {
    language: "es",
    locale: "es-MX",
    timezoneId: "America/Mexico_City",
    viewport: { width: 1280, height: 800 },
    closes: "15 de enero de 2031",
    count: "0 de 1 firma",
  },
] as const;

type Locale = (typeof BROWSERS)[number];

async function localeContext(browser: Browser, b: Locale, baseURL?: string): Promise<{ context: BrowserContext; errors: string[] }> {
  const context = await browser.newContext({
    locale: b.locale,
    timezoneId: b.timezoneId,
    viewport: b.viewport,
    extraHTTPHeaders: { "Accept-Language": `${b.locale},${b.language};q=0.9` },
    ...(baseURL ? { baseURL } : {}),
  });
  const errors: string[] = [];
  context.on("console", (m) => {
    // The dev mailbox shows each email in a sandboxed frame; Chromium reports the sandbox refusing
    // scripts it did not come with (the emails carry none). That is the sandbox working.
    // The frame is the message's own route (/dev/mailbox/:id/html) since the CSP work.
    const sandboxNotice = /^Blocked script execution in '[^']*\/dev\/mailbox\/\d+\/html' because the document's frame is sandboxed/;
    if (m.type() === "error" && !sandboxNotice.test(m.text())) errors.push(`${m.page()?.url()}: ${m.text()}`);
  });
  context.on("weberror", (e) => errors.push(`${e.page()?.url()}: ${e.error().message}`));
  return { context, errors };
}

/** Opens a page, waits until React has hydrated the whole document, keeps a screenshot. */
async function visit(page: Page, url: string, shot: string): Promise<void> {
  const response = await page.goto(url);
  expect(response?.status(), url).toBe(200);
  await waitForHydration(page, "body");
  // Hydration errors are reported once React has compared the whole tree; let it finish.
  await page.waitForLoadState("networkidle");
  await page.screenshot({ path: path.join(ARTIFACTS_DIR, "locales", `${shot}.png`), fullPage: true });
}

for (const b of BROWSERS) {
  test(`public and organizer pages hydrate cleanly in a ${b.locale} browser in ${b.timezoneId}`, async ({ browser }) => {
    const { context, errors } = await localeContext(browser, b);
    const page = await context.newPage();
    await signInAsOrganizer(page);

    const slug = await test.step(`an organizer publishes a campaign in ${b.language} that closes late on a UTC day`, async () => {
      return publishCampaignThroughForm(page, {
        title: `Locales ${b.language} ${randomBytes(3).toString("hex")}`,
        summary: "Solidarity across time zones.",
        body: "Sign to show the **time zones** agree.",
        target: "The Calendar Office",
        goal: "1",
        language: b.language,
        closesAt: "2031-01-15T23:30",
      });
    });

    await test.step("its public page says the UTC closing day and the count in its language", async () => {
      await visit(page, `/c/${slug}`, `${b.language}-campaign`);
      await expect(page.locator(".thermometer__figures")).toHaveText(b.count);
      await expect(page.getByText(b.closes)).toBeVisible();
    });

    await test.step("organizer pages, with their dates, counts and charts", async () => {
      await visit(page, "/org", `${b.language}-org`);
      const groupLinks = await page.locator('a[href^="/org/groups/"]').evaluateAll((as) => [...new Set(as.map((a) => a.getAttribute("href")!))]);
      expect(groupLinks.length).toBeGreaterThan(0);
      const pages = [
        ...groupLinks,
        ...[slug, OPEN_CAMPAIGN].flatMap((s) => [`/org/c/${s}`, `/org/c/${s}/signers`, `/org/c/${s}/updates`, `/org/c/${s}/export`, `/org/c/${s}/pledges`, `/org/c/${s}/preview`]),
      ];
      for (const url of pages) await visit(page, url, `${b.language}${url.replace(slug, "new-campaign").replace(/\//g, "_")}`);
    });

    expect(errors).toEqual([]);
    await context.close();
  });
}

/**
 * The dev mailbox exists only where mail is not sent (`npm run dev` without a Resend key), so it
 * gets its own server: the same build, in development, on the embedded database.
 */
test.describe("the dev mailbox", () => {
  let server: ChildProcess | undefined;
  let baseURL = "";
  let dataDir = "";

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    dataDir = mkdtempSync(path.join(tmpdir(), "picket-e2e-mailbox-"));
    const child = spawn(process.execPath, ["build/server.js"], {
      env: { PATH: process.env.PATH ?? "", NODE_ENV: "development", PORT: "0", DATA_DIR: dataDir, SEED_DEMO: "auto", RUN_WORKER: "true" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    server = child;
    baseURL = await new Promise<string>((resolve, reject) => {
      let output = "";
      const timer = setTimeout(() => reject(new Error(`the dev server did not start:\n${output}`)), 110_000);
      const read = (chunk: Buffer) => {
        output += chunk.toString();
        const listening = /listening on (http:\/\/localhost:\d+)/.exec(output);
        if (listening) {
          clearTimeout(timer);
          resolve(listening[1]!.replace("localhost", "127.0.0.1"));
        }
      };
      child.stdout!.on("data", read);
      child.stderr!.on("data", read);
      child.on("exit", (code) => reject(new Error(`the dev server exited (${code}):\n${output}`)));
    });
  });

  test.afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server!.once("exit", resolve));
      server.kill("SIGTERM");
      await exited;
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  for (const b of BROWSERS) {
    test(`lists and shows messages in a ${b.locale} browser in ${b.timezoneId} without a hydration error`, async ({ browser, playwright }) => {
      const api = await playwright.request.newContext({ baseURL });
      const signer = person(`mailbox-${b.language}`);
      const signed = await api.post(`/c/${OPEN_CAMPAIGN}`, { form: formFields(signer), maxRedirects: 0 });
      expect(signed.status()).toBe(302);
      await expect
        .poll(async () => (await (await api.get("/dev/mailbox")).text()).includes(signer.email), { timeout: 30_000 })
        .toBe(true);
      await api.dispose();

      const { context, errors } = await localeContext(browser, b, baseURL);
      const page = await context.newPage();
      await visit(page, "/dev/mailbox", `${b.language}-dev-mailbox`);
      expect(errors).toEqual([]);
      const row = page.locator("tr", { hasText: signer.email });
      await expect(row).toContainText("UTC");
      await row.getByRole("link").click();
      await expect(page).toHaveURL(/\/dev\/mailbox\/\d+$/);
      await visit(page, page.url(), `${b.language}-dev-mailbox-message`);
      await expect(page.locator("dd", { hasText: "UTC" })).toBeVisible();
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
