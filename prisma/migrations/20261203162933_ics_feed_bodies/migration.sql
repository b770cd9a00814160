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
