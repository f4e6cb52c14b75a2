import { expect, test } from "@playwright/test";
import { CLOSED_CAMPAIGN } from "./env";
import { campaignCountViaHttp, countOnPage, expectNoEmail, formFields, person } from "./support";

test.describe("a closed campaign", () => {
  test("says it is closed, shows its final count and offers no form", async ({ page }) => {
    const response = await page.goto(`/c/${CLOSED_CAMPAIGN}`);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mexico: Explosive Strike Wave Hits 48 Factories");

    const count = await countOnPage(page);
    const notice = page.getByRole("status");
    await expect(notice).toContainText("This campaign is closed.");
    // The final count, in words, matches the figure on the thermometer.
    await expect(notice).toContainText(`It gathered ${count.toLocaleString("en")} signatures.`);

    await expect(page.locator("form")).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Sign the petition" })).toHaveCount(0);
    await expect(page.getByLabel("First name")).toHaveCount(0);
    await expect(page.getByRole("heading", { name: "Sign this petition" })).toHaveCount(0);
  });

  test("refuses a signature posted to it directly", async ({ request }) => {
    const supporter = person("closed-post");
    const before = await campaignCountViaHttp(request, CLOSED_CAMPAIGN);
    // Both ways a form could address the route: with and without Remix's ?index marker.
    for (const url of [`/c/${CLOSED_CAMPAIGN}?index`, `/c/${CLOSED_CAMPAIGN}`]) {
      const response = await request.post(url, { form: formFields(supporter), maxRedirects: 0 });
      expect(response.status(), `POST ${url}`).toBeGreaterThanOrEqual(400);
      expect(response.status(), `POST ${url}`).toBeLessThan(500);
      expect(response.headers()["location"], "no redirect to check-email").toBeUndefined();
    }
    expect(await campaignCountViaHttp(request, CLOSED_CAMPAIGN)).toBe(before);
    await expectNoEmail(request, supporter.email);
  });
});

test.describe("an unknown campaign", () => {
  test("shows the not-found page with a 404", async ({ page }) => {
    const response = await page.goto("/c/no-such-campaign-e2e");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Campaign not found");
    await expect(page.getByRole("link", { name: "Back to all campaigns" })).toBeVisible();
    await expect(page.locator("form")).toHaveCount(0);
  });

  test("answers 404 on its sub-pages and to a posted signature", async ({ request }) => {
    for (const path of ["/c/no-such-campaign-e2e/check-email", "/c/no-such-campaign-e2e/thank-you", "/no/such/page"]) {
      expect((await request.get(path)).status(), path).toBe(404);
    }
    const response = await request.post("/c/no-such-campaign-e2e?index", {
      form: formFields(person("unknown-post")),
      maxRedirects: 0,
    });
    expect(response.status()).toBe(404);
  });
});
