import emailMisspelled, { all } from "email-misspelled";

/**
 * "Did you mean …?" for mistyped email domains (gmial.com, hotmal.com, yahoo.con). The domain
 * list and the edit distance come from `email-misspelled`; the providers our supporters use that
 * its list lacks (Canadian, Mexican, privacy-minded) are added here. Browser-safe: the sign form
 * shows the hint while typing and the server asks once more before signing.
 */
const REGIONAL_PROVIDERS = ["videotron.ca", "bell.net", "prodigy.net.mx", "hotmail.com.mx", "protonmail.com", "proton.me"];

const check = emailMisspelled({ domains: [...all, ...REGIONAL_PROVIDERS] });

/** The address with its domain corrected, or null when the domain looks right (or unknown). */
export function suggestEmail(address: string): string | null {
  const trimmed = address.trim();
  const at = trimmed.lastIndexOf("@");
  if (at < 1 || at === trimmed.length - 1) return null;
  const domain = trimmed.slice(at + 1).toLowerCase();
  if (!domain.includes(".")) return null;
  // Fewest corrections first; the list's own order breaks ties (yahoo.con → yahoo.com).
  const best = check(`${trimmed.slice(0, at)}@${domain}`)[0];
  return best ? best.corrected : null;
}

/** What the person chose when asked: their address as typed, or the suggestion. */
export const EMAIL_TYPO_CHOICES = ["use", "keep"] as const;
export type EmailTypoChoice = (typeof EMAIL_TYPO_CHOICES)[number];

export type EmailTypoResolution = { status: "ask"; typed: string; suggestion: string } | { status: "ok"; email: string };

/**
 * Decides the address to sign with. A likely typo is asked about once; the answer ("use" the
 * suggestion, or "keep" the address as typed) then settles it. The suggestion is computed here
 * again, never taken from the form.
 */
export function resolveEmailTypo(email: string, choice: EmailTypoChoice | undefined): EmailTypoResolution {
  const suggestion = suggestEmail(email);
  if (!suggestion || choice === "keep") return { status: "ok", email };
  if (choice === "use") return { status: "ok", email: suggestion };
  return { status: "ask", typed: email, suggestion };
}
