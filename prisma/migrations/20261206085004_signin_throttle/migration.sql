-- CreateTable
CREATE TABLE "sign_in_throttle" (
    "scope" VARCHAR(8) NOT NULL,
    "username" VARCHAR(64) NOT NULL,
    "ip" VARCHAR(64) NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "window_start" TIMESTAMPTZ(3) NOT NULL,
    "last_success_at" TIMESTAMPTZ(3),

    CONSTRAINT "sign_in_throttle_pkey" PRIMARY KEY ("scope","username","ip")
);

-- CreateIndex
CREATE INDEX "sign_in_throttle_window_start_idx" ON "sign_in_throttle"("window_start");

-- Only the three kinds of counter exist; an address row has no username and an account row no address.
ALTER TABLE "sign_in_throttle" ADD CONSTRAINT "sign_in_throttle_scope_check" CHECK (
  ("scope" = 'pair' AND "username" <> '' AND "ip" <> '')
  OR ("scope" = 'account' AND "username" <> '' AND "ip" = '')
  OR ("scope" = 'address' AND "username" = '' AND "ip" <> '')
);
ALTER TABLE "sign_in_throttle" ADD CONSTRAINT "sign_in_throttle_failures_check" CHECK ("failures" >= 0);
