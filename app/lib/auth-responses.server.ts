import { redirect, type AppLoadContext } from "@remix-run/node";
import { clearSessionCookie, sessionCookie } from "./sessions.server";

/**
 * The HTTP end of signing in and out, shared by the organizer routes: a redirect that sets (or
 * clears) the session cookie, Secure in production.
 */
export function redirectSignedIn(context: AppLoadContext, sessionToken: string, to: string): Response {
  return redirect(to, { headers: { "Set-Cookie": sessionCookie(sessionToken, context.runtime.config.isProduction) } });
}

export function redirectSignedOut(context: AppLoadContext, to: string): Response {
  return redirect(to, { headers: { "Set-Cookie": clearSessionCookie(context.runtime.config.isProduction) } });
}
