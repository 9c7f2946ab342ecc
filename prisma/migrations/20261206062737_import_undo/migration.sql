-- CreateTable
CREATE TABLE "import_undo_cell" (
    "import_id" INTEGER NOT NULL,
    "unit_code" VARCHAR(12) NOT NULL,
    "day" DATE NOT NULL,
    "smartphones" INTEGER,
    "installs" INTEGER,
    "install_import_id" INTEGER,
    "qr_venues" INTEGER,
    "active_venues" INTEGER,
    "scans" INTEGER,

    CONSTRAINT "import_undo_cell_pkey" PRIMARY KEY ("import_id","unit_code","day")
);

-- CreateTable
CREATE TABLE "import_undo_venue_day" (
    "import_id" INTEGER NOT NULL,
    "ward_code" VARCHAR(12) NOT NULL,
    "day" DATE NOT NULL,
    "venue_id" INTEGER NOT NULL,
    "scans" INTEGER NOT NULL,

    CONSTRAINT "import_undo_venue_day_pkey" PRIMARY KEY ("import_id","ward_code","day","venue_id")
);

-- CreateIndex
CREATE INDEX "import_undo_cell_unit_code_day_import_id_idx" ON "import_undo_cell"("unit_code", "day", "import_id");

-- AddForeignKey
ALTER TABLE "import_undo_cell" ADD CONSTRAINT "import_undo_cell_import_id_fkey" FOREIGN KEY ("import_id") REFERENCES "import"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "import_undo_venue_day" ADD CONSTRAINT "import_undo_venue_day_import_id_fkey" FOREIGN KEY ("import_id") REFERENCES "import"("id") ON DELETE CASCADE ON UPDATE CASCADE;
