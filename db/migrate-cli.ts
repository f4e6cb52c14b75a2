import { cliConfig, openCliDatabase } from "../scripts/cli";

// `npm run db:migrate`: the same migrations the app applies at start-up, for deploy pipelines.
// openCliDatabase migrates, and refuses with a message while the app holds the embedded database.
const database = await openCliDatabase(cliConfig());
try {
  console.log(`Migrations applied to the ${database.driver} database.`);
} finally {
  await database.close();
}
