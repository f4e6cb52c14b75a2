import fs from "node:fs";
import path from "node:path";

/**
 * The embedded database (PGlite) is one process's files: a second process opening the same folder
 * works on its own copy in memory and the two overwrite each other's writes (an organizer created
 * from the command line while the app runs can vanish). So whoever opens the folder first writes
 * `pglite.lock` with its pid; everyone else is refused until that process ends. A lock left by a
 * process that no longer runs (killed, crashed) is taken over.
 */
export const LOCK_FILE = "pglite.lock";

export interface LockHolder {
  pid: number;
  /** Where the holder serves the app, when it is the app: the CLI tells the person. */
  appUrl?: string;
}

export class DataDirBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(`the embedded database in ${dataDir} is in use by process ${holder.pid}${holder.appUrl ? ` (the app at ${holder.appUrl})` : ""}`);
    this.name = "DataDirBusyError";
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it runs, under another user.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readHolder(file: string): LockHolder | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<LockHolder>;
    return typeof parsed.pid === "number" && Number.isSafeInteger(parsed.pid) ? { pid: parsed.pid, ...(typeof parsed.appUrl === "string" ? { appUrl: parsed.appUrl } : {}) } : null;
  } catch {
    return null;
  }
}

/** Takes the folder's lock for this process, or throws DataDirBusyError. Returns the release. */
export function lockDataDir(dataDir: string, note: { appUrl?: string } = {}): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  const mine: LockHolder = { pid: process.pid, ...note };
  for (let attempt = 0; ; attempt++) {
    try {
      // "wx": created only if absent, so of two processes starting at once one wins.
      fs.writeFileSync(file, JSON.stringify(mine), { flag: "wx" });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const holder = readHolder(file);
      if (holder && holder.pid !== process.pid && isRunning(holder.pid)) throw new DataDirBusyError(dataDir, holder);
      // Stale (or half written by a process that died): remove it and try once more.
      if (attempt > 0) throw new DataDirBusyError(dataDir, holder ?? { pid: 0 });
      fs.rmSync(file, { force: true });
    }
  }
  const release = () => {
    if (readHolder(file)?.pid === process.pid) fs.rmSync(file, { force: true });
    process.off("exit", release);
  };
  // A process that exits without closing the database still leaves the folder free.
  process.on("exit", release);
  return release;
}
