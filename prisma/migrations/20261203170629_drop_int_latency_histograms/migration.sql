-- The int[] latency histograms of the minute and hour rollups: nothing has read them since the
-- packed form (latency_hist_packed) was added, and they were 160 of a row's ~390 bytes, so every
-- rollup read and write carried them. The packed form holds the same counts.
-- AlterTable
ALTER TABLE "integration_rollup_hours" DROP COLUMN "latency_hist";

-- AlterTable
ALTER TABLE "integration_rollup_minutes" DROP COLUMN "latency_hist";
