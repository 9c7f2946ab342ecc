import { describe, expect, it } from "vitest";
import type { FigureWithParts } from "@/lib/domain/completeness";
import {
  aggregateStatus,
  NO_FIGURE_LABEL,
  NO_QR_VENUES_LABEL,
  NO_SMARTPHONES_LABEL,
  noVerdictReason,
  NOT_REPORTED_LABEL,
  partCounts,
  wardStatus,
} from "@/lib/domain/figure-status";
import { fig } from "./dashboard-fixtures";

// The status words every export and document writes (issue 11): "chưa báo cáo" means one thing
// (no install figures from any source), a partial sum says k/n, a zero denominator says so.

const sum = (counted: number, total: number) => ({ kind: "sum", counted, total }) as const;

function summed(values: Parameters<typeof fig>[0], coverage: number, qr: number, scans: number, total: number): FigureWithParts {
  return { ...fig(values), parts: { coverage: sum(coverage, total), qr: sum(qr, total), scans: sum(scans, total) } };
}

describe("a ward's status", () => {
  it("is 'chưa báo cáo' without install figures, whatever QR figures a scan log brought", () => {
    expect(wardStatus(null)).toBe(NOT_REPORTED_LABEL);
    expect(wardStatus(fig({ qrVenues: 12, activeVenues: 3, scans: 40 }))).toBe(NOT_REPORTED_LABEL);
    expect(wardStatus(fig({ qrVenues: 12, activeVenues: 3, scans: 40 }), "qrActive")).toBe(NOT_REPORTED_LABEL);
    expect(wardStatus(fig({ smartphones: 10 }))).toBe(NOT_REPORTED_LABEL);
  });

  it("is empty for a whole report, and says why a reported ward is not ranked", () => {
    expect(wardStatus(fig({ smartphones: 10, installs: 5, qrVenues: 4, activeVenues: 1, scans: 3 }))).toBe("");
    expect(wardStatus(fig({ smartphones: 0, installs: 0, qrVenues: 4, activeVenues: 1, scans: 3 }))).toBe(NO_SMARTPHONES_LABEL);
    expect(wardStatus(fig({ smartphones: 10, installs: 5, qrVenues: 0, activeVenues: 0, scans: 0 }), "qrActive")).toBe(NO_QR_VENUES_LABEL);
    expect(wardStatus(fig({ smartphones: 10, installs: 5 }), "qrActive")).toBe("chưa có số liệu điểm QR");
    expect(wardStatus(fig({ smartphones: 10, installs: 5 }), "scans")).toBe("chưa có số liệu lượt quét");
  });

  it("gives no verdict reason for a ward with a rate, and the status words for one without", () => {
    expect(noVerdictReason(fig({ smartphones: 10, installs: 5 }))).toBeNull();
    expect(noVerdictReason(fig({ smartphones: 0, installs: 0 }))).toBe(NO_SMARTPHONES_LABEL);
    expect(noVerdictReason(fig({ qrVenues: 3, activeVenues: 1 }))).toBe(NOT_REPORTED_LABEL);
  });
});

describe("an aggregate's status", () => {
  it("says k/n when the sum counts only some children, and nothing when it counts all or is the unit's own", () => {
    expect(aggregateStatus(summed({ smartphones: 7932, installs: 4100, qrVenues: 12, activeVenues: 0, scans: 0 }, 1, 1, 1, 18))).toBe(
      "chưa đủ số liệu (1/18)",
    );
    expect(aggregateStatus(summed({ smartphones: 100, installs: 50, qrVenues: 10, activeVenues: 3, scans: 9 }, 18, 18, 18, 18))).toBe("");
    expect(aggregateStatus(fig({ smartphones: 100, installs: 50 }))).toBe(""); // an imported figure of the district
    expect(aggregateStatus(null)).toBe(NO_FIGURE_LABEL);
  });

  it("names another part when its count differs, and says 0/n for a sum with no child", () => {
    expect(aggregateStatus(summed({ smartphones: 100, installs: 50, qrVenues: 10, activeVenues: 3, scans: 9 }, 18, 3, 18, 18))).toBe(
      "điểm QR chưa đủ số liệu (3/18)",
    );
    expect(aggregateStatus(summed({ qrVenues: 10, activeVenues: 3, scans: 9 }, 0, 1, 1, 18))).toBe(
      "chưa đủ số liệu (0/18); điểm QR chưa đủ số liệu (1/18); lượt quét chưa đủ số liệu (1/18)",
    );
    // ranked by the QR rate, the QR part comes first
    expect(aggregateStatus(summed({ smartphones: 100, installs: 50, qrVenues: 10, activeVenues: 3, scans: 9 }, 18, 3, 18, 18), "qrActive")).toBe(
      "chưa đủ số liệu (3/18)",
    );
  });

  it("reads the counts of a part even when the sum has no value", () => {
    expect(partCounts(summed({}, 0, 0, 0, 18), "coverage")).toEqual({ counted: 0, total: 18 });
    expect(partCounts(fig({ smartphones: 1, installs: 1 }), "coverage")).toBeNull();
    expect(partCounts(null, "scans")).toBeNull();
  });
});
