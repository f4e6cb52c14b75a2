/**
 * What may go into the server log about a request that failed: no personal data, no secrets.
 * Paths lose their one-time tokens; errors keep their kind, code, SQL text and stack frames but
 * lose what could quote a person's data: a failed query's parameters, quoted values in database
 * messages, email addresses.
 */
const TOKEN_PATH = /^\/(confirm|org\/magic|org\/reset|org\/invite)\/[^/]+/;

export function loggablePath(url: string): string {
  return new URL(url).pathname.replace(TOKEN_PATH, "/$1/[token]");
}

export function redactMessage(message: string): string {
  // Drizzle: "Failed query: <SQL>\nparams: <values>". The SQL is ours (values travel as
  // parameters), so it stays, identifiers and all; the values go.
  const failed = /^(Failed query: [\s\S]*?)\nparams:[\s\S]*$/.exec(message);
  if (failed) return `${failed[1]}\nparams: [redacted]`;
  return message.replace(/"(?:[^"\\]|\\.)*"/g, '"…"').replace(/[^\s@<>"'`()]+@[^\s@<>"'`()]+/g, "[email]");
}

export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return `non-error thrown (${typeof error})`;
  const lines: string[] = [];
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 3; e = e.cause, depth++) {
    const raw = (e as Error & { code?: unknown }).code;
    const code = typeof raw === "string" ? ` [${raw}]` : "";
    lines.push(`${depth > 0 ? "caused by " : ""}${e.name}${code}: ${redactMessage(e.message)}`);
  }
  const frames = (error.stack ?? "").split("\n").filter((l) => l.startsWith("    at ")).slice(0, 8);
  return [...lines, ...frames].join("\n");
}
