/**
 * Run the fake Resend API as its own process (for e2e tests and benchmarks):
 *   FAKE_RESEND_PORT=4599 tsx tests/support/fake-resend-cli.ts
 * Prints the URL once listening (callers wait for that line), stops on SIGTERM/SIGINT.
 * Control it over HTTP: GET /_fake/emails, GET /_fake/stats, POST /_fake/fail|down|clear.
 */
import { startFakeResend } from "./fake-resend";

const port = Number(process.env.FAKE_RESEND_PORT ?? 0);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`fake-resend: invalid FAKE_RESEND_PORT ${JSON.stringify(process.env.FAKE_RESEND_PORT)}`);
  process.exit(1);
}

const fake = await startFakeResend({ port, apiKey: process.env.FAKE_RESEND_API_KEY || undefined });
console.log(`fake-resend listening on ${fake.url}`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await fake.close();
  process.exit(0);
}
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
