import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { APP_URL } from "./env";
import { fillSignForm, person, signForm, signInAsOrganizer, waitForHydration } from "./support";

/**
 * Pledges as an organizer runs them, on a campaign of its own (the demo campaigns' figures are
 * counted by other specs): the demo owner publishes a campaign that counts signatures without
 * email confirmation, adds a money option and an action option, reorders them, retires one (gone
 * from the public page), and after a supporter pledges, marks the pledge fulfilled and sees
 * fulfilled against pledged move on the option's page and the dashboard.
 */

async function createOpenCampaign(page: Page, title: string): Promise<string> {
  await page.goto("/org/campaigns/new");
  await waitForHydration(page, "form#new-campaign");
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByLabel("Summary", { exact: true }).fill("The bus drivers are on strike; pledge to keep them out.");
  await page.getByLabel("Campaign text", { exact: true }).fill("Every pledge keeps a family on the line.");
  await page.getByLabel("Addressed to", { exact: true }).fill("The Transit Board");
  await page.getByLabel("Signature goal", { exact: true }).fill("100");
  // Counted at once: the pledge below counts without a trip through the mailbox.
  await page.getByLabel("Signatures count only once confirmed by email", { exact: true }).uncheck();
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page).toHaveURL(/\/edit\?done=created$/);
  const slug = /\/org\/c\/([a-z0-9-]+)\/edit/.exec(page.url())![1]!;
  await waitForHydration(page, "form#edit-campaign");
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByRole("status")).toHaveText("Published. The campaign is now public.");
  return slug;
}

function optionForm(page: Page) {
  const form = page.locator("form#add-option");
  return {
    money: form.getByLabel("Money (a donation to a fund)", { exact: true }),
    action: form.getByLabel("Action (something people will do)", { exact: true }),
    title: form.getByLabel("Title", { exact: true }),
    currency: form.getByLabel("Currency (money only)", { exact: true }),
    suggested: form.getByLabel("Suggested amounts (money only, optional)", { exact: true }),
    goal: form.getByLabel("Goal (optional)", { exact: true }),
    submit: form.getByRole("button", { name: "Add option" }),
  };
}

