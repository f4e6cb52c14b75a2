import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { APP_URL, OPEN_CAMPAIGN } from "./env";
import { campaignCount, countOnPage, fillSignForm, person, signForm, waitForConfirmLink, waitForHydration } from "./support";

/**
 * The whole journey of a supporter: sign, get the email, open the link, confirm, be thanked,
 * and see the count go up by one. Run once as most people use the site and once without
 * JavaScript, which must work just as well (plain form posts and redirects).
 */
async function signAndConfirm(page: Page, request: APIRequestContext, opts: { javaScript: boolean }) {
  const supporter = person(opts.javaScript ? "flow-js" : "flow-nojs", { showName: true });
  const before = await campaignCount(page, OPEN_CAMPAIGN);

  await test.step("fill in the form and send it with the keyboard", async () => {
    await expect(page.getByRole("heading", { name: "Sign this petition" })).toBeVisible();
    if (opts.javaScript) await waitForHydration(page, "form#sign");
    await fillSignForm(page, supporter);
    // Enter in a text field submits the form, as it does for anyone typing.
    await signForm(page).lastName.press("Enter");
    await expect(page).toHaveURL(`${APP_URL}/c/${OPEN_CAMPAIGN}/check-email`);
    await expect(page.getByRole("heading", { name: "Check your email", level: 1 })).toBeVisible();
  });

  const link = await test.step("receive the confirmation email", () => waitForConfirmLink(request, supporter.email));

  await test.step("opening the link asks for confirmation; the count has not moved yet", async () => {
    const response = await page.goto(link);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { name: "Confirm your signature", level: 1 })).toBeVisible();
    await expect(page.getByText("Canada Post Workers Under Attack")).toBeVisible();
    expect(await campaignCountViaPage(page, OPEN_CAMPAIGN)).toBe(before);
  });

  await test.step("press Confirm my signature and land on the thank-you page", async () => {
    if (opts.javaScript) await waitForHydration(page);
    const [confirmResponse] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/confirm/")),
      page.getByRole("button", { name: "Confirm my signature" }).click(),
    ]);
    // Without JavaScript: a real 302. With it, Remix's single fetch reports the redirect in a 2xx body.
    if (opts.javaScript) expect(confirmResponse.status(), "the confirmation is accepted").toBeLessThan(300);
    else expect(confirmResponse.status(), "confirming redirects to the thank-you page").toBe(302);
    await expect(page).toHaveURL(`${APP_URL}/c/${OPEN_CAMPAIGN}/thank-you`);
    await expect(page.getByRole("heading", { name: "Thank you for signing!", level: 1 })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Share this campaign" })).toBeVisible();
    for (const name of ["WhatsApp", "Telegram", "X", "Facebook", "Email"]) {
      await expect(page.getByRole("link", { name, exact: true })).toBeVisible();
    }
    await expect(page.getByLabel("Link to this campaign", { exact: true })).toHaveValue(`${APP_URL}/c/${OPEN_CAMPAIGN}?ref=share`);
    // Copying needs JavaScript: without it only the selectable field is offered.
    await expect(page.getByRole("button", { name: "Copy link" })).toHaveCount(opts.javaScript ? 1 : 0);
    expect(await countOnPage(page)).toBe(before + 1);
  });

  await test.step("the campaign page counts the new signature", async () => {
    expect(await campaignCount(page, OPEN_CAMPAIGN)).toBe(before + 1);
    // They asked for their name to be shown: first name and last initial only.
    await expect(page.locator(".signers").getByText(`${supporter.firstName} ${supporter.lastName[0]}.`).first()).toBeVisible();
    await expect(page.getByText(supporter.email)).toHaveCount(0);
  });

  await test.step("the link keeps working (back to the pledge form), without counting twice", async () => {
    await page.goto(link);
    await expect(page.getByRole("heading", { name: "Your signature is counted", level: 1 })).toBeVisible();
    await page.getByRole("button", { name: "Pledge or change my pledges" }).click();
    await expect(page).toHaveURL(`${APP_URL}/c/${OPEN_CAMPAIGN}/thank-you`);
    await expect(page.getByRole("button", { name: "Save my pledges" })).toBeVisible();
    expect(await campaignCount(page, OPEN_CAMPAIGN)).toBe(before + 1);
  });
}

/** Reads the count in a second tab, leaving the current page where it is. */
async function campaignCountViaPage(page: Page, slug: string): Promise<number> {
  const other = await page.context().newPage();
  try {
    return await campaignCount(other, slug);
  } finally {
    await other.close();
  }
}

test.describe("signing a petition", () => {
  test("sign, confirm by email, and see the count rise (JavaScript on)", async ({ page, request }) => {
    await signAndConfirm(page, request, { javaScript: true });
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });

    test("sign, confirm by email, and see the count rise (JavaScript off)", async ({ page, request }) => {
      await signAndConfirm(page, request, { javaScript: false });
    });
  });
});
