/**
 * What text and numbers from a form or a URL may be before they reach the database. Shared by
 * the zod schemas (browser and server) and the loaders that read URL parameters.
 */

/**
 * Characters no person types into a form: C0 controls (Postgres text cannot even hold NUL) and
 * DEL, and the bidirectional overrides and isolates that make a name display as other text
 * ("Trojan Source" spoofing in lists and the audit log). Line breaks and tabs are allowed here;
 * single-line fields refuse them with SINGLE_LINE_UNSAFE.
 */
export const UNSAFE_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/;
export const SINGLE_LINE_UNSAFE = /[\u0000-\u001F\u007F\u202A-\u202E\u2066-\u2069]/;

export const hasNoUnsafeChars = (v: string | undefined | null) => !v || !UNSAFE_CHARS.test(v);
export const isSingleLineSafe = (v: string | undefined | null) => !v || !SINGLE_LINE_UNSAFE.test(v);

/** Postgres integer ids: 1 to 999,999,999, written plainly ("1e0", "0x1" and "007" are not ids). */
export function parseId(value: unknown): number | null {
  return typeof value === "string" && /^[1-9]\d{0,8}$/.test(value) ? Number(value) : null;
}

/** Dates people mean: years 2000 to 2099. Keeps every computed bound inside Postgres' range. */
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2099;

/** "2026-02-28" → that UTC midnight; null for anything else (2026-02-31, 0000-01-01, 9999-12-31). */
export function parseDay(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const [year, month, day] = m.slice(1).map(Number) as [number, number, number];
  if (year < FIRST_YEAR || year > LAST_YEAR) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 2026-02-31 over to March: refuse what is not a real day.
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date : null;
}
