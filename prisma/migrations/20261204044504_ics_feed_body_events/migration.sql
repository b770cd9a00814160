-- AlterTable
ALTER TABLE "ics_feed_bodies" ADD COLUMN     "events" TEXT;
