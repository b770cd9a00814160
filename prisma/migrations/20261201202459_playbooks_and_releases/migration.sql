-- CreateTable
CREATE TABLE "playbooks" (
    "provider" TEXT NOT NULL,
    "markdown" TEXT NOT NULL,
    "sections" JSONB NOT NULL,
    "version" INTEGER NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "updated_by_id" UUID,

    CONSTRAINT "playbooks_pkey" PRIMARY KEY ("provider")
);

-- CreateTable
CREATE TABLE "playbook_versions" (
    "id" UUID NOT NULL,
    "provider" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "markdown" TEXT NOT NULL,
    "sections" JSONB NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "restored_from" INTEGER,
    "author_id" UUID,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "playbook_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "releases" (
    "id" UUID NOT NULL,
    "version" TEXT NOT NULL,
    "environment" TEXT NOT NULL DEFAULT 'production',
    "commit_sha" TEXT,
    "notes" TEXT NOT NULL DEFAULT '',
    "released_at" TIMESTAMPTZ(3) NOT NULL,
    "source" TEXT NOT NULL,
    "created_by_id" UUID,
    "api_key_id" UUID,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "releases_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "release_check_items" (
    "id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "success_events" TEXT[],
    "min_successes" INTEGER NOT NULL DEFAULT 1,
    "subject" TEXT,
    "position" INTEGER NOT NULL DEFAULT 0,
    "seed_key" TEXT,
    "archived_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "release_check_items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "release_check_overrides" (
    "release_id" UUID NOT NULL,
    "item_id" UUID NOT NULL,
    "status" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "created_by_id" UUID,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "release_check_overrides_pkey" PRIMARY KEY ("release_id","item_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "playbook_versions_provider_version_key" ON "playbook_versions"("provider", "version");

-- CreateIndex
CREATE INDEX "releases_released_at_idx" ON "releases"("released_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "releases_environment_version_key" ON "releases"("environment", "version");

-- CreateIndex
CREATE UNIQUE INDEX "release_check_items_seed_key_key" ON "release_check_items"("seed_key");

-- AddForeignKey
ALTER TABLE "playbook_versions" ADD CONSTRAINT "playbook_versions_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "releases" ADD CONSTRAINT "releases_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "release_check_overrides" ADD CONSTRAINT "release_check_overrides_release_id_fkey" FOREIGN KEY ("release_id") REFERENCES "releases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "release_check_overrides" ADD CONSTRAINT "release_check_overrides_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "release_check_items"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "release_check_overrides" ADD CONSTRAINT "release_check_overrides_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
