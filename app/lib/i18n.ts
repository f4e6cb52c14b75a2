import { LANGUAGES, type Language } from "./languages";

/**
 * Every user-facing string, keyed by message id. English is complete; French and Spanish fall
 * back to English for any key they lack, so a missing translation never shows a raw key.
 * `{name}` placeholders are filled by `t(key, { name })`.
 */
const en = {
  "site.name": "Picket",
  "site.tagline": "Solidarity campaigns and petitions",
  "site.skipToContent": "Skip to content",
  "home.title": "Open campaigns",
  "home.intro": "Add your name. Pledge your support. Stand with workers in struggle.",
  "home.empty": "No campaigns are open right now.",
  "home.signCta": "Read and sign",
  "campaign.to": "To: {target}",
  "campaign.signatures": "{count} of {goal} signatures",
  "campaign.progressLabel": "Progress toward the goal of {goal} signatures",
  "campaign.closed": "This campaign is closed. It gathered {count} signatures. Thank you to everyone who signed.",
  "campaign.closesOn": "Closes on {date}",
  "campaign.recentSigners": "Recent signers",
  "campaign.noSignersYet": "Be the first to sign.",
  "campaign.signHeading": "Sign this petition",
  "campaign.signNow": "Sign now",
  "campaign.notFound.title": "Campaign not found",
  "campaign.notFound.body": "There is no open campaign at this address. It may have been moved or never published.",
  "sign.firstName": "First name",
  "sign.lastName": "Last name",
  "sign.email": "Email",
  "sign.emailHint": "We send a link to confirm your signature. Your email is never shown.",
  "sign.country": "Country",
  "sign.countryPlaceholder": "Choose your country",
  "sign.postalCode": "Postal code (optional)",
  "sign.organization": "Union or organization (optional)",
  "sign.message": "Message of solidarity (optional)",
  "sign.messageHint": "Up to {max} characters.",
  "sign.showName": "Show my name on this page",
  "sign.showNameHint": "Your first name, last initial, country and message appear in the list of signers.",
  "sign.updates": "Email me updates about this campaign",
  "sign.honeypot": "Leave this field empty",
  "sign.submit": "Sign the petition",
  "sign.submitting": "Signing…",
  "sign.privacy": "Only the organizers of this campaign see your email and details.",
  "errors.summary": "Please correct the highlighted fields.",
  "errors.required": "This field is required.",
  "errors.tooLong": "Please keep this under {max} characters.",
  "errors.email": "Enter an email address like name@example.org.",
  "errors.country": "Choose a country from the list.",
  "errors.nameUnsafe": "Names cannot start with =, +, - or @.",
  "errors.nameLink": "Names cannot contain web addresses.",
  "errors.invalidChars": "This field contains characters we cannot accept.",
  "errors.closed": "This campaign is closed and no longer takes signatures.",
  "errors.generic.title": "Something went wrong",
  "errors.generic.body": "We could not complete your request. Please try again in a moment. If it keeps happening, tell the organizers and quote this reference: {ref}",
  "errors.notFound.title": "Page not found",
  "errors.notFound.body": "We could not find this page.",
  "errors.backHome": "Back to all campaigns",
  "checkEmail.title": "Check your email",
  "checkEmail.body": "We have sent a message to the address you gave. Open it and press the button inside to confirm your signature. It only counts once confirmed.",
  "checkEmail.spam": "Nothing after a few minutes? Look in your spam folder, or sign again to get a new link.",
  "checkEmail.noConfirmation": "Thank you! Your signature has been recorded.",
  "confirm.title": "Confirm your signature",
  "confirm.body": "One last step: press the button to add your name to “{title}”.",
  "confirm.button": "Confirm my signature",
  "confirm.invalid.title": "This link does not work",
  "confirm.invalid.body": "The confirmation link is wrong or has been replaced by a newer one. Open the most recent email we sent you, or sign again to get a fresh link.",
  "confirm.closed": "This campaign closed before your signature was confirmed.",
  "thanks.title": "Thank you for signing!",
  "thanks.body": "Solidarity grows when it is shared: send “{title}” to a friend, your union local, your group chat.",
  "thanks.share": "Share this campaign",
  "thanks.link": "Link to this campaign",
  "thanks.copy": "Copy link",
  "thanks.copied": "Link copied",
  "thanks.shareText": "I signed “{title}”. Add your name:",
  "thanks.back": "Back to the campaign",
  "mail.confirm.subject": "Confirm your signature: {title}",
  "mail.confirm.preview": "One click to add your name to {title}",
  "mail.confirm.greeting": "Hello {name},",
  "mail.confirm.body": "Thank you for signing “{title}”. Please confirm your signature: it only counts once you do.",
  "mail.confirm.button": "Confirm my signature",
  "mail.confirm.fallback": "If the button does not work, copy this address into your browser:",
  "mail.confirm.ignore": "If you did not sign, ignore this email and nothing will happen.",
  "mail.already.subject": "You have already signed: {title}",
  "mail.already.preview": "Your signature is already counted",
  "mail.already.body": "Someone (probably you) tried to sign “{title}” again with this email address. Your signature is already confirmed and counted; there is nothing more to do.",
  "mail.already.share": "Help the campaign grow by sharing it:",
  "mail.footer": "Sent by Picket on behalf of the organizers of “{title}”.",
  "mailbox.title": "Development mailbox",
  "mailbox.intro": "No RESEND_API_KEY is set, so mail is kept here instead of being sent.",
  "mailbox.empty": "No messages yet. Sign a campaign and the confirmation email appears here.",
  "mailbox.to": "To",
  "mailbox.subject": "Subject",
  "mailbox.date": "Date",
  "mailbox.back": "All messages",
  "mailbox.plainText": "Plain text version",
} as const;

export type MessageKey = keyof typeof en;
type Messages = Partial<Record<MessageKey, string>>;

const catalogs: Record<Language, Messages> = { en, fr: {}, es: {} };

export const DEFAULT_LANGUAGE: Language = "en";

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translator(language: Language): Translate {
  const catalog = catalogs[language];
  return (key, vars) => {
    const template = catalog[key] ?? en[key];
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
