-- CreateTable
CREATE TABLE "policy_phase" (
    "id" SERIAL NOT NULL,
    "unit_code" VARCHAR(12) NOT NULL,
    "name" VARCHAR(120) NOT NULL,
    "start_day" DATE NOT NULL,
    "end_day" DATE,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "policy_phase_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "policy_phase_unit_code_idx" ON "policy_phase"("unit_code");

-- CreateIndex
CREATE UNIQUE INDEX "policy_phase_unit_code_name_start_day_key" ON "policy_phase"("unit_code", "name", "start_day");

-- AddForeignKey
ALTER TABLE "policy_phase" ADD CONSTRAINT "policy_phase_unit_code_fkey" FOREIGN KEY ("unit_code") REFERENCES "unit"("code") ON DELETE RESTRICT ON UPDATE CASCADE;
