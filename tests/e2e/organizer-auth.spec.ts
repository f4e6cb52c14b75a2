import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import type { FakeEmail } from "../support/fake-resend";
import { APP_URL } from "./env";
import { DEMO_OWNER, emailsTo, waitForHydration } from "./support";

/**
 * An organizer signing in and out: with the demo owner's password, with a wrong one, and with
 * an emailed sign-in link read from the fake Resend. The demo seed (PGlite e2e server, or
 * `npm run db:seed` for the Postgres run) creates the account.
 */
const OWNER = DEMO_OWNER;

function signInForm(page: Page) {
  return {
    email: page.getByLabel("Email", { exact: true }),
    password: page.getByLabel("Password", { exact: true }),
    submit: page.getByRole("button", { name: "Sign in" }),
  };
}

/** Signed in: the account page opens (rather than the sign-in page) and names the organizer. */
async function expectSignedIn(page: Page): Promise<void> {
  await page.goto("/org/account");
  await expect(page).toHaveURL(`${APP_URL}/org/account`);
  await expect(page.getByRole("heading", { name: "Your account", level: 1 })).toBeVisible();
  await expect(page.getByText(OWNER.email)).toBeVisible();
  await expect(page.getByRole("link", { name: OWNER.name })).toBeVisible();
}

async function expectSignedOut(page: Page): Promise<void> {
  await page.goto("/org/account");
  await expect(page).toHaveURL(`${APP_URL}/org/sign-in?next=%2Forg%2Faccount`);
  await expect(page.getByRole("heading", { name: "Sign in", level: 1 })).toBeVisible();
}

async function waitForSignInLink(request: APIRequestContext, address: string, after: number): Promise<string> {
  let found: FakeEmail | undefined;
  await expect
    .poll(
      async () => {
        found = (await emailsTo(request, address)).filter((e) => e.subject === "Your Picket sign-in link" && e.receivedAt >= after).at(-1);
        return found !== undefined;
      },
      { message: `a sign-in link should reach ${address}`, timeout: 20_000, intervals: [250, 250, 500] },
    )
    .toBe(true);
  const pattern = new RegExp(`${APP_URL.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/org/magic/[A-Za-z0-9_-]{43}(?:\\?next=[A-Za-z0-9%._-]+)?`);
  const inText = pattern.exec(found!.text ?? "")?.[0];
  expect(inText, `sign-in link in:\n${found!.text}`).toBeTruthy();
  expect(pattern.exec(found!.html ?? "")?.[0], "the HTML part links to the same address").toBe(inText);
  return inText!;
}

test("the demo owner signs in with their password, reaches the organizer pages, and signs out", async ({ page }) => {
  await expectSignedOut(page);
  await waitForHydration(page, "form#sign-in");
  const form = signInForm(page);
  await form.email.fill(OWNER.email);
  await form.password.fill(OWNER.password);
  await form.submit.click();
  // Back where they were going (the account page asked them to sign in).
  await expect(page).toHaveURL(`${APP_URL}/org/account`);
  await expectSignedIn(page);

  const home = await page.goto("/org");
  // The organizer home lands separately; when it exists it shows the signed-in frame.
  if (home?.status() === 200) await expect(page.getByRole("link", { name: OWNER.name })).toBeVisible();

  await page.goto("/org/account");
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(`${APP_URL}/`);
  await expectSignedOut(page);
});

for (const javaScript of [true, false]) {
  test(`a wrong password is refused with a 4xx and an error next to the field (JavaScript ${javaScript ? "on" : "off"})`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: javaScript });
    const page = await context.newPage();
    await page.goto("/org/sign-in");
    if (javaScript) await waitForHydration(page, "form#sign-in");
    const form = signInForm(page);
    await form.email.fill(OWNER.email);
    await form.password.fill("not the demo password");
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/org/sign-in")),
      form.submit.click(),
    ]);
    expect(response.status()).toBe(400);

    const id = await form.password.getAttribute("id");
    const error = page.locator(`p.error#${id}-error`);
    await expect(error).toHaveText("That email and password do not match. Check both, or use a sign-in link.");
    await expect(form.password).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator(".field", { has: error }).locator(`#${id}`)).toHaveCount(1);
    // The email stays; the password does not.
    await expect(form.email).toHaveValue(OWNER.email);
    await expect(form.password).toHaveValue("");
    await expectSignedOut(page);
    await context.close();
  });
}

