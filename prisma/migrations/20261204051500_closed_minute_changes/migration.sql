-- Readers now also keep the sums of closed minutes, those below the five-minute watermark
-- (server/integrations/read-rollups.ts). The writer already moves changed_at when it adds a late
-- event to them; deleting minute rows (retention, by hand) or emptying the table moves it here,
-- as for the tier tables (migration 20261204030100_tier_changes).
CREATE TRIGGER integration_rollup_minutes_changed AFTER DELETE OR TRUNCATE ON "integration_rollup_minutes"
  FOR EACH STATEMENT EXECUTE FUNCTION integration_rollup_tiers_changed();
