import { expect, test } from "@playwright/test";
import { APP_URL, OPEN_CAMPAIGN } from "./env";
import { campaignCountViaHttp, formFields, person, waitForConfirmLink } from "./support";

/**
 * Mail scanners and link previews open every link in an email. Opening the confirmation link must
 * therefore change nothing: only pressing the button (a POST) confirms.
 */
test("opening the confirmation link (GET) does not confirm the signature", async ({ request, page }) => {
  const supporter = person("get-only");
  const before = await campaignCountViaHttp(request, OPEN_CAMPAIGN);

  const signed = await request.post(`/c/${OPEN_CAMPAIGN}?index`, { form: formFields(supporter), maxRedirects: 0 });
  expect(signed.status()).toBe(302);
  expect(signed.headers()["location"]).toBe(`/c/${OPEN_CAMPAIGN}/check-email`);
  const link = await waitForConfirmLink(request, supporter.email);

  await test.step("GET the link as a scanner would, twice, and a HEAD", async () => {
    for (let i = 0; i < 2; i++) {
      const response = await request.get(link, { maxRedirects: 0 });
      expect(response.status()).toBe(200);
      const html = await response.text();
      expect(html).toContain("Confirm my signature");
      expect(html).toContain('content="noindex"');
    }
    expect((await request.head(link, { maxRedirects: 0 })).status()).toBeLessThan(300);
    expect(await campaignCountViaHttp(request, OPEN_CAMPAIGN)).toBe(before);
  });

  await test.step("the link still confirms when its button is pressed", async () => {
    await page.goto(link);
    // Pressed as soon as the page shows, before any script runs: the plain form POST must work.
    await page.getByRole("button", { name: "Confirm my signature" }).click();
    await expect(page).toHaveURL(`${APP_URL}/c/${OPEN_CAMPAIGN}/thank-you`);
    expect(await campaignCountViaHttp(request, OPEN_CAMPAIGN)).toBe(before + 1);
  });
});

test("a wrong confirmation link says so and confirms nothing", async ({ page, request }) => {
  const before = await campaignCountViaHttp(request, OPEN_CAMPAIGN);
  const response = await page.goto("/confirm/not-a-real-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This link does not work");
  await expect(page.getByRole("button", { name: "Confirm my signature" })).toHaveCount(0);
  const posted = await request.post("/confirm/not-a-real-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaaa", { maxRedirects: 0 });
  expect(posted.status()).toBe(404);
  expect(await campaignCountViaHttp(request, OPEN_CAMPAIGN)).toBe(before);
});
