/**
 * `npm run export -- --campaign <slug> [--out file.csv] [filters]`
 *
 * The signer export of the organizer pages, from the shell: the same query, the same CSV, the
 * same audit entry (with no organizer, "via: cli"). Without --out the CSV goes to standard
 * output; with it, the file is created readable by its owner only (it holds personal data).
 */
import fs from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { campaigns } from "../db/schema";
import { auditExport, exportStream, type ExportOutcome } from "../app/lib/export.server";
import { planExport } from "../app/lib/export-query.server";
import { exportSchema, pledgeColumn, SIGNER_COLUMNS } from "../app/lib/export-schema";
import { translator } from "../app/lib/i18n";
import { listPledgeOptions } from "../app/lib/pledges.server";
import { translateError } from "../app/lib/form-errors";
import { cliConfig, fail, openCliDatabase } from "./cli";

const USAGE = `Usage: npm run export -- --campaign <slug> [options]

  --out <file>          write the CSV to this file (default: standard output)
  --all                 include signers who have not confirmed (default: confirmed only)
  --updates-only        only signers who want updates
  --country <CC>        only signers from this country (ISO code, e.g. CA)
  --from <YYYY-MM-DD>   signed on or after this UTC day
  --to <YYYY-MM-DD>     signed on or before this UTC day
  --columns <list>      comma-separated, in any order (default: all):
                        ${SIGNER_COLUMNS.join(", ")}, pledges (every pledge option), pledge-<id>
  --bom                 start with a byte-order mark (for Microsoft Excel)`;

let values;
try {
  ({ values } = parseArgs({
    options: {
      campaign: { type: "string" },
      out: { type: "string" },
      all: { type: "boolean", default: false },
      "updates-only": { type: "boolean", default: false },
      country: { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
      columns: { type: "string" },
      bom: { type: "boolean", default: false },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  }));
} catch (err) {
  fail(`${(err as Error).message}\n\n${USAGE}`);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!values.campaign) fail(`--campaign is required.\n\n${USAGE}`);

const config = cliConfig();
const database = await openCliDatabase(config);
const { db } = database;
let exitCode = 0;
try {
  const [campaign] = await db.select().from(campaigns).where(eq(campaigns.slug, values.campaign)).limit(1);
  if (!campaign) fail(`No campaign has the slug "${values.campaign}".`);
  const options = await listPledgeOptions(db, campaign.id, { includeRetired: true });
  const asked = values.columns ? values.columns.split(",").map((c) => c.trim()) : [...SIGNER_COLUMNS, "pledges"];
  const columns = asked.flatMap((c) => (c === "pledges" ? options.map((o) => pledgeColumn(o.id)) : [c]));
  const parsed = exportSchema.safeParse({
    status: values.all ? "all" : "confirmed",
    updates: values["updates-only"],
    country: values.country,
    from: values.from,
    to: values.to,
    columns,
    bom: values.bom,
  });
  const plan = parsed.success ? planExport(campaign.id, parsed.data, options) : null;
  if (!parsed.success || !plan) {
    const t = translator("en");
    const issues = parsed.success ? [{ path: ["columns"], message: "export.errors.columns" }] : parsed.error.issues;
    fail(`Invalid options:\n${issues.map((i) => `  --${String(i.path[0] ?? "columns")}: ${translateError(t, i.message)}`).join("\n")}\n\n${USAGE}`);
  }

  const finish = await auditExport(db, { campaign, actorId: null, via: "cli" }, parsed.data);
  let outcome: ExportOutcome = { rows: 0, completed: false };
  const csv = exportStream(database, plan, async (o) => {
    outcome = o;
    await finish(o);
  });
  const target = values.out ? fs.createWriteStream(values.out, { mode: 0o600 }) : process.stdout;
  await pipeline(Readable.fromWeb(csv as NodeReadableStream<Uint8Array>), target);
  console.error(`Exported ${outcome.rows} signer${outcome.rows === 1 ? "" : "s"} of "${campaign.title}"${values.out ? ` to ${values.out}` : ""}.`);
} catch (err) {
  console.error(`The export failed: ${(err as Error).message}`);
  exitCode = 1;
} finally {
  await database.close();
}
process.exit(exitCode);
