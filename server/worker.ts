import { ConfigError, loadConfig } from "../app/lib/config.server";
import { startRuntime } from "../app/lib/runtime.server";

// `npm run worker`: the email worker on its own, for deployments that run web servers with
// RUN_WORKER=false and scale workers separately. Stops gracefully on SIGTERM.
try {
  const config = loadConfig();
  if (!config.databaseUrl) {
    // PGlite is a single-process database: a second process on the same folder would corrupt it.
    console.error(
      "npm run worker needs DATABASE_URL: the embedded database belongs to the app process, which runs the worker itself (RUN_WORKER=true).",
    );
    process.exit(1);
  }
  const runtime = await startRuntime(config, { worker: true });
  console.log(`Picket worker started (${runtime.database.driver} database, mail via ${runtime.transport.name})`);
  const stop = async () => {
    await runtime.stop();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => void stop());
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
}
