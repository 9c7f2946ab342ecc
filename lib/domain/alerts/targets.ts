// Rule family "targets": lagging wards. A ward below its coverage target or its QR-active target
// (targets in basis points, inherited from the district or city), and a ward that fell in the
// district's ranking by coverage. Rates are compared exactly (lib/domain/targets.ts, ratio.ts).
//
// A zero denominator has no rate (metrics.ts: coverageRate, qrActiveRate), so a ward with 0
// smartphones or 0 registered QR venues gets no target verdict and is not ranked; it did report.
// A rank drop is judged only between two complete rankings of the same wards (WardDayContext.ranks).
//
// Severity: "near" the target (at least 90 % of it, see NEAR_TARGET_SHARE) is information, further
// below is a warning. Being below target is the campaign's normal state for weeks, so these two
// rules keep their streak and repeat count but are not escalated (every ward would end up red).

import { addDays } from "../days.ts";
import { formatCount, formatDay, formatPercent } from "../format.ts";
import { coverageRate, installsToTarget, qrActiveRate } from "../metrics.ts";
import { targetStatus } from "../targets.ts";
import { figureBefore, type AlertRule, type RuleHit, type WardDayContext } from "./types.ts";
import { msg } from "../message.ts";
import { countNumber, formatBasisPoints, nameInSentence, rateNumber, textNumber } from "./wording.ts";

function evaluateCoverage(ctx: WardDayContext): RuleHit | null {
  const figure = figureBefore(ctx);
  const target = ctx.input.targets.get(ctx.ward.code)?.coverage ?? null;
  if (figure === null || target === null) return null;
  const rate = coverageRate(figure);
  const status = targetStatus(rate, target);
  if (status === null || status === "met") return null;
  return {
    severity: status === "near" ? "info" : "warning",
    describe() {
      const gap = installsToTarget(figure.installs, figure.smartphones, target.basisPoints);
      return {
        numbers: [
          rateNumber("coverage", "Tỷ lệ cài đặt", rate),
          countNumber("installs", "Đã cài Bluezone", figure.installs),
          countNumber("smartphones", "Điện thoại thông minh", figure.smartphones),
          textNumber("target", "Mục tiêu", formatBasisPoints(target.basisPoints), { basisPoints: target.basisPoints }),
          countNumber("installsToTarget", "Còn thiếu (lượt cài)", gap),
        ],
        sentence:
          `Tỷ lệ cài đặt Bluezone của ${nameInSentence(ctx.ward.name)} ngày ${formatDay(ctx.day)} là ${formatPercent(rate)} ` +
          `(${formatCount(figure.installs)}/${formatCount(figure.smartphones)} điện thoại thông minh), thấp hơn mục tiêu ` +
          `${formatBasisPoints(target.basisPoints)}; còn thiếu ${formatCount(gap)} lượt cài.`,
        text: msg("domain.alerts.rules.BELOW_COVERAGE_TARGET.sentence", {
          ward: { name: ctx.ward.name },
          day: { day: ctx.day },
          rate: { percent: rate },
          installs: { count: figure.installs },
          smartphones: { count: figure.smartphones },
          target: { basisPoints: target.basisPoints },
          gap: { count: gap },
        }),
      };
    },
  };
}

function evaluateQrActive(ctx: WardDayContext): RuleHit | null {
  const figure = figureBefore(ctx);
  const target = ctx.input.targets.get(ctx.ward.code)?.qrActive ?? null;
  if (figure === null || target === null) return null;
  const rate = qrActiveRate(figure);
  const status = targetStatus(rate, target);
  if (status === null || status === "met") return null;
  return {
    severity: status === "near" ? "info" : "warning",
    describe() {
      const gap = installsToTarget(figure.activeVenues, figure.qrVenues, target.basisPoints);
      return {
        numbers: [
          rateNumber("qrActive", "Tỷ lệ địa điểm có lượt quét", rate),
          countNumber("activeVenues", "Địa điểm có lượt quét", figure.activeVenues),
          countNumber("qrVenues", "Địa điểm đã tạo mã QR", figure.qrVenues),
          textNumber("target", "Mục tiêu", formatBasisPoints(target.basisPoints), { basisPoints: target.basisPoints }),
          countNumber("activeVenuesToTarget", "Còn thiếu (địa điểm)", gap),
        ],
        sentence:
          `Tỷ lệ địa điểm có lượt quét mã QR của ${nameInSentence(ctx.ward.name)} ngày ${formatDay(ctx.day)} là ${formatPercent(rate)} ` +
          `(${formatCount(figure.activeVenues)}/${formatCount(figure.qrVenues)} địa điểm đã tạo mã QR), thấp hơn mục tiêu ` +
          `${formatBasisPoints(target.basisPoints)}; cần thêm ${formatCount(gap)} địa điểm có lượt quét.`,
        text: msg("domain.alerts.rules.BELOW_QR_TARGET.sentence", {
          ward: { name: ctx.ward.name },
          day: { day: ctx.day },
          rate: { percent: rate },
          active: { count: figure.activeVenues },
          venues: { count: figure.qrVenues },
          target: { basisPoints: target.basisPoints },
          gap: { count: gap },
        }),
      };
    },
  };
}

