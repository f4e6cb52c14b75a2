import path from "node:path";
import { pathToFileURL } from "node:url";
import { broadcastDevReady, type ServerBuild } from "@remix-run/node";
import express from "express";
import { ConfigError, loadConfig } from "../app/lib/config.server";
import { startRuntime } from "../app/lib/runtime.server";
import { hashIp } from "../app/lib/crypto.server";
import { CAMPAIGN_FORM_MAX_BYTES } from "../app/lib/campaign-images.server";
import { refuseCrossSite } from "./cross-site";
import { securityHeaders } from "./security-headers";
import { remixHandler } from "./remix-handler";

/**
 * The HTTP entry point: validates configuration, opens the database (migrating it), starts the
 * job queue and, unless RUN_WORKER=false, the email worker in this same process.
 */
let config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}

const runtime = await startRuntime(config);
const BUILD_PATH = path.resolve("build/index.js");
const importBuild = async (): Promise<ServerBuild> =>
  (await import(`${pathToFileURL(BUILD_PATH).href}?t=${Date.now()}`)) as ServerBuild;
let build = await importBuild();

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", config.trustProxy);
app.use(securityHeaders({ production: config.isProduction, development: config.liveReload }));
// A path with control characters (%00…) or broken percent-encoding names nothing here, and NUL
// cannot even reach Postgres as a slug or token.
app.use((req, res, next) => {
  let decoded: string;
  try {
    decoded = decodeURIComponent(req.path);
  } catch {
    decoded = "\u0000";
  }
  if (/[\u0000-\u001F\u007F]/.test(decoded)) {
    res.status(404).type("text/plain").send("Not found");
    return;
  }
  next();
});
// Fingerprinted assets can be cached forever; everything else in public/ for an hour.
app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));

const getLoadContext = (req: express.Request, res: express.Response) => ({
  runtime,
  cspNonce: String(res.locals.cspNonce),
  // Only a keyed hash of the address ever leaves this function.
  ipHash: req.ip ? hashIp(req.ip, config.ipHashSecret) : undefined,
});

if (config.liveReload) {
  const { watch } = await import("chokidar");
  watch(path.resolve("build/version.txt"), { ignoreInitial: true }).on("all", async () => {
    build = await importBuild();
    broadcastDevReady(build);
  });
}
// Error details reach the browser only when development was asked for by name: an unset
// NODE_ENV (config's default) must not show a stranger a failed query.
const mode = config.liveReload || process.env.NODE_ENV === "development" ? "development" : "production";
// Forms are small; the campaign forms take a header image (up to 2 MB, checked again while
// reading in app/lib/campaign-images.server.ts).
const MAX_BODY_BYTES = 64 * 1024;
const CAMPAIGN_FORM_PATH = /^\/org\/(?:campaigns\/new|c\/[^/]+\/edit)(?:\.data)?\/?$/;
const bodyLimit = (req: express.Request) =>
  req.method === "POST" && CAMPAIGN_FORM_PATH.test(req.path) ? CAMPAIGN_FORM_MAX_BYTES : MAX_BODY_BYTES;
app.use(refuseCrossSite);
app.all("*", remixHandler({ build: () => build, mode, getLoadContext, bodyLimit }));

const server = app.listen(config.port, () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  console.log(
    `Picket listening on http://localhost:${port} (${runtime.database.driver} database, mail via ${runtime.transport.name})`,
  );
  if (runtime.transport.name === "dev-mailbox") console.log(`Dev mailbox: http://localhost:${port}/dev/mailbox`);
  if (config.liveReload) broadcastDevReady(build);
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal} received, finishing in-flight work…`);
  server.close();
  await runtime.stop();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
