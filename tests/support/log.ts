import type { Log } from "../../app/lib/log.server";

/**
 * A Log that keeps its lines ("warn [mail] job … failed") instead of printing them: tests assert
 * what background work reported, and a passing run stays quiet.
 */
export function recordingLog(): Log & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (line) => lines.push(`info ${line}`),
    warn: (line) => lines.push(`warn ${line}`),
    error: (line) => lines.push(`error ${line}`),
  };
}
