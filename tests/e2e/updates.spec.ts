import { expect, test, type Page } from "@playwright/test";
import { APP_URL, OPEN_CAMPAIGN } from "./env";
import { DEMO_OWNER, emailsTo, person, signAndConfirm, signInAsOrganizer } from "./support";

/**
 * An organizer keeps supporters in the fight: a supporter signs the Canada Post campaign asking
 * for updates and confirms; the demo owner writes an update for the supporter's country, previews
 * it, sends a test to themselves, sends it and watches the progress reach the end. The supporter
 * gets it once, with one-click unsubscribe headers, and the link in its footer unsubscribes them.
 * Without JavaScript the same works by plain form posts, and the progress by a Refresh link.
 */
/** At 360 px wide (a small phone) the page does not scroll sideways; the viewport is put back after. */
async function expectToFitAPhone(page: Page): Promise<void> {
  const before = page.viewportSize();
  await page.setViewportSize({ width: 360, height: 740 });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${page.url()} scrolls sideways at 360 px`).toBeLessThanOrEqual(360);
  if (before) await page.setViewportSize(before);
}

for (const javaScript of [true, false]) {
  test.describe(javaScript ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled: javaScript });

    test("an organizer composes, previews, tests and sends an update and watches it go out", async ({ page, browser, request }) => {
      const tag = javaScript ? "update-js" : "update-nojs";
      // A country no other test signs from, so the audience is exactly this supporter.
      const country = javaScript ? "IS" : "LI";
      const supporter = person(tag, { country, updates: true });
      const subject = `Rally Saturday at the sorting plant ${Date.now()} ${tag}`;

      const supporterContext = await browser.newContext({ javaScriptEnabled: javaScript });
      const public_ = await supporterContext.newPage();
      await signAndConfirm(public_, request, OPEN_CAMPAIGN, supporter);

      await signInAsOrganizer(page, DEMO_OWNER, `/org/c/${OPEN_CAMPAIGN}`);

      await test.step("compose a draft for one country", async () => {
        await page.getByRole("link", { name: "Updates" }).click();
        await expect(page.getByRole("heading", { name: "Updates", level: 1 })).toBeVisible();
        // An empty subject is refused next to the field, and nothing is saved.
        await page.getByLabel("Text", { exact: true }).fill("The strike fund passed **$100k**.");
        await page.getByRole("button", { name: "Save draft" }).click();
        await expect(page.locator(".field--invalid").getByText("This field is required")).toBeVisible();
        await page.getByLabel("Subject", { exact: true }).fill(subject);
        await page.getByLabel("Text", { exact: true }).fill("The strike fund passed **$100k**. Thank you all.");
        await page.getByLabel("Only signers from (optional)").selectOption(country);
        await page.getByRole("button", { name: "Save draft" }).click();
        await expect(page.getByRole("heading", { name: subject, level: 1 })).toBeVisible();
        await expect(page.getByTestId("audience")).toHaveText("Signers who will get this update: 1");
        await expect(page.getByLabel("Only signers from (optional)")).toHaveValue(country);
      });

      await test.step("preview it and send a test to myself", async () => {
        const preview = page.frameLocator("iframe[title='Preview of the update email']");
        await expect(preview.getByText(subject, { exact: true })).toBeVisible();
        await expect(preview.locator("strong", { hasText: "$100k" })).toBeVisible();
        await expect(preview.getByRole("link", { name: "Unsubscribe from these updates" })).toBeVisible();
        await page.getByRole("button", { name: "Send a test to me" }).click();
        await expect(page.getByRole("status")).toContainText("Test queued");
        await expect
          .poll(async () => (await emailsTo(request, DEMO_OWNER.email)).some((e) => e.subject === `[Test] ${subject}`), { timeout: 20_000 })
          .toBe(true);
        expect(await emailsTo(request, supporter.email)).toHaveLength(1); // still only the confirmation
      });

      await test.step("send it: asked to confirm, then progress to the end", async () => {
        await expectToFitAPhone(page);
        await page.getByLabel(/send it now to everyone counted above \(1\)/).check();
        await page.getByRole("button", { name: "Send the update" }).click();
        await expect(page.getByRole("heading", { name: "Progress" })).toBeVisible();
        const label = page.getByTestId("progress-label");
        if (javaScript) {
          await expect(label).toHaveText("Sent to 1 of 1", { timeout: 30_000 });
        } else {
          await expect(async () => {
            if (await page.getByRole("link", { name: "Refresh" }).isVisible()) await page.getByRole("link", { name: "Refresh" }).click();
            await expect(label).toHaveText("Sent to 1 of 1", { timeout: 1000 });
          }).toPass({ timeout: 30_000 });
        }
        await expect(page.getByTestId("progress-failed")).toHaveText("0");
        await expect(page.locator("progress")).toHaveAttribute("value", "1");
        await expect(page.getByText("Sent", { exact: true }).first()).toBeVisible();
        await expectToFitAPhone(page);
      });

      await test.step("the supporter has it once, and its link unsubscribes them", async () => {
        const updatesReceived = async () => (await emailsTo(request, supporter.email)).filter((e) => e.subject === subject);
        await expect.poll(async () => (await updatesReceived()).length, { timeout: 20_000 }).toBe(1);
        const [update] = await updatesReceived();
        if (!update) throw new Error("no update received");
        expect(update.headers?.["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
        const link = /^<(.+)>$/.exec(update.headers?.["List-Unsubscribe"] ?? "")?.[1];
        expect(link).toMatch(new RegExp(`^${APP_URL}/u/`));
        expect(link).not.toContain(supporter.email.split("@")[0]);
        expect(update.text).toContain(link);
        await public_.goto(link!);
        await expect(public_.getByRole("heading", { name: "Stop the updates" })).toBeVisible();
        await public_.getByRole("button", { name: "Unsubscribe" }).click();
        await expect(public_.getByRole("heading", { name: "You are unsubscribed" })).toBeVisible();
        await expectToFitAPhone(public_);
      });

      await supporterContext.close();
    });
  });
}
