CREATE TABLE "suppressions" (
	"email_normalized" text PRIMARY KEY NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "suppressions_reason_valid" CHECK ("suppressions"."reason" IN ('bounced', 'complained'))
);
--> statement-breakpoint
CREATE TABLE "update_recipients" (
	"update_id" integer NOT NULL,
	"signature_id" bigint NOT NULL,
	"email" text NOT NULL,
	"chunk" integer NOT NULL,
	"state" text DEFAULT 'queued' NOT NULL,
	"resend_id" text,
	"sent_at" timestamp with time zone,
	"delivery" text,
	CONSTRAINT "update_recipients_update_id_signature_id_pk" PRIMARY KEY("update_id","signature_id"),
	CONSTRAINT "update_recipients_state_valid" CHECK ("update_recipients"."state" IN ('queued', 'sent', 'failed', 'skipped')),
	CONSTRAINT "update_recipients_delivery_valid" CHECK ("update_recipients"."delivery" IS NULL OR "update_recipients"."delivery" IN ('delivered', 'bounced', 'complained'))
);
--> statement-breakpoint
CREATE TABLE "updates" (
	"id" serial PRIMARY KEY NOT NULL,
	"campaign_id" integer NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"filter_country" text,
	"filter_option_id" integer,
	"status" text DEFAULT 'draft' NOT NULL,
	"total" integer,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "updates_status_valid" CHECK ("updates"."status" IN ('draft', 'sending', 'sent', 'cancelled')),
	CONSTRAINT "updates_country_code" CHECK ("updates"."filter_country" IS NULL OR "updates"."filter_country" ~ '^[A-Z]{2}$')
);
--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "unsubscribed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "update_recipients" ADD CONSTRAINT "update_recipients_update_id_updates_id_fk" FOREIGN KEY ("update_id") REFERENCES "public"."updates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "update_recipients" ADD CONSTRAINT "update_recipients_signature_id_signatures_id_fk" FOREIGN KEY ("signature_id") REFERENCES "public"."signatures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "updates" ADD CONSTRAINT "updates_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "updates" ADD CONSTRAINT "updates_filter_option_id_pledge_options_id_fk" FOREIGN KEY ("filter_option_id") REFERENCES "public"."pledge_options"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "updates" ADD CONSTRAINT "updates_created_by_organizers_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."organizers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "update_recipients_chunk_idx" ON "update_recipients" USING btree ("update_id","chunk");--> statement-breakpoint
CREATE INDEX "update_recipients_state_idx" ON "update_recipients" USING btree ("update_id","state");--> statement-breakpoint
CREATE UNIQUE INDEX "update_recipients_resend_id_key" ON "update_recipients" USING btree ("resend_id");--> statement-breakpoint
CREATE INDEX "updates_campaign_created_idx" ON "updates" USING btree ("campaign_id","created_at" DESC NULLS LAST);