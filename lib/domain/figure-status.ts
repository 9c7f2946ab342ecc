// What a figure's "Tình trạng" (status) says in every table and document WardWatch writes (CSV,
// XLSX, the JSON API, the district report PDF, the completeness page): one vocabulary, one rule
// per word, all from lib/domain/completeness.ts and lib/domain/rank-metric.ts. Pure; unit-tested.
//
//   "chưa báo cáo"                    a ward without install figures (smartphones and installs)
//                                     from any source; QR figures from a scan log do not count
//   "không có điện thoại thông minh"  a ward (or unit) that reported 0 smartphones: no rate, no
//                                     rank, no verdict, but it did report
//   "không có điểm QR đăng ký"        0 registered QR venues: no QR rate, no rank by it
//   "chưa đủ số liệu (17/18)"         a district's / city's sum that counts only some children
//   "chưa có số liệu"                 a district or city with no figure at all that day
//   ""                                nothing to say: a whole figure, ranked as usual

import type { FigurePart, FigureWithParts, PartOrigin } from "./completeness.ts";
import { hasReported, isPartComplete } from "./completeness.ts";
import type { FigureSource } from "./figures.ts";
import { NOT_REPORTED_LABEL } from "./format.ts";
import type { RankMetric } from "./rank-metric.ts";
import { metricPart, rankStanding } from "./rank-metric.ts";

export { NOT_REPORTED_LABEL };
export const NO_SMARTPHONES_LABEL = "không có điện thoại thông minh";
export const NO_QR_VENUES_LABEL = "không có điểm QR đăng ký";
export const PARTIAL_LABEL = "chưa đủ số liệu";
/** A district or city with no figure at all that day (neither its own nor a sum). */
export const NO_FIGURE_LABEL = "chưa có số liệu";

/** How a source is named in a table cell (lib/domain/figures.ts FIGURE_SOURCE_LABELS, short). */
export const SOURCE_CELL_LABELS: { readonly [S in FigureSource]: string } = {
  WARD_REPORT: "Phường báo cáo",
  IMPORT: "Dữ liệu nhập",
  COMPUTED: "Tổng hợp",
};

/** The part named inside a status about another part ("điểm QR chưa đủ số liệu (3/18)"). */
const PART_NAMES: { readonly [P in FigurePart]: string } = {
  coverage: "cài đặt",
  qr: "điểm QR",
  scans: "lượt quét",
};

/** What a ward's part lacks when the ward reported but not that part (ranking by that part). */
const PART_MISSING: { readonly [P in FigurePart]: string } = {
  coverage: NOT_REPORTED_LABEL,
  qr: "chưa có số liệu điểm QR",
  scans: "chưa có số liệu lượt quét",
};

/** "chưa đủ số liệu (17/18)" */
export function partialLabel(counted: number, total: number): string {
  return `${PARTIAL_LABEL} (${counted}/${total})`;
}

/**
 * The children a parent's part counts, whether or not the part has a value (a sum over 0 of 18
 * wards has none, but still says 0/18); null for a ward or an own figure.
 */
export function partCounts(figure: FigureWithParts | null, part: FigurePart): { counted: number; total: number } | null {
  const origin: PartOrigin | null = figure?.parts?.[part] ?? null;
  return origin !== null && origin.kind === "sum" ? { counted: origin.counted, total: origin.total } : null;
}

/**
 * The status of a ward's figure of a day. `metric`: the ranking's metric, so that a ward left
 * unranked says why (0 smartphones for coverage, 0 venues for the QR rate).
 */
export function wardStatus(figure: FigureWithParts | null, metric: RankMetric = "coverage"): string {
  if (!hasReported(figure) || figure === null) return NOT_REPORTED_LABEL;
  const notes: string[] = [];
  const part = metricPart(metric);
  if (rankStanding(figure, metric) === "missing") notes.push(PART_MISSING[part]);
  if (figure.smartphones === 0) notes.push(NO_SMARTPHONES_LABEL);
  if (figure.qrVenues === 0) notes.push(NO_QR_VENUES_LABEL);
  return notes.join("; ");
}

/**
 * The status of a district's, city's or country's figure: which parts sum only some children
 * ("chưa đủ số liệu (1/18)" for the ranked part, "điểm QR chưa đủ số liệu (3/18)" for another part
 * with other counts), then zero denominators. An own (imported) figure is whole.
 */
export function aggregateStatus(figure: FigureWithParts | null, metric: RankMetric = "coverage"): string {
  if (figure === null) return NO_FIGURE_LABEL;
  const main = metricPart(metric);
  const notes: string[] = [];
  const mainCounts = partCounts(figure, main);
  if (!isPartComplete(figure, main)) {
    notes.push(mainCounts ? partialLabel(mainCounts.counted, mainCounts.total) : PARTIAL_LABEL);
  }
  for (const part of (["coverage", "qr", "scans"] as const).filter((p) => p !== main)) {
    if (isPartComplete(figure, part)) continue;
    const counts = partCounts(figure, part);
    if (counts === null) continue; // no sum of children for it at all: nothing to count
    const sameAsMain = mainCounts !== null && !isPartComplete(figure, main) && counts.counted === mainCounts.counted;
    if (!sameAsMain) notes.push(`${PART_NAMES[part]} ${partialLabel(counts.counted, counts.total)}`);
  }
  if (figure.smartphones === 0 && isPartComplete(figure, "coverage")) notes.push(NO_SMARTPHONES_LABEL);
  if (figure.qrVenues === 0 && isPartComplete(figure, "qr")) notes.push(NO_QR_VENUES_LABEL);
  return notes.join("; ");
}

/** Why a ward of a ranking has no target verdict ("đạt"/"chưa đạt"): the same words as its status. */
export function noVerdictReason(figure: FigureWithParts | null): string | null {
  if (!hasReported(figure)) return NOT_REPORTED_LABEL;
  if (figure?.smartphones === 0) return NO_SMARTPHONES_LABEL;
  return null;
}
