-- CreateTable
CREATE TABLE "district_dispatch_template" (
    "unit_code" VARCHAR(12) NOT NULL,
    "fields" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "district_dispatch_template_pkey" PRIMARY KEY ("unit_code")
);

-- AddForeignKey
ALTER TABLE "district_dispatch_template" ADD CONSTRAINT "district_dispatch_template_unit_code_fkey" FOREIGN KEY ("unit_code") REFERENCES "unit"("code") ON DELETE CASCADE ON UPDATE CASCADE;
