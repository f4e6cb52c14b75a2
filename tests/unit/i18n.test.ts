import { describe, expect, test } from "vitest";
import { catalogs, DEFAULT_LANGUAGE, formatNumber, isLanguage, languageFromHeader, translator, type MessageKey } from "~/lib/i18n";
import { LANGUAGES, type Language } from "~/lib/languages";
import { messageVariables, pluralForms } from "~/lib/messages/plural";
import { publicMessages } from "~/lib/messages/public";
import { publicMessagesEs } from "~/lib/messages/public.es";
import { publicMessagesFr } from "~/lib/messages/public.fr";

describe("translator", () => {
  test("fills placeholders by name", () => {
    const t = translator("en");
    expect(t("campaign.signatures", { count: 12, goal: 1000 })).toBe("12 of 1,000 signatures");
    expect(t("campaign.to", { target: "The Minister" })).toBe("To: The Minister");
  });

  test("a placeholder given no value is left visible rather than blanked", () => {
    const t = translator("en");
    expect(t("campaign.to", {})).toBe("To: {target}");
    expect(t("campaign.signatures", { goal: 3 })).toBe("{count, number} of 3 signatures");
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
  const placeholders = (text: string) => [...new Set(messageVariables(text).map((v) => v.name))].sort();

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

// French sets a space before ! ? ; : » and after «, and that space never starts a line (a lone "!"
// under "Merci d’avoir signé" on a phone): it is a no-break space.
test("French punctuation stays on the line of the word before it", () => {
  const breakable = Object.entries(publicMessagesFr).filter(([, text]) => / [!?:;»]|« /.test(text!));
  expect(breakable.map(([key]) => key)).toEqual([]);
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

/**
 * Every count in every language follows the language's plural rules (CLDR, through
 * Intl.PluralRules): French says "0 personne" and "1 signature", French and Spanish say
 * "1 000 000 de signatures". A count is any placeholder not listed below as something else.
 */
describe("counts", () => {
  const NOT_COUNTS = new Set([
    "title", "target", "name", "email", "group", "role", "inviter", "current", "date", "day", "from", "to",
    "peakDay", "status", "q", "id", "ref", "fields", "currency", "amount", "goalAmount", "percent",
    "suggestion", "typed",
    // Audit log sentences (app/lib/audit-log.ts): names and phrases.
    "actor", "campaign", "option", "signer", "member", "update", "closing", "country", "via", "outcome", "filters", "action",
    "audience",
    // Already a counted phrase ("3 people"), built with pledge.people.
    "people",
  ]);
  /** Messages where a number stands alone, with no counted noun to agree with it. */
  const STANDALONE_NUMBERS = new Set<MessageKey>([
    "org.campaign.count", // "12 of 1,000 confirmed"
    "campaignForm.errors.goal", // "between 1 and 1,000,000"
    "campaignForm.errors.imageTooBig", // "5 MB"
    "updates.audience", // "…this update: 12"
    "updates.send.confirm", // "(12)"
    "updates.progress.label", // "Sent to 3 of 12"
    "dashboard.unconfirmedCapped", // "10,000+"
    "chart.bar", // "3 signed, 2 confirmed"
    "chart.peak", // "(12)"
    "pledgesAdmin.errors.actionGoal", // "from 1 to 1,000,000"
    "audit.entry.pledge-option.move-up", // "to position 2"
    "audit.entry.pledge-option.move-down",
  ]);
  const english = catalogs.en;
  const keys = Object.keys(english) as MessageKey[];
  /** The message a page in `language` shows, and the language it is written in. */
  const message = (language: Language, key: MessageKey): [string, Language] =>
    catalogs[language][key] !== undefined ? [catalogs[language][key]!, language] : [english[key]!, "en"];
  const countsIn = (text: string) => [...new Set(messageVariables(text).filter((v) => !NOT_COUNTS.has(v.name)).map((v) => v.name))];
  const counted = keys.filter((key) => LANGUAGES.some((l) => countsIn(message(l, key)[0]).length > 0));

  test("the catalogs have counted messages (the walk below is not empty)", () => {
    expect(counted.length).toBeGreaterThan(20);
  });

  for (const language of LANGUAGES) {
    test(`${language}: every count is a number or has plural forms, never a bare placeholder`, () => {
      const problems: string[] = [];
      for (const key of keys) {
        const [text] = message(language, key);
        for (const v of messageVariables(text)) {
          if (NOT_COUNTS.has(v.name)) continue;
          if (v.as === "var") problems.push(`${key}: {${v.name}} is a count: give it plural forms, or {${v.name}, number}`);
        }
        const plural = new Set(messageVariables(text).filter((v) => v.as === "plural").map((v) => v.name));
        if (countsIn(text).length > 0 && plural.size === 0 && !STANDALONE_NUMBERS.has(key)) {
          problems.push(`${key}: takes a count but has no plural forms ("${text}")`);
        }
      }
      expect(problems).toEqual([]);
    });

    test(`${language}: plural forms cover every category the language has`, () => {
      const problems: string[] = [];
      for (const key of counted) {
        const [text, grammar] = message(language, key);
        const categories = new Intl.PluralRules(grammar).resolvedOptions().pluralCategories;
        for (const name of countsIn(text)) {
          for (const forms of pluralForms(text, name)) {
            const missing = categories.filter((c) => !forms.includes(c));
            if (missing.length) problems.push(`${key} (${grammar}): {${name}} lacks ${missing.join(", ")}`);
          }
        }
      }
      expect(problems).toEqual([]);
    });

    test(`${language}: every counted message reads right for 0, 1, 2, 5, 21, 1000 and 1000000`, () => {
      const t = translator(language);
      for (const key of counted) {
        const [text, grammar] = message(language, key);
        const names = countsIn(text);
        for (const n of [0, 1, 2, 5, 21, 1000, 1_000_000]) {
          const vars = Object.fromEntries(messageVariables(text).map((v) => [v.name, names.includes(v.name) ? n : "X"]));
          const out = t(key, vars);
          expect(out, `${key} ${n}`).not.toMatch(/[{}#]/);
          // Written the page's way (1,000 / 1 000 / 1000), and in the form the rules pick for n.
          expect(out, `${key} ${n}`).toContain(formatNumber(n, language));
          const category = new Intl.PluralRules(grammar).select(n);
          for (const name of names) {
            for (const forms of pluralForms(text, name)) expect(forms, `${key} ${n}`).toContain(category);
          }
        }
      }
    });
  }

  const nb = (n: number, language: Language) => formatNumber(n, language);
  test.each([
    ["en", "campaign.signatures", { count: 0, goal: 1 }, "0 of 1 signature"],
    ["en", "campaign.signatures", { count: 1, goal: 100 }, "1 of 100 signatures"],
    ["en", "campaign.closed", { count: 1 }, "This campaign is closed. It gathered 1 signature. Thank you to everyone who signed."],
    ["en", "pledge.people", { count: 1 }, "1 person"],
    ["en", "pledge.people", { count: 0 }, "0 people"],
    ["en", "errors.tooLong", { max: "1" }, "Please keep this under 1 character."],
    ["en", "export.figures", { confirmed: 1, unconfirmed: 2 }, "1 confirmed signer, 2 not yet confirmed."],
    ["fr", "campaign.signatures", { count: 1, goal: 100 }, "1 signature sur 100"],
    ["fr", "campaign.signatures", { count: 0, goal: 100 }, "0 signature sur 100"],
    ["fr", "campaign.signatures", { count: 21, goal: 100 }, "21 signatures sur 100"],
    ["fr", "campaign.signatures", { count: 1_000_000, goal: 2_000_000 }, `${nb(1_000_000, "fr")} de signatures sur ${nb(2_000_000, "fr")}`],
    ["fr", "pledge.people", { count: 0 }, "0 personne"],
    ["fr", "pledge.people", { count: 2 }, "2 personnes"],
    ["fr", "pledge.people", { count: 1000 }, `${nb(1000, "fr")} personnes`],
    ["es", "campaign.signatures", { count: 1, goal: 1 }, "1 de 1 firma"],
    ["es", "campaign.signatures", { count: 5, goal: 1_000_000 }, "5 de 1.000.000 de firmas"],
    ["es", "pledge.people", { count: 1 }, "1 persona"],
    ["es", "pledge.people", { count: 0 }, "0 personas"],
  ] as const)("%s %s %o reads %s", (language, key, vars, expected) => {
    expect(translator(language)(key, vars)).toBe(expected);
  });

  test("a page in French writes numbers the French way even in a message that falls back to English", () => {
    expect(translator("fr")("org.campaign.count", { count: 1200, goal: 5000 })).toBe(`${nb(1200, "fr")} of ${nb(5000, "fr")} confirmed`);
  });

  test("the count can be picked out of the sentence, wherever the language puts it", () => {
    for (const language of LANGUAGES) {
      const parts = translator(language).parts("campaign.signatures", { count: 12, goal: 1000 });
      expect(parts.filter((p) => typeof p !== "string" && p.variable === "count")).toEqual([{ variable: "count", text: "12" }]);
    }
  });
});
