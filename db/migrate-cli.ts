import { loadConfig } from "../app/lib/config.server";
import { openDatabase } from "./client.server";
import { applyMigrations } from "./migrate.server";

// `npm run db:migrate`: the same migrations the app applies at start-up, for deploy pipelines.
const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  await applyMigrations(database);
  console.log(`Migrations applied to the ${database.driver} database.`);
} finally {
  await database.close();
}
