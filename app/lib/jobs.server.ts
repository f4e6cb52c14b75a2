import { sql } from "drizzle-orm";
import { PgBoss, fromDrizzle, fromPglite, type DrizzleTransactionLike, type Job } from "pg-boss";
import type { DatabaseHandle, Executor, Transaction } from "../../db/client.server";
import type { StoredEmailJob } from "./email-jobs";
import { deliverEmailJob, openEmailJob, sealEmailJob, type DeliveryDeps } from "./email-delivery.server";
import { RetryableSendError } from "./mail-transport.server";
import { purgeExpired } from "./housekeeping.server";
import { consoleLog, type Log } from "./log.server";
import type { EnqueueEmail } from "./signatures.server";
import { deliverUpdateChunk, type UpdateDeliveryDeps } from "./update-delivery.server";
import type { EnqueueUpdateChunks, UpdateChunkJob } from "./updates.server";

/**
 * Background work runs on pg-boss: jobs live in Postgres (schema `pgboss`), so they survive
 * restarts, are shared by every instance, and — through fromDrizzle — commit in the same
 * transaction as the row that needs them, on Postgres and on the embedded PGlite alike.
 */
export const EMAIL_QUEUE = "email";

export interface QueueOptions {
  maxAttempts: number;
  /** Run pg-boss's cron clock here (on the instances that run workers): housekeeping needs it. */
  schedule?: boolean;
  /** First retry delay in seconds; doubles on each attempt (with jitter), capped at 10 minutes. */
  retryDelaySeconds?: number;
  /** Where the queue's own errors go (the console by default). */
  log?: Log;
}

/**
 * How often pg-boss looks for jobs whose worker stopped beating (a killed process). The check runs
 * in the supervisor's pass, at most once per monitor interval per queue (both 60 s by default):
 * with the update queue's 10-second heartbeat, such a chunk is retried within about 20 seconds.
 */
const SUPERVISE_SECONDS = 10;

export async function startJobQueue(handle: DatabaseHandle, options: QueueOptions): Promise<PgBoss> {
  const boss =
    handle.driver === "pglite"
      ? new PgBoss({ db: fromPglite(handle.pglite), backend: "pglite", schedule: options.schedule ?? false, superviseIntervalSeconds: SUPERVISE_SECONDS, monitorIntervalSeconds: SUPERVISE_SECONDS })
      : new PgBoss({ db: fromPgPool(handle.pool), schedule: options.schedule ?? false, superviseIntervalSeconds: SUPERVISE_SECONDS, monitorIntervalSeconds: SUPERVISE_SECONDS });
  const log = options.log ?? consoleLog;
  boss.on("error", (err: Error) => log.error(`[jobs] error: ${err.message}`));
  await boss.start();
  await ensureQueue(boss, options);
  await ensureUpdateQueue(boss);
  return boss;
}

/** pg-boss shares the app's pool instead of opening its own. */
function fromPgPool(pool: import("pg").Pool) {
  return {
    async executeSql(text: string, values?: unknown[]) {
      return pool.query(text, values as unknown[]);
    },
  };
}

async function ensureQueue(boss: PgBoss, options: QueueOptions): Promise<void> {
  const queueOptions = {
    retryLimit: options.maxAttempts - 1,
    retryDelay: options.retryDelaySeconds ?? 5,
    retryBackoff: true,
    retryDelayMax: 600,
    expireInSeconds: 120,
    // A sent job is deleted by its worker; this only bounds how long failed ones stay.
    deleteAfterSeconds: 60 * 60,
  };
  if (await boss.getQueue(EMAIL_QUEUE)) await boss.updateQueue(EMAIL_QUEUE, queueOptions);
  else await boss.createQueue(EMAIL_QUEUE, queueOptions);
}

/**
 * The EnqueueEmail that domain code uses: the job joins the caller's transaction, its token
 * sealed with `sealKey` (sealKeyFrom(SESSION_SECRET)).
 */
export function emailEnqueuer(boss: PgBoss, sealKey: Buffer): EnqueueEmail {
  return async (tx, job) => {
    await boss.send(EMAIL_QUEUE, sealEmailJob(sealKey, job), { db: fromDrizzle(tx as unknown as DrizzleTransactionLike, sql) });
  };
}

export interface EmailWorkerOptions {
  concurrency?: number;
  pollingIntervalSeconds?: number;
}

