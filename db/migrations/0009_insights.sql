CREATE TABLE "digest_weeks" (
	"team_id" text NOT NULL,
	"week_start" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "digest_weeks_team_id_week_start_pk" PRIMARY KEY("team_id","week_start")
);
--> statement-breakpoint
CREATE INDEX "actions_team_due" ON "actions" USING btree ("team_id","due_date");--> statement-breakpoint
CREATE INDEX "timeline_role_assigned" ON "timeline_entries" USING btree ("team_id","incident_id","occurred_at") WHERE kind = 'role_assigned';--> statement-breakpoint
CREATE INDEX "incidents_team_declared" ON "incidents" USING btree ("team_id","declared_at");--> statement-breakpoint
CREATE INDEX "postmortems_team_due" ON "postmortems" USING btree ("team_id","due_at");