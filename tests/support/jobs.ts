import type { PgBoss } from "pg-boss";
import { sealKeyFrom } from "../../app/lib/crypto.server";
import { openEmailJob } from "../../app/lib/email-delivery.server";
import { EMAIL_QUEUE } from "../../app/lib/jobs.server";
import type { EmailJob, StoredEmailJob } from "../../app/lib/email-jobs";

/** The key tests seal queued links with (the app derives its own from SESSION_SECRET). */
export const TEST_SEAL_KEY = sealKeyFrom("picket-test-session-secret-0123456789");

/** Every email job a signature has caused, oldest first, in whatever state, as stored. */
export async function emailJobsFor(boss: PgBoss, signatureId: number) {
  const jobs = await boss.findJobs<StoredEmailJob>(EMAIL_QUEUE, { data: { signatureId } });
  return jobs.sort((a, b) => a.createdOn.getTime() - b.createdOn.getTime());
}

/** Every queued email job, oldest first, with its token opened as the worker would. */
export async function openedEmailJobs(boss: PgBoss): Promise<EmailJob[]> {
  const jobs = await boss.findJobs<StoredEmailJob>(EMAIL_QUEUE, { limit: 100_000 });
  return jobs
    .sort((a, b) => a.createdOn.getTime() - b.createdOn.getTime())
    .map((j) => {
      const opened = openEmailJob(TEST_SEAL_KEY, j.data);
      if (!opened) throw new Error(`email job ${j.id} cannot be opened with the test key`);
      return opened;
    });
}

/** The token of the newest confirmation job for a signature: it exists only there (sealed) and in the email. */
export async function latestConfirmToken(boss: PgBoss, signatureId: number): Promise<string> {
  const last = (await emailJobsFor(boss, signatureId)).filter((j) => j.data.kind === "confirm").at(-1);
  const opened = last ? openEmailJob(TEST_SEAL_KEY, last.data) : null;
  if (!opened || opened.kind !== "confirm") throw new Error(`no confirmation job for signature ${signatureId}`);
  return opened.token;
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
