import type { ImportKind } from "./kinds.ts";

/** The sample file of each kind, in samples/ at the root of the repository. */
export const SAMPLE_FILES: { readonly [K in ImportKind]: string } = {
  QR_SCAN_LOG: "qr-scan-log.csv",
  VENUE_REGISTER: "venue-register.csv",
  INSTALL_STATS: "install-stats.csv",
};
