-- CreateTable
CREATE TABLE "alert_ack" (
    "id" SERIAL NOT NULL,
    "rule_id" VARCHAR(64) NOT NULL,
    "unit_code" VARCHAR(12) NOT NULL,
    "day" DATE NOT NULL,
    "acknowledged_by" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "note" TEXT NOT NULL,

    CONSTRAINT "alert_ack_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "alert_ack_day_unit_code_idx" ON "alert_ack"("day", "unit_code");

-- CreateIndex
CREATE UNIQUE INDEX "alert_ack_rule_id_unit_code_day_key" ON "alert_ack"("rule_id", "unit_code", "day");

-- AddForeignKey
ALTER TABLE "alert_ack" ADD CONSTRAINT "alert_ack_unit_code_fkey" FOREIGN KEY ("unit_code") REFERENCES "unit"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_ack" ADD CONSTRAINT "alert_ack_acknowledged_by_fkey" FOREIGN KEY ("acknowledged_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Added by hand (Prisma's schema language has no CHECK): an acknowledgement always says why.
ALTER TABLE "alert_ack" ADD CONSTRAINT "alert_ack_note_length" CHECK (char_length(btrim("note")) BETWEEN 1 AND 1000);
