CREATE TABLE "action_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"team_id" text NOT NULL,
	"action_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"actor_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"note" text,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
CREATE TABLE "action_owners" (
	"team_id" text NOT NULL,
	"owner_id" text NOT NULL,
	"next_reminder_at" timestamp with time zone,
	"reminded_week" text,
	"time_zone" text
);
--> statement-breakpoint
CREATE TABLE "actions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"team_id" text NOT NULL,
	"number" integer NOT NULL,
	"incident_id" bigint NOT NULL,
	"text" text NOT NULL,
	"owner_id" text NOT NULL,
	"due_date" text NOT NULL,
	"type" text NOT NULL,
	"priority" text,
	"tracker_key" text,
	"status" text DEFAULT 'open' NOT NULL,
	"snoozed_until" text,
	"follow_up_id" bigint,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"closed_by" text,
	"closed_at" timestamp with time zone,
	"close_note" text
);
--> statement-breakpoint
CREATE INDEX "action_events_action" ON "action_events" USING btree ("team_id","action_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "action_owners_pk" ON "action_owners" USING btree ("team_id","owner_id");--> statement-breakpoint
CREATE INDEX "action_owners_due" ON "action_owners" USING btree ("team_id","next_reminder_at") WHERE next_reminder_at IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "actions_team_number" ON "actions" USING btree ("team_id","number");--> statement-breakpoint
CREATE INDEX "actions_owner_open" ON "actions" USING btree ("team_id","owner_id","due_date") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "actions_incident" ON "actions" USING btree ("team_id","incident_id");--> statement-breakpoint
CREATE INDEX "actions_open_due" ON "actions" USING btree ("team_id","due_date") WHERE status = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX "actions_follow_up_once" ON "actions" USING btree ("team_id","follow_up_id");