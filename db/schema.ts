import { sql } from "drizzle-orm";
import {
  bigint,
  customType,
  jsonb,
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
    /** The group that runs the campaign; only its members can manage it. */
    groupId: integer("group_id").references(() => groups.id, { onDelete: "restrict" }),
    /** Header image: an https URL, or "upload" when the bytes are in campaign_images. */
    imageUrl: text("image_url"),
    imageAlt: text("image_alt"),
    ...timestamps,
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("campaigns_slug_key").on(t.slug),
    index("campaigns_status_idx").on(t.status),
    index("campaigns_group_idx").on(t.groupId),
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
    /** Moderation: the message stays stored but is no longer shown publicly. */
    messageHiddenAt: timestamp("message_hidden_at", { withTimezone: true }),
    /** Moderation: removed as spam; no longer counted or shown, and the email cannot sign again. */
    removedAt: timestamp("removed_at", { withTimezone: true }),
    /** The signer pressed "unsubscribe" in an update: no more updates from this campaign. */
    unsubscribedAt: timestamp("unsubscribed_at", { withTimezone: true }),
    /**
     * Name and email without accents, in lower case (migration 0004's picket_search_text): what
     * the organizer's signer search matches, through a trigram index. Kept by the database.
     */
    searchText: text("search_text")
      .notNull()
      .generatedAlwaysAs(sql`public.picket_search_text(first_name || ' ' || last_name || ' ' || email_normalized)`),
  },
  (t) => [
    uniqueIndex("signatures_campaign_email_key").on(t.campaignId, t.emailNormalized),
    uniqueIndex("signatures_confirm_token_hash_key").on(t.confirmTokenHash),
    index("signatures_public_recent_idx")
      .on(t.campaignId, t.confirmedAt.desc())
      .where(sql`${t.confirmedAt} IS NOT NULL AND ${t.showName} AND ${t.removedAt} IS NULL`),
    /** Organizer list: newest first, keyset-paginated on (created_at, id). */
    index("signatures_campaign_created_idx").on(t.campaignId, t.createdAt.desc(), t.id.desc()),
    /** Signer search: '%…%' on the folded name and email, served by trigrams at any size. */
    index("signatures_search_text_trgm_idx").using("gin", t.searchText.op("gin_trgm_ops")),
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

/**
 * Sign-in and emailed-link throttles (rate-limiter-flexible's Drizzle store): points used per key
 * until `expire`. Keys are hashes of the account and client, never an address in clear.
 */
export const throttles = pgTable("throttles", {
  key: text("key").primaryKey(),
  points: integer("points").notNull(),
  expire: timestamp("expire", { withTimezone: true, precision: 3 }),
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

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => Buffer.from(value),
});

/** Header images uploaded by organizers, kept in the database so every instance can serve them. */
export const campaignImages = pgTable("campaign_images", {
  campaignId: integer("campaign_id")
    .primaryKey()
    .references(() => campaigns.id, { onDelete: "cascade" }),
  contentType: text("content_type").notNull(),
  bytes: bytea("bytes").notNull(),
  ...timestamps,
});

export const ROLES = ["owner", "organizer", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export const organizers = pgTable(
  "organizers",
  {
    id: serial("id").primaryKey(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    /** scrypt, self-describing ("scrypt$N$r$p$salt$hash"); null until the password is set. */
    passwordHash: text("password_hash"),
    ...timestamps,
  },
  (t) => [uniqueIndex("organizers_email_key").on(t.email), check("organizers_email_lower", sql`${t.email} = lower(${t.email})`)],
);

export const groups = pgTable(
  "groups",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex("groups_name_key").on(t.name)],
);

export const memberships = pgTable(
  "memberships",
  {
    groupId: integer("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    organizerId: integer("organizer_id")
      .notNull()
      .references(() => organizers.id, { onDelete: "cascade" }),
    role: text("role", { enum: ROLES }).notNull(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.groupId, t.organizerId] }),
    index("memberships_organizer_idx").on(t.organizerId),
    check("memberships_role_valid", sql`${t.role} IN ('owner', 'organizer', 'viewer')`),
  ],
);

/** Server-side sessions: the cookie holds a random token, the table its SHA-256. Revocable. */
export const sessions = pgTable(
  "sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    organizerId: integer("organizer_id")
      .notNull()
      .references(() => organizers.id, { onDelete: "cascade" }),
    ...timestamps,
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("sessions_organizer_idx").on(t.organizerId)],
);

export const AUTH_TOKEN_PURPOSES = ["password-reset", "magic-link", "invite"] as const;
export type AuthTokenPurpose = (typeof AUTH_TOKEN_PURPOSES)[number];