test("wrong passwords from one browser are slowed with a 429, a Retry-After header and a message in minutes", async ({ browser }) => {
  // An address without an account counts exactly like a real one, and leaves the demo owner alone.
  const target = `throttle-${Date.now()}@example.org`;
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const statuses: number[] = [];
  let last;
  for (let i = 0; i < 6; i++) {
    await page.goto("/org/sign-in");
    const form = signInForm(page);
    await form.email.fill(target);
    await form.password.fill(`wrong guess number ${i}`);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/org/sign-in")),
      form.submit.click(),
    ]);
    statuses.push(response.status());
    last = response;
  }
  expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
  const retryAfter = Number(await last!.headerValue("retry-after"));
  expect(retryAfter).toBeGreaterThan(14 * 60);
  expect(retryAfter).toBeLessThanOrEqual(15 * 60);
  await expect(page.getByRole("alert")).toHaveText(
    "Too many sign-in attempts from here. Try again in 15 minutes, or ask for a sign-in link by email.",
  );
  await context.close();

  // With JavaScript the form posts by fetch: that answer says when to come back too.
  const scripted = await browser.newContext();
  const again = await scripted.newPage();
  await again.goto("/org/sign-in");
  await waitForHydration(again, "form#sign-in");
  const form = signInForm(again);
  await form.email.fill(target);
  await form.password.fill("one more wrong guess");
  const [response] = await Promise.all([
    again.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/org/sign-in")),
    form.submit.click(),
  ]);
  expect(response.status()).toBe(429);
  expect(Number(await response.headerValue("retry-after"))).toBeGreaterThan(14 * 60);
  await expect(again.getByRole("alert")).toContainText("Try again in 15 minutes");
  await scripted.close();
});

test("an emailed sign-in link: ask for it, open it, press the button, be signed in where you were going; it works once", async ({ page, request }) => {
  const asked = Date.now();
  // Sent to sign in on the way to the account page: the emailed link leads back there.
  await page.goto("/org/account");
  await expect(page).toHaveURL(`${APP_URL}/org/sign-in?next=%2Forg%2Faccount`);
  await page.getByRole("link", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Sign in with an emailed link", level: 1 })).toBeVisible();
  await waitForHydration(page, "form#magic-link");
  await page.getByLabel("Email", { exact: true }).fill(OWNER.email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email", level: 1 })).toBeVisible();

  const link = await waitForSignInLink(request, OWNER.email, asked);
  // Opening the link (as a mail scanner would) signs nobody in.
  const opened = await page.goto(link);
  expect(opened?.status()).toBe(200);
  await expect(page.getByRole("heading", { name: "Sign in to Picket", level: 1 })).toBeVisible();
  await expect(page.getByText(OWNER.email)).toBeVisible();
  await page.getByRole("button", { name: "Sign me in" }).click();
  await expect(page).toHaveURL(`${APP_URL}/org/account`);
  await expectSignedIn(page);

  const again = await page.goto(link);
  expect(again?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "This link does not work", level: 1 })).toBeVisible();
});

test("asking for a link for an unknown address gets the same answer, and no email", async ({ page, request }) => {
  const nobody = `e2e-nobody-${Date.now()}@example.org`;
  await page.goto("/org/forgot-password");
  await page.getByLabel("Email", { exact: true }).fill(nobody);
  await page.getByRole("button", { name: "Email me a reset link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email", level: 1 })).toBeVisible();
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  expect(await emailsTo(request, nobody)).toEqual([]);
});
