CREATE TABLE "incident_milestones" (
	"team_id" text NOT NULL,
	"incident_id" bigint NOT NULL,
	"name" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"set_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "incident_milestones_team_id_incident_id_name_pk" PRIMARY KEY("team_id","incident_id","name")
);
--> statement-breakpoint
CREATE TABLE "slack_users" (
	"team_id" text NOT NULL,
	"user_id" text NOT NULL,
	"display_name" text NOT NULL,
	"fetched_at" timestamp with time zone NOT NULL,
	CONSTRAINT "slack_users_team_id_user_id_pk" PRIMARY KEY("team_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "runbook_run_steps" (
	"team_id" text NOT NULL,
	"run_id" bigint NOT NULL,
	"step_id" text NOT NULL,
	"position" integer NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"actor_id" text,
	"at" timestamp with time zone,
	"reason" text,
	"branch" text,
	CONSTRAINT "runbook_run_steps_team_id_run_id_step_id_pk" PRIMARY KEY("team_id","run_id","step_id")
);
--> statement-breakpoint
CREATE TABLE "runbook_runs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"team_id" text NOT NULL,
	"incident_id" bigint NOT NULL,
	"runbook_name" text NOT NULL,
	"title" text NOT NULL,
	"steps" jsonb NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"started_by" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone,
	"channel_id" text,
	"message_ts" text,
	"start_key" text
);
--> statement-breakpoint
CREATE TABLE "follow_ups" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"team_id" text NOT NULL,
	"incident_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stakeholder_updates" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"team_id" text NOT NULL,
	"incident_id" bigint NOT NULL,
	"author_id" text NOT NULL,
	"status" text NOT NULL,
	"impact" text NOT NULL,
	"actions" text NOT NULL,
	"next_update_minutes" integer,
	"eta" text DEFAULT '' NOT NULL,
	"confidence" text,
	"posted_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "runbook_runs_incident" ON "runbook_runs" USING btree ("team_id","incident_id");--> statement-breakpoint
CREATE UNIQUE INDEX "runbook_runs_start_key" ON "runbook_runs" USING btree ("team_id","start_key");--> statement-breakpoint
CREATE UNIQUE INDEX "follow_ups_once" ON "follow_ups" USING btree ("team_id","incident_id","kind","text");--> statement-breakpoint
CREATE INDEX "stakeholder_updates_incident" ON "stakeholder_updates" USING btree ("team_id","incident_id","posted_at");