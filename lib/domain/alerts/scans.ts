// Rule family "scans": a ward with no QR scan at all on a day.
//
// Missing is not zero: a ward without a figure that day (or whose figure does not say how many
// scans) has no zero-scan alert; it is "chưa báo cáo" (see reporting.ts).

import type { FigureValues } from "../figures.ts";
import { formatCount, formatDay } from "../format.ts";
import { figureBefore, type AlertRule, type RuleHit, type WardDayContext } from "./types.ts";
import { msg } from "../message.ts";
import { countNumber } from "./wording.ts";

/**
 * True when the figure says there was no scan: 0 scans, or (scans unknown) 0 venues with scans,
 * since a scan always happens at a venue. False for an unknown or missing figure.
 */
export function hasZeroScans(figure: FigureValues | null): boolean {
  if (figure === null) return false;
  if (figure.scans !== null) return figure.scans === 0;
  return figure.activeVenues === 0;
}

function evaluateZeroScans(ctx: WardDayContext): RuleHit | null {
  const figure = figureBefore(ctx);
  if (figure === null || !hasZeroScans(figure)) return null;
  return {
    severity: "warning",
    describe() {
      const venues =
        figure.qrVenues !== null && figure.qrVenues > 0
          ? ` (không địa điểm nào trong số ${formatCount(figure.qrVenues)} địa điểm đã tạo mã QR có lượt quét)`
          : "";
      return {
        numbers: [
          countNumber("scans", "Lượt quét trong ngày", figure.scans ?? 0),
          countNumber("activeVenues", "Địa điểm có lượt quét", figure.activeVenues),
          countNumber("qrVenues", "Địa điểm đã tạo mã QR", figure.qrVenues),
        ],
        sentence: `${ctx.ward.name} không phát sinh lượt quét mã QR trong ngày ${formatDay(ctx.day)}${venues}.`,
        text:
          venues === ""
            ? msg("domain.alerts.rules.ZERO_SCANS.sentence", { ward: ctx.ward.name, day: { day: ctx.day } })
            : msg("domain.alerts.rules.ZERO_SCANS.sentenceVenues", { ward: ctx.ward.name, day: { day: ctx.day }, qrVenues: { count: figure.qrVenues } }),
      };
    },
  };
}

export const ZERO_SCANS_RULE: AlertRule = {
  id: "ZERO_SCANS",
  family: "scans",
  label: "Không có lượt quét",
  description: "Phường báo cáo 0 lượt quét mã QR trong ngày (phường chưa báo cáo không thuộc cảnh báo này).",
  history: true,
  escalates: true,
  streakPhrase: (kind) => `${kind} không phát sinh lượt quét mã QR`,
  streakText: (kind) => msg("domain.alerts.rules.ZERO_SCANS.streak", { kind: { message: kind } }),
  evaluate: evaluateZeroScans,
};
