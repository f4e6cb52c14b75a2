import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { APP_URL, OPEN_CAMPAIGN } from "./env";
import { signInAsOrganizer } from "./support";

/**
 * The public site's way into the organizer area: a discreet footer link, "Organizers" for anyone,
 * "Your campaigns" once signed in. Plain links, so the same with JavaScript on and off.
 */
const footer = (page: Page) => page.getByRole("contentinfo");

for (const javaScript of [true, false]) {
  test.describe(javaScript ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled: javaScript });

    test("a visitor finds the organizers' sign-in page from the footer", async ({ page }) => {
      for (const path of ["/", `/c/${OPEN_CAMPAIGN}`]) {
        await page.goto(path);
        await expect(footer(page).getByRole("link")).toHaveText(["Organizers"]);
      }
      await footer(page).getByRole("link", { name: "Organizers" }).click();
      await expect(page).toHaveURL(`${APP_URL}/org/sign-in`);
      await expect(page.getByRole("heading", { name: "Sign in", level: 1 })).toBeVisible();
      // The organizer area has its own navigation, not the public footer.
      await expect(footer(page)).toHaveCount(0);
    });

    test("a signed-in organizer goes from a campaign page straight to their campaigns", async ({ page }) => {
      await signInAsOrganizer(page);
      await page.goto(`/c/${OPEN_CAMPAIGN}`);
      await expect(footer(page).getByRole("link")).toHaveText(["Your campaigns"]);
      await footer(page).getByRole("link", { name: "Your campaigns" }).click();
      await expect(page).toHaveURL(`${APP_URL}/org`);
      await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    });
  });
}

test("the footer speaks the visitor's language", async ({ browser }) => {
  for (const [locale, label] of [
    ["fr-FR", "Organisateurs"],
    ["es-MX", "Organizadores"],
  ] as const) {
    const context = await browser.newContext({ locale, extraHTTPHeaders: { "Accept-Language": locale } });
    const page = await context.newPage();
    await page.goto("/");
    await expect(footer(page).getByRole("link")).toHaveText([label]);
    await context.close();
  }
});

test("a session that has ended leads to the sign-in page, not an error", async ({ page, context }) => {
  // Well formed, but no session has this token (expired and purged, say).
  await context.addCookies([{ name: "picket_session", value: randomBytes(32).toString("base64url"), url: APP_URL }]);
  await page.goto("/");
  await footer(page).getByRole("link", { name: "Your campaigns" }).click();
  await expect(page.getByRole("heading", { name: "Sign in", level: 1 })).toBeVisible();
});
