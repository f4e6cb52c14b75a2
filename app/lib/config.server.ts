import path from "node:path";
import { z } from "zod";

/**
 * Every environment variable Picket reads, validated once at start-up.
 * Nothing else reads process.env: import `config` (or call `loadConfig` in tests).
 */
const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: optionalString.pipe(
      z.string().url("must be a postgres:// URL").startsWith("postgres", "must be a postgres:// URL").optional(),
    ),
    DATA_DIR: z.string().trim().min(1).default(".data"),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    APP_URL: z.string().url("must be the public base URL, e.g. https://picket.example.org").optional(),
    SESSION_SECRET: z.string().min(32, "must be at least 32 characters (try: openssl rand -hex 32)").optional(),
    IP_HASH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    RESEND_API_KEY: optionalString,
    RESEND_BASE_URL: optionalString.pipe(z.string().url().optional()),
    /** Sender of every email. Required in production (its domain must be verified in Resend). */
    MAIL_FROM: z
      .string()
      .trim()
      .regex(/^(?:[^<>]+<[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)$/, 'must look like "Name <sender@example.org>"')
      .optional(),
    MAIL_RATE_LIMIT: z.coerce.number().positive().default(8),
    MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(30).default(10),
    /** Batch requests per second for campaign updates; counted in the same window as MAIL_RATE_LIMIT. */
    UPDATE_RATE_LIMIT: z.coerce.number().positive().default(5),
    /** Update chunks one worker process sends at the same time. */
    UPDATE_CONCURRENCY: z.coerce.number().int().min(1).max(50).default(4),
    /** Signing secret of the Resend webhook ("whsec_" and base64). Unset: the webhook answers 503. */
    RESEND_WEBHOOK_SECRET: optionalString.pipe(
      z.string().regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/, 'must be the signing secret Resend shows, "whsec_…"').optional(),
    ),
    RUN_WORKER: z.enum(["true", "false"]).default("true").transform((v) => v === "true"),
    SEED_DEMO: z.enum(["auto", "never"]).default("auto"),
    /** Set by `remix dev` for live reload; never set it yourself. */
    REMIX_DEV_ORIGIN: optionalString,
    TRUST_PROXY: z.string().trim().default("loopback"),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== "production") return;
    if (!env.RESEND_API_KEY) {
      ctx.addIssue({ code: "custom", path: ["RESEND_API_KEY"], message: "is required in production (mail cannot be sent without it)" });
    }
    if (!env.APP_URL) {
      ctx.addIssue({ code: "custom", path: ["APP_URL"], message: "is required in production (links in emails point to it)" });
    }
    if (!env.MAIL_FROM) {
      ctx.addIssue({ code: "custom", path: ["MAIL_FROM"], message: "is required in production (a sender on a domain verified in Resend)" });
    }
    if (!env.SESSION_SECRET) {
      ctx.addIssue({ code: "custom", path: ["SESSION_SECRET"], message: "is required in production" });
    }
  });

export type Config = ReturnType<typeof loadConfig>;

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env) {
  // An empty variable (PORT= in a .env file) means "not set", so the default applies.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ""));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration (see .env.example):\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  // Development falls back to a fixed secret so a newcomer needs no setup; production requires one.
  const devSecret = "picket-development-secret-do-not-use-in-production";
  const sessionSecret = e.SESSION_SECRET ?? devSecret;
  return {
    env: e.NODE_ENV,
    isProduction: e.NODE_ENV === "production",
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.DATA_DIR),
    port: e.PORT,
    appUrl: (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ""),
    /** False when appUrl is only PORT's localhost default: command-line tools say so beside a link. */
    appUrlIsSet: e.APP_URL !== undefined,
    sessionSecret,
    ipHashSecret: e.IP_HASH_SECRET ?? sessionSecret,
    resendApiKey: e.RESEND_API_KEY,
    resendBaseUrl: e.RESEND_BASE_URL,
    mailFrom: e.MAIL_FROM ?? "Picket <picket@example.org>",
    mailRateLimit: e.MAIL_RATE_LIMIT,
    mailMaxAttempts: e.MAIL_MAX_ATTEMPTS,
    updateRateLimit: e.UPDATE_RATE_LIMIT,
    updateConcurrency: e.UPDATE_CONCURRENCY,
    resendWebhookSecret: e.RESEND_WEBHOOK_SECRET,
    runWorker: e.RUN_WORKER,
    seedDemo: e.SEED_DEMO,
    /** Express "trust proxy": which hops may set X-Forwarded-For (see .env.example). */
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    liveReload: e.NODE_ENV === "development" && Boolean(e.REMIX_DEV_ORIGIN),
  };
}

/** Express "trust proxy" wants a boolean, a hop count, or addresses/subnet names. */
function parseTrustProxy(value: string): boolean | number | string {
  if (value === "true" || value === "false") return value === "true";
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}
