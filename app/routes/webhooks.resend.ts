import type { ActionFunctionArgs } from "@remix-run/node";
import { applyResendEvent, verifyWebhook } from "~/lib/resend-webhook.server";

/**
 * Resend's delivery events (email.delivered, email.bounced, email.complained), verified with the
 * Svix signature before anything is read from them. Unsigned, stale or forged requests get a 401
 * and change nothing; without RESEND_WEBHOOK_SECRET the endpoint is off (503, so Resend retries
 * once it is configured).
 */
const plain = (status: number, body: string) => new Response(body, { status, headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });

export async function loader() {
  return plain(405, "POST only");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { db, config } = context.runtime;
  if (request.method !== "POST") return plain(405, "POST only");
  if (!config.resendWebhookSecret) return plain(503, "webhook not configured");
  const body = await request.text();
  const verdict = verifyWebhook(config.resendWebhookSecret, request.headers, body);
  if (!verdict.ok) return plain(verdict.reason === "malformed" ? 400 : 401, `rejected: ${verdict.reason}`);
  const effect = await applyResendEvent(db, verdict.payload);
  return plain(200, effect);
}
