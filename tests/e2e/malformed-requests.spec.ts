import { expect, test, type APIRequestContext } from "@playwright/test";
import { OPEN_CAMPAIGN } from "./env";
import { signInAsOrganizer } from "./support";

/**
 * Bodies no browser form sends (a script, a broken client, a half-dropped upload) are the
 * sender's mistake: every form route answers 4xx, never 500, signed in or not.
 */
const FAKE_TOKEN = "A".repeat(43);

const MALFORMED: { what: string; headers: Record<string, string>; data: string }[] = [
  { what: "plain text", headers: { "Content-Type": "text/plain" }, data: "firstName=Rosa" },
  { what: "JSON", headers: { "Content-Type": "application/json" }, data: '{"firstName":"Rosa"}' },
  { what: "multipart without a boundary", headers: { "Content-Type": "multipart/form-data" }, data: "garbage" },
  { what: "multipart cut short", headers: { "Content-Type": "multipart/form-data; boundary=zz" }, data: '--zz\r\nContent-Disposition: form-data; name="title"\r\n\r\nhalf' },
];

async function expectAll4xx(request: APIRequestContext, paths: string[]): Promise<void> {
  for (const path of paths) {
    for (const body of MALFORMED) {
      const response = await request.post(path, { headers: body.headers, data: body.data, maxRedirects: 0 });
      const status = response.status();
      expect(status >= 300 && status < 500, `POST ${path} with ${body.what} answered ${status}`).toBe(true);
    }
  }
}

test("public form routes answer malformed bodies with a 4xx", async ({ request }) => {
  await expectAll4xx(request, [
    `/c/${OPEN_CAMPAIGN}`,
    "/org/sign-in",
    "/org/magic-link",
    "/org/forgot-password",
    `/org/magic/${FAKE_TOKEN}`,
    `/org/reset/${FAKE_TOKEN}`,
    `/org/invite/${FAKE_TOKEN}`,
  ]);
});

test("organizer form routes answer malformed bodies with a 4xx", async ({ page }) => {
  await signInAsOrganizer(page);
  const membersHref = await page.getByRole("link", { name: "Members" }).first().getAttribute("href");
  expect(membersHref).toMatch(/^\/org\/groups\/\d+\/members$/);
  await expectAll4xx(page.request, [
    "/org/account",
    "/org/campaigns/new",
    `/org/c/${OPEN_CAMPAIGN}/edit`,
    `/org/c/${OPEN_CAMPAIGN}/signers`,
    membersHref!,
  ]);
  // Still signed in and nothing broke: the dashboard answers.
  expect((await page.request.get(`/org/c/${OPEN_CAMPAIGN}`)).status()).toBe(200);
});
