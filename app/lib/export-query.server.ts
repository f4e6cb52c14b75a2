import { sql, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { signatures, type PledgeOption } from "../../db/schema";
import { pledgeColumnOption, SIGNER_COLUMNS, type ExportOptions, type SignerColumn } from "./export-schema";
import { beyondCursor, cursorTime, keysetOrder, type KeysetCursor } from "./keyset.server";

/**
 * The one query behind a signer export. Every cell is computed in SQL, as text, so the same
 * query serves `COPY (…) TO STDOUT WITH (FORMAT csv)` on Postgres and cursor pages on PGlite,
 * and the CSV is the same byte for byte whichever runs it.
 *
 * Cells a spreadsheet would run as a formula (a leading =, +, -, @, tab or carriage return:
 * OWASP's CSV injection list) get a leading apostrophe, which spreadsheets show as text. This
 * applies to everything people typed: names, email, postal code, organization, message, source.
 */
export interface ExportPlan {
  campaignId: number;
  options: ExportOptions;
  /** The file's header row, one entry per column. */
  header: string[];
  cells: SQL[];
  joins: SQL[];
}

/** Neutralises a formula trigger at the start of a cell; empty text becomes NULL (an empty cell). */
function typed(expr: SQL): SQL {
  return sql`CASE WHEN left(${expr}, 1) IN ('=', '+', '-', '@', chr(9), chr(13)) THEN '''' || ${expr} ELSE NULLIF(${expr}, '') END`;
}

const yesNo = (expr: SQL) => sql`CASE WHEN ${expr} THEN 'yes' ELSE 'no' END`;
const utcTime = (expr: SQL) => sql`to_char(${expr} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')`;

const SIGNER_CELLS: Record<SignerColumn, { header: string[]; cells: SQL[] }> = {
  name: { header: ["First name", "Last name"], cells: [typed(sql`${signatures.firstName}`), typed(sql`${signatures.lastName}`)] },
  email: { header: ["Email"], cells: [typed(sql`${signatures.email}`)] },
  country: { header: ["Country"], cells: [sql`${signatures.country}`] },
  postalCode: { header: ["Postal code"], cells: [typed(sql`${signatures.postalCode}`)] },
  organization: { header: ["Organization"], cells: [typed(sql`${signatures.organization}`)] },
  message: { header: ["Message"], cells: [typed(sql`${signatures.message}`)] },
  // "yes" when a moderator hid the message from the public page, "no" when it shows, empty
  // when there is no message: the file is what gets delivered, so hidden ones must stand out.
  messageHidden: {
    header: ["Message hidden by a moderator"],
    cells: [sql`CASE WHEN ${signatures.messageHiddenAt} IS NOT NULL THEN 'yes' WHEN NULLIF(${signatures.message}, '') IS NOT NULL THEN 'no' END`],
  },
  showName: { header: ["Show name publicly"], cells: [yesNo(sql`${signatures.showName}`)] },
  updatesOptIn: { header: ["Wants updates"], cells: [yesNo(sql`${signatures.updatesOptIn}`)] },
  signedAt: { header: ["Signed at (UTC)"], cells: [utcTime(sql`${signatures.createdAt}`)] },
  confirmedAt: { header: ["Confirmed at (UTC)"], cells: [utcTime(sql`${signatures.confirmedAt}`)] },
  source: { header: ["Source"], cells: [typed(sql`${signatures.source}`)] },
};

/** A pledge option's column: the amount ("25.00") for money, "yes" for an action. */
function pledgeCell(option: PledgeOption): { header: string; cell: SQL; join: SQL } {
  const alias = sql.raw(`p${option.id}`);
  const join = sql`LEFT JOIN pledges ${alias} ON ${alias}.signature_id = ${signatures.id} AND ${alias}.option_id = ${option.id}`;
  return option.kind === "money"
    ? {
        header: `${option.title} (${option.currency})`,
        cell: sql`to_char(${alias}.amount_minor / 100.0, 'FM999999999990.00')`,
        join,
      }
    : { header: option.title, cell: sql`CASE WHEN ${alias}.id IS NOT NULL THEN 'yes' END`, join };
}

/**
 * The columns asked for, in file order (signer columns first, then pledge options in the
 * campaign's order), or null when a column names a pledge option of another campaign.
 */
export function planExport(campaignId: number, options: ExportOptions, pledgeOptions: PledgeOption[]): ExportPlan | null {
  const asked = new Set(options.columns);
  const plan: ExportPlan = { campaignId, options, header: [], cells: [], joins: [] };
  for (const column of SIGNER_COLUMNS) {
    if (!asked.has(column)) continue;
    plan.header.push(...SIGNER_CELLS[column].header);
    plan.cells.push(...SIGNER_CELLS[column].cells);
  }
  const known = new Set(pledgeOptions.map((o) => o.id));
  const askedOptions = options.columns.map(pledgeColumnOption).filter((id): id is number => id !== null);
  if (askedOptions.some((id) => !known.has(id))) return null;
  for (const option of pledgeOptions) {
    if (!askedOptions.includes(option.id)) continue;
    const { header, cell, join } = pledgeCell(option);
    plan.header.push(header);
    plan.cells.push(cell);
    plan.joins.push(join);
  }
  return plan;
}

/** Which signatures: never those removed as spam; confirmed only unless all were asked for. */
function exportConditions(plan: ExportPlan): SQL[] {
  const { options } = plan;
  const conditions = [sql`${signatures.campaignId} = ${plan.campaignId}`, sql`${signatures.removedAt} IS NULL`];
  if (options.status === "confirmed") conditions.push(sql`${signatures.confirmedAt} IS NOT NULL`);
  if (options.updates) conditions.push(sql`${signatures.updatesOptIn}`);
  if (options.country) conditions.push(sql`${signatures.country} = ${options.country}`);
  // UTC days, both included, as in the signer list.
  if (options.from) conditions.push(sql`${signatures.createdAt} >= ${`${options.from}T00:00:00Z`}::timestamptz`);
  if (options.to) conditions.push(sql`${signatures.createdAt} < ${`${options.to}T00:00:00Z`}::timestamptz + interval '1 day'`);
  return conditions;
}

/**
 * The export's rows, oldest first (the order people signed in). With `page`, one keyset page
 * after a cursor, with the cursor's columns first (`k_at`, `k_id`) ahead of the cells.
 */
export function exportSelect(plan: ExportPlan, page?: { after: KeysetCursor | null; limit: number }): SQL {
  const conditions = exportConditions(plan);
  if (page?.after) conditions.push(beyondCursor(signatures.createdAt, signatures.id, page.after, "before"));
  const cells = sql.join(
    plan.cells.map((cell, i) => sql`${cell} AS ${sql.raw(`c${i}`)}`),
    sql`, `,
  );
  const key = page ? sql`${cursorTime(signatures.createdAt)} AS k_at, ${signatures.id} AS k_id, ` : sql``;
  return sql`SELECT ${key}${cells} FROM ${signatures} ${sql.join(plan.joins, sql` `)}
    WHERE ${sql.join(conditions, sql` AND `)}
    ORDER BY ${sql.join(keysetOrder(signatures.createdAt, signatures.id, "oldest-first"), sql`, `)}
    ${page ? sql`LIMIT ${page.limit}` : sql``}`;
}

const dialect = new PgDialect();

/**
 * The COPY statement for Postgres. COPY takes no bind parameters, so the few values are inlined
 * as literals: all of them passed the export schema (ids, a country code, ISO days), and drizzle
 * quotes strings.
 */
export function exportCopySql(plan: ExportPlan): string {
  return `COPY (${dialect.sqlToQuery(exportSelect(plan).inlineParams()).sql}) TO STDOUT WITH (FORMAT csv)`;
}
