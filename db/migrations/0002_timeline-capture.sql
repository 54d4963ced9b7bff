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
