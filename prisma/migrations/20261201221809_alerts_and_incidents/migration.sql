-- CreateEnum
CREATE TYPE "AlertRuleKind" AS ENUM ('THRESHOLD', 'BURN_RATE', 'LATENCY', 'SILENCE');

-- CreateEnum
CREATE TYPE "IncidentStatus" AS ENUM ('OPEN', 'ACKNOWLEDGED', 'RESOLVED');

-- CreateEnum
CREATE TYPE "IncidentSeverity" AS ENUM ('WARNING', 'CRITICAL');

-- CreateEnum
CREATE TYPE "IncidentTimelineKind" AS ENUM ('FIRED', 'ESCALATED', 'ACKNOWLEDGED', 'NOTE', 'CHECK_TICKED', 'CHECK_UNTICKED', 'CLEARED', 'RECURRED', 'RESOLVED', 'NOTIFICATION_SENT', 'NOTIFICATION_FAILED', 'MUTED');

-- CreateEnum
CREATE TYPE "NotificationChannelKind" AS ENUM ('EMAIL', 'WEBHOOK', 'SLACK');

-- CreateEnum
CREATE TYPE "NotificationKind" AS ENUM ('OPEN', 'ESCALATE', 'RESOLVE');

-- CreateEnum
CREATE TYPE "NotificationDeliveryStatus" AS ENUM ('PENDING', 'RETRYING', 'SENT', 'FAILED');

-- CreateTable
CREATE TABLE "alert_rules" (
    "id" UUID NOT NULL,
    "provider" TEXT NOT NULL,
    "kind" "AlertRuleKind" NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "params" JSONB NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "alert_rules_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "incidents" (
    "id" UUID NOT NULL,
    "number" SERIAL NOT NULL,
    "provider" TEXT NOT NULL,
    "status" "IncidentStatus" NOT NULL DEFAULT 'OPEN',
    "severity" "IncidentSeverity" NOT NULL,
    "summary" TEXT NOT NULL,
    "trigger" JSONB NOT NULL,
    "latest" JSONB,
    "playbook_version" INTEGER NOT NULL DEFAULT 0,
    "opened_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_firing_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "clear_since" TIMESTAMPTZ(3),
    "acknowledged_at" TIMESTAMPTZ(3),
    "acknowledged_by_id" UUID,
    "resolved_at" TIMESTAMPTZ(3),
    "resolved_by_id" UUID,

    CONSTRAINT "incidents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "incident_timeline_entries" (
    "id" UUID NOT NULL,
    "incident_id" UUID NOT NULL,
    "kind" "IncidentTimelineKind" NOT NULL,
    "actor_id" UUID,
    "body" TEXT NOT NULL DEFAULT '',
    "data" JSONB,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "incident_timeline_entries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "incident_checks" (
    "incident_id" UUID NOT NULL,
    "line" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "checked_by_id" UUID,
    "checked_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "incident_checks_pkey" PRIMARY KEY ("incident_id","line")
);

-- CreateTable
CREATE TABLE "provider_mutes" (
    "id" UUID NOT NULL,
    "provider" TEXT NOT NULL,
    "until" TIMESTAMPTZ(3) NOT NULL,
    "reason" TEXT NOT NULL,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ended_at" TIMESTAMPTZ(3),

    CONSTRAINT "provider_mutes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification_channels" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "NotificationChannelKind" NOT NULL,
    "url" TEXT,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "notification_channels_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification_deliveries" (
    "id" UUID NOT NULL,
    "incident_id" UUID NOT NULL,
    "channel_id" UUID NOT NULL,
    "kind" "NotificationKind" NOT NULL,
    "status" "NotificationDeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "locked_until" TIMESTAMPTZ(3),
    "last_attempt_at" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "response" TEXT,
    "sent_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notification_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "alert_rules_provider_kind_key" ON "alert_rules"("provider", "kind");

-- CreateIndex
CREATE INDEX "incidents_status_opened_at_idx" ON "incidents"("status", "opened_at" DESC);

-- CreateIndex
CREATE INDEX "incidents_provider_opened_at_idx" ON "incidents"("provider", "opened_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "incidents_one_unresolved_per_provider" ON "incidents"("provider") WHERE (status <> 'RESOLVED');

-- CreateIndex
CREATE INDEX "incident_timeline_entries_incident_id_at_idx" ON "incident_timeline_entries"("incident_id", "at");

-- CreateIndex
CREATE INDEX "provider_mutes_provider_until_idx" ON "provider_mutes"("provider", "until");

-- CreateIndex
CREATE INDEX "notification_deliveries_status_next_attempt_at_idx" ON "notification_deliveries"("status", "next_attempt_at");

-- CreateIndex
CREATE UNIQUE INDEX "notification_deliveries_incident_id_channel_id_kind_key" ON "notification_deliveries"("incident_id", "channel_id", "kind");

-- AddForeignKey
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_acknowledged_by_id_fkey" FOREIGN KEY ("acknowledged_by_id") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_resolved_by_id_fkey" FOREIGN KEY ("resolved_by_id") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incident_timeline_entries" ADD CONSTRAINT "incident_timeline_entries_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incident_timeline_entries" ADD CONSTRAINT "incident_timeline_entries_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incident_checks" ADD CONSTRAINT "incident_checks_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incident_checks" ADD CONSTRAINT "incident_checks_checked_by_id_fkey" FOREIGN KEY ("checked_by_id") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "provider_mutes" ADD CONSTRAINT "provider_mutes_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification_deliveries" ADD CONSTRAINT "notification_deliveries_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification_deliveries" ADD CONSTRAINT "notification_deliveries_channel_id_fkey" FOREIGN KEY ("channel_id") REFERENCES "notification_channels"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The admins' e-mail channel exists from the start (issue 8: "e-mail to admins"); inserted once
-- here rather than at every boot, so an admin who disables or deletes it is not overruled.
INSERT INTO "notification_channels" ("id", "name", "kind", "url", "enabled", "updated_at")
VALUES ('00000000-0000-4000-8000-00000000a1e7', 'Admins (e-mail)', 'EMAIL', NULL, true, now());