/** One-time links sent by email (reset, magic sign-in, invitation). Only the hash is stored. */
export const authTokens = pgTable(
  "auth_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    purpose: text("purpose", { enum: AUTH_TOKEN_PURPOSES }).notNull(),
    /** Invitations name an email that may not have an account yet. */
    email: text("email").notNull(),
    organizerId: integer("organizer_id").references(() => organizers.id, { onDelete: "cascade" }),
    groupId: integer("group_id").references(() => groups.id, { onDelete: "cascade" }),
    role: text("role", { enum: ROLES }),
    createdBy: integer("created_by").references(() => organizers.id, { onDelete: "set null" }),
    ...timestamps,
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [index("auth_tokens_email_idx").on(t.email)],
);

/** Who did what, when: moderation, exports, membership and campaign changes. Owners read it. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    groupId: integer("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    campaignId: integer("campaign_id").references(() => campaigns.id, { onDelete: "set null" }),
    actorId: integer("actor_id").references(() => organizers.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    /** What the action touched (ids, filters, counts): never personal data in clear. */
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    ...timestamps,
  },
  (t) => [index("audit_log_group_created_idx").on(t.groupId, t.createdAt.desc())],
);

/**
 * What a campaign asks supporters to pledge besides their name: money to a fund ("$25 to the
 * CUPW strike fund") or an action ("I will join a picket line"). Options are ordered by
 * `position`; a retired option keeps its pledges and totals but takes no new ones.
 */
export const PLEDGE_KINDS = ["money", "action"] as const;
export type PledgeKind = (typeof PLEDGE_KINDS)[number];

export const pledgeOptions = pgTable(
  "pledge_options",
  {
    id: serial("id").primaryKey(),
    campaignId: integer("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: PLEDGE_KINDS }).notNull(),
    title: text("title").notNull(),
    description: text("description"),
    /** Money only: ISO 4217 code; amounts are integers in its minor unit (cents). */
    currency: text("currency"),
    /** Money only: amounts offered as one-tap choices, in minor units, ascending. */
    suggestedAmounts: integer("suggested_amounts").array(),
    /** Optional target: minor units for money, people for an action. */
    goal: bigint("goal", { mode: "number" }),
    position: integer("position").notNull(),
    retiredAt: timestamp("retired_at", { withTimezone: true }),
    ...timestamps,
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("pledge_options_campaign_idx").on(t.campaignId, t.position),
    check("pledge_options_kind_valid", sql`${t.kind} IN ('money', 'action')`),
    check(
      "pledge_options_currency_for_money",
      sql`(${t.kind} = 'money' AND ${t.currency} ~ '^[A-Z]{3}$') OR (${t.kind} = 'action' AND ${t.currency} IS NULL AND ${t.suggestedAmounts} IS NULL)`,
    ),
    check("pledge_options_goal_positive", sql`${t.goal} IS NULL OR ${t.goal} > 0`),
  ],
);

/**
 * A supporter's pledge: one per option per signature (pledging again replaces it). It counts in
 * the totals once its signature is confirmed and for as long as it is not removed as spam.
 */
export const pledges = pgTable(
  "pledges",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    signatureId: bigint("signature_id", { mode: "number" })
      .notNull()
      .references(() => signatures.id, { onDelete: "cascade" }),
    optionId: integer("option_id")
      .notNull()
      .references(() => pledgeOptions.id, { onDelete: "cascade" }),
    /** Money: minor units (> 0); action: null. */
    amountMinor: bigint("amount_minor", { mode: "number" }),
    ...timestamps,
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    /** Set by an organizer: the money arrived, the motion passed, the person came. */
    fulfilledAt: timestamp("fulfilled_at", { withTimezone: true }),
    fulfilledBy: integer("fulfilled_by").references(() => organizers.id, { onDelete: "set null" }),
  },
  (t) => [
    uniqueIndex("pledges_signature_option_key").on(t.signatureId, t.optionId),
    /** Organizer list per option: newest first, keyset-paginated on (created_at, id). */
    index("pledges_option_created_idx").on(t.optionId, t.createdAt.desc(), t.id.desc()),
    check("pledges_amount_positive", sql`${t.amountMinor} IS NULL OR ${t.amountMinor} > 0`),
  ],
);

/**
 * Pledge totals per option, sharded like campaign_counters (same shard count, same reasons):
 * confirmed pledgers and their amounts, and how much of it is fulfilled. O(1) to read.
 */
