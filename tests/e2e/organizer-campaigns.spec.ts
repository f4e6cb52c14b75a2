import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { APP_URL } from "./env";
import { DEMO_OWNER, DEMO_VIEWER, signInAsOrganizer, waitForEmail, waitForHydration } from "./support";

/**
 * Campaign authoring as an organizer does it: sign in as the demo owner (created by the demo
 * seed), write a campaign with Markdown and a header image, preview the draft, publish it, and
 * find it on the public page.
 */
// 1×1 transparent PNG.
const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201e2213bc90000000049454e44ae426082",
  "hex",
);

function campaignForm(page: Page) {
  return {
    title: page.getByLabel("Title", { exact: true }),
    slug: page.getByLabel("Web address", { exact: true }),
    summary: page.getByLabel("Summary", { exact: true }),
    body: page.getByLabel("Campaign text", { exact: true }),
    target: page.getByLabel("Addressed to", { exact: true }),
    goal: page.getByLabel("Signature goal", { exact: true }),
    imageFile: page.getByLabel("Or upload an image", { exact: true }),
    imageAlt: page.getByLabel("Image description", { exact: true }),
    save: page.getByRole("button", { name: "Save draft" }),
  };
}

test("the demo owner writes a campaign, previews the draft, publishes it, and the public sees it", async ({ page, request }) => {
  const title = `Solidarity with the bakers ${randomBytes(3).toString("hex")}`;
  await signInAsOrganizer(page);

  await page.getByRole("link", { name: "New campaign" }).click();
  await expect(page.getByRole("heading", { name: "New campaign", level: 1 })).toBeVisible();
  await waitForHydration(page, "form#new-campaign");
  const form = campaignForm(page);
  await form.title.fill(title);
  // The address is suggested from the title as it is typed.
  await expect(form.slug).toHaveAttribute("placeholder", /^solidarity-with-the-bakers-[0-9a-f]{6}$/);
  await form.summary.fill("The bakers are on strike for a living wage.");
  await form.body.fill("## Why we sign\n\nThe bakers work **night shifts** for poverty pay.\n\n<script>window.pwned = true</script>\n\n- Fair pay\n- Safe ovens");
  await form.target.fill("The Bakery Board");
  await form.goal.fill("2500");
  await form.imageFile.setInputFiles({ name: "bakers.png", mimeType: "image/png", buffer: PNG });
  // Without a description the image is refused, next to the field.
  await form.save.click();
  await expect(page.getByText("Describe the image for people who cannot see it.")).toBeVisible();
  await form.imageAlt.fill("Bakers on the picket line at dawn");
  await form.save.click();

  await expect(page).toHaveURL(/\/org\/c\/solidarity-with-the-bakers-[0-9a-f]{6}\/edit\?done=created$/);
  const slug = /\/org\/c\/([a-z0-9-]+)\/edit/.exec(page.url())![1]!;
  await expect(page.getByRole("status")).toHaveText("Draft saved. Preview it, then publish it when it is ready.");
  await expect(page.getByRole("heading", { name: /Status: Draft/ })).toBeVisible();

  // A draft does not exist for the public.
  expect((await request.get(`/c/${slug}`)).status()).toBe(404);

  await page.getByRole("link", { name: "Preview", exact: true }).click();
  await expect(page).toHaveURL(`${APP_URL}/org/c/${slug}/preview`);
  await expect(page.getByRole("note")).toContainText("Preview");
  await expect(page.getByRole("note")).toContainText("This campaign is a draft");
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  await expect(page.getByRole("heading", { name: "Why we sign", level: 2 })).toBeVisible();
  await expect(page.locator(".campaign__body strong")).toHaveText("night shifts");
  await expect(page.getByRole("img", { name: "Bakers on the picket line at dawn" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign the petition" })).toHaveCount(0);

  await page.getByRole("link", { name: "Back to editing" }).click();
  await waitForHydration(page, "form#edit-campaign");
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByRole("status")).toHaveText("Published. The campaign is now public.");
  await expect(page.getByRole("heading", { name: /Status: Open/ })).toBeVisible();
  // Once published, the address is fixed.
  await expect(page.getByLabel("Web address", { exact: true })).toHaveCount(0);
  await expect(page.getByText(`/c/${slug}`, { exact: true })).toBeVisible();

  await page.goto(`/c/${slug}`);
  await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
  await expect(page.getByText("To: The Bakery Board")).toBeVisible();
  await expect(page.locator(".campaign__body strong")).toHaveText("night shifts");
  // Raw HTML in the text is shown as text, never run.
  await expect(page.locator(".campaign__body")).toContainText("<script>window.pwned = true</script>");
  expect(await page.evaluate(() => (window as unknown as { pwned?: boolean }).pwned)).toBeUndefined();
  const image = page.getByRole("img", { name: "Bakers on the picket line at dawn" });
  await expect(image).toBeVisible();
  const imageResponse = await request.get((await image.getAttribute("src"))!);
  expect(imageResponse.status()).toBe(200);
  expect(imageResponse.headers()["content-type"]).toBe("image/png");
  expect(imageResponse.headers()["x-content-type-options"]).toBe("nosniff");
  await expect(page.getByRole("button", { name: "Sign the petition" })).toBeVisible();

  // And it is listed on the organizer home, open.
  await page.goto("/org");
  const card = page.locator(".org-campaign", { hasText: title });
  await expect(card.getByText("Open", { exact: true })).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the campaign form shows errors next to the fields and keeps what was typed", async ({ page }) => {
    await signInAsOrganizer(page, DEMO_OWNER, "/org/campaigns/new");

    const form = campaignForm(page);
    await form.summary.fill("Kept after the error");
    await form.goal.fill("0");
    await form.save.click();
    await expect(page.locator("#new-campaign-title-error")).toHaveText(/This field is required/);
    await expect(page.locator("#new-campaign-goal-error")).toHaveText(/whole number between 1 and/);
    await expect(form.summary).toHaveValue("Kept after the error");

    const title = `No script campaign ${randomBytes(3).toString("hex")}`;
    await form.title.fill(title);
    await form.goal.fill("100");
    await form.save.click();
    await expect(page).toHaveURL(/\/org\/c\/no-script-campaign-[0-9a-f]{6}\/edit\?done=created$/);
    await expect(page.getByRole("heading", { name: `Edit “${title}”` })).toBeVisible();
  });
});

