import type { AppLoadContext } from "@remix-run/node";
import { createHash } from "node:crypto";
import { requireCampaignRole } from "./access.server";
import { parseId } from "./text-rules";
import { findUpdate } from "./updates.server";

/** The update from the URL, for an organizer or owner of its campaign; any other id is a 404. */
export async function requireUpdate(request: Request, context: AppLoadContext, params: Record<string, string | undefined>) {
  const access = await requireCampaignRole(request, context, params.slug ?? "", "organizer");
  const updateId = parseId(params.updateId);
  const update = updateId === null ? null : await findUpdate(context.runtime.db, access.campaign.id, updateId);
  if (!update) throw new Response("Not found", { status: 404 });
  return { ...access, update };
}

/** Changes whenever the draft's text does: the preview frame's address, so a saved draft shows anew. */
export function contentVersion(subject: string, body: string): string {
  return createHash("sha256").update(subject).update("\u0000").update(body).digest("base64url").slice(0, 12);
}
