import type { Language } from "./languages";

/**
 * Every date a page shows, written one way on the server and in the browser: in the page's
 * language (never the browser's or the server's default) and in UTC, which the text says when a
 * time is shown. A page rendered in Paris and hydrated in Kiritimati reads the same, so React
 * never finds the server's HTML and the browser's render disagreeing.
 *
 * Times are 24-hour ("15:04 UTC") in every language: unambiguous next to "UTC", and free of the
 * AM/PM spacing that differs between versions of the date library browsers and Node.js carry.
 */
export type DateStyle =
  /** "December 2, 2026" / "2 décembre 2026" */
  | "long"
  /** "Dec 2, 2026" / "2 déc. 2026": tables */
  | "short"
  /** "Dec 2": chart axes */
  | "dayMonth";

export type DateInput = Date | string | number;

const formats = new Map<string, Intl.DateTimeFormat>();

function cached(language: Language, key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const id = `${language}:${key}`;
  let format = formats.get(id);
  if (!format) formats.set(id, (format = new Intl.DateTimeFormat(language, { ...options, timeZone: "UTC" })));
  return format;
}

const DATE_OPTIONS: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  long: { year: "numeric", month: "long", day: "numeric" },
  short: { year: "numeric", month: "short", day: "numeric" },
  dayMonth: { month: "short", day: "numeric" },
};

function toDate(value: DateInput): Date {
  // A bare day ("2026-12-02") is that day in UTC, as the database counts days.
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T00:00:00Z`);
  return value instanceof Date ? value : new Date(value);
}

/** The day, in UTC. */
export function formatDate(value: DateInput, language: Language, style: DateStyle = "long"): string {
  return cached(language, style, DATE_OPTIONS[style]).format(toDate(value));
}

/** The day and the time, in UTC, saying so: "Dec 2, 2026, 15:04 UTC". */
export function formatDateTime(
  value: DateInput,
  language: Language,
  { style = "short", seconds = false }: { style?: Exclude<DateStyle, "dayMonth">; seconds?: boolean } = {},
): string {
  const date = toDate(value);
  const time = cached(language, seconds ? "time:s" : "time", {
    hour: "2-digit",
    minute: "2-digit",
    ...(seconds ? { second: "2-digit" } : {}),
    hourCycle: "h23",
  }).format(date);
  return `${formatDate(date, language, style)}, ${time} UTC`;
}
