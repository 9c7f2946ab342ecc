-- AlterTable
ALTER TABLE "daily_figure" ADD COLUMN     "coverage_counted" INTEGER,
ADD COLUMN     "qr_counted" INTEGER,
ADD COLUMN     "scans_counted" INTEGER;
