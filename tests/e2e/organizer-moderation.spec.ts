import { expect, test } from "@playwright/test";
import { APP_URL, OPEN_CAMPAIGN } from "./env";
import { campaignCount, DEMO_VIEWER, fillSignForm, person, signForm, signInAsOrganizer, waitForConfirmLink } from "./support";

/**
 * An organizer moderates a real signature: a supporter signs the Canada Post campaign with a
 * message and confirms; the demo owner finds them in the signer list, hides the message (gone
 * from the public page), then removes the signature as spam (the public count drops by one).
 * Runs without JavaScript too: every moderation step is a plain form post. A viewer of the same
 * group sees the dashboard's figures and is refused the signer list.
 */
for (const javaScript of [true, false]) {
  test.describe(javaScript ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled: javaScript });

    test("an organizer hides a signer's message and removes the signature as spam", async ({ page, browser, request }) => {
      const tag = javaScript ? "mod-js" : "mod-nojs";
      const message = `Spammy message ${Date.now()} ${tag}`;
      const supporter = person(tag, { showName: true, message, firstName: "Moderated", lastName: `Signer${javaScript ? "J" : "N"}` });

      // The supporter signs and confirms in a browser of their own.
      const supporterContext = await browser.newContext({ javaScriptEnabled: javaScript });
      const public_ = await supporterContext.newPage();
      const before = await campaignCount(public_, OPEN_CAMPAIGN);
      await fillSignForm(public_, supporter);
      await signForm(public_).submit.click();
      await expect(public_).toHaveURL(`${APP_URL}/c/${OPEN_CAMPAIGN}/check-email`);
      await public_.goto(await waitForConfirmLink(request, supporter.email));
      await public_.getByRole("button", { name: "Confirm my signature" }).click();
      await expect(public_).toHaveURL(`${APP_URL}/c/${OPEN_CAMPAIGN}/thank-you`);
      expect(await campaignCount(public_, OPEN_CAMPAIGN)).toBe(before + 1);
      await expect(public_.getByText(message)).toBeVisible();

      await signInAsOrganizer(page);

      await test.step("find the signature by email (the search stays out of the URL)", async () => {
        await page.goto(`/org/c/${OPEN_CAMPAIGN}/signers`);
        await expect(page.getByRole("heading", { name: "Signers", level: 1 })).toBeVisible();
        await page.getByLabel("Name or email", { exact: true }).fill(supporter.email.toUpperCase());
        await page.getByRole("button", { name: "Show signers" }).click();
        await expect(page.getByRole("cell", { name: supporter.email })).toBeVisible();
        expect(page.url()).not.toContain(encodeURIComponent(supporter.email));
        expect(page.url().toLowerCase()).not.toContain("moderated");
        await expect(page.getByRole("rowheader", { name: /Moderated/ })).toHaveCount(1);
      });

      const row = page.locator("tbody tr", { hasText: supporter.email });

      await test.step("hide the message: the public page no longer shows it", async () => {
        await row.getByRole("button", { name: /Hide message/ }).click();
        await expect(page.getByRole("status")).toContainText("Message hidden");
        await expect(row.getByText("Hidden", { exact: true })).toBeVisible();
        await public_.goto(`/c/${OPEN_CAMPAIGN}`);
        await expect(public_.getByText(message)).toHaveCount(0);
        await expect(public_.locator(".signers").getByText(`${supporter.firstName} ${supporter.lastName[0]}.`).first()).toBeVisible();
      });

      await test.step("remove as spam: the public count drops by one", async () => {
        await row.getByRole("button", { name: /Remove as spam/ }).click();
        await expect(page.getByRole("status")).toContainText("removed as spam");
        // Removed signatures leave the default list; the search is still in force.
        await expect(page.locator("tbody tr", { hasText: supporter.email })).toHaveCount(0);
        expect(await campaignCount(public_, OPEN_CAMPAIGN)).toBe(before);
        await expect(public_.locator(".signers").getByText(`${supporter.firstName} ${supporter.lastName[0]}.`)).toHaveCount(0);
      });

      await test.step("the owner sees both steps in the group's audit log", async () => {
        await page.goto(`/org/c/${OPEN_CAMPAIGN}`);
        await expect(page.getByTestId("confirmed-count")).toHaveText(before.toLocaleString("en"));
        await page.getByRole("link", { name: "Group audit log" }).click();
        await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
        // Each entry is a sentence naming who moderated whom.
        const signer = `${supporter.firstName} ${supporter.lastName}`;
        await expect(page.getByRole("cell", { name: new RegExp(`removed ${signer}'s signature on “.+” as spam\\.$`) })).toBeVisible();
        await expect(page.getByRole("cell", { name: new RegExp(`hid ${signer}'s message on “.+”\\.$`) })).toBeVisible();
        await expect(page.getByText(supporter.email)).toHaveCount(0);
      });
      await supporterContext.close();
    });
  });
}

test("a viewer sees the campaign's figures but not who signed", async ({ page }) => {
  await signInAsOrganizer(page, DEMO_VIEWER);
  await page.goto(`/org/c/${OPEN_CAMPAIGN}`);
  await expect(page.getByRole("heading", { name: "Figures" })).toBeVisible();
  await expect(page.getByTestId("confirmed-count")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Top countries" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Signers and moderation" })).toHaveCount(0);
  // The chart's figures are there as text for those who cannot see it.
  await page.getByText("Show the figures as a table").click();
  await expect(page.getByRole("columnheader", { name: "Signed" })).toBeVisible();

  const response = await page.goto(`/org/c/${OPEN_CAMPAIGN}/signers`);
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Not available with your role" })).toBeVisible();
  await expect(page.getByText("@example.org")).toHaveCount(0);
});
