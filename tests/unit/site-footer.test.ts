import { describe, expect, test } from "vitest";
import { translator } from "~/lib/i18n";
import { LANGUAGES } from "~/lib/languages";
import { hasSessionCookie, SESSION_COOKIE } from "~/lib/sessions.server";
import { organizerEntry, showsSiteFooter } from "~/lib/site-footer";

describe("the public footer's way into the organizer area", () => {
  test("anyone without a session is led to the sign-in page, someone signed in to their campaigns", () => {
    expect(organizerEntry(false)).toEqual({ to: "/org/sign-in", label: "site.footer.organizers" });
    expect(organizerEntry(true)).toEqual({ to: "/org", label: "site.footer.yourCampaigns" });
  });

  test("both links read in English, French and Spanish", () => {
    const labels = LANGUAGES.map((language) => [language, translator(language)("site.footer.organizers"), translator(language)("site.footer.yourCampaigns")]);
    expect(labels).toEqual([
      ["en", "Organizers", "Your campaigns"],
      ["fr", "Organisateurs", "Vos campagnes"],
      ["es", "Organizadores", "Tus campañas"],
    ]);
  });

  test("public pages show the footer; the organizer area, which has its own navigation, does not", () => {
    for (const path of ["/", "/c/canada-post-solidarity", "/c/x/thank-you", "/u/token", "/organizing-tips"]) expect(showsSiteFooter(path), path).toBe(true);
    for (const path of ["/org", "/org/", "/org/sign-in", "/org/c/x/signers"]) expect(showsSiteFooter(path), path).toBe(false);
  });
});

describe("hasSessionCookie", () => {
  test("sees the session cookie among others, without decoding or checking it", () => {
    expect(hasSessionCookie(`${SESSION_COOKIE}=abc`)).toBe(true);
    expect(hasSessionCookie(`theme=dark; ${SESSION_COOKIE}=abc%3D; other=1`)).toBe(true);
    // A malformed value is still "a cookie": the organizer area decides what it is worth.
    expect(hasSessionCookie(`${SESSION_COOKIE}=%`)).toBe(true);
  });

  test("no header, another cookie, a look-alike name or an empty value is no session", () => {
    expect(hasSessionCookie(null)).toBe(false);
    expect(hasSessionCookie("")).toBe(false);
    expect(hasSessionCookie("theme=dark")).toBe(false);
    expect(hasSessionCookie(`x${SESSION_COOKIE}=abc; ${SESSION_COOKIE}x=abc`)).toBe(false);
    expect(hasSessionCookie(`${SESSION_COOKIE}=`)).toBe(false);
    expect(hasSessionCookie(`${SESSION_COOKIE}=; theme=dark`)).toBe(false);
  });
});
