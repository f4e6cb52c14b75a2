import { randomBytes } from "node:crypto";
import type express from "express";

/**
 * Security headers on every response. The Content-Security-Policy lets scripts run only from this
 * site or with the nonce made for this response (Remix's and React's inline scripts carry it,
 * see app/lib/nonce.ts), styles come only from this site's stylesheet, and no page may be framed.
 * A response that sets its own policy (an email preview meant for an iframe of ours,
 * app/lib/email-preview.server.ts) replaces this one: server/remix-handler.ts lets the app's
 * headers win over these defaults.
 */
export function contentSecurityPolicy(nonce: string, options: { development?: boolean } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    // Campaign images may be linked from another site (the image URL field).
    "img-src 'self' https: data:",
    // The dev server's live reload talks over a WebSocket.
    `connect-src 'self'${options.development ? " ws:" : ""}`,
    "frame-src 'self'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join("; ");
}

export function securityHeaders(options: { production: boolean; development: boolean }): express.RequestHandler {
  return (_req, res, next) => {
    const nonce = randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    res.set({
      "Content-Security-Policy": contentSecurityPolicy(nonce, options),
      // For browsers that predate frame-ancestors.
      "X-Frame-Options": "DENY",
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    });
    // Browsers ignore it over plain HTTP; behind TLS in production it keeps them on HTTPS.
    if (options.production) res.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    next();
  };
}
