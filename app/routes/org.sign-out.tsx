import type { ActionFunctionArgs } from "@remix-run/node";
import { redirectSignedOut } from "~/lib/auth-responses.server";
import { destroySession, readSessionToken } from "~/lib/sessions.server";

/** POST only: a link or a prefetch must never sign anyone out. */
export async function loader() {
  throw new Response("Method not allowed", { status: 405, headers: { Allow: "POST" } });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const token = readSessionToken(request);
  if (token) await destroySession(context.runtime.db, token);
  return redirectSignedOut(context, "/");
}
