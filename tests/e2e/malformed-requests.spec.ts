import { expect, test, type APIRequestContext } from "@playwright/test";
import { OPEN_CAMPAIGN } from "./env";
import { signInAsOrganizer } from "./support";

const cursor = (text: string) => Buffer.from(text, "utf8").toString("base64url");

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

test("hostile addresses and field values get a page or a 4xx, never a 500", async ({ page }) => {
  await signInAsOrganizer(page);
  const membersHref = (await page.getByRole("link", { name: "Members" }).first().getAttribute("href"))!;
  const groupPath = membersHref.replace(/\/members$/, "");
  const signers = `/org/c/${OPEN_CAMPAIGN}/signers`;
  const badCursors = [cursor("2024-99-99T99:99:99.000000Z|5"), cursor("0000-01-01T00:00:00.000000Z|5"), "%00", "x".repeat(90)];
  const gets = [
    ...badCursors.flatMap((c) => [`${signers}?after=${c}`, `${signers}?before=${c}`, `${groupPath}/audit?after=${c}`]),
    `${signers}?from=0000-01-01`,
    `${signers}?to=9999-12-31`,
    `${signers}?from=2024-02-31`,
    "/org/groups/9999999999/audit",
    "/org/groups/1e0/audit",
    "/org/groups/0x1/members",
    "/org/c/%00",
    "/org/c/%00/signers",
    `/c/%00`,
    "/c/%E0%A4%A",
  ];
  for (const path of gets) {
    const status = (await page.request.get(path, { maxRedirects: 0 })).status();
    expect(status < 500, `GET ${path} answered ${status}`).toBe(true);
  }
  const posts: [string, Record<string, string>][] = [
    [signers, { intent: "filter", q: "\u0000abc" }],
    [signers, { intent: "filter", q: "\u202Egro.elpmaxe@asor" }],
    [signers, { intent: "filter", from: "0000-01-01", to: "9999-12-31" }],
    [membersHref, { intent: "remove", organizerId: "9999999999" }],
    [membersHref, { intent: "change-role", organizerId: "9999999999", role: "viewer" }],
    ["/org/campaigns/new", { groupId: "9999999999", title: "Overflow" }],
    ["/org/campaigns/new", { groupId: groupPath.split("/").at(-1)!, title: "Far future", closesAt: "9999-12-31" }],
    [`/org/c/strike-wave-48-factories/edit`, { intent: "reopen", closesAt: "9999-12-31" }],
    ["/org/account", { intent: "name", name: "\u202Erotinagro" }],
  ];
  for (const [path, form] of posts) {
    const status = (await page.request.post(path, { form, maxRedirects: 0 })).status();
    expect(status >= 400 && status < 500, `POST ${path} ${JSON.stringify(form)} answered ${status}`).toBe(true);
  }
  // Nothing stuck: the signer list still opens after the hostile search.
  expect((await page.request.get(signers)).status()).toBe(200);
});
