-- AlterTable
ALTER TABLE "CalendarEvent" ADD COLUMN     "private" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "private_event_access_grants" (
    "id" UUID NOT NULL,
    "support_user_id" UUID NOT NULL,
    "granted_by_id" UUID,
    "user_id" UUID,
    "reason" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "private_event_access_grants_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "private_event_access_grants_support_user_id_expires_at_idx" ON "private_event_access_grants"("support_user_id", "expires_at");

-- AddForeignKey
ALTER TABLE "private_event_access_grants" ADD CONSTRAINT "private_event_access_grants_support_user_id_fkey" FOREIGN KEY ("support_user_id") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "private_event_access_grants" ADD CONSTRAINT "private_event_access_grants_granted_by_id_fkey" FOREIGN KEY ("granted_by_id") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "private_event_access_grants" ADD CONSTRAINT "private_event_access_grants_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