/** Starts sending queued emails. Returns the worker id (for offWork). */
export async function startEmailWorker(boss: PgBoss, deps: DeliveryDeps, options: EmailWorkerOptions = {}): Promise<string> {
  return boss.work<StoredEmailJob>(
    EMAIL_QUEUE,
    { batchSize: 1, localConcurrency: options.concurrency ?? 2, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1 },
    async ([job]: Job<StoredEmailJob>[]) => {
      if (!job) return;
      try {
        const opened = openEmailJob(deps.sealKey, job.data);
        if (!opened) {
          // Queued before links were sealed, or sealed under a SESSION_SECRET since changed.
          deps.log.warn(`[mail] job ${job.id} (${job.data.kind}) dropped: its link cannot be opened with this SESSION_SECRET`);
        } else {
          const outcome = await deliverEmailJob(deps, job.id, opened);
          if (outcome && !outcome.ok) {
            // Permanent: the provider refused this message; retrying would fail the same way.
            deps.log.warn(`[mail] job ${job.id} (${job.data.kind}) rejected: ${redactEmails(outcome.message)}`);
          }
        }
      } catch (err) {
        const retryAfterMs = err instanceof RetryableSendError ? err.retryAfterMs : undefined;
        if (retryAfterMs) {
          // Honour Retry-After before handing the job back for its backed-off retry.
          await new Promise((r) => setTimeout(r, Math.min(retryAfterMs, 60_000)));
        }
        deps.log.warn(
          `[mail] job ${job.id} (${job.data.kind}) attempt ${job.retryCount + 1} failed: ${redactEmails((err as Error).message)}`,
        );
        throw err;
      }
      // Sent (or never to be sent): nothing of it needs to stay in the database. Outside the
      // try: a failed delete must not turn into a retry that sends the email again.
      await boss.deleteJob(EMAIL_QUEUE, job.id).catch((err: unknown) => deps.log.error(`[mail] job ${job.id} sent but not deleted: ${(err as Error).message}`));
    },
  );
}

/** One job per chunk of an update (at most 100 recipients, one batch call). */
export const UPDATE_QUEUE = "update-chunk";
/** Retries of a chunk (429s, 5xx, timeouts) before its recipients are recorded as failed. */
export const UPDATE_RETRY_LIMIT = 20;

async function ensureUpdateQueue(boss: PgBoss): Promise<void> {
  const queueOptions = {
    retryLimit: UPDATE_RETRY_LIMIT,
    retryDelay: 1,
    retryBackoff: true,
    retryDelayMax: 120,
    expireInSeconds: 300,
    // A worker that dies mid-chunk stops beating: its chunk is retried within seconds instead of
    // after expireInSeconds, with the same Idempotency-Key.
    heartbeatSeconds: 10,
    deleteAfterSeconds: 24 * 60 * 60,
  };
  if (await boss.getQueue(UPDATE_QUEUE)) await boss.updateQueue(UPDATE_QUEUE, queueOptions);
  else await boss.createQueue(UPDATE_QUEUE, queueOptions);
}

/** The EnqueueUpdateChunks that starting a send uses: the jobs join the caller's transaction. */
export function updateChunkEnqueuer(boss: PgBoss): EnqueueUpdateChunks {
  return async (tx: Transaction, jobs: UpdateChunkJob[]) => {
    const db = fromDrizzle(tx as unknown as DrizzleTransactionLike, sql);
    // pg-boss inserts a list in one statement; a million signers are 10,000 jobs.
    for (let i = 0; i < jobs.length; i += 1000) {
      await boss.insert(UPDATE_QUEUE, jobs.slice(i, i + 1000).map((data) => ({ data })), { db });
    }
  };
}

/** Sends update chunks, `concurrency` at a time in this process. */
export async function startUpdateWorker(boss: PgBoss, deps: UpdateDeliveryDeps, options: EmailWorkerOptions = {}): Promise<string> {
  return boss.work<UpdateChunkJob>(
    UPDATE_QUEUE,
    // Each of the `concurrency` fetch loops waits its polling interval between jobs, so the
    // shortest interval pg-boss allows keeps the loops busy while a send runs.
    { batchSize: 1, localConcurrency: options.concurrency ?? 4, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 0.5 },
    async ([job]: Job<UpdateChunkJob>[]) => {
      if (!job) return;
      try {
        await deliverUpdateChunk(deps, job.data, job.retryCount >= UPDATE_RETRY_LIMIT);
      } catch (err) {
        const retryAfterMs = err instanceof RetryableSendError ? err.retryAfterMs : undefined;
        if (retryAfterMs) await new Promise((r) => setTimeout(r, Math.min(retryAfterMs, 60_000)));
        deps.log.warn(`[updates] chunk job ${job.id} attempt ${job.retryCount + 1} failed: ${redactEmails((err as Error).message)}`);
        throw err;
      }
    },
  );
}

export const HOUSEKEEPING_QUEUE = "housekeeping";
/** Every half hour. pg-boss sends one job per tick however many instances keep the clock. */
export const HOUSEKEEPING_CRON = "*/30 * * * *";

/** Schedules and works the purge of expired sessions, links and rate-limit windows. */
export async function startHousekeeping(
  boss: PgBoss,
  db: Executor,
  options: { pollingIntervalSeconds?: number; log?: Log } = {},
): Promise<string> {
  const log = options.log ?? consoleLog;
  if (!(await boss.getQueue(HOUSEKEEPING_QUEUE))) {
    await boss.createQueue(HOUSEKEEPING_QUEUE, { policy: "singleton", retryLimit: 2, expireInSeconds: 300, deleteAfterSeconds: 7 * 24 * 60 * 60 });
  }
  await boss.schedule(HOUSEKEEPING_QUEUE, HOUSEKEEPING_CRON);
  return boss.work(HOUSEKEEPING_QUEUE, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 10 }, async () => {
    const removed = await purgeExpired(db);
    log.info(
      `[housekeeping] removed ${removed.sessions} sessions, ${removed.authTokens} links, ${removed.rateLimits} rate-limit windows, ${removed.throttles} throttles`,
    );
  });
}

/** Provider messages may quote the recipient; logs must not. */
function redactEmails(message: string): string {
  return message.replace(/[^\s@<>"'`]+@[^\s@<>"'`]+/g, "[email]");
}
