-- AlterTable
ALTER TABLE "unit" ADD COLUMN     "type" VARCHAR(40);
