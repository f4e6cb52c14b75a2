import type { LoaderFunctionArgs } from "@remix-run/node";
import { sql } from "drizzle-orm";

/** For load balancers: 200 when the database answers. */
export async function loader({ context }: LoaderFunctionArgs) {
  await context.runtime.db.execute(sql`select 1`);
  return new Response("ok", { headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });
}
