/**
 * An email's HTML served on its own, to be shown in an iframe of ours (the update preview, the
 * dev mailbox). Emails carry inline styles, which the site's policy refuses; an iframe's `srcdoc`
 * would inherit that policy, so previews come from their own address with a policy for email:
 * inline styles and images, no scripts, nothing else, sandboxed, framed only by this site.
 */
export const EMAIL_PREVIEW_POLICY = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  "img-src http: https: data:",
  "font-src https: data:",
  "frame-ancestors 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "sandbox allow-popups allow-popups-to-escape-sandbox",
].join("; ");

export function emailPreviewResponse(html: string): Response {
  return new Response(html, {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": EMAIL_PREVIEW_POLICY,
      "X-Frame-Options": "SAMEORIGIN",
      "Cache-Control": "private, no-store",
    },
  });
}
