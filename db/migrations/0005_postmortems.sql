CREATE TABLE "postmortem_section_edits" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"team_id" text NOT NULL,
	"postmortem_id" bigint NOT NULL,
	"section" text NOT NULL,
	"text" text NOT NULL,
	"previous_text" text NOT NULL,
	"edited_by" text NOT NULL,
	"edited_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "postmortem_versions" (
	"team_id" text NOT NULL,
	"postmortem_id" bigint NOT NULL,
	"version" integer NOT NULL,
	"markdown" text NOT NULL,
	"human" jsonb NOT NULL,
	"reason" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "postmortems" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"team_id" text NOT NULL,
	"incident_id" bigint NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"owner_id" text NOT NULL,
	"due_date" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"human" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"reviewers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"review_requested_by" text,
	"review_requested_at" timestamp with time zone,
	"published_version" integer,
	"published_by" text,
	"first_published_at" timestamp with time zone,
	"published_on_time" boolean,
	"message_ts" text,
	"canvas_id" text,
	"canvas_unavailable" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "slack_users" ADD COLUMN "tz" text;--> statement-breakpoint
CREATE INDEX "postmortem_section_edits_of" ON "postmortem_section_edits" USING btree ("team_id","postmortem_id");--> statement-breakpoint
CREATE UNIQUE INDEX "postmortem_versions_once" ON "postmortem_versions" USING btree ("team_id","postmortem_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "postmortems_team_incident" ON "postmortems" USING btree ("team_id","incident_id");