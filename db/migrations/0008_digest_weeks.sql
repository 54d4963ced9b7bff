CREATE TABLE "digest_weeks" (
	"team_id" text NOT NULL,
	"week_start" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "digest_weeks_team_id_week_start_pk" PRIMARY KEY("team_id","week_start")
);
