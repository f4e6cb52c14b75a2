import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { LANGUAGES } from "../app/lib/languages";

export { LANGUAGES, type Language } from "../app/lib/languages";

export const CAMPAIGN_STATUSES = ["draft", "open", "closed"] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
};

export const campaigns = pgTable(
  "campaigns",
  {
    id: serial("id").primaryKey(),
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    summary: text("summary").notNull(),
    body: text("body").notNull(),
    /** Whom the petition is addressed to ("To: …"). */
    target: text("target").notNull(),
    goal: integer("goal").notNull(),
    status: text("status", { enum: CAMPAIGN_STATUSES }).notNull().default("draft"),
    closesAt: timestamp("closes_at", { withTimezone: true }),
    language: text("language", { enum: LANGUAGES }).notNull().default("en"),
    requireConfirmation: boolean("require_confirmation").notNull().default(true),
    ...timestamps,
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("campaigns_slug_key").on(t.slug),
    index("campaigns_status_idx").on(t.status),
    check("campaigns_slug_format", sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(${t.slug}) <= 80`),
    check("campaigns_goal_positive", sql`${t.goal} > 0`),
    check("campaigns_status_valid", sql`${t.status} IN ('draft', 'open', 'closed')`),
    check("campaigns_language_valid", sql`${t.language} IN ('en', 'fr', 'es')`),
  ],
);

export const signatures = pgTable(
  "signatures",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    campaignId: integer("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    firstName: text("first_name").notNull(),
    lastName: text("last_name").notNull(),
    /** As typed, for greeting people the way they wrote it. */
    email: text("email").notNull(),
    /** Trimmed and lower-cased: what uniqueness is decided on. */
    emailNormalized: text("email_normalized").notNull(),
    country: text("country").notNull(),
    postalCode: text("postal_code"),
    organization: text("organization"),
    message: text("message"),
    showName: boolean("show_name").notNull().default(false),
    updatesOptIn: boolean("updates_opt_in").notNull().default(false),
    locale: text("locale", { enum: LANGUAGES }).notNull(),
    source: text("source"),
    /** Keyed HMAC of the client IP: lets us spot floods without storing the address. */
    ipHash: text("ip_hash"),
    ...timestamps,
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
    /** SHA-256 of the confirmation token; the token itself only ever exists in the email. */
    confirmTokenHash: text("confirm_token_hash"),
    /** Emails this signature has caused (confirmations, reminders): capped to stop abuse. */
    emailsSent: smallint("emails_sent").notNull().default(0),
    lastEmailAt: timestamp("last_email_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("signatures_campaign_email_key").on(t.campaignId, t.emailNormalized),
    uniqueIndex("signatures_confirm_token_hash_key").on(t.confirmTokenHash),
    index("signatures_public_recent_idx")
      .on(t.campaignId, t.confirmedAt.desc())
      .where(sql`${t.confirmedAt} IS NOT NULL AND ${t.showName}`),
    check("signatures_email_normalized", sql`${t.emailNormalized} = lower(btrim(${t.email}))`),
    check("signatures_country_code", sql`${t.country} ~ '^[A-Z]{2}$'`),
    check("signatures_message_length", sql`char_length(${t.message}) <= 1000`),
  ],
);

/**
 * Confirmed-signature counters, split into shards per campaign. A confirmation adds 1 to one
 * randomly chosen shard in the same transaction, so a flood of confirmations spreads its row
 * locks over SIGNATURE_COUNTER_SHARDS rows instead of queueing behind one hot row; reading the
 * count sums at most that many rows, whatever the number of signatures.
 */
export const SIGNATURE_COUNTER_SHARDS = 16;
export const campaignCounters = pgTable(
  "campaign_counters",
  {
    campaignId: integer("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    shard: smallint("shard").notNull(),
    confirmed: bigint("confirmed", { mode: "number" }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.shard] })],
);

/** Fixed-window counters for rate limits shared by every app instance (e.g. Resend pacing). */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  windowStart: timestamp("window_start", { withTimezone: true, precision: 3 }).notNull(),
  count: integer("count").notNull(),
});

/** Development mailbox: where mail goes when no RESEND_API_KEY is set outside production. */
export const devMailbox = pgTable("dev_mailbox", {
  id: serial("id").primaryKey(),
  to: text("to").notNull(),
  from: text("from").notNull(),
  subject: text("subject").notNull(),
  html: text("html").notNull(),
  text: text("text").notNull(),
  ...timestamps,
});

export type Campaign = typeof campaigns.$inferSelect;
export type NewCampaign = typeof campaigns.$inferInsert;
export type Signature = typeof signatures.$inferSelect;
