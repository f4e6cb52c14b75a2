import { createCookie } from "@remix-run/node";
import type { Config } from "./config.server";
import { hashToken } from "./crypto.server";
import { readSessionToken } from "./sessions.server";

/**
 * Where the signer search ("rosa", "karl@…") lives between requests: not in the URL. A name or an
 * address in a URL ends up in the browser history, in proxy and server access logs, in Referer
 * headers and in links pasted to colleagues; all of these outlive the need. So the filter form is
 * a POST, and the search text goes into this cookie: HttpOnly, signed, sent only to this
 * campaign's organizer pages (its Path), kept for an hour at most. The
 * filters that say nothing about a person (status, country, dates) and the page cursor stay in
 * the URL, so pages can still be linked, reloaded and navigated with Back.
 */
const SEARCH_TTL_SECONDS = 60 * 60;

function searchCookie(config: Config) {
  return createCookie("picket_signer_search", {
    httpOnly: true,
    sameSite: "lax",
    secure: config.isProduction,
    maxAge: SEARCH_TTL_SECONDS,
    secrets: [config.sessionSecret],
  });
}

/** The cookie is scoped to the campaign's organizer pages, ".data" requests included. */
const pathFor = (slug: string) => `/org/c/${slug}/`;

/**
 * The search is bound to the sign-in session that made it: after signing out, whoever signs in
 * next on this browser (the same person included) starts with no search.
 */
function sessionTag(request: Request): string {
  const token = readSessionToken(request);
  return token ? hashToken(token).slice(0, 16) : "";
}

export async function readSignerSearch(request: Request, config: Config, campaignId: number): Promise<string | undefined> {
  const value: unknown = await searchCookie(config).parse(request.headers.get("cookie"));
  if (!value || typeof value !== "object") return undefined;
  const { c, q, s } = value as { c?: unknown; q?: unknown; s?: unknown };
  return c === campaignId && s === sessionTag(request) && typeof q === "string" && q ? q : undefined;
}

/** A Set-Cookie header keeping `search` for this campaign, or clearing it when there is none. */
export async function signerSearchCookie(
  request: Request,
  config: Config,
  slug: string,
  campaignId: number,
  search: string | undefined,
): Promise<string> {
  const cookie = searchCookie(config);
  return search
    ? cookie.serialize({ c: campaignId, q: search, s: sessionTag(request) }, { path: pathFor(slug) })
    : cookie.serialize("", { path: pathFor(slug), maxAge: 0 });
}
