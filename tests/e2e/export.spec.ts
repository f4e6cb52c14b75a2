import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { parseCsv } from "../support/csv";
import { OPEN_CAMPAIGN } from "./env";
import { DEMO_VIEWER, signInAsOrganizer, waitForHydration } from "./support";

/**
 * An organizer exports the Canada Post campaign's signers from the dashboard: picks who and which
 * columns, downloads the file, and opens it as a spreadsheet would. With and without JavaScript:
 * the form is a plain GET form, the file a plain download. The export shows up in the audit log.
 */
async function openExportPage(page: Page, javaScript: boolean) {
  await signInAsOrganizer(page, undefined, `/org/c/${OPEN_CAMPAIGN}`);
  await page.getByRole("link", { name: "Export CSV" }).click();
  await expect(page.getByRole("heading", { name: "Export signers", level: 1 })).toBeVisible();
  if (javaScript) await waitForHydration(page, "form#export");
}

for (const javaScript of [true, false]) {
  test.describe(javaScript ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled: javaScript });

    test("an organizer downloads the signers as a CSV that Excel reads right", async ({ page }) => {
      await openExportPage(page, javaScript);
      await page.getByLabel("All, including those who have not confirmed").check();
      await page.getByLabel("Message", { exact: true }).uncheck();
      await page.getByLabel("Source", { exact: true }).uncheck();
      await page.getByLabel("For Microsoft Excel: start the file with a byte-order mark").check();

      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download CSV" }).click()]);
      expect(download.suggestedFilename()).toBe(`${OPEN_CAMPAIGN}-signers-${new Date().toISOString().slice(0, 10)}.csv`);
      const bytes = fs.readFileSync(await download.path());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const [header, ...rows] = parseCsv(bytes.subarray(3).toString("utf8"));
      expect(header?.slice(0, 3)).toEqual(["First name", "Last name", "Email"]);
      expect(header).not.toContain("Message");
      expect(header).not.toContain("Source");
      // Which messages a moderator hid, so whoever delivers the petition leaves them out.
      await expect(page.getByLabel("Whether a moderator hid the message")).toBeChecked();
      expect(header).toContain("Message hidden by a moderator");
      expect(header).toContain("I will join a picket line");
      const names = rows.map((r) => `${r[0]} ${r[1]}`);
      expect(names).toContain("Lucía Hernández");
      expect(names).toContain("Marie Tremblay");
      // The page stays where it was, ready for another export.
      await expect(page.getByRole("heading", { name: "Export signers", level: 1 })).toBeVisible();

      await test.step("the export is in the group's audit log", async () => {
        await page.goto(`/org/c/${OPEN_CAMPAIGN}`);
        await page.getByRole("link", { name: "Audit log" }).click();
        const entry = page.locator("tbody tr", { hasText: "exported the confirmed and unconfirmed signers" }).first();
        await expect(entry).toContainText(`as a CSV file from the website: ${rows.length.toLocaleString("en")} signers in the file.`);
      });
    });

    test("without a column or with the days the wrong way round, the form says what to fix", async ({ page }) => {
      await openExportPage(page, javaScript);
      for (const box of await page.locator('input[name="columns"]').all()) await box.uncheck();
      await page.getByLabel("Signed from").fill("2026-03-05");
      await page.getByLabel("Signed until").fill("2026-03-01");
      let downloaded = false;
      page.on("download", () => void (downloaded = true));
      await page.getByRole("button", { name: "Download CSV" }).click();
      await expect(page.getByText("Choose at least one column.")).toBeVisible();
      await expect(page.getByText("The end date must be on or after the start date.")).toBeVisible();
      await expect(page.getByLabel("Signed until")).toHaveAttribute("aria-invalid", "true");
      expect(downloaded).toBe(false);
    });
  });
}

test("a viewer of the group cannot export", async ({ page }) => {
  await signInAsOrganizer(page, DEMO_VIEWER, `/org/c/${OPEN_CAMPAIGN}`);
  await expect(page.getByRole("link", { name: "Export CSV" })).toHaveCount(0);
  const page403 = await page.goto(`/org/c/${OPEN_CAMPAIGN}/export`);
  expect(page403?.status()).toBe(403);
  const file = await page.request.get(`/org/c/${OPEN_CAMPAIGN}/export.csv?columns=name&columns=email`);
  expect(file.status()).toBe(403);
  expect(await file.text()).not.toContain("@");
});
