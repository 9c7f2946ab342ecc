-- Raw scan data partitioned by calendar month (docs/decisions/020-national-monthly-partitions.md).
--
-- venue_day_scan (one row per venue and day with scans) and scan_log (raw scans) become
-- PARTITION BY RANGE ("day") tables with one partition per month, named <table>_pYYYY_MM, and a
-- DEFAULT partition that catches a day whose month has no partition yet, so no write ever fails
-- for want of one. ww_ensure_month_partition() creates a month's partition (moving that month's
-- rows out of the DEFAULT partition if any landed there); lib/storage/partitions.ts calls it
-- before an import writes a month and from the maintenance function, and drops whole old months
-- for the retention setting. Prisma does not model partitions: schema.prisma describes the parent
-- tables (same columns, keys and indexes as before), which is all the generated client sees.
--
-- A partitioned table's primary key must contain the partition key: venue_day_scan's is already
-- (venue_id, day); scan_log's becomes (id, day) (ids stay unique: one sequence).

-- 1. The function that creates one month's partition of a table partitioned by "day".
CREATE FUNCTION "ww_ensure_month_partition"(parent text, any_day date) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
  month_start date := date_trunc('month', any_day)::date;
  month_end date := (date_trunc('month', any_day) + interval '1 month')::date;
  part text := parent || '_p' || to_char(any_day, 'YYYY_MM');
  fallback text := parent || '_default';
BEGIN
  IF to_regclass(format('public.%I', part)) IS NOT NULL THEN
    RETURN false;
  END IF;
  -- Two writers creating the same month: the second waits, then finds it.
  PERFORM pg_advisory_xact_lock(hashtext('ww_partition'), hashtext(part));
  IF to_regclass(format('public.%I', part)) IS NOT NULL THEN
    RETURN false;
  END IF;
  -- Built beside the table, filled with the month's rows that went to the DEFAULT partition while
  -- it did not exist, then attached (attaching checks that DEFAULT holds none of its rows).
  EXECUTE format('CREATE TABLE public.%I (LIKE public.%I INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', part, parent);
  EXECUTE format('ALTER TABLE public.%I ADD CONSTRAINT %I CHECK ("day" >= %L AND "day" < %L)', part, part || '_month', month_start, month_end);
  EXECUTE format('WITH moved AS (DELETE FROM public.%I WHERE "day" >= $1 AND "day" < $2 RETURNING *) INSERT INTO public.%I SELECT * FROM moved',
                 fallback, part) USING month_start, month_end;
  EXECUTE format('ALTER TABLE public.%I ATTACH PARTITION public.%I FOR VALUES FROM (%L) TO (%L)', parent, part, month_start, month_end);
  RETURN true;
END
$$;

-- 2. venue_day_scan: the old table steps aside under another name, keeping its rows.
DROP TRIGGER "venue_day_scan_data_version" ON "venue_day_scan";
ALTER TABLE "venue_day_scan" RENAME TO "venue_day_scan_unpartitioned";
ALTER TABLE "venue_day_scan_unpartitioned" RENAME CONSTRAINT "venue_day_scan_pkey" TO "venue_day_scan_unpartitioned_pkey";
ALTER TABLE "venue_day_scan_unpartitioned" RENAME CONSTRAINT "venue_day_scan_venue_id_fkey" TO "venue_day_scan_unpartitioned_venue_id_fkey";
ALTER TABLE "venue_day_scan_unpartitioned" RENAME CONSTRAINT "venue_day_scan_import_id_fkey" TO "venue_day_scan_unpartitioned_import_id_fkey";
ALTER TABLE "venue_day_scan_unpartitioned" RENAME CONSTRAINT "venue_day_scan_scans_check" TO "venue_day_scan_unpartitioned_scans_check";
ALTER INDEX "venue_day_scan_day_idx" RENAME TO "venue_day_scan_unpartitioned_day_idx";

CREATE TABLE "venue_day_scan" (
    "venue_id" INTEGER NOT NULL,
    "day" DATE NOT NULL,
    "scans" INTEGER NOT NULL,
    "import_id" INTEGER,

    CONSTRAINT "venue_day_scan_pkey" PRIMARY KEY ("venue_id","day")
) PARTITION BY RANGE ("day");
CREATE INDEX "venue_day_scan_day_idx" ON "venue_day_scan"("day");
ALTER TABLE "venue_day_scan" ADD CONSTRAINT "venue_day_scan_venue_id_fkey" FOREIGN KEY ("venue_id") REFERENCES "venue"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "venue_day_scan" ADD CONSTRAINT "venue_day_scan_import_id_fkey" FOREIGN KEY ("import_id") REFERENCES "import"("id") ON DELETE SET NULL ON UPDATE CASCADE;
-- A venue-day row exists only for days with scans.
ALTER TABLE "venue_day_scan" ADD CONSTRAINT "venue_day_scan_scans_check" CHECK ("scans" > 0);
CREATE TABLE "venue_day_scan_default" PARTITION OF "venue_day_scan" DEFAULT;

