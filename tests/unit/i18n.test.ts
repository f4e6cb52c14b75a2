import { describe, expect, test } from "vitest";
import { DEFAULT_LANGUAGE, formatNumber, isLanguage, languageFromHeader, translator } from "~/lib/i18n";
import { publicMessages } from "~/lib/messages/public";
import { publicMessagesEs } from "~/lib/messages/public.es";
import { publicMessagesFr } from "~/lib/messages/public.fr";

describe("translator", () => {
  test("fills placeholders by name", () => {
    const t = translator("en");
    expect(t("campaign.signatures", { count: 12, goal: 1000 })).toBe("12 of 1000 signatures");
    expect(t("campaign.to", { target: "The Minister" })).toBe("To: The Minister");
  });

  test("a placeholder given no value is left visible rather than blanked", () => {
    const t = translator("en");
    expect(t("campaign.signatures", { count: 3 })).toBe("3 of {goal} signatures");
  });

  test("a message without variables comes back as written", () => {
    expect(translator("en")("sign.submit")).toBe("Sign the petition");
  });

  test("placeholder values are inserted literally, even when they look like placeholders", () => {
    const t = translator("en");
    expect(t("campaign.to", { target: "{goal} $& $1" })).toBe("To: {goal} $& $1");
  });

  test("languages lacking a message fall back to English, never to the raw key", () => {
    for (const language of ["fr", "es"] as const) {
      const t = translator(language);
      // The organizer back office is English only for now.
      expect(t("auth.signIn.submit")).toBe(translator("en")("auth.signIn.submit"));
    }
  });

  test("a message that is not one of ours (a library default) reads as 'not valid', with or without values", () => {
    const t = translator("en");
    const unknown = "Invalid input: expected boolean, received string" as Parameters<typeof t>[0];
    expect(t(unknown)).toBe("This value is not valid.");
    expect(t(unknown, { max: "3" })).toBe("This value is not valid.");
    expect(translator("es")(unknown, { max: "3" })).toBe("Este valor no es válido.");
  });

  test("supporters read French and Spanish", () => {
    expect(translator("fr")("sign.submit")).toBe("Signer la pétition");
    expect(translator("es")("campaign.to", { target: "X" })).toBe("Para: X");
  });
});

describe("the French and Spanish catalogs", () => {
  // The dev mailbox is a developer's page; the site's name is a name.
  const untranslated = (key: string) => key.startsWith("mailbox.") || key === "site.name";
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

  for (const [language, catalog] of [["fr", publicMessagesFr], ["es", publicMessagesEs]] as const) {
    test(`${language} covers every supporter-facing message`, () => {
      const missing = Object.keys(publicMessages).filter((key) => !untranslated(key) && !(key in catalog));
      expect(missing).toEqual([]);
    });

    test(`${language} messages take the same placeholders as English`, () => {
      for (const [key, text] of Object.entries(catalog)) {
        expect(placeholders(text!), key).toEqual(placeholders(publicMessages[key as keyof typeof publicMessages]));
      }
    });
  }
});

describe("languageFromHeader", () => {
  test("no header gives the default language", () => {
    expect(languageFromHeader(null)).toBe(DEFAULT_LANGUAGE);
    expect(languageFromHeader(undefined)).toBe(DEFAULT_LANGUAGE);
    expect(languageFromHeader("")).toBe(DEFAULT_LANGUAGE);
  });

  test("picks the first supported language, ignoring the region", () => {
    expect(languageFromHeader("fr-CA,fr;q=0.9,en;q=0.8")).toBe("fr");
    expect(languageFromHeader("es-MX")).toBe("es");
  });

  test("respects quality values rather than order", () => {
    expect(languageFromHeader("en;q=0.5, es;q=0.9")).toBe("es");
  });

  test("skips unsupported languages", () => {
    expect(languageFromHeader("de-DE,de;q=0.9,fr;q=0.7")).toBe("fr");
  });

  // RFC 9110 §12.4.2: weight = OWS ";" OWS "q=" qvalue, so spaces around ";" are allowed.
  test("accepts spaces before the quality value", () => {
    expect(languageFromHeader("de, fr; q=0.8")).toBe("fr");
    expect(languageFromHeader("en ;q=0.1, es ; q=0.9")).toBe("es");
  });

  // RFC 9110 §12.4.2: q=0 means "not acceptable".
  test("a language marked q=0 is never chosen", () => {
    expect(languageFromHeader("de, fr;q=0")).toBe(DEFAULT_LANGUAGE);
    expect(languageFromHeader("fr;q=0, es;q=0.1")).toBe("es");
  });

  test("only unsupported languages give the default", () => {
    expect(languageFromHeader("de, ja;q=0.5")).toBe(DEFAULT_LANGUAGE);
    expect(languageFromHeader("*")).toBe(DEFAULT_LANGUAGE);
  });
});

describe("languages", () => {
  test("isLanguage accepts exactly the supported languages", () => {
    expect(["en", "fr", "es"].every(isLanguage)).toBe(true);
    expect(isLanguage("de")).toBe(false);
    expect(isLanguage("EN")).toBe(false);
    expect(isLanguage(undefined)).toBe(false);
  });

  test("numbers are formatted the reader's way", () => {
    expect(formatNumber(12345, "en")).toBe("12,345");
    expect(formatNumber(12345, "fr")).toMatch(/^12\s345$/u);
  });
});
