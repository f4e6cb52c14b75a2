import path from "node:path";
import { expect, test } from "@playwright/test";
import { createElement as h, type ReactElement } from "react";
import { translator, type MessageKey } from "../../app/lib/i18n";
import { LANGUAGES, type Language } from "../../app/lib/languages";
import AlreadySigned from "../../emails/AlreadySigned";
import CampaignUpdate from "../../emails/CampaignUpdate";
import ConfirmSignature from "../../emails/ConfirmSignature";
import Invitation from "../../emails/Invitation";
import MagicLink from "../../emails/MagicLink";
import PasswordReset from "../../emails/PasswordReset";
import { renderEmail } from "../../emails/render.server";
import { ARTIFACTS_DIR } from "./env";

/**
 * Every email as a phone shows it: the template's HTML in Chromium, 360 px wide. Nothing may run
 * off the side (a token URL is one long word with nowhere to break), and each message's action is
 * a button, not a link lost in the text.
 */
const LONG_URL = "https://picket.example.org/confirm/2x7Qd5oYtQbQ1m8xVdJkq3dWf0nqk8L9tqvI2eWJ3sM";

const templates: { name: string; button: MessageKey | null; element: (language: Language) => ReactElement }[] = [
  {
    name: "ConfirmSignature",
    button: "mail.confirm.button",
    element: (language) => h(ConfirmSignature, { ...ConfirmSignature.PreviewProps, language, confirmUrl: LONG_URL }),
  },
  {
    name: "CampaignUpdate",
    button: "mail.update.campaignLink",
    element: (language) =>
      h(CampaignUpdate, {
        ...CampaignUpdate.PreviewProps,
        language,
        campaignUrl: "https://picket.example.org/c/canada-post-workers-under-attack-solidarity-needed-now",
        bodyHtml: `<p>Read the full statement at <a href="${LONG_URL}">${LONG_URL}</a>.</p>`,
      }),
  },
  { name: "AlreadySigned", button: null, element: (language) => h(AlreadySigned, { ...AlreadySigned.PreviewProps, language }) },
  { name: "MagicLink", button: "mail.magic.button", element: (language) => h(MagicLink, { ...MagicLink.PreviewProps, language, signInUrl: LONG_URL }) },
  { name: "PasswordReset", button: "mail.reset.button", element: (language) => h(PasswordReset, { ...PasswordReset.PreviewProps, language, resetUrl: LONG_URL }) },
  { name: "Invitation", button: "mail.invite.button", element: (language) => h(Invitation, { ...Invitation.PreviewProps, language, acceptUrl: LONG_URL }) },
];

test.describe("emails on a 360 px phone", () => {
  test.use({ viewport: { width: 360, height: 740 } });

  for (const template of templates) {
    for (const language of LANGUAGES) {
      test(`${template.name} (${language}) fits the screen${template.button ? " and its action is a button" : ""}`, async ({ page }) => {
        const { html } = await renderEmail("", template.element(language));
        await page.setContent(html);
        await page.screenshot({ path: path.join(ARTIFACTS_DIR, "emails", `${template.name}-${language}-360.png`), fullPage: true });
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(width, "the email scrolls sideways").toBeLessThanOrEqual(360);
        if (template.button) {
          const button = page.getByRole("link", { name: translator(language)(template.button), exact: true });
          await expect(button).toBeVisible();
          // A button is a filled block, not an underlined word in the text.
          const background = await button.evaluate((a) => getComputedStyle(a).backgroundColor);
          expect(background).not.toBe("rgba(0, 0, 0, 0)");
        }
      });
    }
  }
});
