-- AlterTable
ALTER TABLE "login_attempt" ADD COLUMN     "kind" VARCHAR(16) NOT NULL DEFAULT 'sign_in',
ADD COLUMN     "refusal" VARCHAR(16);
