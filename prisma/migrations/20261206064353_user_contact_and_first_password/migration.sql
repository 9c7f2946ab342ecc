-- AlterTable
ALTER TABLE "app_user" ADD COLUMN     "email" VARCHAR(254),
ADD COLUMN     "must_change_password" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "phone" VARCHAR(20);

-- Written by hand (Prisma's schema language has no CHECK): the forms and the bulk import store
-- contact details normalised (lib/schemas/user.ts); the database refuses anything else.
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_phone_format" CHECK ("phone" IS NULL OR "phone" ~ '^0[0-9]{9,10}$');
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_email_format" CHECK ("email" IS NULL OR "email" ~ '^[^@[:space:]]+@[^@[:space:]]+$');
