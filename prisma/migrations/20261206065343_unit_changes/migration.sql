-- CreateEnum
CREATE TYPE "UnitChangeKind" AS ENUM ('RENAME', 'OPEN', 'CLOSE', 'MERGE', 'SPLIT', 'CODE_LIST');

-- AlterTable
ALTER TABLE "unit" ADD COLUMN     "valid_from" DATE,
ADD COLUMN     "valid_to" DATE;

-- CreateTable
CREATE TABLE "unit_change" (
    "id" SERIAL NOT NULL,
    "kind" "UnitChangeKind" NOT NULL,
    "effective_on" DATE NOT NULL,
    "reason" TEXT NOT NULL,
    "from_codes" TEXT[],
    "to_codes" TEXT[],
    "names_before" JSONB,
    "names_after" JSONB,
    "details" JSONB,
    "user_id" INTEGER,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "unit_change_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "unit_change_effective_on_idx" ON "unit_change"("effective_on");

-- Added by hand (Prisma's schema language has no CHECK): a unit's last day is not before its
-- first, and a change always says why.
ALTER TABLE "unit" ADD CONSTRAINT "unit_valid_days_check" CHECK ("valid_from" IS NULL OR "valid_to" IS NULL OR "valid_from" <= "valid_to");
ALTER TABLE "unit_change" ADD CONSTRAINT "unit_change_reason_check" CHECK (length(btrim("reason")) > 0);
