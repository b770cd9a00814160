-- CreateEnum
CREATE TYPE "ReminderDeliveryStatus" AS ENUM ('PENDING', 'RETRYING', 'SENT', 'FAILED');

-- AlterTable
ALTER TABLE "CalendarEvent" ADD COLUMN     "reminderClaimedBy" TEXT,
ADD COLUMN     "reminderDueAt" TIMESTAMP(3),
ADD COLUMN     "reminderLockedUntil" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "reminder_deliveries" (
    "id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "recipient" TEXT NOT NULL,
    "recipient_user_id" UUID,
    "window_key" TEXT NOT NULL,
    "status" "ReminderDeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_attempt_at" TIMESTAMP(3),
    "next_attempt_at" TIMESTAMP(3),
    "sent_at" TIMESTAMP(3),
    "smtp_response" TEXT,
    "error_code" TEXT,
    "message_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reminder_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "reminder_deliveries_status_next_attempt_at_idx" ON "reminder_deliveries"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "reminder_deliveries_recipient_user_id_created_at_idx" ON "reminder_deliveries"("recipient_user_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "reminder_deliveries_created_at_idx" ON "reminder_deliveries"("created_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "reminder_deliveries_event_id_recipient_window_key_key" ON "reminder_deliveries"("event_id", "recipient", "window_key");

-- CreateIndex
CREATE INDEX "CalendarEvent_reminder_due_idx" ON "CalendarEvent"("reminderDueAt") WHERE ("reminderSentAt" IS NULL AND "deletedAt" IS NULL AND "reminderDueAt" IS NOT NULL);

-- AddForeignKey
ALTER TABLE "reminder_deliveries" ADD CONSTRAINT "reminder_deliveries_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "CalendarEvent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The due instant of an event's reminder, kept here rather than by the app so that every writer
-- (services, imports, raw SQL, the benchmark) agrees with the claim query's index. A new window
-- also ends any claim on the old one (e.g. a lease parked until a retry): the old window's worker
-- cannot mark the new one sent (completeReminder checks the window) nor release another's claim.
CREATE FUNCTION calendar_event_reminder_due() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."reminderDueAt" := CASE WHEN NEW."reminderMinutes" IS NULL THEN NULL
                              ELSE NEW."startsAt" - make_interval(mins => NEW."reminderMinutes") END;
  IF TG_OP = 'UPDATE' AND (OLD."startsAt", OLD."reminderMinutes") IS DISTINCT FROM (NEW."startsAt", NEW."reminderMinutes") THEN
    NEW."reminderLockedUntil" := NULL;
    NEW."reminderClaimedBy" := NULL;
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER "calendar_event_reminder_due" BEFORE INSERT OR UPDATE OF "startsAt", "reminderMinutes", "reminderDueAt"
  ON "CalendarEvent" FOR EACH ROW EXECUTE FUNCTION calendar_event_reminder_due();

UPDATE "CalendarEvent" SET "reminderDueAt" = "startsAt" - make_interval(mins => "reminderMinutes")
WHERE "reminderMinutes" IS NOT NULL;
