/**
 * Money in pledges: integers in the currency's minor unit (cents), never floats, never summed
 * across currencies. Shared by the browser (form validation, display) and the server.
 */

/** Currencies a campaign may ask for: all with two decimal places, so 1 unit = 100 minor. */
export const CURRENCIES = ["CAD", "USD", "MXN", "EUR", "GBP", "AUD", "NZD", "CHF", "SEK", "NOK", "DKK", "BRL", "ZAR", "INR"] as const;
export type Currency = (typeof CURRENCIES)[number];

export const isCurrency = (value: unknown): value is Currency => typeof value === "string" && (CURRENCIES as readonly string[]).includes(value);

/** The largest single pledge: 1,000,000.00. */
export const AMOUNT_MAX_MINOR = 100_000_000;

/**
 * "25" → 2500, "25.5" and "25,50" → 2550 (either decimal mark, at most two decimals, an optional
 * leading currency sign and thousands spaces). null when it is not a positive amount up to the
 * maximum.
 */
export function parseAmount(text: string): number | null {
  const checked = checkAmount(text);
  return checked.ok ? checked.minor : null;
}

/** Why an amount is refused, so the form can say what to fix. */
export type AmountProblem = "format" | "decimals" | "positive" | "max";

/** parseAmount with the reason when it refuses: the sign form shows it next to the field. */
export function checkAmount(text: string): { ok: true; minor: number } | { ok: false; problem: AmountProblem } {
  const cleaned = text.trim().replace(/^[$€£]\s*/, "").replace(/[\s\u00A0\u202F]/g, "");
  if (/^-\s*[$€£]?\d/.test(cleaned)) return { ok: false, problem: "positive" };
  if (/^\d+[.,]\d{3,}$/.test(cleaned)) return { ok: false, problem: "decimals" };
  const m = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(cleaned);
  if (!m) return { ok: false, problem: "format" };
  // More than seven whole digits is over the maximum whatever follows (and beyond exact floats).
  if (m[1]!.replace(/^0+/, "").length > 7) return { ok: false, problem: "max" };
  const minor = Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
  if (minor <= 0) return { ok: false, problem: "positive" };
  if (minor > AMOUNT_MAX_MINOR) return { ok: false, problem: "max" };
  return { ok: true, minor };
}

/** 2550 → "25.50" for a form field (no currency sign, no grouping). */
export function amountInputValue(minor: number): string {
  return (minor / 100).toFixed(2).replace(/\.00$/, "");
}

/** 125000, "CAD", "fr" → "1 250,00 $" as the reader's language writes it. */
export function formatMoney(minor: number, currency: string, language: string): string {
  const whole = minor % 100 === 0;
  return new Intl.NumberFormat(language, {
    style: "currency",
    currency,
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: 2,
  }).format(minor / 100);
}
