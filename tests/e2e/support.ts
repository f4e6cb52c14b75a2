/**
 * Helpers shared by the e2e specs: unique people, the sign form, the signature count and the
 * fake Resend inbox (read over its HTTP control endpoints, since it runs in another process).
 */
import { randomBytes } from "node:crypto";
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import type { FakeEmail } from "../support/fake-resend";
import { APP_URL, FAKE_RESEND_URL } from "./env";

export interface Person {
  firstName: string;
  lastName: string;
  email: string;
  country: string;
  postalCode?: string;
  organization?: string;
  message?: string;
  showName?: boolean;
  updates?: boolean;
}

/** An address no other test (or earlier run against the same database) has used. */
export function uniqueEmail(tag: string): string {
  return `e2e-${tag}-${Date.now()}-${randomBytes(4).toString("hex")}@example.org`;
}

export function person(tag: string, overrides: Partial<Person> = {}): Person {
  return {
    firstName: "Rosa",
    lastName: "Parkhurst",
    email: uniqueEmail(tag),
    country: "CA",
    postalCode: "K1A 0B1",
    organization: "CUPW Local 1",
    message: "Solidarity from the e2e suite.",
    showName: false,
    updates: true,
    ...overrides,
  };
}

/** The sign form's controls, found the way a person finds them: by their visible labels. */
export function signForm(page: Page) {
  return {
    firstName: page.getByLabel("First name", { exact: true }),
    lastName: page.getByLabel("Last name", { exact: true }),
    // exact: "Email me updates about this campaign" also contains the word.
    email: page.getByLabel("Email", { exact: true }),
    country: page.getByLabel("Country", { exact: true }),
    postalCode: page.getByLabel("Postal code (optional)", { exact: true }),
    organization: page.getByLabel("Union or organization (optional)", { exact: true }),
    message: page.getByLabel("Message of solidarity (optional)", { exact: true }),
    showName: page.getByLabel("Show my name on this page", { exact: true }),
    updates: page.getByLabel("Email me updates about this campaign", { exact: true }),
    submit: page.getByRole("button", { name: "Sign the petition" }),
  };
}

export async function fillSignForm(page: Page, p: Person): Promise<void> {
  const form = signForm(page);
  await form.firstName.fill(p.firstName);
  await form.lastName.fill(p.lastName);
  await form.email.fill(p.email);
  await form.country.selectOption(p.country);
  await form.postalCode.fill(p.postalCode ?? "");
  await form.organization.fill(p.organization ?? "");
  await form.message.fill(p.message ?? "");
  await form.showName.setChecked(p.showName ?? false);
  await form.updates.setChecked(p.updates ?? false);
}

/**
 * Waits until React has hydrated the element (it then carries React's internal props key), so a
 * JavaScript-mode test exercises the JavaScript path and not the plain-HTML fallback.
 */
export async function waitForHydration(page: Page, selector = "form"): Promise<void> {
  await page.waitForFunction(
    (sel) => {
      const el = document.querySelector(sel);
      return el !== null && Object.keys(el).some((k) => k.startsWith("__reactProps$"));
    },
    selector,
  );
}

/** "1,234" → 1234: the count as shown on the page (data-testid="signature-count"). */
export function parseCount(text: string | null): number {
  const digits = (text ?? "").replace(/\D/g, "");
  if (digits === "") throw new Error(`no number in signature count ${JSON.stringify(text)}`);
  return Number(digits);
}

export async function countOnPage(page: Page): Promise<number> {
  const count = page.getByTestId("signature-count");
  await expect(count).toBeVisible();
  return parseCount(await count.textContent());
}

/** Opens the campaign page in the given page and reads its count. */
export async function campaignCount(page: Page, slug: string): Promise<number> {
  const response = await page.goto(`/c/${slug}`);
  expect(response?.status()).toBe(200);
  return countOnPage(page);
}

/** Reads a campaign's count from its HTML without a browser (for tests that must not navigate away). */
export async function campaignCountViaHttp(request: APIRequestContext, slug: string): Promise<number> {
  const response = await request.get(`/c/${slug}`);
  expect(response.status()).toBe(200);
  const match = /data-testid="signature-count"[^>]*>([^<]+)</.exec(await response.text());
  return parseCount(match?.[1] ?? null);
}

export async function emailsTo(request: APIRequestContext, address: string): Promise<FakeEmail[]> {
  const response = await request.get(`${FAKE_RESEND_URL}/_fake/emails?to=${encodeURIComponent(address)}`);
  expect(response.ok(), `fake Resend answered ${response.status()}`).toBeTruthy();
  return (await response.json()) as FakeEmail[];
}

/** Waits for the worker to deliver the confirmation email and returns it. */
export async function waitForEmail(request: APIRequestContext, address: string, timeoutMs = 20_000): Promise<FakeEmail> {
  let found: FakeEmail | undefined;
  await expect
    .poll(
      async () => {
        found = (await emailsTo(request, address))[0];
        return found !== undefined;
      },
      { message: `an email to ${address} should reach the fake Resend`, timeout: timeoutMs, intervals: [250, 250, 500] },
    )
    .toBe(true);
  return found!;
}

