import { expect, test, type Page } from "@playwright/test";
import { OPEN_CAMPAIGN } from "./env";

/** What has focus, described the way a screen reader user would hear it. */
async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return "(nothing)";
    if (el.id) return `#${el.id}`;
    return `${el.tagName.toLowerCase()}:${(el.textContent ?? "").trim()}`;
  });
}

test("keyboard users reach the form and tab through it in order", async ({ page }) => {
  await page.goto(`/c/${OPEN_CAMPAIGN}`);
  let visited: string[] = [];

  await test.step("Tab from the top of the page reaches the first field", async () => {
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
    let presses = 1;
    while ((await focused(page)) !== "#sign-firstName") {
      expect(presses++, "the first field is reached within a few Tab presses").toBeLessThan(15);
      await page.keyboard.press("Tab");
    }
  });

  await test.step("Tab visits every field, then the button, in reading order", async () => {
    const expected = [
      "#sign-firstName",
      "#sign-lastName",
      "#sign-email",
      "#sign-country",
      "#sign-postalCode",
      "#sign-organization",
      "#sign-message",
      "#sign-showName",
      "#sign-updatesOptIn",
      // The demo campaign asks for pledges: the fund (its box, its suggested amounts as one radio
      // group, the other amount), then the action.
      /^#sign-pledge-\d+$/,
      /^#sign-pledge-\d+-preset-1000$/,
      /^#sign-pledge-\d+-amount$/,
      /^#sign-pledge-\d+$/,
      "button:Sign the petition",
    ];
    visited = [await focused(page)];
    for (let i = 1; i < expected.length; i++) {
      await page.keyboard.press("Tab");
      visited.push(await focused(page));
    }
    expect(visited).toEqual(expected.map((e) => (typeof e === "string" ? e : expect.stringMatching(e))));
    await expect(page.getByRole("button", { name: "Sign the petition" })).toBeFocused();
  });

  await test.step("focus is visible on the button", async () => {
    const outline = await page
      .getByRole("button", { name: "Sign the petition" })
      .evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).not.toBe("none");
  });

  await test.step("Shift+Tab walks back the same way", async () => {
    for (const id of [...visited].reverse().slice(1, 6)) {
      await page.keyboard.press("Shift+Tab");
      expect(await focused(page)).toBe(id);
    }
    expect(await focused(page)).toBe("#sign-updatesOptIn");
  });
});
