import type { LoaderFunctionArgs } from "@remix-run/node";
import { findPublicCampaign } from "./campaigns.server";

/** The public campaign named in the URL, or a 404 response thrown for the error boundary. */
export async function requirePublicCampaign({ params, context }: Pick<LoaderFunctionArgs, "params" | "context">) {
  const campaign = await findPublicCampaign(context.runtime.db, params.slug ?? "");
  if (!campaign) throw new Response("Not found", { status: 404 });
  return campaign;
}