function evaluateRankDrop(ctx: WardDayContext): RuleHit | null {
  const { rank, previousRank, ranked, comparable } = ctx.ranks();
  // No verdict without data: both rankings must be of the whole district and of the same wards.
  if (rank === null || previousRank === null || !comparable) return null;
  const fall = rank - previousRank;
  if (fall < ctx.input.thresholds.rankDropPlaces) return null;
  return {
    severity: "info",
    describe() {
      const figure = figureBefore(ctx);
      return {
        numbers: [
          countNumber("rank", "Hạng trong ngày", rank),
          countNumber("previousRank", "Hạng ngày trước", previousRank),
          countNumber("fall", "Số bậc tụt", fall),
          countNumber("ranked", "Số phường được xếp hạng", ranked),
          rateNumber("coverage", "Tỷ lệ cài đặt", figure ? coverageRate(figure) : null),
        ],
        sentence:
          `${ctx.ward.name} tụt từ hạng ${previousRank} xuống hạng ${rank} (giảm ${fall} bậc) về tỷ lệ cài đặt Bluezone ` +
          `trong ${nameInSentence(ctx.ward.districtName)} ngày ${formatDay(ctx.day)} so với ngày ${formatDay(addDays(ctx.day, -1))}.`,
        text: msg("domain.alerts.rules.RANK_DROP.sentence", {
          ward: ctx.ward.name,
          previousRank,
          rank,
          fall,
          district: { name: ctx.ward.districtName },
          day: { day: ctx.day },
          before: { day: addDays(ctx.day, -1) },
        }),
      };
    },
  };
}

export const BELOW_COVERAGE_TARGET_RULE: AlertRule = {
  id: "BELOW_COVERAGE_TARGET",
  family: "targets",
  label: "Dưới mục tiêu cài đặt",
  description:
    "Tỷ lệ cài đặt Bluezone (lượt cài / điện thoại thông minh) thấp hơn mục tiêu; từ 90% mục tiêu trở lên là mức thông tin, thấp hơn là cần chú ý.",
  history: true,
  escalates: false,
  streakPhrase: (kind) => `tỷ lệ cài đặt của ${kind} thấp hơn mục tiêu`,
  streakText: (kind) => msg("domain.alerts.rules.BELOW_COVERAGE_TARGET.streak", { kind: { message: kind } }),
  evaluate: evaluateCoverage,
};

export const BELOW_QR_TARGET_RULE: AlertRule = {
  id: "BELOW_QR_TARGET",
  family: "targets",
  label: "Dưới mục tiêu quét mã",
  description:
    "Tỷ lệ địa điểm có lượt quét (địa điểm có lượt quét / địa điểm đã tạo mã QR) thấp hơn mục tiêu; từ 90% mục tiêu trở lên là mức thông tin.",
  history: true,
  escalates: false,
  streakPhrase: (kind) => `tỷ lệ địa điểm có lượt quét của ${kind} thấp hơn mục tiêu`,
  streakText: (kind) => msg("domain.alerts.rules.BELOW_QR_TARGET.streak", { kind: { message: kind } }),
  evaluate: evaluateQrActive,
};

export const RANK_DROP_RULE: AlertRule = {
  id: "RANK_DROP",
  family: "targets",
  label: "Tụt hạng",
  description:
    "Phường tụt ít nhất số bậc đặt trong cài đặt (mặc định 3) trong xếp hạng tỷ lệ cài đặt của quận so với ngày trước. " +
    "Chỉ so sánh khi cả hai ngày mọi phường của quận đều đã báo cáo và cùng các phường được xếp hạng.",
  history: true,
  escalates: true,
  streakPhrase: (kind) => `${kind} tụt hạng`,
  streakText: (kind) => msg("domain.alerts.rules.RANK_DROP.streak", { kind: { message: kind } }),
  evaluate: evaluateRankDrop,
};
