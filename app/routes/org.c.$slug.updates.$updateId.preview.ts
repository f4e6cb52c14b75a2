import type { LoaderFunctionArgs } from "@remix-run/node";
import { emailPreviewResponse } from "~/lib/email-preview.server";
import { requireUpdate } from "~/lib/update-access.server";
import { renderUpdate } from "~/lib/update-delivery.server";

/** The draft update as its email, for the preview frame on the update's page. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { campaign, update } = await requireUpdate(request, context, params);
  const preview = await renderUpdate(context.runtime.config.appUrl, { subject: update.subject, body: update.body, campaign });
  return emailPreviewResponse(preview.html);
}
