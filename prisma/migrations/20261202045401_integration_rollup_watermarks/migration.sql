-- CreateTable
CREATE TABLE "integration_rollup_watermarks" (
    "tier" TEXT NOT NULL,
    "built_until" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "integration_rollup_watermarks_pkey" PRIMARY KEY ("tier")
);

-- Hand-written: until now the writer kept every tier in its own transaction, so each tier is
-- complete up to the start of its current (open) bucket; the rollup-tiers job goes on from there.
-- "hours" covers both integration_rollup_hours and integration_rollup_provider_hours.
INSERT INTO "integration_rollup_watermarks" (tier, built_until) VALUES
    ('five_minutes', date_bin('5 minutes', now(), timestamptz 'epoch')),
    ('hours', date_bin('1 hour', now(), timestamptz 'epoch'));
