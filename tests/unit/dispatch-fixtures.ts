// The figures and template of dispatch 1178/UBND-VHTT (17/8/2021) for the dispatch's unit tests
// (not a test file itself).
import { DEFAULT_DISPATCH_TEMPLATE, resolveDispatchTemplate } from "@/lib/domain/dispatch-template";
import type { DispatchFigures } from "@/lib/domain/dispatch-text";
import { DEMO_DISPATCH_TEMPLATES } from "@/prisma/seed/demo-dispatch-template";

export const FIGURES: DispatchFigures = {
  installDay: "2021-08-17",
  qrDay: "2021-08-14",
  city: { name: "Thành phố Hà Nội", installs: 3_220_382, smartphones: 6_844_000, nationalRank: 7, qrVenues: 206_385, activeVenues: 14_698 },
  district: { code: "002", name: "Quận Hoàn Kiếm", smartphones: 150_788, installs: 77_113, rankInCity: 7 },
  zeroScanWards: [{ code: "00037", name: "Phường Phúc Tân" }],
  coverageTargetBasisPoints: 6000,
  laggingWards: [],
};

/** Hoàn Kiếm's template as the demo resolves it: the default, its own number and signer, its 18 wards. */
export const HOAN_KIEM_TEMPLATE = resolveDispatchTemplate(DEFAULT_DISPATCH_TEMPLATE, DEMO_DISPATCH_TEMPLATES["002"] ?? null, {
  name: "Quận Hoàn Kiếm",
  type: "Quận",
  wardTypes: Array<string>(18).fill("Phường"),
});