/** The confirmation link in an email: absolute, on APP_URL, the same in the text and HTML parts. */
export function confirmLinkIn(email: FakeEmail): string {
  const pattern = new RegExp(`${escapeRegExp(APP_URL)}/confirm/[A-Za-z0-9_-]+`);
  const inText = pattern.exec(email.text ?? "")?.[0];
  const inHtml = pattern.exec(email.html ?? "")?.[0];
  expect(inText, `confirmation link in the text part of:\n${email.text}`).toBeTruthy();
  expect(inHtml, "the HTML part links to the same address").toBe(inText);
  return inText!;
}

export async function waitForConfirmLink(request: APIRequestContext, address: string): Promise<string> {
  const email = await waitForEmail(request, address);
  expect(email.subject).toContain("Confirm your signature");
  return confirmLinkIn(email);
}

/** Asserts that nothing is delivered to the address, giving the worker time to have sent it. */
export async function expectNoEmail(request: APIRequestContext, address: string, settleMs = 2_500): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  expect(await emailsTo(request, address), `no email should be sent to ${address}`).toEqual([]);
}

/**
 * A supporter signs a campaign and confirms by the emailed link, in `page` (their own browser),
 * ending on the thank-you page.
 */
export async function signAndConfirm(page: Page, request: APIRequestContext, slug: string, p: Person): Promise<void> {
  await page.goto(`/c/${slug}`);
  await fillSignForm(page, p);
  await signForm(page).submit.click();
  await expect(page).toHaveURL(`${APP_URL}/c/${slug}/check-email`);
  await page.goto(await waitForConfirmLink(request, p.email));
  await page.getByRole("button", { name: "Confirm my signature" }).click();
  await expect(page).toHaveURL(`${APP_URL}/c/${slug}/thank-you`);
}

/** Form fields as the server expects them (for direct POSTs that bypass the page). */
export function formFields(p: Person): Record<string, string> {
  return {
    firstName: p.firstName,
    lastName: p.lastName,
    email: p.email,
    country: p.country,
    postalCode: p.postalCode ?? "",
    organization: p.organization ?? "",
    message: p.message ?? "",
    ...(p.showName ? { showName: "on" } : {}),
    ...(p.updates ? { updatesOptIn: "on" } : {}),
  };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The accounts the demo seed creates (README, "Organizers"). */
export const DEMO_OWNER = { email: "organizer@picket.example", name: "Demo Organizer", password: "picket-demo-organizer" };
export const DEMO_VIEWER = { email: "viewer@picket.example", password: "picket-demo-viewer" };

/**
 * Signs in on /org/sign-in and lands on `next`. With JavaScript on, waits for the form to hydrate
 * first, so the JavaScript path is the one tested.
 */
export async function signInAsOrganizer(page: Page, who: { email: string; password: string } = DEMO_OWNER, next = "/org"): Promise<void> {
  await page.goto(`/org/sign-in?next=${encodeURIComponent(next)}`);
  // With JavaScript off, Remix's inline scripts never ran.
  const scripted = await page.evaluate(() => "__remixContext" in window).catch(() => false);
  if (scripted) await waitForHydration(page, "form#sign-in");
  await page.getByLabel("Email", { exact: true }).fill(who.email);
  await page.getByLabel("Password", { exact: true }).fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${APP_URL}${next}`);
}

export interface NewCampaign {
  title: string;
  summary: string;
  body: string;
  target: string;
  goal: string;
  language?: string;
  /** "2031-01-15T23:30", read as UTC. */
  closesAt?: string;
}

/**
 * An organizer writes a campaign on /org/campaigns/new, saves the draft and publishes it, as a
 * person does. Returns the campaign's slug.
 */
export async function publishCampaignThroughForm(page: Page, campaign: NewCampaign): Promise<string> {
  await page.goto("/org/campaigns/new");
  await waitForHydration(page, "form#new-campaign");
  await page.getByLabel("Title", { exact: true }).fill(campaign.title);
  await page.getByLabel("Summary", { exact: true }).fill(campaign.summary);
  await page.getByLabel("Campaign text", { exact: true }).fill(campaign.body);
  await page.getByLabel("Addressed to", { exact: true }).fill(campaign.target);
  await page.getByLabel("Signature goal", { exact: true }).fill(campaign.goal);
  if (campaign.language) await page.getByLabel("Language of the campaign page", { exact: true }).selectOption(campaign.language);
  if (campaign.closesAt) await page.getByLabel("Closing date (optional, UTC)", { exact: true }).fill(campaign.closesAt);
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page).toHaveURL(/\/edit\?done=created$/);
  const slug = /\/org\/c\/([a-z0-9-]+)\/edit/.exec(page.url())![1]!;
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByRole("status")).toHaveText("Published. The campaign is now public.");
  return slug;
}
