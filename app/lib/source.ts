/**
 * The referral code a signature is attributed to: `?ref=` or `?utm_source=` on the campaign
 * link. Kept only if it looks like a code (letters, digits, dot, dash, underscore), so nothing
 * personal or hostile rides along into the database or the export.
 */
export function referralSource(params: URLSearchParams | FormData): string | null {
  const raw = params.get("ref") ?? params.get("utm_source") ?? params.get("source");
  if (typeof raw !== "string") return null;
  const value = raw.trim().slice(0, 64);
  return /^[A-Za-z0-9._-]+$/.test(value) ? value : null;
}
