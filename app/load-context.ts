import type { Runtime } from "./lib/runtime.server";

declare module "@remix-run/node" {
  interface AppLoadContext {
    runtime: Runtime;
    /** Keyed HMAC of the client IP; the address itself is never kept. */
    ipHash: string | undefined;
    /** This response's Content-Security-Policy nonce (server/security-headers.ts), for the inline scripts it renders. */
    cspNonce: string;
  }
}
