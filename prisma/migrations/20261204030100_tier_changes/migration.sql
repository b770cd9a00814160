-- Readers cache the sums of built tier buckets per process (server/integrations/read-rollups.ts)
-- and use them while changed_at of the "hours" watermark has not moved. The writer moves it when
-- it adds a late event to the tiers; this trigger when tier rows are deleted (retention) or a
-- tier table is truncated, by anyone. A new or recreated row starts at its own time.
-- AlterTable
ALTER TABLE "integration_rollup_watermarks" ADD COLUMN     "changed_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP;

CREATE FUNCTION integration_rollup_tiers_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE integration_rollup_watermarks SET changed_at = greatest(clock_timestamp(), changed_at + interval '1 microsecond') WHERE tier = 'hours';
  RETURN NULL;
END $$;

CREATE TRIGGER integration_rollup_five_minutes_changed AFTER DELETE OR TRUNCATE ON "integration_rollup_five_minutes"
  FOR EACH STATEMENT EXECUTE FUNCTION integration_rollup_tiers_changed();
CREATE TRIGGER integration_rollup_hours_changed AFTER DELETE OR TRUNCATE ON "integration_rollup_hours"
  FOR EACH STATEMENT EXECUTE FUNCTION integration_rollup_tiers_changed();
CREATE TRIGGER integration_rollup_provider_hours_changed AFTER DELETE OR TRUNCATE ON "integration_rollup_provider_hours"
  FOR EACH STATEMENT EXECUTE FUNCTION integration_rollup_tiers_changed();

-- A watermark moved back (tiers to be rebuilt from an earlier point) makes what readers cached
-- above it stale too: the job will rebuild those buckets from minutes that may have grown.
CREATE FUNCTION integration_rollup_watermark_moved_back() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.built_until < OLD.built_until THEN
    NEW.changed_at := greatest(clock_timestamp(), OLD.changed_at + interval '1 microsecond');
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER integration_rollup_watermark_moved_back BEFORE UPDATE OF built_until ON "integration_rollup_watermarks"
  FOR EACH ROW EXECUTE FUNCTION integration_rollup_watermark_moved_back();
