import { describe, expect, test } from "vitest";
import { translator } from "~/lib/i18n";
import { LANGUAGES } from "~/lib/languages";
import { newToken } from "~/lib/crypto.server";
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
  const token = newToken();
  const withCookie = (cookie: string | null) => new Request("http://picket.test/", cookie === null ? {} : { headers: { cookie } });

  test("sees a well-formed session cookie among others, without a database lookup", () => {
    expect(hasSessionCookie(withCookie(`${SESSION_COOKIE}=${token}`))).toBe(true);
    expect(hasSessionCookie(withCookie(`theme=dark; ${SESSION_COOKIE}=${token}; other=1`))).toBe(true);
  });

  test("no header, another cookie, a look-alike name, an empty or malformed value is no session", () => {
    for (const cookie of [null, "", "theme=dark", `x${SESSION_COOKIE}=${token}; ${SESSION_COOKIE}x=${token}`, `${SESSION_COOKIE}=`, `${SESSION_COOKIE}=; theme=dark`, `${SESSION_COOKIE}=%`, `${SESSION_COOKIE}=abc%3D`]) {
      expect(hasSessionCookie(withCookie(cookie)), String(cookie)).toBe(false);
    }
  });
});
