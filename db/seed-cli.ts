import { loadConfig } from "../app/lib/config.server";
import { openDatabase } from "./client.server";
import { applyMigrations } from "./migrate.server";
import { seedDemo } from "./seed";

// `npm run db:seed`: adds the demo campaigns to whichever database is configured (on request only).
const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  await applyMigrations(database);
  const created = await seedDemo(database.db);
  console.log(`Seeded ${created} demo campaign(s) into the ${database.driver} database.`);
} finally {
  await database.close();
}