test("the server takes a header image up to 2 MB on the campaign form, and refuses bigger bodies", async ({ page }) => {
  await signInAsOrganizer(page);
  await page.getByRole("link", { name: "New campaign" }).click();
  await waitForHydration(page, "form#new-campaign");
  const form = campaignForm(page);
  await form.title.fill(`Big picture ${randomBytes(3).toString("hex")}`);
  // A PNG signature followed by padding: 1.5 MB, far above the 64 KB other forms may send.
  const large = Buffer.concat([PNG, Buffer.alloc(1_500_000)]);
  await form.imageFile.setInputFiles({ name: "large.png", mimeType: "image/png", buffer: large });
  await form.imageAlt.fill("A large picture");
  await form.save.click();
  await expect(page).toHaveURL(/\/edit\?done=created$/);
  const slug = /\/org\/c\/([a-z0-9-]+)\/edit/.exec(page.url())![1]!;
  const served = await page.request.get(`/c/${slug}/image`);
  expect(served.status()).toBe(200);
  expect((await served.body()).byteLength).toBe(large.byteLength);

  const tooBig = await page.request.post(`/org/c/${slug}/edit`, {
    multipart: { intent: "save", title: "x", imageFile: { name: "huge.png", mimeType: "image/png", buffer: Buffer.alloc(3_000_000) } },
  });
  expect(tooBig.status()).toBe(413);
});

test("the demo viewer sees the campaigns and their previews, but cannot create or edit", async ({ page }) => {
  await signInAsOrganizer(page, DEMO_VIEWER);
  await expect(page.getByRole("link", { name: "New campaign" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: /^Edit:/ })).toHaveCount(0);

  await page.getByRole("link", { name: /^Preview: Canada Post Workers/ }).click();
  await expect(page.getByRole("note")).toContainText("Preview");

  const edit = await page.goto("/org/c/canada-post-solidarity/edit");
  expect(edit?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Not available with your role" })).toBeVisible();
  expect((await page.goto("/org/campaigns/new"))?.status()).toBe(403);
});

test("a campaign written in Spanish speaks Spanish to its supporters, emails included", async ({ page, browser, request }) => {
  await signInAsOrganizer(page);
  await page.getByRole("link", { name: "New campaign" }).click();
  await waitForHydration(page, "form#new-campaign");
  const form = campaignForm(page);
  const title = `Solidaridad con las obreras de Matamoros ${randomBytes(3).toString("hex")}`;
  await form.title.fill(title);
  await form.summary.fill("Cuarenta mil obreras y obreros en huelga.");
  await form.body.fill("Exigimos un aumento salarial digno.");
  await form.target.fill("La Secretaría del Trabajo");
  await page.getByLabel("Language of the campaign page", { exact: true }).selectOption("es");
  await form.save.click();
  await expect(page).toHaveURL(/\/edit\?done=created$/);
  const slug = /\/org\/c\/([a-z0-9-]+)\/edit/.exec(page.url())![1]!;
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByRole("status")).toHaveText("Published. The campaign is now public.");

  const supporter = await (await browser.newContext()).newPage();
  await supporter.goto(`/c/${slug}`);
  await expect(supporter.locator("html")).toHaveAttribute("lang", "es");
  await expect(supporter.getByRole("heading", { name: "Firma esta petición" })).toBeVisible();
  await supporter.getByLabel("Nombre", { exact: true }).fill("Rosa");
  await supporter.getByLabel("Apellido", { exact: true }).fill("Luxemburgo");
  const email = `e2e-es-${randomBytes(4).toString("hex")}@example.org`;
  await supporter.getByLabel("Correo electrónico", { exact: true }).fill(email);
  await supporter.getByLabel("País", { exact: true }).selectOption("MX");
  await supporter.getByRole("button", { name: "Firmar la petición" }).click();
  await expect(supporter.getByRole("heading", { name: "Revisa tu correo" })).toBeVisible();
  const mail = await waitForEmail(request, email);
  expect(mail.subject).toBe(`Confirma tu firma: ${title}`);
  expect(mail.text).toContain("Hola, Rosa:");
  await supporter.context().close();
});
