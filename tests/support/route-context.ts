import type { AppLoadContext } from "@remix-run/node";
import type { Database } from "../../db/client.server";
import { loadConfig } from "../../app/lib/config.server";
import type { Runtime } from "../../app/lib/runtime.server";
import type { EnqueueEmail } from "../../app/lib/signatures.server";

/**
 * Calling route modules' loader/action directly: a load context around a test database, and
 * requests that carry a session cookie. Only what routes use is real; the job queue and the mail
 * transport throw if touched unless a test passes its own.
 */
export const TEST_APP_URL = "http://picket.test";

export function routeContext(
  db: Database,
  overrides: Partial<Pick<Runtime, "enqueueEmail" | "boss" | "transport" | "database">> & { ipHash?: string } = {},
): AppLoadContext {
  const unavailable = (what: string) => () => {
    throw new Error(`${what} is not available in this route test; pass it to routeContext()`);
  };
  const runtime = {
    config: loadConfig({ NODE_ENV: "test", APP_URL: TEST_APP_URL, DATA_DIR: "memory://" }),
    // The handle (driver, pool) is for what needs more than queries: the CSV export.
    database: overrides.database ?? (new Proxy({}, { get: unavailable("database") }) as Runtime["database"]),
    db,
    boss: overrides.boss ?? (new Proxy({}, { get: unavailable("boss") }) as Runtime["boss"]),
    enqueueEmail: overrides.enqueueEmail ?? (unavailable("enqueueEmail") as unknown as EnqueueEmail),
    transport: overrides.transport ?? (new Proxy({}, { get: unavailable("transport") }) as Runtime["transport"]),
    stop: async () => {},
  } satisfies Runtime;
  return { runtime, ipHash: overrides.ipHash, cspNonce: "test-nonce" };
}

/** A GET, or a POST of `form` (URLSearchParams-encoded, or multipart when it is FormData). */
export function routeRequest(path: string, options: { cookie?: string; form?: Record<string, string> | FormData; method?: string } = {}): Request {
  const headers = new Headers();
  if (options.cookie) headers.set("cookie", options.cookie);
  let body: BodyInit | undefined;
  if (options.form instanceof FormData) body = options.form;
  else if (options.form) {
    body = new URLSearchParams(options.form);
    headers.set("content-type", "application/x-www-form-urlencoded");
  }
  return new Request(`${TEST_APP_URL}${path}`, { method: options.method ?? (body ? "POST" : "GET"), headers, body });
}

/** Runs a loader or action and returns what it threw or returned as a Response-like outcome. */
export async function settle<T>(run: () => Promise<T>): Promise<{ thrown: false; value: T } | { thrown: true; response: Response }> {
  try {
    return { thrown: false, value: await run() };
  } catch (error) {
    if (error instanceof Response) return { thrown: true, response: error };
    throw error;
  }
}
