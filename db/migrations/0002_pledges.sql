CREATE TABLE "pledge_options" (
	"id" serial PRIMARY KEY NOT NULL,
	"campaign_id" integer NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"currency" text,
	"suggested_amounts" integer[],
	"goal" bigint,
	"position" integer NOT NULL,
	"retired_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pledge_options_kind_valid" CHECK ("pledge_options"."kind" IN ('money', 'action')),
	CONSTRAINT "pledge_options_currency_for_money" CHECK (("pledge_options"."kind" = 'money' AND "pledge_options"."currency" ~ '^[A-Z]{3}$') OR ("pledge_options"."kind" = 'action' AND "pledge_options"."currency" IS NULL AND "pledge_options"."suggested_amounts" IS NULL)),
	CONSTRAINT "pledge_options_goal_positive" CHECK ("pledge_options"."goal" IS NULL OR "pledge_options"."goal" > 0)
);
--> statement-breakpoint
CREATE TABLE "pledge_totals" (
	"option_id" integer NOT NULL,
	"shard" smallint NOT NULL,
	"pledgers" bigint DEFAULT 0 NOT NULL,
	"amount_minor" bigint DEFAULT 0 NOT NULL,
	"fulfilled_pledgers" bigint DEFAULT 0 NOT NULL,
	"fulfilled_amount_minor" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "pledge_totals_option_id_shard_pk" PRIMARY KEY("option_id","shard")
);
--> statement-breakpoint
CREATE TABLE "pledges" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"signature_id" bigint NOT NULL,
	"option_id" integer NOT NULL,
	"amount_minor" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"fulfilled_at" timestamp with time zone,
	"fulfilled_by" integer,
	CONSTRAINT "pledges_amount_positive" CHECK ("pledges"."amount_minor" IS NULL OR "pledges"."amount_minor" > 0)
);
--> statement-breakpoint
ALTER TABLE "pledge_options" ADD CONSTRAINT "pledge_options_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pledge_totals" ADD CONSTRAINT "pledge_totals_option_id_pledge_options_id_fk" FOREIGN KEY ("option_id") REFERENCES "public"."pledge_options"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pledges" ADD CONSTRAINT "pledges_signature_id_signatures_id_fk" FOREIGN KEY ("signature_id") REFERENCES "public"."signatures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pledges" ADD CONSTRAINT "pledges_option_id_pledge_options_id_fk" FOREIGN KEY ("option_id") REFERENCES "public"."pledge_options"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pledges" ADD CONSTRAINT "pledges_fulfilled_by_organizers_id_fk" FOREIGN KEY ("fulfilled_by") REFERENCES "public"."organizers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pledge_options_campaign_idx" ON "pledge_options" USING btree ("campaign_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "pledges_signature_option_key" ON "pledges" USING btree ("signature_id","option_id");--> statement-breakpoint
CREATE INDEX "pledges_option_created_idx" ON "pledges" USING btree ("option_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);