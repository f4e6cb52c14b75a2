import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { APP_URL } from "./env";
import { campaignCount, fillSignForm, person, publishCampaignThroughForm, signForm, signInAsOrganizer, waitForConfirmLink, waitForHydration } from "./support";

/**
 * An organizer's whole night before a rally, in one go: sign in, write and publish a campaign,
 * a supporter signs it with a message and confirms, the organizer finds the signature in the
 * list, hides the message, and closes the campaign; then reopens it. Each step is checked where
 * the person it matters to would see it: the organizer's pages, the public page, the supporter's
 * inbox.
 */
test("sign in, publish a campaign, see a supporter's signature, hide the message, close and reopen", async ({ page, browser, request }) => {
  const title = `Solidarity with the dockers ${randomBytes(3).toString("hex")}`;
  await signInAsOrganizer(page);

  const slug = await test.step("write and publish the campaign", async () => {
    await expect(page.getByRole("link", { name: "New campaign" })).toBeVisible();
    return publishCampaignThroughForm(page, {
      title,
      summary: "The dockers are out for safe staffing.",
      body: "Sign to tell the **port authority** to settle.",
      target: "The Port Authority",
      goal: "500",
    });
  });

  const message = `Solidarity from the night shift ${randomBytes(3).toString("hex")}`;
  const supporter = person("journey", { firstName: "Joe", lastName: "Hill", showName: true, message });
  const supporterContext = await browser.newContext();
  const publicPage = await supporterContext.newPage();

  await test.step("a supporter signs and confirms by email", async () => {
    await publicPage.goto(`/c/${slug}`);
    await expect(publicPage.getByRole("heading", { name: title, level: 1 })).toBeVisible();
    expect(await campaignCount(publicPage, slug)).toBe(0);
    await fillSignForm(publicPage, supporter);
    await signForm(publicPage).submit.click();
    await expect(publicPage).toHaveURL(`${APP_URL}/c/${slug}/check-email`);
    await publicPage.goto(await waitForConfirmLink(request, supporter.email));
    await publicPage.getByRole("button", { name: "Confirm my signature" }).click();
    await expect(publicPage).toHaveURL(`${APP_URL}/c/${slug}/thank-you`);
    expect(await campaignCount(publicPage, slug)).toBe(1);
    await publicPage.goto(`/c/${slug}`);
    await expect(publicPage.getByText(message)).toBeVisible();
  });

  await test.step("the organizer sees the signature on the dashboard and in the signer list", async () => {
    await page.goto("/org");
    await page.getByRole("link", { name: title, exact: true }).click();
    await expect(page).toHaveURL(`${APP_URL}/org/c/${slug}`);
    await expect(page.getByTestId("confirmed-count")).toHaveText("1");
    await page.getByRole("link", { name: "Signers and moderation" }).click();
    await expect(page).toHaveURL(`${APP_URL}/org/c/${slug}/signers`);
    await expect(page.getByRole("rowheader", { name: /Joe Hill/ })).toBeVisible();
    await expect(page.getByRole("cell", { name: supporter.email })).toBeVisible();
    await expect(page.getByRole("cell", { name: message })).toBeVisible();
  });

  await test.step("hiding the message takes it off the public page, the signature stays", async () => {
    const row = page.locator("tbody tr", { hasText: supporter.email });
    await row.getByRole("button", { name: /Hide message/ }).click();
    await expect(page.getByRole("status")).toContainText("Message hidden");
    await publicPage.goto(`/c/${slug}`);
    await expect(publicPage.getByText(message)).toHaveCount(0);
    expect(await campaignCount(publicPage, slug)).toBe(1);
  });

  await test.step("closing the campaign stops signing; reopening starts it again", async () => {
    await page.goto(`/org/c/${slug}/edit`);
    await waitForHydration(page, "form#edit-campaign");
    await page.getByRole("button", { name: "Close now" }).click();
    await expect(page.getByRole("status")).toHaveText("Closed. The campaign no longer takes signatures.");
    await expect(page.getByRole("heading", { name: /Status: Closed/ })).toBeVisible();

    await publicPage.goto(`/c/${slug}`);
    await expect(publicPage.getByText(/This campaign is closed/)).toBeVisible();
    await expect(signForm(publicPage).submit).toHaveCount(0);
    // A sign request sent anyway (an old tab, a script) is refused and changes nothing.
    const late = await request.post(`/c/${slug}`, { form: { firstName: "Late", lastName: "Signer", email: `late-${randomBytes(4).toString("hex")}@example.org`, country: "CA" } });
    expect(late.status()).toBeGreaterThanOrEqual(400);
    expect(late.status()).toBeLessThan(500);
    expect(await campaignCount(publicPage, slug)).toBe(1);

    await page.getByRole("button", { name: "Reopen" }).click();
    await expect(page.getByRole("status")).toHaveText("Reopened. The campaign takes signatures again.");
    await publicPage.goto(`/c/${slug}`);
    await expect(signForm(publicPage).submit).toBeVisible();
  });

  await supporterContext.close();
});
