-- AlterTable
ALTER TABLE "import" ADD COLUMN     "message_text" JSONB;
