import { spawn } from "node:child_process";
import fs from "node:fs";

/**
 * The app server for a benchmark, exactly as `npm start` runs it (the bundle `npm run build`
 * makes, with the same node flags), but spawned as node itself rather than through npm and a
 * shell: its pid is the server's, so /proc tells its memory.
 */
export interface AppServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** The arguments node gets from an npm script ("NODE_ENV=production node --flag build/server.js"). */
export function nodeArgsOf(script: "start" | "worker"): string[] {
  const command = (JSON.parse(fs.readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts[script]!;
  const [, ...nodeArgs] = command.replace(/^NODE_ENV=production /, "").split(" ");
  return nodeArgs;
}

export async function startAppServer(env: Record<string, string>): Promise<AppServer> {
  const nodeArgs = nodeArgsOf("start");
  const port = 3900 + Math.floor(Math.random() * 90);
  const url = `http://127.0.0.1:${port}`;
  const app = spawn(process.execPath, nodeArgs, {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      APP_URL: url,
      SESSION_SECRET: "bench-secret-bench-secret-bench-secret-0000",
      RESEND_API_KEY: "re_bench",
      MAIL_FROM: "Picket Bench <bench@example.org>",
      ...env,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const stop = async () => {
    if (app.exitCode !== null) return;
    app.kill("SIGTERM");
    await new Promise((r) => app.once("exit", r));
  };
  for (let i = 0; i < 300; i++) {
    if (await fetch(`${url}/healthz`).then((r) => r.ok, () => false)) return { url, pid: app.pid!, stop };
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error(`the app did not become healthy at ${url}`);
}

/** Resident memory of a process, now (VmRSS) or at its peak (VmHWM), in bytes. */
export function residentBytes(pid: number, field: "VmRSS" | "VmHWM"): number {
  return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]) * 1024;
}

/** Starts a new peak: VmHWM then reports the largest resident size from now on. */
export function resetPeakResident(pid: number): void {
  fs.writeFileSync(`/proc/${pid}/clear_refs`, "5");
}