export const pledgeTotals = pgTable(
  "pledge_totals",
  {
    optionId: integer("option_id")
      .notNull()
      .references(() => pledgeOptions.id, { onDelete: "cascade" }),
    shard: smallint("shard").notNull(),
    pledgers: bigint("pledgers", { mode: "number" }).notNull().default(0),
    amountMinor: bigint("amount_minor", { mode: "number" }).notNull().default(0),
    fulfilledPledgers: bigint("fulfilled_pledgers", { mode: "number" }).notNull().default(0),
    fulfilledAmountMinor: bigint("fulfilled_amount_minor", { mode: "number" }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.optionId, t.shard] })],
);

/**
 * An update emailed to a campaign's signers ("The strike fund passed $100k"). Written as a draft,
 * then sent once: sending fixes its audience in update_recipients and never changes it again.
 */
export const UPDATE_STATUSES = ["draft", "sending", "sent", "cancelled"] as const;
export type UpdateStatus = (typeof UPDATE_STATUSES)[number];

export const updates = pgTable(
  "updates",
  {
    id: serial("id").primaryKey(),
    campaignId: integer("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    subject: text("subject").notNull(),
    /** Markdown, rendered with the campaign text's rules. */
    body: text("body").notNull(),
    /** Optional audience filters: a country code, and signers who pledged to one option. */
    filterCountry: text("filter_country"),
    filterOptionId: integer("filter_option_id").references(() => pledgeOptions.id, { onDelete: "set null" }),
    status: text("status", { enum: UPDATE_STATUSES }).notNull().default("draft"),
    /** Recipients fixed when sending started (null for a draft). */
    total: integer("total"),
    createdBy: integer("created_by").references(() => organizers.id, { onDelete: "set null" }),
    ...timestamps,
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    index("updates_campaign_created_idx").on(t.campaignId, t.createdAt.desc()),
    check("updates_status_valid", sql`${t.status} IN ('draft', 'sending', 'sent', 'cancelled')`),
    check("updates_country_code", sql`${t.filterCountry} IS NULL OR ${t.filterCountry} ~ '^[A-Z]{2}$'`),
  ],
);

export const RECIPIENT_STATES = ["queued", "sent", "failed", "skipped"] as const;
export type RecipientState = (typeof RECIPIENT_STATES)[number];
export const DELIVERY_EVENTS = ["delivered", "bounced", "complained"] as const;

/**
 * One row per person an update goes to, written when sending starts. `chunk` groups them into
 * batch calls of at most 100: the Idempotency-Key is (update, chunk), so a chunk retried after a
 * crash is the same request, which the provider answers without sending it again.
 */
export const updateRecipients = pgTable(
  "update_recipients",
  {
    updateId: integer("update_id")
      .notNull()
      .references(() => updates.id, { onDelete: "cascade" }),
    signatureId: bigint("signature_id", { mode: "number" })
      .notNull()
      .references(() => signatures.id, { onDelete: "cascade" }),
    /** The address as it was when sending started: a retried chunk must be byte-identical. */
    email: text("email").notNull(),
    chunk: integer("chunk").notNull(),
    state: text("state", { enum: RECIPIENT_STATES }).notNull().default("queued"),
    /** The provider's id for this message: webhooks name it. */
    resendId: text("resend_id"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    /** What the provider's webhooks said last: delivered, bounced or complained. */
    delivery: text("delivery", { enum: DELIVERY_EVENTS }),
  },
  (t) => [
    primaryKey({ columns: [t.updateId, t.signatureId] }),
    index("update_recipients_chunk_idx").on(t.updateId, t.chunk),
    index("update_recipients_state_idx").on(t.updateId, t.state),
    uniqueIndex("update_recipients_resend_id_key").on(t.resendId),
    check("update_recipients_state_valid", sql`${t.state} IN ('queued', 'sent', 'failed', 'skipped')`),
    check("update_recipients_delivery_valid", sql`${t.delivery} IS NULL OR ${t.delivery} IN ('delivered', 'bounced', 'complained')`),
  ],
);

/** Addresses no update is sent to again: hard bounces and spam complaints, from Resend's webhooks. */
export const suppressions = pgTable(
  "suppressions",
  {
    emailNormalized: text("email_normalized").primaryKey(),
    reason: text("reason", { enum: ["bounced", "complained"] }).notNull(),
    ...timestamps,
  },
  (t) => [check("suppressions_reason_valid", sql`${t.reason} IN ('bounced', 'complained')`)],
);

export type Update = typeof updates.$inferSelect;

export type PledgeOption = typeof pledgeOptions.$inferSelect;
export type Pledge = typeof pledges.$inferSelect;

export type Campaign = typeof campaigns.$inferSelect;
export type NewCampaign = typeof campaigns.$inferInsert;
export type Signature = typeof signatures.$inferSelect;
export type Organizer = typeof organizers.$inferSelect;
export type Group = typeof groups.$inferSelect;
