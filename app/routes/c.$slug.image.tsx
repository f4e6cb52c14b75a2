import type { LoaderFunctionArgs } from "@remix-run/node";
import { currentOrganizer, roleInGroup } from "~/lib/access.server";
import { findCampaignImage } from "~/lib/campaign-images.server";

/**
 * The uploaded header image of a campaign, from the database (docs/decisions/004-campaign-images.md).
 * Published campaigns' images are public and cacheable (the page links them with ?v=<last change>,
 * so a new upload gets a new address); a draft's image is shown only to members of its group.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { db } = context.runtime;
  const image = await findCampaignImage(db, params.slug ?? "");
  if (!image) throw new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });
  const isDraft = image.status === "draft";
  if (isDraft) {
    const organizer = await currentOrganizer(request, context);
    const role = organizer && image.groupId !== null ? await roleInGroup(db, organizer.id, image.groupId) : null;
    if (!role) throw new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });
  }
  const versioned = new URL(request.url).searchParams.get("v") === String(image.updatedAt.getTime());
  return new Response(new Uint8Array(image.bytes), {
    headers: {
      "Content-Type": image.contentType,
      "Content-Length": String(image.bytes.byteLength),
      // X-Content-Type-Options: nosniff is set on every response by server/index.ts (here it would be doubled).
      // An image is never a document: no scripts even if someone opens it directly.
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": isDraft ? "private, no-store" : versioned ? "public, max-age=31536000, immutable" : "public, max-age=300",
    },
  });
}
