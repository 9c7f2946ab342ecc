-- CreateTable
CREATE TABLE "data_version" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "version" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "data_version_pkey" PRIMARY KEY ("id")
);

-- The figure cache's key (docs/decisions/013-figure-cache-data-version.md). One row; every
-- statement that writes a table the figure readers read sets it to a fresh value of a sequence,
-- inside the writer's transaction (statement-level triggers: one bump per statement, COPY and
-- multi-row writes included). A sequence value is never handed out twice, even when the writer
-- rolls back, so a version seen inside an uncommitted transaction is never reused; and since the
-- last write statement of a transaction sets the value its commit publishes, a reader that sees a
-- version sees every write that came with it.
ALTER TABLE "data_version" ADD CONSTRAINT "data_version_one_row" CHECK ("id" = 1);
CREATE SEQUENCE "data_version_seq";
INSERT INTO "data_version" ("id", "version") VALUES (1, nextval('data_version_seq'));

CREATE FUNCTION "bump_data_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "data_version" SET "version" = nextval('data_version_seq') WHERE "id" = 1;
  RETURN NULL;
END
$$;

CREATE TRIGGER "unit_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "unit" FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "unit_change_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "unit_change" FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "daily_figure_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "daily_figure" FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "venue_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "venue" FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "venue_day_scan_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "venue_day_scan" FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "scan_log_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "scan_log" FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "target_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "target" FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "setting_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "setting" FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "import_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "import" FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "official_rank_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "official_rank" FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
