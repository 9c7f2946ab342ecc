-- AlterTable
ALTER TABLE "app_user" ADD COLUMN     "last_sign_in_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "audit_log" ADD COLUMN     "fields" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "daily_figure" ADD COLUMN     "first_submitted_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "login_attempt" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "username" VARCHAR(64) NOT NULL,
    "ip" VARCHAR(64) NOT NULL,
    "success" BOOLEAN NOT NULL,

    CONSTRAINT "login_attempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "login_attempt_username_at_idx" ON "login_attempt"("username", "at");

-- CreateIndex
CREATE INDEX "login_attempt_ip_at_idx" ON "login_attempt"("ip", "at");

-- CreateIndex
CREATE INDEX "login_attempt_at_idx" ON "login_attempt"("at");

-- Written by hand: reports saved before this migration were first submitted when they were last
-- saved, as far as anyone can tell.
UPDATE "daily_figure" SET "first_submitted_at" = "submitted_at"
  WHERE "source" = 'WARD_REPORT' AND "first_submitted_at" IS NULL AND "submitted_at" IS NOT NULL;
