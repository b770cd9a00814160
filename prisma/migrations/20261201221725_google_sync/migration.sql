-- CreateEnum
CREATE TYPE "AccountStatus" AS ENUM ('ACTIVE', 'REAUTH_REQUIRED');

-- CreateEnum
CREATE TYPE "GoogleLinkState" AS ENUM ('PENDING', 'SYNCED', 'FAILED');

-- CreateTable
CREATE TABLE "accounts" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "provider" TEXT NOT NULL,
    "provider_account_id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "access_token_sealed" TEXT,
    "refresh_token_sealed" TEXT,
    "access_token_expires_at" TIMESTAMPTZ(3),
    "status" "AccountStatus" NOT NULL DEFAULT 'ACTIVE',
    "status_changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_refresh_at" TIMESTAMPTZ(3),
    "last_refresh_error" TEXT,
    "reauth_email_sent_at" TIMESTAMPTZ(3),
    "calendar_id" TEXT NOT NULL DEFAULT 'primary',
    "sync_token" TEXT,
    "last_sync_at" TIMESTAMPTZ(3),
    "last_full_sync_at" TIMESTAMPTZ(3),
    "last_sync_error" TEXT,
    "last_sync_error_at" TIMESTAMPTZ(3),
    "cooldown_until" TIMESTAMPTZ(3),
    "channel_id" TEXT,
    "channel_resource_id" TEXT,
    "channel_token_hash" TEXT,
    "channel_expires_at" TIMESTAMPTZ(3),
    "channel_message_number" INTEGER,
    "connected_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "google_event_links" (
    "event_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "google_event_id" TEXT NOT NULL,
    "etag" TEXT,
    "state" "GoogleLinkState" NOT NULL DEFAULT 'PENDING',
    "synced_sequence" INTEGER,
    "pending_since" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "last_pushed_at" TIMESTAMPTZ(3),
    "google_updated_at" TIMESTAMPTZ(3),
    "origin" TEXT NOT NULL DEFAULT 'local',

    CONSTRAINT "google_event_links_pkey" PRIMARY KEY ("event_id")
);

-- CreateTable
CREATE TABLE "oauth_states" (
    "state_hash" TEXT NOT NULL,
    "user_id" UUID NOT NULL,
    "session_id" UUID NOT NULL,
    "code_verifier_sealed" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "oauth_states_pkey" PRIMARY KEY ("state_hash")
);

-- CreateIndex
CREATE UNIQUE INDEX "accounts_channel_id_key" ON "accounts"("channel_id");

-- CreateIndex
CREATE INDEX "accounts_status_idx" ON "accounts"("status");

-- CreateIndex
CREATE UNIQUE INDEX "accounts_user_id_provider_key" ON "accounts"("user_id", "provider");

-- CreateIndex
CREATE UNIQUE INDEX "accounts_provider_provider_account_id_key" ON "accounts"("provider", "provider_account_id");

-- CreateIndex
CREATE INDEX "google_event_links_account_id_state_idx" ON "google_event_links"("account_id", "state");

-- CreateIndex
CREATE UNIQUE INDEX "google_event_links_account_id_google_event_id_key" ON "google_event_links"("account_id", "google_event_id");

-- CreateIndex
CREATE INDEX "oauth_states_expires_at_idx" ON "oauth_states"("expires_at");

-- AddForeignKey
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "google_event_links" ADD CONSTRAINT "google_event_links_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "CalendarEvent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "google_event_links" ADD CONSTRAINT "google_event_links_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "oauth_states" ADD CONSTRAINT "oauth_states_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
