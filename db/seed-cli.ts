import { cliConfig, openCliDatabase } from "../scripts/cli";
import { seedDemo } from "./seed";

// `npm run db:seed`: adds the demo campaigns to whichever database is configured (on request only).
// openCliDatabase migrates, and refuses with a message while the app holds the embedded database.
const database = await openCliDatabase(cliConfig());
try {
  const created = await seedDemo(database.db);
  console.log(`Seeded ${created} demo campaign(s) into the ${database.driver} database.`);
} finally {
  await database.close();
}
