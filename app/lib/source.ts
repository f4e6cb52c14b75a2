/**
 * The referral code a signature is attributed to: `?ref=` or `?utm_source=` on the campaign
 * link. Kept only if it looks like a code (letters, digits, dot, dash, underscore), so nothing
 * personal or hostile rides along into the database or the export.
 */
export function referralSource(params: URLSearchParams | FormData): string | null {
  for (const key of ["ref", "utm_source", "source"]) {
    const raw = params.get(key);
    const value = typeof raw === "string" ? raw.trim().slice(0, 64) : "";
    if (value) return /^[A-Za-z0-9._-]+$/.test(value) ? value : null;
  }
  return null;
}
