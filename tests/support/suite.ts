import { afterAll } from "vitest";
import { emailEnqueuer, startJobQueue } from "../../app/lib/jobs.server";
import { openTestDatabase, type TestDatabase } from "./db";
import { TEST_SEAL_KEY } from "./jobs";

/**
 * A fresh, migrated database for the calling test file, closed (and on pg dropped) after its
 * last test. Call it at the top level of the file: `const handle = await fileDatabase();`.
 */
export async function fileDatabase(): Promise<TestDatabase> {
  const handle = await openTestDatabase();
  afterAll(() => handle.close());
  return handle;
}

/** `fileDatabase()` plus a running pg-boss queue on it and the email enqueuer the app uses. */
export async function fileDatabaseWithQueue() {
  const handle = await openTestDatabase();
  const boss = await startJobQueue(handle, { maxAttempts: 3, retryDelaySeconds: 1 });
  afterAll(async () => {
    await boss.stop({ graceful: false });
    await handle.close();
  });
  return { handle, db: handle.db, boss, enqueue: emailEnqueuer(boss, TEST_SEAL_KEY) };
}
