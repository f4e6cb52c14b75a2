/**
 * One press signs. A supporter presses "Sign the petition" on an empty form, then fills it in,
 * ticks the strike fund and picks CA$10. The errors must be gone as soon as the fields are valid,
 * and the button must not move between press and release: before the fix the pledge error stayed
 * on screen, vanished on mouse-down, the button jumped up from under the pointer and the press
 * submitted nothing.
 */
import { expect, test, type Page } from "@playwright/test";
import { APP_URL, OPEN_CAMPAIGN } from "./env";
import { fillSignForm, person, signForm, waitForHydration } from "./support";

const FUND = "$ to the CUPW strike fund";
const AMOUNT_ERROR = "Choose or enter an amount to pledge.";

/** The exact sequence from the report, up to the moment before the second press. */
async function failThenFillIn(page: Page, tag: string): Promise<void> {
  await page.goto(`/c/${OPEN_CAMPAIGN}`);
  await waitForHydration(page);
  const form = signForm(page);
  await form.submit.click();
  await expect(page.getByText("This field is required.").first()).toBeVisible();
  await fillSignForm(page, person(tag));
  const pledge = page.getByRole("group", { name: "Pledge your support" });
  await pledge.getByLabel(FUND, { exact: true }).check();
  await pledge.getByLabel("CA$10", { exact: true }).check();
  // Valid now, so no error may linger until the next blur.
  await expect(page.getByText(AMOUNT_ERROR)).toHaveCount(0);
  await expect(page.locator(".sign-form .error, .sign-form .form-error")).toHaveCount(0);
}

test("after a failed attempt, one mouse press signs and the button stays under the pointer", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await failThenFillIn(page, "one-press-mouse");
  const button = signForm(page).submit;
  await button.scrollIntoViewIfNeeded();
  const before = await button.boundingBox();
  expect(before).not.toBeNull();
  await page.mouse.move(before!.x + before!.width / 2, before!.y + before!.height / 2);
  await page.mouse.down();
  // Let any re-render the press caused (validation on blur) happen before measuring.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const during = await button.boundingBox();
  expect(during?.y, "the button must not move between press and release").toBe(before!.y);
  await page.mouse.up();
  await expect(page).toHaveURL(`${APP_URL}/c/${OPEN_CAMPAIGN}/check-email`);
});

test("a field's blur waits for the release: the press is not moved from under the pointer", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(`/c/${OPEN_CAMPAIGN}`);
  await waitForHydration(page);
  const form = signForm(page);
  await form.firstName.fill("Rosa");
  await form.lastName.fill("Parkhurst");
  await form.country.selectOption("CA");
  // The cursor is still in the email field, first visited, holding an address that is not one
  // yet. Validating it on the blur the press causes would put an error above the button mid-press.
  await form.email.fill("rosa@");
  const button = form.submit;
  await button.scrollIntoViewIfNeeded();
  const before = await button.boundingBox();
  await page.mouse.move(before!.x + before!.width / 2, before!.y + before!.height / 2);
  await page.mouse.down();
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  expect((await button.boundingBox())?.y, "the button must not move between press and release").toBe(before!.y);
  await expect(page.getByText("Enter an email address like name@example.org."), "no error appears mid-press").toHaveCount(0);
  await page.mouse.up();
  // The press was a submit: the form checked every field and names the one to correct.
  await expect(page.getByText("Enter an email address like name@example.org.")).toBeVisible();
  await expect(page).toHaveURL(`${APP_URL}/c/${OPEN_CAMPAIGN}`);
  await form.email.fill(person("one-press-blur").email);
  await form.submit.click();
  await expect(page).toHaveURL(`${APP_URL}/c/${OPEN_CAMPAIGN}/check-email`);
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });

  test("after a failed attempt, one tap signs", async ({ page }) => {
    await failThenFillIn(page, "one-press-touch");
    const button = signForm(page).submit;
    await button.scrollIntoViewIfNeeded();
    const box = await button.boundingBox();
    await page.touchscreen.tap(box!.x + box!.width / 2, box!.y + box!.height / 2);
    await expect(page).toHaveURL(`${APP_URL}/c/${OPEN_CAMPAIGN}/check-email`);
  });
});
