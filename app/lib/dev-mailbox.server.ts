import { desc, eq } from "drizzle-orm";
import { devMailbox } from "../../db/schema";
import type { Executor } from "../../db/client.server";
import type { Runtime } from "./runtime.server";
import { parseId } from "./text-rules";

/** The mailbox exists only while mail is kept locally; with a Resend key it is a 404. */
export function requireDevMailbox(runtime: Runtime): Executor {
  if (runtime.transport.name !== "dev-mailbox") throw new Response("Not found", { status: 404 });
  return runtime.db;
}

export async function listDevMessages(db: Executor, limit = 100) {
  return db
    .select({ id: devMailbox.id, to: devMailbox.to, subject: devMailbox.subject, createdAt: devMailbox.createdAt })
    .from(devMailbox)
    .orderBy(desc(devMailbox.id))
    .limit(limit);
}

/** The message whose id is in the address (`/dev/mailbox/:id`); anything but an id finds nothing. */
export async function getDevMessage(db: Executor, idInAddress: string | undefined) {
  const id = parseId(idInAddress);
  if (id === null) return null;
  const [row] = await db.select().from(devMailbox).where(eq(devMailbox.id, id)).limit(1);
  return row ?? null;
}
