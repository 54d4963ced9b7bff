ALTER TABLE "incidents" ADD COLUMN "mitigated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "resolved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "change_induced" boolean;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "triggering_change" text DEFAULT '' NOT NULL;