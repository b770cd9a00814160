-- CreateTable
CREATE TABLE "ics_feed_versions" (
    "userId" UUID NOT NULL,
    "version" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "ics_feed_versions_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "ics_feed_flushes" (
    "txid" BIGINT NOT NULL,

    CONSTRAINT "ics_feed_flushes_pkey" PRIMARY KEY ("txid")
);

-- CreateTable
CREATE TABLE "ics_event_chunks" (
    "eventId" UUID NOT NULL,
    "mode" "IcsFeedMode" NOT NULL,
    "key" TEXT NOT NULL,
    "body" BYTEA NOT NULL,
    "renderedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ics_event_chunks_pkey" PRIMARY KEY ("eventId","mode")
);

-- AddForeignKey
ALTER TABLE "ics_event_chunks" ADD CONSTRAINT "ics_event_chunks_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "CalendarEvent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---- ICS feed versions (hand-written: Prisma does not model functions or triggers) --------
-- Every change that can alter what a user's feed shows bumps that user's row in
-- ics_feed_versions; staff feeds (everything) use the sum of all rows, which grows with every
-- committed bump. Statement triggers only note the affected users in a transaction-local
-- setting (no lock taken); one deferred trigger bumps them all at commit, in user-id order,
-- so concurrent writers queue on those rows briefly and can never deadlock on them.

-- Who may see these events: their owners and every attendee with an account (the visibility
-- rule of server/calendar/event-visibility.ts, for USER viewers).
CREATE FUNCTION ics_event_viewers(event_ids uuid[]) RETURNS uuid[] LANGUAGE sql STABLE AS $$
  SELECT coalesce(array_agg(u), '{}') FROM (
    SELECT "ownerId" AS u FROM "CalendarEvent" WHERE "id" = ANY(event_ids)
    UNION
    SELECT "userId" FROM "Attendee" WHERE "eventId" = ANY(event_ids) AND "userId" IS NOT NULL
  ) viewers
$$;

CREATE FUNCTION ics_note_feed_change(users uuid[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  pending text := coalesce(current_setting('opsdeck.ics_feed_pending', true), '');
  merged text;
BEGIN
  SELECT string_agg(u, ',' ORDER BY u) INTO merged FROM (
    SELECT unnest(string_to_array(nullif(pending, ''), ',')) AS u
    UNION
    SELECT x::text FROM unnest(users) AS x WHERE x IS NOT NULL
  ) s;
  IF merged IS NULL OR merged = pending THEN
    RETURN;
  END IF;
  IF pending = '' THEN
    -- The first change of this transaction: queue the flush. A rolled-back savepoint reverts
    -- the setting and this row together, so "setting empty" always means "no row queued".
    INSERT INTO "ics_feed_flushes" ("txid") VALUES (pg_current_xact_id()::text::bigint) ON CONFLICT DO NOTHING;
  END IF;
  PERFORM set_config('opsdeck.ics_feed_pending', merged, true);
END
$$;

CREATE FUNCTION ics_flush_feed_changes() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  pending text := coalesce(current_setting('opsdeck.ics_feed_pending', true), '');
BEGIN
  IF pending <> '' THEN
    INSERT INTO "ics_feed_versions" AS v ("userId", "version")
    SELECT u::uuid, 1 FROM unnest(string_to_array(pending, ',')) AS u ORDER BY 1
    ON CONFLICT ("userId") DO UPDATE SET "version" = v."version" + 1;
    PERFORM set_config('opsdeck.ics_feed_pending', '', true);
  END IF;
  DELETE FROM "ics_feed_flushes" WHERE "txid" = NEW."txid";
  RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER "ics_feed_flush" AFTER INSERT ON "ics_feed_flushes"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ics_flush_feed_changes();

-- Events: the owners before and after (an owner change moves the event between feeds) and the
-- attendees with accounts. Updates of columns no feed shows (reminder bookkeeping) are skipped.
CREATE FUNCTION ics_calendar_event_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed uuid[];
  old_owners uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM ics_note_feed_change(ics_event_viewers(ARRAY(SELECT "id" FROM new_rows)));
  ELSIF TG_OP = 'DELETE' THEN
    -- The attendees cascade away under their own trigger; only the owners are left to note.
    PERFORM ics_note_feed_change(ARRAY(SELECT "ownerId" FROM old_rows));
  ELSE
    SELECT array_agg(n."id"), array_agg(o."ownerId") INTO changed, old_owners
    FROM old_rows o JOIN new_rows n USING ("id")
    WHERE (o."ownerId", o."title", o."description", o."location", o."startsAt", o."endsAt", o."timezone",
           o."allDay", o."allDayStart", o."allDayEnd", o."sequence", o."deletedAt", o."createdAt", o."updatedAt")
      IS DISTINCT FROM
          (n."ownerId", n."title", n."description", n."location", n."startsAt", n."endsAt", n."timezone",
           n."allDay", n."allDayStart", n."allDayEnd", n."sequence", n."deletedAt", n."createdAt", n."updatedAt");
    IF changed IS NOT NULL THEN
      PERFORM ics_note_feed_change(old_owners || ics_event_viewers(changed));
    END IF;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "ics_calendar_event_inserted" AFTER INSERT ON "CalendarEvent"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ics_calendar_event_changed();
CREATE TRIGGER "ics_calendar_event_updated" AFTER UPDATE ON "CalendarEvent"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ics_calendar_event_changed();
CREATE TRIGGER "ics_calendar_event_deleted" AFTER DELETE ON "CalendarEvent"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ics_calendar_event_changed();

-- Attendees: the attendee's own user (the event enters or leaves their feed) and everyone who
-- sees the event (its ATTENDEE lines change), whether or not the event row is touched too.
CREATE FUNCTION ics_attendee_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  event_ids uuid[];
  users uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg("eventId"), array_agg("userId") INTO event_ids, users FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg("eventId"), array_agg("userId") INTO event_ids, users FROM old_rows;
  ELSE
    SELECT array_agg(x.e), array_agg(x.u) INTO event_ids, users
    FROM old_rows o JOIN new_rows n USING ("id"),
      LATERAL (VALUES (o."eventId", o."userId"), (n."eventId", n."userId")) AS x(e, u)
    WHERE (o."eventId", o."email", o."name", o."userId", o."rsvp")
      IS DISTINCT FROM (n."eventId", n."email", n."name", n."userId", n."rsvp");
  END IF;
  IF event_ids IS NOT NULL THEN
    PERFORM ics_note_feed_change(users || ics_event_viewers(event_ids));
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "ics_attendee_inserted" AFTER INSERT ON "Attendee"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ics_attendee_changed();
CREATE TRIGGER "ics_attendee_updated" AFTER UPDATE ON "Attendee"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ics_attendee_changed();
CREATE TRIGGER "ics_attendee_deleted" AFTER DELETE ON "Attendee"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ics_attendee_changed();

-- A user's name and e-mail are the ORGANIZER of every event they own, in every viewer's feed.
CREATE FUNCTION ics_user_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM ics_note_feed_change(
    ARRAY[NEW."id"] || ics_event_viewers(ARRAY(SELECT "id" FROM "CalendarEvent" WHERE "ownerId" = NEW."id"))
  );
  RETURN NULL;
END
$$;

CREATE TRIGGER "ics_user_renamed" AFTER UPDATE OF "name", "email" ON "User"
  FOR EACH ROW WHEN (OLD."name" IS DISTINCT FROM NEW."name" OR OLD."email" IS DISTINCT FROM NEW."email")
  EXECUTE FUNCTION ics_user_renamed();
