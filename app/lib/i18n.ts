import { LANGUAGES, type Language } from "./languages";
import { authMessages } from "./messages/auth";
import { authMessagesEs } from "./messages/auth.es";
import { authMessagesFr } from "./messages/auth.fr";
import { exportMessages } from "./messages/export";
import { moderationMessages } from "./messages/moderation";
import { organizerMessages } from "./messages/organizer";
import { pledgesAdminMessages } from "./messages/pledges-admin";
import { publicMessages } from "./messages/public";
import { publicMessagesEs } from "./messages/public.es";
import { publicMessagesFr } from "./messages/public.fr";
import { formatMessageParts, numberFormatFor, partsToString, type MessagePart, type MessageVars } from "./messages/plural";

/**
 * Every user-facing string, keyed by message id. English is complete; French and Spanish cover
 * what supporters see (pages and emails) and fall back to English for any key they lack (the
 * organizer back office, the dev mailbox), so a missing translation never shows a raw key.
 * `{name}` placeholders are filled by `t(key, { name })`; counts use plural forms
 * (`{count, plural, one {# signature} other {# signatures}}`, see messages/plural.ts).
 */
const en = {
  ...publicMessages,
  ...authMessages,
  ...organizerMessages,
  ...moderationMessages,
  ...pledgesAdminMessages,
  ...exportMessages,
} as const;

export type MessageKey = keyof typeof en;
export type Messages = Partial<Record<MessageKey, string>>;

/** Supporters read French and Spanish; the organizer back office is English for now. */
export const catalogs: Readonly<Record<Language, Messages>> = {
  en,
  fr: { ...publicMessagesFr, ...authMessagesFr },
  es: { ...publicMessagesEs, ...authMessagesEs },
};

export const DEFAULT_LANGUAGE: Language = "en";

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

export interface Translate {
  (key: MessageKey, vars?: MessageVars): string;
  /** The same text in pieces, each variable's value apart, for a page that sets one in bold. */
  parts(key: MessageKey, vars?: MessageVars): MessagePart[];
}

/**
 * Messages follow the plural rules of the language they are written in and write numbers the
 * page's way; counts are passed as numbers (see messages/plural.ts for the syntax).
 */
export function translator(language: Language): Translate {
  const catalog = catalogs[language];
  const parts = (key: MessageKey, vars?: MessageVars): MessagePart[] => {
    const own = catalog[key];
    // A key we do not have (a library's own default message reaching the page) reads as a
    // plain "not valid" rather than breaking the page.
    const [template, grammar]: [string, Language] =
      own !== undefined ? [own, language]
      : en[key] !== undefined ? [en[key], DEFAULT_LANGUAGE]
      : catalog["errors.invalid"] !== undefined ? [catalog["errors.invalid"], language]
      : [en["errors.invalid"], DEFAULT_LANGUAGE];
    return formatMessageParts(template, vars, grammar, language);
  };
  const t = ((key, vars) => partsToString(parts(key, vars))) as Translate;
  t.parts = parts;
  return t;
}

/** Picks the best supported language from an Accept-Language header. */
export function languageFromHeader(header: string | null | undefined): Language {
  if (!header) return DEFAULT_LANGUAGE;
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.split(";").map((s) => s.trim());
      const q = params.find((p) => /^q\s*=/i.test(p))?.replace(/^q\s*=\s*/i, "");
      return { tag: tag.toLowerCase().split("-")[0] ?? "", q: q === undefined ? 1 : Number(q) };
    })
    // q=0 means "not acceptable" (RFC 9110).
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked.find((r) => isLanguage(r.tag))?.tag as Language | undefined ?? DEFAULT_LANGUAGE;
}

export function formatNumber(value: number, language: Language): string {
  return numberFormatFor(language).format(value);
}
