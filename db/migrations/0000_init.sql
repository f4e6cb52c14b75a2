CREATE TABLE "campaign_counters" (
	"campaign_id" integer NOT NULL,
	"shard" smallint NOT NULL,
	"confirmed" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "campaign_counters_campaign_id_shard_pk" PRIMARY KEY("campaign_id","shard")
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"body" text NOT NULL,
	"target" text NOT NULL,
	"goal" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"closes_at" timestamp with time zone,
	"language" text DEFAULT 'en' NOT NULL,
	"require_confirmation" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaigns_slug_format" CHECK ("campaigns"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length("campaigns"."slug") <= 80),
	CONSTRAINT "campaigns_goal_positive" CHECK ("campaigns"."goal" > 0),
	CONSTRAINT "campaigns_status_valid" CHECK ("campaigns"."status" IN ('draft', 'open', 'closed')),
	CONSTRAINT "campaigns_language_valid" CHECK ("campaigns"."language" IN ('en', 'fr', 'es'))
);
--> statement-breakpoint
CREATE TABLE "dev_mailbox" (
	"id" serial PRIMARY KEY NOT NULL,
	"to" text NOT NULL,
	"from" text NOT NULL,
	"subject" text NOT NULL,
	"html" text NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"window_start" timestamp (3) with time zone NOT NULL,
	"count" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signatures" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"campaign_id" integer NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"email" text NOT NULL,
	"email_normalized" text NOT NULL,
	"country" text NOT NULL,
	"postal_code" text,
	"organization" text,
	"message" text,
	"show_name" boolean DEFAULT false NOT NULL,
	"updates_opt_in" boolean DEFAULT false NOT NULL,
	"locale" text NOT NULL,
	"source" text,
	"ip_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_at" timestamp with time zone,
	"confirm_token_hash" text,
	"emails_sent" smallint DEFAULT 0 NOT NULL,
	"last_email_at" timestamp with time zone,
	CONSTRAINT "signatures_email_normalized" CHECK ("signatures"."email_normalized" = lower(btrim("signatures"."email"))),
	CONSTRAINT "signatures_country_code" CHECK ("signatures"."country" ~ '^[A-Z]{2}$'),
	CONSTRAINT "signatures_message_length" CHECK (char_length("signatures"."message") <= 1000)
);
--> statement-breakpoint
ALTER TABLE "campaign_counters" ADD CONSTRAINT "campaign_counters_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signatures" ADD CONSTRAINT "signatures_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "campaigns_slug_key" ON "campaigns" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "campaigns_status_idx" ON "campaigns" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "signatures_campaign_email_key" ON "signatures" USING btree ("campaign_id","email_normalized");--> statement-breakpoint
CREATE UNIQUE INDEX "signatures_confirm_token_hash_key" ON "signatures" USING btree ("confirm_token_hash");--> statement-breakpoint
CREATE INDEX "signatures_public_recent_idx" ON "signatures" USING btree ("campaign_id","confirmed_at" DESC NULLS LAST) WHERE "signatures"."confirmed_at" IS NOT NULL AND "signatures"."show_name";