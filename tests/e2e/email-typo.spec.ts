/**
 * "Did you mean …?" for a mistyped email domain: a hint next to the field while typing (with
 * JavaScript), and the server's answer asks before anything is stored (with or without it).
 */
import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { APP_URL, OPEN_CAMPAIGN } from "./env";
import { campaignCountViaHttp, fillSignForm, person, signForm, waitForConfirmLink, waitForHydration } from "./support";

const local = (tag: string) => `e2e-typo-${tag}-${Date.now()}-${randomBytes(3).toString("hex")}`;

async function openSignForm(page: Page, js: boolean) {
  await page.goto(`/c/${OPEN_CAMPAIGN}`);
  if (js) await waitForHydration(page);
}

test.describe("with JavaScript", () => {
  test("the hint appears while typing and puts the suggestion in the field", async ({ page, request }) => {
    const name = local("live");
    await openSignForm(page, true);
    await fillSignForm(page, person("typo-live", { email: `${name}@gmial.com` }));
    const hint = page.getByText(`Did you mean ${name}@gmail.com?`);
    await expect(hint).toBeVisible();
    await page.getByRole("button", { name: "Use this address" }).click();
    await expect(signForm(page).email).toHaveValue(`${name}@gmail.com`);
    await expect(hint).toHaveCount(0);
    await signForm(page).submit.click();
    await expect(page).toHaveURL(`${APP_URL}/c/${OPEN_CAMPAIGN}/check-email`);
    expect(await waitForConfirmLink(request, `${name}@gmail.com`)).toContain("/confirm/");
  });

  test("a sign pressed past the hint is held once, and keeping the address signs it as typed", async ({ page, request }) => {
    const typed = `${local("keep")}@yahoo.con`;
    const before = await campaignCountViaHttp(request, OPEN_CAMPAIGN);
    await openSignForm(page, true);
    await fillSignForm(page, person("typo-keep", { email: typed }));
    await signForm(page).submit.click();
    const question = page.getByRole("group", { name: /Did you mean .*@yahoo\.com\?/ });
    await expect(question).toBeVisible();
    await expect(page).not.toHaveURL(/check-email/);
    await question.getByLabel(`No, keep ${typed} as typed`).check();
    await signForm(page).submit.click();
    await expect(page).toHaveURL(`${APP_URL}/c/${OPEN_CAMPAIGN}/check-email`);
    expect(await waitForConfirmLink(request, typed)).toContain("/confirm/");
    // Held, then signed once: confirmation is still pending, so the public count has not moved.
    expect(await campaignCountViaHttp(request, OPEN_CAMPAIGN)).toBe(before);
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the server's answer asks, and choosing the suggestion signs with it", async ({ page, request }) => {
    const name = local("nojs");
    await openSignForm(page, false);
    await fillSignForm(page, person("typo-nojs", { email: `${name}@hotmal.com` }));
    const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), signForm(page).submit.click()]);
    expect(response.status()).toBe(400);
    const question = page.getByRole("group", { name: `Did you mean ${name}@hotmail.com?` });
    await expect(question).toBeVisible();
    await question.getByLabel(`Yes, use ${name}@hotmail.com`).check();
    await signForm(page).submit.click();
    await expect(page).toHaveURL(`${APP_URL}/c/${OPEN_CAMPAIGN}/check-email`);
    expect(await waitForConfirmLink(request, `${name}@hotmail.com`)).toContain("/confirm/");
  });
});
