import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDevMessage, requireDevMailbox } from "~/lib/dev-mailbox.server";
import { emailPreviewResponse } from "~/lib/email-preview.server";

/** The message's HTML, for the frame on /dev/mailbox/:id. */
export async function loader({ context, params }: LoaderFunctionArgs) {
  const message = await getDevMessage(requireDevMailbox(context.runtime), params.id);
  if (!message) throw new Response("Not found", { status: 404 });
  return emailPreviewResponse(message.html);
}