test("an organizer sets up pledge options, retires one, and marks a pledge fulfilled", async ({ page, browser }) => {
  const tag = randomBytes(3).toString("hex");
  const fund = `Bus strike fund ${tag}`;
  const picket = `Walk a picket shift ${tag}`;
  const fare = `Fare for pickets ${tag}`;
  await signInAsOrganizer(page);
  const slug = await createOpenCampaign(page, `Back the bus drivers ${tag}`);

  await test.step("from the dashboard to the pledges page, which has no options yet", async () => {
    await page.goto(`/org/c/${slug}`);
    await expect(page.getByText("This campaign asks for no pledges.")).toBeVisible();
    await page.getByRole("link", { name: "Pledges", exact: true }).click();
    await expect(page).toHaveURL(`${APP_URL}/org/c/${slug}/pledges`);
    await expect(page.getByRole("heading", { name: "Pledges", level: 1 })).toBeVisible();
    await expect(page.getByText("No pledge options yet.")).toBeVisible();
  });

  await test.step("a bad amount is refused next to its field; then three options are added", async () => {
    await waitForHydration(page, "form#add-option");
    let form = optionForm(page);
    await form.money.check();
    await form.title.fill(fund);
    await form.currency.selectOption("CAD");
    await form.suggested.fill("10, 25.555");
    await form.goal.fill("1000");
    await form.submit.click();
    await expect(page.locator("#add-option-suggested-error")).toContainText("at most two decimals");
    await form.suggested.fill("10, 25, 50");
    await form.submit.click();
    await expect(page.getByRole("status")).toHaveText("Option added.");

    await waitForHydration(page, "form#add-option");
    form = optionForm(page);
    await form.action.check();
    // An action has no currency or amounts: those fields step aside.
    await expect(form.currency).toBeHidden();
    await form.title.fill(picket);
    await form.goal.fill("40");
    await form.submit.click();
    await expect(page.getByRole("status")).toHaveText("Option added.");

    await waitForHydration(page, "form#add-option");
    form = optionForm(page);
    await form.money.check();
    await form.title.fill(fare);
    await form.currency.selectOption("CAD");
    await form.submit.click();
    await expect(page.getByRole("status")).toHaveText("Option added.");
    await expect(page.locator("tbody th")).toHaveText([new RegExp(fund), new RegExp(picket), new RegExp(fare)]);
  });

  await test.step("reorder: the action moves to the top", async () => {
    await page.locator("tbody tr", { hasText: picket }).getByRole("button", { name: `Move up of ${picket}` }).click();
    await expect(page.getByRole("status")).toHaveText("Option moved up.");
    await expect(page.locator("tbody th")).toHaveText([new RegExp(picket), new RegExp(fund), new RegExp(fare)]);
  });

  await test.step("retire one: it leaves the public page, the others stay", async () => {
    await page.locator("tbody tr", { hasText: fare }).getByRole("button", { name: `Retire of ${fare}` }).click();
    await expect(page.getByRole("status")).toContainText("Option retired");
    await expect(page.locator("tbody tr", { hasText: fare }).getByText("Retired", { exact: true })).toBeVisible();
    const publicPage = await page.request.get(`/c/${slug}`);
    const html = await publicPage.text();
    expect(html).toContain(fund);
    expect(html).toContain(picket);
    expect(html).not.toContain(fare);
  });

  const supporter = person(`pledge-admin-${tag}`, { firstName: "Pledging", lastName: `Driver${tag}` });
  await test.step("a supporter signs and pledges $25 to the fund (counted at once)", async () => {
    const context = await browser.newContext();
    const publicPage = await context.newPage();
    await publicPage.goto(`/c/${slug}`);
    await waitForHydration(publicPage);
    await fillSignForm(publicPage, supporter);
    await publicPage.getByLabel(fund, { exact: true }).check();
    await publicPage.getByLabel("Other amount (CAD)", { exact: true }).fill("25");
    await signForm(publicPage).submit.click();
    await expect(publicPage).toHaveURL(`${APP_URL}/c/${slug}/thank-you`);
    await context.close();
  });

  await test.step("the option's page lists the pledge; marking it fulfilled moves fulfilled, not pledged", async () => {
    await page.goto(`/org/c/${slug}/pledges`);
    const fundRow = page.locator("tbody tr", { hasText: fund });
    await expect(fundRow.locator("td").nth(0)).toContainText("$25");
    await expect(fundRow.locator("td").nth(1)).toContainText("$0");
    await fundRow.getByRole("link", { name: `Pledges of ${fund}` }).click();
    await expect(page.getByRole("heading", { name: `Pledges: ${fund}`, level: 1 })).toBeVisible();
    const stats = page.locator(".stat");
    await expect(stats.filter({ hasText: "Pledged" })).toContainText("$25");
    await expect(stats.filter({ hasText: "Fulfilled" })).toContainText("$0");

    const row = page.locator("tbody tr", { hasText: supporter.email });
    await expect(row.getByRole("rowheader")).toHaveText(`${supporter.firstName} ${supporter.lastName}`);
    await expect(row).toContainText("$25");
    await row.getByRole("button", { name: `Mark fulfilled for ${supporter.firstName} ${supporter.lastName}` }).click();
    await expect(page.getByRole("status")).toHaveText("Pledge marked fulfilled.");
    await expect(stats.filter({ hasText: "Fulfilled" })).toContainText("$25");
    await expect(stats.filter({ hasText: "Pledged" })).toContainText("$25");
    await expect(row.getByRole("button", { name: /Mark not fulfilled/ })).toBeVisible();
    // The filter lives in the URL; the person never does.
    await page.getByLabel("Pledges", { exact: true }).selectOption("unfulfilled");
    await page.getByRole("button", { name: "Show pledges" }).click();
    await expect(page).toHaveURL(/\?show=unfulfilled$/);
    await expect(page.getByText("No pledges match.")).toBeVisible();
    expect(page.url()).not.toContain(encodeURIComponent(supporter.email));
  });

  await test.step("the dashboard shows fulfilled against pledged per currency and per option", async () => {
    await page.goto(`/org/c/${slug}`);
    await expect(page.getByTestId("money-CAD")).toHaveText("CA$25 / CA$25");
    const fundRow = page.locator("tbody tr", { hasText: fund });
    await expect(fundRow.locator("td").nth(0)).toContainText("$25 · 1 person");
    await expect(fundRow.locator("td").nth(1)).toContainText("$25 · 1 person");
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("options are added, moved and retired with plain form posts", async ({ page }) => {
    const tag = randomBytes(3).toString("hex");
    await signInAsOrganizer(page);
    // Any campaign of the demo owner's own making will do; it need not be public for its options.
    await page.goto("/org/campaigns/new");
    await page.getByLabel("Title", { exact: true }).fill(`No-script pledges ${tag}`);
    await page.getByRole("button", { name: "Save draft" }).click();
    await expect(page).toHaveURL(/\/edit\?done=created$/);
    const slug = /\/org\/c\/([a-z0-9-]+)\/edit/.exec(page.url())![1]!;

    await page.goto(`/org/c/${slug}/pledges`);
    const form = optionForm(page);
    // Every field shows without scripts; an action ignores the money ones.
    await form.action.check();
    await form.title.fill(`Phone bank ${tag}`);
    await form.goal.fill("1.5");
    await form.submit.click();
    await expect(page.locator("#add-option-goal-error")).toContainText("whole number of people");
    await expect(form.title).toHaveValue(`Phone bank ${tag}`);
    await form.goal.fill("12");
    await form.submit.click();
    await expect(page.getByRole("status")).toHaveText("Option added.");
    await form.money.check();
    await form.title.fill(`Food bank ${tag}`);
    await form.currency.selectOption("EUR");
    await form.submit.click();
    await expect(page.getByRole("status")).toHaveText("Option added.");

    await page.locator("tbody tr", { hasText: `Food bank ${tag}` }).getByRole("button", { name: /Move up/ }).click();
    await expect(page.getByRole("status")).toHaveText("Option moved up.");
    await expect(page.locator("tbody th").first()).toContainText(`Food bank ${tag}`);

    await page.locator("tbody tr", { hasText: `Phone bank ${tag}` }).getByRole("link", { name: /Edit/ }).click();
    await page.getByLabel("Title", { exact: true }).fill(`Phone bank evenings ${tag}`);
    await page.getByRole("button", { name: "Save option" }).click();
    await expect(page.getByRole("status")).toHaveText("Option saved.");
    await page.locator("tbody tr", { hasText: `Phone bank evenings ${tag}` }).getByRole("button", { name: /Retire/ }).click();
    await expect(page.getByRole("status")).toContainText("Option retired");

    // On a 360px phone the page does not scroll sideways: each option is a card.
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`/org/c/${slug}/pledges`);
    const widths = await page.evaluate(() => ({ document: document.documentElement.scrollWidth, body: document.body.scrollWidth }));
    expect(widths.document).toBeLessThanOrEqual(360);
    expect(widths.body).toBeLessThanOrEqual(360);
  });
});
