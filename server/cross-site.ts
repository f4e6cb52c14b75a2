import type express from "express";
import { loggablePath } from "../app/lib/log-safe.server";
import { sendRefusal } from "./refusals";

/**
 * Forms posted from another site are refused with a short 403 and one log line, before Remix's own
 * check (throwIfPotentialCSRFAttack) would turn them into a 500 with a stack trace. The rule is
 * Remix's: a request that changes something and names an Origin must come from the host it was
 * sent to (X-Forwarded-Host first, as Remix reads it); `Origin: null` (a sandboxed page, a
 * redirect across sites) and an Origin that is not a URL are foreign too. A request without an
 * Origin (curl, a webhook) is left to the routes, as before.
 */
const MUTATIONS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function isCrossSite(headers: { origin?: string; forwardedHost?: string; host?: string }): boolean {
  if (headers.origin === undefined) return false;
  const host = headers.forwardedHost?.split(",")[0]?.trim() || headers.host;
  if (!host) return true;
  let originHost: string;
  try {
    originHost = new URL(headers.origin).host;
  } catch {
    return true;
  }
  return originHost !== host;
}

export const refuseCrossSite: express.RequestHandler = (req, res, next) => {
  if (!MUTATIONS.has(req.method)) return next();
  const origin = req.get("origin");
  if (!isCrossSite({ origin, forwardedHost: req.get("x-forwarded-host"), host: req.get("host") })) return next();
  console.warn(`[http] refused a cross-site ${req.method} ${loggablePath(`http://localhost${req.path}`)} (Origin: ${JSON.stringify(origin?.slice(0, 100))})`);
  sendRefusal(req, res, "crossSite");
  // The body is not read: the server drops it once the reply is sent.
};
