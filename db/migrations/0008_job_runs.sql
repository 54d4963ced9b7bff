CREATE TABLE "job_runs" (
	"team_id" text NOT NULL,
	"kind" text NOT NULL,
	"last_success_at" timestamp with time zone NOT NULL,
	CONSTRAINT "job_runs_team_id_kind_pk" PRIMARY KEY("team_id","kind")
);
--> statement-breakpoint
CREATE INDEX "postmortems_unpublished_due" ON "postmortems" USING btree ("due_at") WHERE status <> 'published';