import { createCookie } from "@remix-run/node";
import type { Config } from "./config.server";
import { hashToken, newToken } from "./crypto.server";
import { normalizeOrganizerEmail } from "./organizers.server";

/**
 * "This browser has signed in to this account before" (OWASP's device cookie): a signed (HMAC,
 * SESSION_SECRET), HttpOnly cookie under /org holding a random device id and a tag of the
 * account, never the address. A browser that has it keeps its own sign-in budget, so a guesser
 * elsewhere cannot lock its owner out. One account per browser: the last one signed in.
 */
export const DEVICE_COOKIE = "picket_device";
const DEVICE_COOKIE_TTL_SECONDS = 180 * 24 * 60 * 60;

type CookieConfig = Pick<Config, "sessionSecret" | "isProduction">;

function deviceCookie(config: CookieConfig) {
  return createCookie(DEVICE_COOKIE, {
    httpOnly: true,
    sameSite: "lax",
    secure: config.isProduction,
    path: "/org",
    maxAge: DEVICE_COOKIE_TTL_SECONDS,
    secrets: [config.sessionSecret],
  });
}

const accountTag = (email: string) => hashToken(`device:${normalizeOrganizerEmail(email)}`).slice(0, 32);

async function readDevice(config: CookieConfig, request: Request): Promise<{ a: string; d: string } | null> {
  try {
    const value: unknown = await deviceCookie(config).parse(request.headers.get("cookie"));
    if (typeof value !== "object" || value === null) return null;
    const { a, d } = value as { a?: unknown; d?: unknown };
    return typeof a === "string" && typeof d === "string" && /^[A-Za-z0-9_-]{1,64}$/.test(d) ? { a, d } : null;
  } catch {
    return null;
  }
}

/** The device id when this request's browser signed in to `email`'s account before. */
export async function knownDeviceFor(config: CookieConfig, request: Request, email: string): Promise<string | undefined> {
  const device = await readDevice(config, request);
  return device && device.a === accountTag(email) ? device.d : undefined;
}

/** The Set-Cookie value remembering this browser for `email` (keeping its device id if it has one). */
export async function deviceCookieHeader(config: CookieConfig, request: Request, email: string): Promise<string> {
  const device = await readDevice(config, request);
  return deviceCookie(config).serialize({ a: accountTag(email), d: device?.d ?? newToken() });
}
