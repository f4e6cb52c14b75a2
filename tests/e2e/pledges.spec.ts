import { expect, test, type Page } from "@playwright/test";
import { APP_URL, OPEN_CAMPAIGN } from "./env";
import { fillSignForm, person, signForm, waitForConfirmLink, waitForHydration } from "./support";

/**
 * A supporter pledges while signing (money and an action), confirms by email and sees the
 * totals move; then changes the pledge on the thank-you page and sees the total follow. Once
 * with JavaScript and once without: plain form posts must do all of it.
 */
const FUND = "$ to the CUPW strike fund";
const PICKET = "I will join a picket line";

interface Totals {
  /** Whole dollars (the demo amounts have no cents). */
  fund: number;
  fundPeople: number;
  picket: number;
}

function numberIn(text: string, pattern: RegExp): number {
  const match = pattern.exec(text);
  if (!match?.[1]) throw new Error(`no figure matching ${pattern} in ${JSON.stringify(text)}`);
  return Number(match[1].replace(/,/g, ""));
}

/** The totals as the page shows them, read from each option's sentence. */
async function totalsOnPage(page: Page): Promise<Totals> {
  const section = page.getByRole("region", { name: "Pledges so far" });
  await expect(section).toBeVisible();
  const fund = (await section.locator(".pledge-total", { hasText: FUND }).getByTestId("pledge-total-figure").textContent()) ?? "";
  const picket = (await section.locator(".pledge-total", { hasText: PICKET }).getByTestId("pledge-total-figure").textContent()) ?? "";
  return {
    fund: numberIn(fund, /CA\$([\d,]+)/),
    fundPeople: numberIn(fund, /by (\d+|1) (?:people|person)/),
    picket: numberIn(picket, /^(\d+|1) (?:people|person)/),
  };
}

async function campaignTotals(page: Page): Promise<Totals> {
  const response = await page.goto(`/c/${OPEN_CAMPAIGN}`);
  expect(response?.status()).toBe(200);
  return totalsOnPage(page);
}

async function pledgeAndChange(page: Page, request: Parameters<typeof waitForConfirmLink>[0], javaScript: boolean) {
  const supporter = person(javaScript ? "pledge-js" : "pledge-nojs");
  const before = await campaignTotals(page);

  await test.step("sign with $25 to the strike fund and a picket line", async () => {
    if (javaScript) await waitForHydration(page, "form#sign");
    await fillSignForm(page, supporter);
    const pledge = page.getByRole("group", { name: "Pledge your support (optional)" });
    await pledge.getByLabel(FUND, { exact: true }).check();
    await pledge.getByLabel("CA$25", { exact: true }).check();
    await pledge.getByLabel(PICKET, { exact: true }).check();
    await signForm(page).submit.click();
    await expect(page).toHaveURL(`${APP_URL}/c/${OPEN_CAMPAIGN}/check-email`);
  });

  await test.step("before confirming, the totals have not moved", async () => {
    const other = await page.context().newPage();
    try {
      expect(await campaignTotals(other)).toEqual(before);
    } finally {
      await other.close();
    }
  });

  await test.step("confirm from the email: the thank-you page shows the new totals and the pledge", async () => {
    await page.goto(await waitForConfirmLink(request, supporter.email));
    if (javaScript) await waitForHydration(page);
    await page.getByRole("button", { name: "Confirm my signature" }).click();
    await expect(page).toHaveURL(`${APP_URL}/c/${OPEN_CAMPAIGN}/thank-you`);
    expect(await totalsOnPage(page)).toEqual({ fund: before.fund + 25, fundPeople: before.fundPeople + 1, picket: before.picket + 1 });
    // Sharing comes first (it grows the campaign), then the pledges, whose heading is not repeated as the box title.
    const headings = await page.getByRole("heading", { level: 2 }).allTextContents();
    expect(headings.indexOf("Share this campaign"), headings.join(" | ")).toBeGreaterThanOrEqual(0);
    expect(headings.indexOf("Share this campaign")).toBeLessThan(headings.indexOf("Pledges so far"));
    expect(headings.indexOf("Pledges so far")).toBeLessThan(headings.indexOf("Pledge your support"));
    await expect(page.getByText("Pledge your support", { exact: true })).toHaveCount(1);
    const form = page.getByRole("group", { name: "Your pledges" });
    await expect(form.getByLabel(FUND, { exact: true })).toBeChecked();
    await expect(form.getByLabel("CA$25", { exact: true })).toBeChecked();
    await expect(form.getByLabel(PICKET, { exact: true })).toBeChecked();
  });

  await test.step("the campaign page shows the totals moved", async () => {
    expect(await campaignTotals(page)).toEqual({ fund: before.fund + 25, fundPeople: before.fundPeople + 1, picket: before.picket + 1 });
    await expect(page.getByText(supporter.email)).toHaveCount(0);
  });

  await test.step("change the pledge to $40 and drop the picket line on the thank-you page", async () => {
    await page.goto(`/c/${OPEN_CAMPAIGN}/thank-you`);
    if (javaScript) await waitForHydration(page, "form#pledge");
    const form = page.getByRole("group", { name: "Your pledges" });
    await form.getByLabel("Other amount (CAD)", { exact: true }).fill("40");
    await form.getByLabel(PICKET, { exact: true }).uncheck();
    await page.getByRole("button", { name: "Save my pledges" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Your pledges are saved" })).toBeVisible();
    expect(await totalsOnPage(page)).toEqual({ fund: before.fund + 40, fundPeople: before.fundPeople + 1, picket: before.picket });
    await expect(form.getByLabel("Other amount (CAD)", { exact: true })).toHaveValue("40");
    await expect(form.getByLabel(PICKET, { exact: true })).not.toBeChecked();
    expect(page.url()).not.toContain("@");
  });

  await test.step("an amount that is not valid is refused next to its field", async () => {
    const form = page.getByRole("group", { name: "Your pledges" });
    if (javaScript) await waitForHydration(page, "form#pledge");
    await form.getByLabel("Other amount (CAD)", { exact: true }).fill("10.125");
    await page.getByRole("button", { name: "Save my pledges" }).click();
    await expect(form.getByText("Use at most two decimals, like 25.50.")).toBeVisible();
    await expect(form.getByLabel("Other amount (CAD)", { exact: true })).toHaveAccessibleDescription(/at most two decimals/);
    expect(await campaignTotals(page)).toEqual({ fund: before.fund + 40, fundPeople: before.fundPeople + 1, picket: before.picket });
  });
}

test.describe("pledging", () => {
  test("pledge while signing, confirm, see the totals move, then change the pledge (JavaScript on)", async ({ page, request }) => {
    await pledgeAndChange(page, request, true);
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });

    test("pledge while signing, confirm, see the totals move, then change the pledge (JavaScript off)", async ({ page, request }) => {
      await pledgeAndChange(page, request, false);
    });
  });

  test("the thank-you page of someone else shows the totals but no pledge form", async ({ page }) => {
    await page.goto(`/c/${OPEN_CAMPAIGN}/thank-you`);
    await expect(page.getByRole("region", { name: "Pledges so far" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Save my pledges" })).toHaveCount(0);
  });
});
