import { data, redirect, type AppLoadContext } from "@remix-run/node";
import { languageFromHeader, type MessageKey } from "./i18n";
import { clearSessionCookie, sessionCookie } from "./sessions.server";

/**
 * The HTTP end of signing in and out, shared by the organizer routes: a redirect that sets (or
 * clears) the session cookie, Secure in production.
 */
export function redirectSignedIn(context: AppLoadContext, sessionToken: string, to: string, otherCookies: string[] = []): Response {
  const headers = new Headers();
  for (const cookie of [sessionCookie(sessionToken, context.runtime.config.isProduction), ...otherCookies]) headers.append("Set-Cookie", cookie);
  return redirect(to, { headers });
}

/** Every 429 says when to come back, in the header and (through `waitMessage`) on the page. */
export function tooManyRequests<T>(body: T, retryAfterSeconds: number) {
  return data(body, { status: 429, headers: { "Retry-After": String(retryAfterSeconds) } });
}

/** A form error telling how many whole minutes to wait (`<key>:<n>`; the message has plural forms). */
export function waitMessage(key: "auth.errors.throttled" | "auth.errors.linkThrottled", retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `${key}:${minutes}` satisfies `${MessageKey}:${number}`;
}

export function redirectSignedOut(context: AppLoadContext, to: string): Response {
  return redirect(to, { headers: { "Set-Cookie": clearSessionCookie(context.runtime.config.isProduction) } });
}
