import type { AppLoadContext } from "@remix-run/node";
import type { Role } from "../../db/schema";
import { requireCampaignRole } from "./access.server";
import { findPledgeOption } from "./pledge-admin.server";
import { parseId } from "./text-rules";

/**
 * A campaign's pledge option from a URL (/org/c/:slug/pledges/:optionId…), for a member of the
 * campaign's group with at least `minimum` role. The role is checked first (outsiders get the
 * campaign's 404, viewers a 403); an id that is not written like one, or names another campaign's
 * option, is a 404 too.
 */
export async function requirePledgeOption(request: Request, context: AppLoadContext, params: Record<string, string | undefined>, minimum: Role) {
  const access = await requireCampaignRole(request, context, params.slug ?? "", minimum);
  const optionId = parseId(params.optionId);
  const option = optionId === null ? null : await findPledgeOption(context.runtime.db, access.campaign.id, optionId);
  if (!option) throw new Response("Not found", { status: 404 });
  return { ...access, option };
}
