import { expect, test, type Page } from "@playwright/test";
import { OPEN_CAMPAIGN } from "./env";
import { fillSignForm, person, signForm, signInAsOrganizer, waitForHydration } from "./support";

/**
 * The security headers every page carries, and proof that the Content-Security-Policy breaks
 * nothing: pages load, hydrate and submit forms without a single policy violation in the console,
 * with JavaScript on and off, the email preview frame included.
 */

/**
 * Every breach of the Content-Security-Policy: the console's messages (a blocked script, style or
 * frame) and the page's securitypolicyviolation events, which also report an eval that was caught
 * (zod probes `new Function` unless told not to).
 */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (message) => {
    const text = message.text();
    if (/Content Security Policy|Content-Security-Policy|securitypolicyviolation/i.test(text)) violations.push(`${page.url()}: ${text}`);
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`securitypolicyviolation: ${event.effectiveDirective} blocked ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}`);
    });
  });
  return violations;
}

function expectSecurityHeaders(headers: Record<string, string>, what: string) {
  const policy = headers["content-security-policy"] ?? "";
  const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/=]{16,})'/.exec(policy)?.[1];
  expect(nonce, `${what}: script-src with a nonce in "${policy}"`).toBeTruthy();
  expect(policy, what).toContain("style-src 'self'");
  expect(policy, what).toContain("frame-ancestors 'none'");
  expect(policy, what).not.toContain("unsafe-inline");
  expect(policy, what).not.toContain("unsafe-eval");
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"], what).toContain("camera=()");
  // The e2e server runs in production mode.
  expect(headers["strict-transport-security"], what).toMatch(/^max-age=\d+/);
  return nonce!;
}

test("every kind of response carries the security headers, with a fresh nonce each time", async ({ request }) => {
  const nonces = new Set<string>();
  for (const path of ["/", `/c/${OPEN_CAMPAIGN}`, "/org/sign-in", "/no/such/page", "/healthz", "/favicon.svg", `/c/${OPEN_CAMPAIGN}.data`]) {
    const reply = await request.get(path, { maxRedirects: 0 });
    nonces.add(expectSecurityHeaders(reply.headers(), path));
  }
  expect(nonces.size).toBe(7);
  // The nonce in the header is the one on the page's scripts.
  const page = await request.get(`/c/${OPEN_CAMPAIGN}`);
  const nonce = expectSecurityHeaders(page.headers(), "campaign page");
  const html = await page.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) if (!/\bsrc=/.test(tag)) expect(tag).toContain(`nonce="${nonce}"`);
  expect(html).not.toMatch(/\sstyle="/);
});

test("with JavaScript on, pages hydrate and a form submits without a policy violation", async ({ page }) => {
  const violations = await watchViolations(page);
  for (const path of ["/", `/c/${OPEN_CAMPAIGN}`, "/org/sign-in"]) {
    await page.goto(path);
    await waitForHydration(page, "main");
  }
  await page.goto(`/c/${OPEN_CAMPAIGN}`);
  await waitForHydration(page, "form");
  await fillSignForm(page, person("csp"));
  await signForm(page).submit.click();
  await expect(page).toHaveURL(/\/check-email$/);

  await signInAsOrganizer(page);
  for (const path of ["/org", `/org/c/${OPEN_CAMPAIGN}`, `/org/c/${OPEN_CAMPAIGN}/signers`, `/org/c/${OPEN_CAMPAIGN}/pledges`, `/org/c/${OPEN_CAMPAIGN}/edit`]) {
    await page.goto(path);
    await waitForHydration(page, "main");
  }
  // The update preview is an email with inline styles, in a frame: it shows, and breaks no policy.
  await page.goto(`/org/c/${OPEN_CAMPAIGN}/updates`);
  await waitForHydration(page);
  await page.getByLabel("Subject", { exact: true }).fill("Preview under the policy");
  await page.getByLabel("Text", { exact: true }).fill("Hello **everyone**.");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page).toHaveURL(/\/updates\/\d+$/);
  const preview = page.frameLocator("iframe[title='Preview of the update email']");
  await expect(preview.getByText("Preview under the policy", { exact: true })).toBeVisible();
  await expect(preview.locator("strong", { hasText: "everyone" })).toBeVisible();
  expect(violations).toEqual([]);
});

test.describe("with JavaScript off", () => {
  test.use({ javaScriptEnabled: false });
  test("a form still submits and pages raise no policy violation", async ({ page }) => {
    const violations = await watchViolations(page);
    await page.goto("/org/sign-in");
    await page.getByLabel("Email", { exact: true }).fill("nobody@example.org");
    await page.getByLabel("Password", { exact: true }).fill("not the password at all");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("That email and password do not match", { exact: false })).toBeVisible();
    expect(violations).toEqual([]);
  });
});

test("an email preview may be framed by the site only, and runs nothing", async ({ page, request }) => {
  await signInAsOrganizer(page);
  const draft = await page.request.post(`/org/c/${OPEN_CAMPAIGN}/updates`, {
    form: { intent: "create", subject: "Framed preview", body: "Hello." },
    maxRedirects: 0,
  });
  const updatePath = draft.headers()["location"]!;
  expect(updatePath).toMatch(/\/updates\/\d+$/);
  const reply = await page.request.get(`${updatePath}/preview`);
  expect(reply.status()).toBe(200);
  expect(await reply.text()).toContain("Framed preview");
  const policy = reply.headers()["content-security-policy"] ?? "";
  expect(policy).toContain("frame-ancestors 'self'");
  expect(policy).toContain("default-src 'none'");
  expect(policy).toContain("sandbox");
  expect(policy).not.toContain("script-src");
  expect(reply.headers()["x-frame-options"]).toBe("SAMEORIGIN");
  // Someone else's session gets nothing.
  expect((await request.get(`${updatePath}/preview`, { maxRedirects: 0 })).status()).toBe(302);
});
