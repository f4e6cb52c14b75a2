import type { PgBoss } from "pg-boss";
import { openDatabase, type Database, type DatabaseHandle } from "../../db/client.server";
import { consoleLog } from "./log.server";
import { applyMigrations } from "../../db/migrate.server";
import { seedDemoIfEmpty } from "../../db/seed";
import type { Config } from "./config.server";
import { sealKeyFrom } from "./crypto.server";
import { devMailboxTransport, resendTransport, type MailTransport } from "./mail-transport.server";
import { emailEnqueuer, startEmailWorker, startHousekeeping, startJobQueue, startUpdateWorker } from "./jobs.server";
import type { EnqueueEmail } from "./signatures.server";

/** Everything a request handler needs, created once per process and passed in the load context. */
export interface Runtime {
  config: Config;
  database: DatabaseHandle;
  db: Database;
  boss: PgBoss;
  enqueueEmail: EnqueueEmail;
  transport: MailTransport;
  stop(): Promise<void>;
}

export async function startRuntime(config: Config, options: { worker?: boolean } = {}): Promise<Runtime> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, appUrl: config.appUrl });
  await applyMigrations(database);
  const { db } = database;
  // Only the embedded database is seeded by itself: a real DATABASE_URL is never touched.
  if (database.driver === "pglite" && config.seedDemo === "auto") await seedDemoIfEmpty(db);
  const worker = options.worker ?? config.runWorker;
  const boss = await startJobQueue(database, { maxAttempts: config.mailMaxAttempts, schedule: worker });
  const sealKey = sealKeyFrom(config.sessionSecret);
  const transport = config.resendApiKey ? resendTransport(config.resendApiKey, config.resendBaseUrl) : devMailboxTransport(db);
  if (worker) {
    await startEmailWorker(boss, { db, transport, appUrl: config.appUrl, mailFrom: config.mailFrom, rateLimit: config.mailRateLimit, sealKey, log: consoleLog });
    await startUpdateWorker(
      boss,
      { db, transport, appUrl: config.appUrl, mailFrom: config.mailFrom, secret: config.sessionSecret, rateLimit: config.updateRateLimit, log: consoleLog },
      { concurrency: config.updateConcurrency },
    );
    await startHousekeeping(boss, db);
  }
  return {
    config,
    database,
    db,
    boss,
    enqueueEmail: emailEnqueuer(boss, sealKey),
    transport,
    async stop() {
      await boss.stop({ graceful: true, timeout: 10_000 });
      await database.close();
    },
  };
}
