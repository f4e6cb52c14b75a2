import { createCookie } from "@remix-run/node";
import type { Config } from "./config.server";

/**
 * Who may change pledges on a campaign's thank-you page without typing their details again: the
 * person who just confirmed (the emailed link proved the address) or just signed a campaign that
 * needs no confirmation. The cookie is signed with the session secret, HttpOnly, sent only under
 * /c/<slug>/ and for two hours, and holds the signature id and its expiry: never an email or name.
 */
export const PLEDGER_COOKIE_TTL_SECONDS = 2 * 60 * 60;

type CookieConfig = Pick<Config, "sessionSecret" | "isProduction">;

function pledgerCookie(config: CookieConfig, slug: string) {
  return createCookie("picket_pledger", {
    httpOnly: true,
    sameSite: "lax",
    secure: config.isProduction,
    path: `/c/${slug}/`,
    maxAge: PLEDGER_COOKIE_TTL_SECONDS,
    secrets: [config.sessionSecret],
  });
}

/** The Set-Cookie header value naming the signature. */
export function pledgerCookieHeader(config: CookieConfig, slug: string, signatureId: number, now = Date.now()) {
  // The expiry is inside the signed value too: a copied cookie stops working on time, whatever the browser does.
  return pledgerCookie(config, slug).serialize({ s: signatureId, e: now + PLEDGER_COOKIE_TTL_SECONDS * 1000 });
}

/** The signature id in a valid, unexpired cookie on the request, or null. */
export async function readPledgerCookie(
  config: CookieConfig,
  slug: string,
  request: Request,
  now = Date.now(),
): Promise<number | null> {
  let value: unknown;
  try {
    value = await pledgerCookie(config, slug).parse(request.headers.get("cookie"));
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  const { s, e } = value as { s?: unknown; e?: unknown };
  if (typeof s !== "number" || !Number.isSafeInteger(s) || s <= 0) return null;
  if (typeof e !== "number" || e <= now) return null;
  return s;
}
