// `npm run build`, second half: bundles the HTTP server and the worker (our TypeScript, with
// node_modules left as imports) into build/server.js and build/worker.js, so production runs
// plain node. Running TypeScript through tsx costs some 60 MB of memory per process, which the
// export's memory budget (docs/decisions/008) cannot spare.
import { build } from "esbuild";

await build({
  entryPoints: { server: "server/index.ts", worker: "server/worker.ts" },
  outdir: "build",
  outExtension: { ".js": ".js" },
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node22",
  packages: "external",
  logLevel: "warning",
});
