CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"team_id" text NOT NULL,
	"incident_id" bigint,
	"actor_id" text NOT NULL,
	"action" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"team_id" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"handled_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text
);
--> statement-breakpoint
CREATE TABLE "incident_roles" (
	"team_id" text NOT NULL,
	"incident_id" bigint NOT NULL,
	"role" text NOT NULL,
	"user_id" text NOT NULL,
	"assigned_by" text NOT NULL,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "incident_roles_team_id_incident_id_role_pk" PRIMARY KEY("team_id","incident_id","role")
);
--> statement-breakpoint
CREATE TABLE "incidents" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"team_id" text NOT NULL,
	"number" integer NOT NULL,
	"declare_key" text NOT NULL,
	"title" text NOT NULL,
	"severity" text NOT NULL,
	"status" text DEFAULT 'investigating' NOT NULL,
	"is_private" boolean DEFAULT false NOT NULL,
	"is_drill" boolean DEFAULT false NOT NULL,
	"customer_impact" text DEFAULT '' NOT NULL,
	"services" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"source_message" jsonb,
	"declared_by" text NOT NULL,
	"started_at" timestamp with time zone,
	"declared_at" timestamp with time zone NOT NULL,
	"channel_name" text NOT NULL,
	"channel_id" text,
	"card_ts" text,
	"announcement_channel_id" text,
	"announcement_ts" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "team_counters" (
	"team_id" text NOT NULL,
	"name" text NOT NULL,
	"value" integer NOT NULL,
	CONSTRAINT "team_counters_team_id_name_pk" PRIMARY KEY("team_id","name")
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"team_id" text NOT NULL,
	"stream" text NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"uncertain" integer DEFAULT 0 NOT NULL,
	"run_after" timestamp with time zone DEFAULT now() NOT NULL,
	"lease_until" timestamp with time zone,
	"last_error" text,
	"result" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"done_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "timeline_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"team_id" text NOT NULL,
	"incident_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"slack_ts" text,
	"actor_id" text,
	"text" text DEFAULT '' NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"source_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "audit_incident" ON "audit_log" USING btree ("team_id","incident_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "inbox_team_dedupe_key" ON "inbox" USING btree ("team_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "inbox_unhandled" ON "inbox" USING btree ("received_at") WHERE handled_at IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "incidents_team_number" ON "incidents" USING btree ("team_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "incidents_team_declare_key" ON "incidents" USING btree ("team_id","declare_key");--> statement-breakpoint
CREATE UNIQUE INDEX "incidents_team_channel" ON "incidents" USING btree ("team_id","channel_id");--> statement-breakpoint
CREATE INDEX "outbox_open" ON "outbox" USING btree ("team_id","stream","id") WHERE status IN ('pending', 'running');--> statement-breakpoint
CREATE INDEX "outbox_due" ON "outbox" USING btree ("run_after") WHERE status IN ('pending', 'running');--> statement-breakpoint
CREATE UNIQUE INDEX "timeline_team_source_key" ON "timeline_entries" USING btree ("team_id","source_key");--> statement-breakpoint
CREATE INDEX "timeline_incident_time" ON "timeline_entries" USING btree ("team_id","incident_id","occurred_at");