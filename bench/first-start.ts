/**
 * First start of `npm run dev`: the time from launching it on a fresh, empty data folder (so it
 * migrates the embedded database and seeds the demo) until the home page answers 200.
 *
 *   npx tsx bench/first-start.ts [--runs 3] [--port 4660] [checkout ...]
 *
 * Each checkout (default: this one) is measured `--runs` times, one run at a time, alternating;
 * give another checkout of the repository (e.g. main, with its node_modules) to compare against it.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

const { values, positionals } = parseArgs({
  options: { runs: { type: "string", default: "3" }, port: { type: "string", default: "4660" } },
  allowPositionals: true,
});
const runs = Number(values.runs);
const port = Number(values.port);
const checkouts = positionals.length > 0 ? positionals.map((p) => path.resolve(p)) : [process.cwd()];
const TIMEOUT_MS = 180_000;

async function homeAnswers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

async function firstStart(checkout: string): Promise<number> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "picket-first-start-"));
  const started = performance.now();
  // Its own process group, so the dev server and everything it spawned stop together.
  const child = spawn("npm", ["run", "dev", "--", "--port", String(port + 5)], {
    cwd: checkout,
    detached: true,
    stdio: "ignore",
    env: { ...process.env, DATABASE_URL: "", DATA_DIR: dataDir, PORT: String(port), SEED_DEMO: "auto", NODE_ENV: "development" },
  });
  try {
    while (!(await homeAnswers(`http://127.0.0.1:${port}/`))) {
      if (child.exitCode !== null) throw new Error(`npm run dev exited with ${child.exitCode}`);
      if (performance.now() - started > TIMEOUT_MS) throw new Error("no answer within 3 minutes");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return (performance.now() - started) / 1000;
  } finally {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      process.kill(-child.pid!, "SIGTERM");
      await exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

// Runs alternate between checkouts, so a change in the machine's load weighs on each alike.
const times = new Map<string, number[]>(checkouts.map((c) => [c, []]));
for (let i = 0; i < runs; i++) {
  for (const checkout of checkouts) {
    const seconds = await firstStart(checkout);
    times.get(checkout)!.push(seconds);
    console.log(`${checkout} run ${i + 1}: ${seconds.toFixed(1)} s`);
  }
}
for (const [checkout, list] of times) {
  const sorted = [...list].sort((a, b) => a - b);
  console.log(`${checkout}: median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(1)} s, max ${sorted.at(-1)!.toFixed(1)} s over ${runs} runs`);
}
