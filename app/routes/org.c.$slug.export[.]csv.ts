import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireCampaignRole } from "~/lib/access.server";
import { auditExport, exportFileName, exportStream } from "~/lib/export.server";
import { planExport } from "~/lib/export-query.server";
import { exportSchema } from "~/lib/export-schema";
import { describeError } from "~/lib/log-safe.server";
import { listPledgeOptions } from "~/lib/pledges.server";
import { parseForm } from "~/lib/form-data.server";

/**
 * The CSV download itself. The export page links here with the filters and columns in the URL
 * (they describe the file, never a person). Organizers and owners of the campaign's group only;
 * each download is audited.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { organizer, campaign } = await requireCampaignRole(request, context, params.slug ?? "", "organizer");
  // A file of personal data is downloaded from our own pages, not on another site's say-so.
  if (request.headers.get("sec-fetch-site") === "cross-site") throw new Response("Forbidden", { status: 403 });
  const { db, database } = context.runtime;
  const submission = parseForm(new URL(request.url).searchParams, { schema: exportSchema });
  const plan =
    submission.status === "success" ? planExport(campaign.id, submission.value, await listPledgeOptions(db, campaign.id, { includeRetired: true })) : null;
  if (submission.status !== "success" || !plan) {
    return new Response("These export settings are not valid: choose them again on the export page.", {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const finish = await auditExport(db, { campaign, actorId: organizer.id, via: "web" }, submission.value);
  const body = exportStream(database, plan, (outcome) =>
    finish(outcome).catch((err: unknown) => console.error(`[export] could not complete the audit entry: ${describeError(err)}`)),
  );
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8; header=present",
      "Content-Disposition": `attachment; filename="${exportFileName(campaign.slug)}"`,
      "Cache-Control": "no-store",
    },
  });
}
