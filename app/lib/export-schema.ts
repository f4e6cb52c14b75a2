import { z } from "zod";
import { COUNTRY_CODES } from "./countries";
import { isoDate, withDateOrder } from "./moderation-schema";

/**
 * The signer export form: which signers, which columns, and whether to start the file with a
 * byte-order mark. One schema, read by the export page (errors next to the fields), by the CSV
 * route (a hand-made URL with a bad value is a 400) and by `npm run export`.
 * Error messages are i18n keys, as everywhere else.
 */
export const EXPORT_STATUSES = ["confirmed", "all"] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

/** The signer columns, in file order; "name" gives two columns (first name, last name). */
export const SIGNER_COLUMNS = [
  "name",
  "email",
  "country",
  "postalCode",
  "organization",
  "message",
  "messageHidden",
  "showName",
  "updatesOptIn",
  "signedAt",
  "confirmedAt",
  "source",
] as const;
export type SignerColumn = (typeof SIGNER_COLUMNS)[number];

/** A pledge option's column: "pledge-12". */
export const pledgeColumn = (optionId: number) => `pledge-${optionId}`;
const PLEDGE_COLUMN = /^pledge-([1-9]\d{0,8})$/;

export function pledgeColumnOption(column: string): number | null {
  const m = PLEDGE_COLUMN.exec(column);
  return m ? Number(m[1]) : null;
}

const isColumn = (value: string) => (SIGNER_COLUMNS as readonly string[]).includes(value) || PLEDGE_COLUMN.test(value);

export const exportSchema = withDateOrder(
  z.object({
    status: z.enum(EXPORT_STATUSES, { error: "export.errors.status" }).default("confirmed"),
    updates: z.boolean().default(false),
    country: z.enum(COUNTRY_CODES, { error: "errors.country" }).optional(),
    from: isoDate,
    to: isoDate,
    columns: z
      .array(z.string().refine(isColumn, "export.errors.columns"), { error: "export.errors.noColumns" })
      .min(1, "export.errors.noColumns")
      .max(SIGNER_COLUMNS.length + 100, "export.errors.columns")
      // Each column once, in the order the file has them whatever order the form sent them in.
      .transform((columns) => [...new Set(columns)]),
    bom: z.boolean().default(false),
  }),
);

export type ExportOptions = z.infer<typeof exportSchema>;

/** The URL parameters of an export, as the form sends them (the CSV route's link, the redirect). */
export function exportParams(options: ExportOptions): URLSearchParams {
  const params = new URLSearchParams();
  params.set("status", options.status);
  if (options.updates) params.set("updates", "on");
  if (options.country) params.set("country", options.country);
  if (options.from) params.set("from", options.from);
  if (options.to) params.set("to", options.to);
  for (const column of options.columns) params.append("columns", column);
  if (options.bom) params.set("bom", "on");
  return params;
}
