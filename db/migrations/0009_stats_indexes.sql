CREATE INDEX "actions_team_due" ON "actions" USING btree ("team_id","due_date");--> statement-breakpoint
CREATE INDEX "incidents_team_declared" ON "incidents" USING btree ("team_id","declared_at");--> statement-breakpoint
CREATE INDEX "postmortems_team_due" ON "postmortems" USING btree ("team_id","due_at");