import { expect, test, type Page, type Request } from "@playwright/test";
import { APP_URL, OPEN_CAMPAIGN } from "./env";
import { campaignCountViaHttp, emailsTo, expectNoEmail, person, signForm, waitForEmail, waitForHydration } from "./support";

/**
 * Bad input: each error is shown next to its field (and tied to it for screen readers), what
 * was typed stays in the form, the server answers 400, and nothing is stored or sent. Then the
 * supporter corrects the form and it goes through.
 */
async function submitWithKeyboard(page: Page): Promise<void> {
  await signForm(page).lastName.press("Enter");
}

/** The error shown for a field: p.error with id <field-id>-error, announced with the field. */
async function expectFieldError(page: Page, label: string, message: string | RegExp): Promise<void> {
  const field = page.getByLabel(label, { exact: true });
  const id = await field.getAttribute("id");
  expect(id, `${label} has an id`).toBeTruthy();
  const error = page.locator(`p.error#${id}-error`);
  await expect(error).toBeVisible();
  await expect(error).toHaveText(message);
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toHaveAttribute("aria-describedby", new RegExp(`(^|\\s)${id}-error(\\s|$)`));
  await expect(field).toHaveAccessibleDescription(message instanceof RegExp ? message : new RegExp(escape(message)));
  // "Next to" the field: inside the same .field wrapper, right below the control.
  const wrapper = page.locator(".field", { has: error });
  await expect(wrapper.locator(`#${id}`)).toHaveCount(1);
}

async function expectNoFieldError(page: Page, label: string): Promise<void> {
  const id = await page.getByLabel(label, { exact: true }).getAttribute("id");
  await expect(page.locator(`#${id}-error`)).toHaveCount(0);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

for (const javaScript of [true, false]) {
  test.describe(`validation (JavaScript ${javaScript ? "on" : "off"})`, () => {
    test.use({ javaScriptEnabled: javaScript });

    test("shows errors next to the fields, keeps the input, stores and sends nothing", async ({ page, request }) => {
      const supporter = person(javaScript ? "invalid-js" : "invalid-nojs", {
        firstName: "=SUM(A1:A9)",
        lastName: "",
        country: "",
        showName: true,
        updates: true,
        message: "An injury to one is an injury to all.",
      });
      const before = await campaignCountViaHttp(request, OPEN_CAMPAIGN);
      const posts: Request[] = [];
      page.on("request", (r) => {
        if (r.method() === "POST") posts.push(r);
      });

      await page.goto(`/c/${OPEN_CAMPAIGN}`);
      if (javaScript) await waitForHydration(page, "form#sign");
      const form = signForm(page);
      await form.firstName.fill(supporter.firstName);
      await form.lastName.fill("");
      await form.email.fill(supporter.email);
      await form.postalCode.fill(supporter.postalCode ?? "");
      await form.organization.fill(supporter.organization ?? "");
      await form.message.fill(supporter.message ?? "");
      await form.showName.check();
      await form.updates.check();

      await test.step("first attempt: unsafe first name, missing last name and country", async () => {
        if (javaScript) {
          await submitWithKeyboard(page);
        } else {
          const [response] = await Promise.all([
            page.waitForResponse((r) => r.request().method() === "POST" && r.url().startsWith(`${APP_URL}/c/${OPEN_CAMPAIGN}`)),
            submitWithKeyboard(page),
          ]);
          expect(response.status()).toBe(400);
          expect(response.request().resourceType()).toBe("document");
        }
        await expect(page).toHaveURL(new RegExp(`/c/${OPEN_CAMPAIGN}(\\?index)?$`));
        await expectFieldError(page, "First name", "Names cannot start with =, +, - or @.");
        await expectFieldError(page, "Last name", "This field is required.");
        await expectFieldError(page, "Country", "Choose a country from the list.");
        await expectNoFieldError(page, "Email");
        await expectNoFieldError(page, "Postal code (optional)");

        // Everything typed is still there.
        await expect(form.firstName).toHaveValue(supporter.firstName);
        await expect(form.lastName).toHaveValue("");
        await expect(form.email).toHaveValue(supporter.email);
        await expect(form.postalCode).toHaveValue(supporter.postalCode ?? "");
        await expect(form.organization).toHaveValue(supporter.organization ?? "");
        await expect(form.message).toHaveValue(supporter.message ?? "");
        await expect(form.showName).toBeChecked();
        await expect(form.updates).toBeChecked();
      });

      await test.step("second attempt: names and country fixed, email malformed", async () => {
        await form.firstName.fill("Rosa");
        await form.lastName.fill("Parkhurst");
        await form.country.selectOption("CA");
        await form.email.fill("rosa.example.org");
        if (javaScript) {
          await submitWithKeyboard(page);
        } else {
          const [response] = await Promise.all([
            page.waitForResponse((r) => r.request().method() === "POST" && r.url().startsWith(`${APP_URL}/c/${OPEN_CAMPAIGN}`)),
            submitWithKeyboard(page),
          ]);
          expect(response.status()).toBe(400);
        }
        await expectFieldError(page, "Email", "Enter an email address like name@example.org.");
        await expectNoFieldError(page, "First name");
        await expectNoFieldError(page, "Last name");
        await expectNoFieldError(page, "Country");
        await expect(form.country).toHaveValue("CA");
        await expect(form.firstName).toHaveValue("Rosa");
        await expect(form.email).toHaveValue("rosa.example.org");
        await expect(form.message).toHaveValue(supporter.message ?? "");
      });

      await test.step("nothing was stored or sent", async () => {
        // With JavaScript the form checks itself and never sends bad input; any request that
        // did reach the server must have been refused.
        for (const post of posts) {
          const response = await post.response();
          expect(response?.status(), `POST ${post.url()}`).toBe(400);
        }
        expect(await campaignCountViaHttp(request, OPEN_CAMPAIGN)).toBe(before);
        await expectNoEmail(request, supporter.email);
        await expect(page.getByRole("heading", { name: "Check your email" })).toHaveCount(0);
      });

      await test.step("once corrected, the form goes through", async () => {
        await form.email.fill(supporter.email);
        await submitWithKeyboard(page);
        await expect(page.getByRole("heading", { name: "Check your email", level: 1 })).toBeVisible();
        const email = await waitForEmail(request, supporter.email);
        // Had the rejected first attempt been stored, this would greet "=SUM(…)", or not come at all.
        expect(email.text).toContain("Hello Rosa,");
        expect(await emailsTo(request, supporter.email)).toHaveLength(1);
      });
    });
  });
}

test("the server refuses bad input with 400 and field errors, whatever the browser did", async ({ request }) => {
  const supporter = person("invalid-direct", { firstName: "@admin", email: "not-an-email", country: "XX" });
  const before = await campaignCountViaHttp(request, OPEN_CAMPAIGN);
  const response = await request.post(`/c/${OPEN_CAMPAIGN}?index`, {
    form: {
      firstName: supporter.firstName,
      lastName: supporter.lastName,
      email: supporter.email,
      country: supporter.country,
    },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(400);
  const html = await response.text();
  expect(html).toContain('id="sign-firstName-error"');
  expect(html).toContain("Names cannot start with =, +, - or @.");
  expect(html).toContain('id="sign-email-error"');
  expect(html).toContain('id="sign-country-error"');
  expect(await campaignCountViaHttp(request, OPEN_CAMPAIGN)).toBe(before);
});
