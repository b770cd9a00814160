-- CreateEnum
CREATE TYPE "ProviderTier" AS ENUM ('CORE', 'CRITICAL', 'STANDARD', 'NON_BLOCKING');

-- CreateTable
CREATE TABLE "providers" (
    "key" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "tier" "ProviderTier" NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "known_events" TEXT[],
    "degraded_error_rate" DOUBLE PRECISION NOT NULL,
    "failing_error_rate" DOUBLE PRECISION NOT NULL,
    "min_errors" INTEGER NOT NULL,
    "built_in" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "providers_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "integration_events" (
    "id" BIGSERIAL NOT NULL,
    "provider" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "latency_ms" INTEGER,
    "error_code" TEXT,
    "error_message" TEXT,
    "error_class" TEXT,
    "fingerprint" TEXT,
    "correlation_id" TEXT,
    "subject" TEXT,
    "job_id" TEXT,
    "attempt" INTEGER NOT NULL DEFAULT 1,
    "metadata" JSONB,
    "source" TEXT NOT NULL,
    "idempotency_key" TEXT,

    CONSTRAINT "integration_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "integration_rollup_minutes" (
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
    "latency_hist" INTEGER[],

    CONSTRAINT "integration_rollup_minutes_pkey" PRIMARY KEY ("provider","event","bucket")
);

-- CreateTable
CREATE TABLE "integration_rollup_hours" (
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
    "latency_hist" INTEGER[],

    CONSTRAINT "integration_rollup_hours_pkey" PRIMARY KEY ("provider","event","bucket")
);

-- CreateTable
CREATE TABLE "integration_error_groups" (
    "fingerprint" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "error_class" TEXT NOT NULL,
    "error_code" TEXT,
    "sample_message" TEXT,
    "count" INTEGER NOT NULL DEFAULT 0,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "integration_error_groups_pkey" PRIMARY KEY ("fingerprint")
);

-- CreateTable
CREATE TABLE "provider_states" (
    "provider" TEXT NOT NULL,
    "last_ok_at" TIMESTAMPTZ(3),
    "last_error_at" TIMESTAMPTZ(3),
    "last_error_message" TEXT,
    "last_error_class" TEXT,

    CONSTRAINT "provider_states_pkey" PRIMARY KEY ("provider")
);

-- CreateTable
CREATE TABLE "api_keys" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "key_hash" TEXT NOT NULL,
    "providers" TEXT[],
    "rate_per_minute" INTEGER NOT NULL DEFAULT 120000,
    "created_by_id" UUID,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMP(3),
    "revoked_at" TIMESTAMP(3),

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "integration_events_provider_occurred_at_idx" ON "integration_events"("provider", "occurred_at" DESC);

-- CreateIndex
CREATE INDEX "integration_events_occurred_at_idx" ON "integration_events" USING BRIN ("occurred_at");

-- CreateIndex
CREATE INDEX "integration_events_correlation_id_idx" ON "integration_events"("correlation_id");

-- CreateIndex
CREATE INDEX "integration_events_subject_idx" ON "integration_events"("subject");

-- CreateIndex
CREATE UNIQUE INDEX "integration_events_source_idempotency_key_key" ON "integration_events"("source", "idempotency_key");

-- CreateIndex
CREATE INDEX "integration_rollup_minutes_bucket_idx" ON "integration_rollup_minutes"("bucket");

-- CreateIndex
CREATE INDEX "integration_rollup_hours_bucket_idx" ON "integration_rollup_hours"("bucket");

-- CreateIndex
CREATE INDEX "integration_error_groups_provider_last_seen_at_idx" ON "integration_error_groups"("provider", "last_seen_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_key_hash_key" ON "api_keys"("key_hash");
