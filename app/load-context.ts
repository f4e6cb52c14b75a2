import type { Runtime } from "./lib/runtime.server";

declare module "@remix-run/node" {
  interface AppLoadContext {
    runtime: Runtime;
    /** Keyed HMAC of the client IP; the address itself is never kept. */
    ipHash: string | undefined;
  }
}
