import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { ARTIFACTS_DIR, OPEN_CAMPAIGN } from "./env";
import { signForm, signInAsOrganizer } from "./support";

/** A small, common Android phone. Most supporters arrive from a link shared in a chat app. */
const PHONE = { width: 360, height: 740 };

test.use({ viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const widths = await page.evaluate(() => ({
    document: document.documentElement.scrollWidth,
    body: document.body.scrollWidth,
    viewport: window.innerWidth,
  }));
  expect(widths.viewport).toBe(PHONE.width);
  expect(widths.document, "page must not scroll sideways").toBeLessThanOrEqual(PHONE.width);
  expect(widths.body, "page must not scroll sideways").toBeLessThanOrEqual(PHONE.width);
}

/** Elements that stick out past the right edge, for a readable failure message. */
async function overflowingElements(page: Page): Promise<string[]> {
  return page.evaluate((width) => {
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll("body *"))) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.right <= width + 0.5) continue;
      if (el.closest(".hp, .skip-link")) continue; // deliberately off-screen
      out.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.className ? `.${String(el.className).split(" ").join(".")}` : ""} right=${Math.round(box.right)}`);
    }
    return out;
  }, PHONE.width);
}

test("campaign page fits a 360px phone, with a reachable, labelled form", async ({ page }) => {
  await page.goto(`/c/${OPEN_CAMPAIGN}`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  expect(await overflowingElements(page)).toEqual([]);
  await expectNoHorizontalScroll(page);

  const form = signForm(page);
  await form.submit.scrollIntoViewIfNeeded();
  await expect(form.submit).toBeInViewport();
  await form.firstName.scrollIntoViewIfNeeded();
  await expect(form.firstName).toBeInViewport();

  // Every control a person can reach has a name a screen reader announces, and fits the screen.
  // (The honeypot field "website" is left out: it is off-screen and hidden from assistive tech on purpose.)
  const controls = page.locator("#sign").locator("input:not([type=hidden]):not([name=website]), select, textarea, button");
  const reachable = controls.filter({ visible: true });
  const count = await reachable.count();
  expect(count).toBeGreaterThanOrEqual(10); // 9 fields and the button
  for (let i = 0; i < count; i++) {
    const control = reachable.nth(i);
    const name = (await control.getAttribute("name")) ?? (await control.textContent()) ?? `#${i}`;
    await expect(control, `${name} has an accessible name`).toHaveAccessibleName(/\S/);
    const box = await control.boundingBox();
    expect(box, `${name} is laid out`).not.toBeNull();
    expect(box!.x, `${name} starts on screen`).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width, `${name} ends on screen`).toBeLessThanOrEqual(PHONE.width);
    // Big enough to hit with a thumb (WCAG 2.5.8: 24px). Checkboxes and radio buttons are smaller,
    // but their labels toggle them too (a suggested amount's label is the whole pill around it).
    const type = await control.getAttribute("type");
    if (type !== "checkbox" && type !== "radio") {
      expect(box!.height, `${name} is tall enough to tap`).toBeGreaterThanOrEqual(24);
    }
  }
  // The honeypot is the only field without a visible label, and it is hidden from everyone.
  await expect(page.locator("#sign input[name=website]")).not.toBeInViewport();

  await page.screenshot({ path: path.join(ARTIFACTS_DIR, "phone-campaign.png"), fullPage: true });
});

test("thank-you page fits a 360px phone", async ({ page }) => {
  await page.goto(`/c/${OPEN_CAMPAIGN}/thank-you`);
  await expect(page.getByRole("heading", { name: "Thank you for signing!", level: 1 })).toBeVisible();
  expect(await overflowingElements(page)).toEqual([]);
  await expectNoHorizontalScroll(page);
  await page.screenshot({ path: path.join(ARTIFACTS_DIR, "phone-thank-you.png"), fullPage: true });
});

test("the signer export page fits a 360px phone", async ({ page }) => {
  await signInAsOrganizer(page, undefined, `/org/c/${OPEN_CAMPAIGN}/export`);
  await expect(page.getByRole("heading", { name: "Export signers", level: 1 })).toBeVisible();
  expect(await overflowingElements(page)).toEqual([]);
  await expectNoHorizontalScroll(page);
  await page.screenshot({ path: path.join(ARTIFACTS_DIR, "phone-export.png"), fullPage: true });
});
