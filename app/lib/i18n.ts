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

/**
 * Every user-facing string, keyed by message id. English is complete; French and Spanish cover
 * what supporters see (pages and emails) and fall back to English for any key they lack (the
 * organizer back office, the dev mailbox), so a missing translation never shows a raw key.
 * `{name}` placeholders are filled by `t(key, { name })`.
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
type Messages = Partial<Record<MessageKey, string>>;

/** Supporters read French and Spanish; the organizer back office is English for now. */
const catalogs: Record<Language, Messages> = { en, fr: { ...publicMessagesFr, ...authMessagesFr }, es: { ...publicMessagesEs, ...authMessagesEs } };

export const DEFAULT_LANGUAGE: Language = "en";

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translator(language: Language): Translate {
  const catalog = catalogs[language];
  return (key, vars) => {
    // A key we do not have (a library's own default message reaching the page) reads as a
    // plain "not valid" rather than breaking the page.
    const template = catalog[key] ?? en[key] ?? catalog["errors.invalid"] ?? en["errors.invalid"];
    if (!vars) return template;
    return template.replace(/\{(\w+)\}/g, (match, name: string) =>
      name in vars ? String(vars[name]) : match,
    );
  };
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
  return new Intl.NumberFormat(language).format(value);
}
