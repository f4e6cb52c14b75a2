/**
 * Where background work (mail, updates, housekeeping) reports what happened. The app writes to
 * the console; tests hand in a recording log and assert the lines they expect, so a passing run
 * prints nothing it provoked on purpose. Lines never carry personal data (callers redact).
 */
export interface Log {
  info(line: string): void;
  warn(line: string): void;
  error(line: string): void;
}

export const consoleLog: Log = {
  info: (line) => console.info(line),
  warn: (line) => console.warn(line),
  error: (line) => console.error(line),
};
