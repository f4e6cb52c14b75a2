import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { OPEN_CAMPAIGN } from "./env";
import { fillSignForm, person, signForm, signInAsOrganizer } from "./support";

/**
 * Every organizer page fits the screen from a 360 px phone to a 1440 px desktop: nothing makes
 * the page scroll sideways, every button and link-button (Hide message, Remove as spam, Save,
 * Export…) is on screen, not cut off by a table that is wider than its box, and no text runs out
 * of its table cell over the next one. Each page is loaded
 * once and measured at each width. E2E_SCREENSHOTS=1 keeps a screenshot of each page and width
 * under tests/.artifacts/layout for a person to look at.
 */
const WIDTHS = [360, 1024, 1280, 1440] as const;
const SCREENSHOTS = process.env.E2E_SCREENSHOTS === "1";
const base = `/org/c/${OPEN_CAMPAIGN}`;

interface Overflow {
  /** The page's width against the window's. */
  scrollWidth: number;
  /** Buttons and link-buttons that stick out of the window or of a box that clips them. */
  cutOff: string[];
  /** Tables that scroll sideways inside their box (allowed only on a phone). */
  scrollingTables: number;
  /** Table cells whose text runs over into the next one. */
  overflowingCells: string[];
}

/** What sticks out at the current width. */
function measure(page: Page): Promise<Overflow> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const cutOff: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>("main button, main .button, main input[type=submit]")) {
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 && rect.height === 0) continue; // not rendered (hidden)
      let right = width;
      let left = 0;
      for (let box = el.parentElement; box; box = box.parentElement) {
        const { overflowX } = getComputedStyle(box);
        if (overflowX !== "visible") {
          const r = box.getBoundingClientRect();
          right = Math.min(right, r.right);
          left = Math.max(left, r.left);
        }
      }
      if (rect.right > right + 1 || rect.left < left - 1) cutOff.push(`${el.textContent?.trim().slice(0, 40)} (${Math.round(rect.left)}–${Math.round(rect.right)} of ${Math.round(left)}–${Math.round(right)})`);
    }
    const scrollingTables = [...document.querySelectorAll<HTMLElement>(".table-wrap")].filter((w) => w.scrollWidth > w.clientWidth + 1).length;
    const overflowingCells = [...document.querySelectorAll<HTMLElement>("main .table td, main .table th")]
      // (A card layout hides the header row in a 1 px box for screen readers: not shown text.)
      .filter((cell) => cell.clientWidth > 1 && cell.scrollWidth > cell.clientWidth + 1)
      .map((cell) => `${cell.textContent?.trim().slice(0, 40)} (${cell.scrollWidth} px in ${cell.clientWidth})`);
    return { scrollWidth: document.documentElement.scrollWidth, cutOff, scrollingTables, overflowingCells };
  });
}

async function checkEveryWidth(page: Page, name: string) {
  const problems: string[] = [];
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    const found = await measure(page);
    if (found.scrollWidth > width) problems.push(`${width} px: the page is ${found.scrollWidth} px wide`);
    for (const button of found.cutOff) problems.push(`${width} px: cut off: ${button}`);
    for (const cell of found.overflowingCells) problems.push(`${width} px: text runs out of its cell: ${cell}`);
    if (width >= 1024 && found.scrollingTables > 0) problems.push(`${width} px: ${found.scrollingTables} table(s) scroll sideways`);
    if (SCREENSHOTS) {
      fs.mkdirSync("tests/.artifacts/layout", { recursive: true });
      await page.screenshot({ path: `tests/.artifacts/layout/${name}-${width}.png`, fullPage: true });
    }
  }
  expect.soft(problems, name).toEqual([]);
}

test("every organizer page fits from 360 to 1440 px with its actions on screen", async ({ page }) => {
  test.setTimeout(180_000);
  // Someone signs with everything as long as the form allows, unbroken words included (a link in
  // the message, a long address, a long referral code): what real signer lists hold.
  const long = person("layout", {
    firstName: "Maximiliana-Alexandrina-Josefina",
    lastName: "Wolfeschlegelsteinhausenbergerdorff-Featherstonehaugh",
    email: `e2e-layout-${Date.now()}.a-rather-long-mailbox-name@union-local-4711.solidarity-network.example.org`,
    organization: "Canadian Union of Postal Workers / Syndicat des travailleurs et travailleuses des postes, Local 4711",
    message:
      "Read why we strike: https://www.cupw-sttp.org/en/articles/national-bulletins/2026/11/strike-fund-solidarity-canada-post-negotiations-update-and-next-steps?utm_source=petition",
  });
  await page.goto(`/c/${OPEN_CAMPAIGN}?ref=newsletter-november-2026-strike-fund-appeal-second-reminder`);
  await fillSignForm(page, long);
  await signForm(page).submit.click();
  await expect(page).toHaveURL(/\/check-email$/);
  for (const [name, path] of [["sign-in", "/org/sign-in"], ["forgot-password", "/org/forgot-password"], ["magic-link", "/org/magic-link"]] as const) {
    await page.goto(path);
    await checkEveryWidth(page, name);
  }

  await signInAsOrganizer(page, undefined, base);
  const auditHref = await page.getByRole("link", { name: "Group audit log" }).getAttribute("href");
  const groupPath = auditHref!.replace(/\/audit$/, "");

  // A draft update, so its page (preview, audience, send) is measured too.
  await page.goto(`${base}/updates`);
  await page.getByLabel("Subject", { exact: true }).fill("Layout check: the strike fund passed $100k");
  await page.getByLabel("Text", { exact: true }).fill("Thank you all.");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("heading", { name: "Layout check: the strike fund passed $100k", level: 1 })).toBeVisible();
  const updatePath = new URL(page.url()).pathname;

  // A pending invitation, so the members page shows both its tables.
  await page.goto(`${groupPath}/members`);
  await page.getByLabel("Their email").fill(`e2e-layout-invite-${Date.now()}@a-rather-long-union-local-domain.example.org`);
  await page.getByRole("button", { name: "Send the invitation" }).click();
  await expect(page.getByRole("heading", { name: "Pending invitations" })).toBeVisible();

  await page.goto(`${base}/pledges`);
  const optionPath = await page.locator(`a[href^="${base}/pledges/"]:not([href$="/edit"])`).first().getAttribute("href");

  const pages: [string, string][] = [
    ["campaigns", "/org"],
    ["account", "/org/account"],
    ["new-campaign", "/org/campaigns/new"],
    ["dashboard", base],
    ["edit", `${base}/edit`],
    ["preview", `${base}/preview`],
    ["signers", `${base}/signers`],
    ["pledge-options", `${base}/pledges`],
    ["pledges", optionPath!],
    ["pledge-option-edit", `${optionPath}/edit`],
    ["updates", `${base}/updates`],
    ["update", updatePath],
    ["export", `${base}/export`],
    ["members", `${groupPath}/members`],
    ["audit", `${groupPath}/audit`],
  ];
  for (const [name, path] of pages) {
    await test.step(name, async () => {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      await checkEveryWidth(page, name);
    });
  }
});
