-- CreateTable
CREATE TABLE "ics_feed_bodies" (
    "tokenId" UUID NOT NULL,
    "etag" TEXT NOT NULL,
    "body" BYTEA NOT NULL,
    "storedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ics_feed_bodies_pkey" PRIMARY KEY ("tokenId")
);

-- AddForeignKey
ALTER TABLE "ics_feed_bodies" ADD CONSTRAINT "ics_feed_bodies_tokenId_fkey" FOREIGN KEY ("tokenId") REFERENCES "IcsToken"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Bodies are read in 1 MiB slices (server/ics/feed-body-store.ts). Stored uncompressed, a slice
-- reads only its own TOAST chunks; compressed, every slice would decompress the value from its
-- start. Prisma's schema cannot say this; model IcsFeedBody notes it.
ALTER TABLE "ics_feed_bodies" ALTER COLUMN "body" SET STORAGE EXTERNAL;