SELECT "ww_ensure_month_partition"('venue_day_scan', m::date)
FROM (SELECT DISTINCT date_trunc('month', "day") AS m FROM "venue_day_scan_unpartitioned") months ORDER BY 1;
INSERT INTO "venue_day_scan" ("venue_id", "day", "scans", "import_id")
SELECT "venue_id", "day", "scans", "import_id" FROM "venue_day_scan_unpartitioned";
DROP TABLE "venue_day_scan_unpartitioned";
CREATE TRIGGER "venue_day_scan_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "venue_day_scan" FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();

-- 3. scan_log, the same way; its sequence stays and keeps counting.
DROP TRIGGER "scan_log_data_version" ON "scan_log";
ALTER TABLE "scan_log" RENAME TO "scan_log_unpartitioned";
ALTER TABLE "scan_log_unpartitioned" RENAME CONSTRAINT "scan_log_pkey" TO "scan_log_unpartitioned_pkey";
ALTER TABLE "scan_log_unpartitioned" RENAME CONSTRAINT "scan_log_venue_id_fkey" TO "scan_log_unpartitioned_venue_id_fkey";
ALTER TABLE "scan_log_unpartitioned" RENAME CONSTRAINT "scan_log_import_id_fkey" TO "scan_log_unpartitioned_import_id_fkey";
ALTER INDEX "scan_log_day_venue_id_idx" RENAME TO "scan_log_unpartitioned_day_venue_id_idx";
ALTER INDEX "scan_log_import_id_idx" RENAME TO "scan_log_unpartitioned_import_id_idx";
ALTER SEQUENCE "scan_log_id_seq" OWNED BY NONE;

CREATE TABLE "scan_log" (
    "id" BIGINT NOT NULL DEFAULT nextval('scan_log_id_seq'),
    "venue_id" INTEGER NOT NULL,
    "scanned_at" TIMESTAMPTZ(3) NOT NULL,
    "day" DATE NOT NULL,
    "device_hash" VARCHAR(128),
    "import_id" INTEGER NOT NULL,

    CONSTRAINT "scan_log_pkey" PRIMARY KEY ("id","day")
) PARTITION BY RANGE ("day");
ALTER SEQUENCE "scan_log_id_seq" OWNED BY "scan_log"."id";
CREATE INDEX "scan_log_day_venue_id_idx" ON "scan_log"("day", "venue_id");
CREATE INDEX "scan_log_import_id_idx" ON "scan_log"("import_id");
ALTER TABLE "scan_log" ADD CONSTRAINT "scan_log_venue_id_fkey" FOREIGN KEY ("venue_id") REFERENCES "venue"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "scan_log" ADD CONSTRAINT "scan_log_import_id_fkey" FOREIGN KEY ("import_id") REFERENCES "import"("id") ON DELETE CASCADE ON UPDATE CASCADE;
CREATE TABLE "scan_log_default" PARTITION OF "scan_log" DEFAULT;

SELECT "ww_ensure_month_partition"('scan_log', m::date)
FROM (SELECT DISTINCT date_trunc('month', "day") AS m FROM "scan_log_unpartitioned") months ORDER BY 1;
INSERT INTO "scan_log" SELECT * FROM "scan_log_unpartitioned";
DROP TABLE "scan_log_unpartitioned";
CREATE TRIGGER "scan_log_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "scan_log" FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();

-- 4. What lib/storage/partitions.ts needs besides: the months that have rows in a default
-- partition, and the retention's two steps. Each checks that it was given a raw scan table (or a
-- month partition of one), so nothing else can be dropped or emptied through them.
CREATE FUNCTION "ww_raw_table"(name text) RETURNS text
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  IF name NOT IN ('venue_day_scan', 'scan_log') THEN
    RAISE EXCEPTION 'not a raw scan table: %', name;
  END IF;
  RETURN name;
END
$$;

CREATE FUNCTION "ww_default_months"(parent text) RETURNS SETOF date
LANGUAGE plpgsql AS $$
BEGIN
  RETURN QUERY EXECUTE format('SELECT DISTINCT date_trunc(''month'', "day")::date FROM public.%I', ww_raw_table(parent) || '_default');
END
$$;

CREATE FUNCTION "ww_delete_default_before"(parent text, first_kept date) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  n bigint;
BEGIN
  EXECUTE format('DELETE FROM public.%I WHERE "day" < $1', ww_raw_table(parent) || '_default') USING first_kept;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END
$$;

CREATE FUNCTION "ww_drop_partition"(part text) RETURNS integer
LANGUAGE plpgsql AS $$
BEGIN
  IF part !~ '_p[0-9]{4}_[0-9]{2}$' OR NOT EXISTS (
    SELECT 1 FROM pg_inherits i
      JOIN pg_class c ON c.oid = i.inhrelid
      JOIN pg_class p ON p.oid = i.inhparent
      JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relname = part AND p.relname IN ('venue_day_scan', 'scan_log')) THEN
    RAISE EXCEPTION 'not a month partition of a raw scan table: %', part;
  END IF;
  EXECUTE format('DROP TABLE public.%I', part);
  RETURN 1;
END
$$;

-- Dropping a partition fires no trigger of its parent: the retention bumps the figure cache's
-- data version itself (the same statement bump_data_version runs).
CREATE FUNCTION "ww_bump_data_version"() RETURNS bigint
LANGUAGE sql AS $$
  UPDATE "data_version" SET "version" = nextval('data_version_seq') WHERE "id" = 1 RETURNING "version"
$$;
