import type { PgBoss } from "pg-boss";
import { EMAIL_QUEUE } from "../../app/lib/jobs.server";
import type { EmailJob } from "../../app/lib/email-jobs";

/** Every email job a signature has caused, oldest first, in whatever state. */
export async function emailJobsFor(boss: PgBoss, signatureId: number) {
  const jobs = await boss.findJobs<EmailJob>(EMAIL_QUEUE, { data: { signatureId } });
  return jobs.sort((a, b) => a.createdOn.getTime() - b.createdOn.getTime());
}

/** The token of the newest confirmation job for a signature: it exists only there and in the email. */
export async function latestConfirmToken(boss: PgBoss, signatureId: number): Promise<string> {
  const confirms = (await emailJobsFor(boss, signatureId)).filter((j) => j.data.kind === "confirm");
  const last = confirms.at(-1);
  if (!last || last.data.kind !== "confirm") throw new Error(`no confirmation job for signature ${signatureId}`);
  return last.data.token;
}

/** Polls until `check` returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 15_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs}ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
