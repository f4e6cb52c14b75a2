import { ConfigError, loadConfig, type Config } from "../app/lib/config.server";
import { openDatabase, type DatabaseHandle } from "../db/client.server";
import { DataDirBusyError } from "../db/data-dir-lock.server";
import { applyMigrations } from "../db/migrate.server";

/** What the command-line scripts share: failing with a message, reading the config, opening the database. */
export function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

export function cliConfig(): Config {
  try {
    return loadConfig();
  } catch (err) {
    fail(err instanceof ConfigError ? err.message : String(err));
  }
}

/** The app's database (DATABASE_URL, or the embedded one in DATA_DIR), migrated. */
export async function openCliDatabase(config: Config): Promise<DatabaseHandle> {
  try {
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    await applyMigrations(database);
    return database;
  } catch (err) {
    if (err instanceof DataDirBusyError) {
      const who = err.holder.appUrl ? `the app at ${err.holder.appUrl} (process ${err.holder.pid})` : `process ${err.holder.pid}`;
      fail(
        `The embedded database in ${config.dataDir} is in use by ${who}; nothing was changed.\n` +
          "The embedded database (PGlite) can only be used by one process at a time: stop the app (npm run dev / npm start) and run this again,\n" +
          "or run the app and this command on Postgres (DATABASE_URL).",
      );
    }
    fail(
      config.databaseUrl
        ? `Could not open the database at DATABASE_URL: ${(err as Error).message}`
        : `Could not open the embedded database in ${config.dataDir}: ${(err as Error).message}\n` +
            "The embedded database (PGlite) can only be used by one process at a time: stop the app (npm run dev / npm start) and run this again.",
    );
  }
}
