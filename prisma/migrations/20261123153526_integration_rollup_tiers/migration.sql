-- DropIndex
DROP INDEX "integration_rollup_hours_bucket_idx";

-- DropIndex
DROP INDEX "integration_rollup_minutes_bucket_idx";

-- AlterTable
ALTER TABLE "integration_rollup_hours" ADD COLUMN     "latency_hist_packed" DECIMAL(1000,0) NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "integration_rollup_minutes" ADD COLUMN     "latency_hist_packed" DECIMAL(1000,0) NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "integration_rollup_five_minutes" (
    "provider" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "total" INTEGER NOT NULL DEFAULT 0,
    "errors" INTEGER NOT NULL DEFAULT 0,
    "soft_errors" INTEGER NOT NULL DEFAULT 0,
    "retries" INTEGER NOT NULL DEFAULT 0,
    "retry_ok" INTEGER NOT NULL DEFAULT 0,
    "latency_count" INTEGER NOT NULL DEFAULT 0,
    "latency_sum" BIGINT NOT NULL DEFAULT 0,
    "latency_hist_packed" DECIMAL(1000,0) NOT NULL DEFAULT 0,

    CONSTRAINT "integration_rollup_five_minutes_pkey" PRIMARY KEY ("provider","event","bucket")
);

-- CreateTable
CREATE TABLE "integration_rollup_provider_hours" (
    "provider" TEXT NOT NULL,
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "total" INTEGER NOT NULL DEFAULT 0,
    "errors" INTEGER NOT NULL DEFAULT 0,
    "soft_errors" INTEGER NOT NULL DEFAULT 0,
    "retries" INTEGER NOT NULL DEFAULT 0,
    "retry_ok" INTEGER NOT NULL DEFAULT 0,
    "latency_count" INTEGER NOT NULL DEFAULT 0,
    "latency_sum" BIGINT NOT NULL DEFAULT 0,
    "latency_hist_packed" DECIMAL(1000,0) NOT NULL DEFAULT 0,

    CONSTRAINT "integration_rollup_provider_hours_pkey" PRIMARY KEY ("provider","bucket")
);

-- CreateIndex
CREATE INDEX "integration_rollup_five_minutes_bucket_provider_idx" ON "integration_rollup_five_minutes"("bucket", "provider");

-- CreateIndex
CREATE INDEX "integration_rollup_provider_hours_bucket_idx" ON "integration_rollup_provider_hours"("bucket");

-- CreateIndex
CREATE INDEX "integration_rollup_hours_bucket_provider_idx" ON "integration_rollup_hours"("bucket", "provider");

-- CreateIndex
CREATE INDEX "integration_rollup_minutes_bucket_provider_idx" ON "integration_rollup_minutes"("bucket", "provider");

-- Back-fill (hand-written): the packed histograms of existing rollups, then the five-minute and
-- per-provider hour rollups from them, so reads that move to the new tables lose no history.
UPDATE "integration_rollup_minutes" SET "latency_hist_packed" = (SELECT coalesce(sum(x::numeric * ('1' || repeat('0', 12 * (i::int - 1)))::numeric), 0)
    FROM unnest(latency_hist) WITH ORDINALITY AS u(x, i));

UPDATE "integration_rollup_hours" SET "latency_hist_packed" = (SELECT coalesce(sum(x::numeric * ('1' || repeat('0', 12 * (i::int - 1)))::numeric), 0)
    FROM unnest(latency_hist) WITH ORDINALITY AS u(x, i));

INSERT INTO "integration_rollup_five_minutes" (provider, event, bucket, total, errors, soft_errors, retries, retry_ok, latency_count, latency_sum, latency_hist_packed)
SELECT provider, event, date_bin('5 minutes', bucket, timestamptz 'epoch'), sum(total), sum(errors), sum(soft_errors), sum(retries), sum(retry_ok),
       sum(latency_count), sum(latency_sum), sum(latency_hist_packed)
FROM "integration_rollup_minutes" GROUP BY 1, 2, 3;

INSERT INTO "integration_rollup_provider_hours" (provider, bucket, total, errors, soft_errors, retries, retry_ok, latency_count, latency_sum, latency_hist_packed)
SELECT provider, bucket, sum(total), sum(errors), sum(soft_errors), sum(retries), sum(retry_ok), sum(latency_count), sum(latency_sum), sum(latency_hist_packed)
FROM "integration_rollup_hours" GROUP BY 1, 2;
