import { describe, expect, it } from "vitest";
import { addDays } from "../../lib/domain/days.ts";
import type { FigureValues } from "../../lib/domain/figures.ts";
import { lastReportedValues, reportCheckFindings, reportWarnings, warningKey, type HistoryDay } from "../../lib/domain/report-checks.ts";

const DAY = "2021-08-18";
const none: FigureValues = { smartphones: null, installs: null, qrVenues: null, activeVenues: null, scans: null };

/** 14 days before DAY: installs +100/day (±10), scans 1000 ± 50, smartphones 10 000. */
function history(): HistoryDay[] {
  return Array.from({ length: 14 }, (_, i) => {
    const day = addDays(DAY, -14 + i);
    return {
      day,
      values: {
        smartphones: 10_000,
        installs: 5_000 + i * 100 + (i % 2 === 0 ? 0 : 10),
        qrVenues: 200 + i,
        activeVenues: 100,
        scans: 1_000 + (i % 2 === 0 ? 50 : -50),
      },
    };
  });
}

const yesterdayInstalls = 5_000 + 13 * 100 + 10;

describe("report warnings", () => {
  it("gives none for ordinary figures", () => {
    const w = reportWarnings(DAY, { smartphones: 10_000, installs: yesterdayInstalls + 100, qrVenues: 214, activeVenues: 100, scans: 1_020 }, history());
    expect(w).toEqual([]);
  });

  it("warns when cumulative installs are lower than the day before", () => {
    const w = reportWarnings(DAY, { ...none, installs: yesterdayInstalls - 1 }, history());
    expect(w.map(warningKey)).toContain("INSTALLS_DECREASED:installs");
    const decreased = w.find((x) => x.code === "INSTALLS_DECREASED");
    expect(decreased?.reference).toBe(yesterdayInstalls);
    expect(decreased?.message).toContain("17/08/2021");
  });

  it("compares with the latest earlier day when yesterday is missing", () => {
    const h = history().filter((d) => d.day !== addDays(DAY, -1));
    const w = reportWarnings(DAY, { ...none, installs: 5_000 }, h);
    expect(w.find((x) => x.code === "INSTALLS_DECREASED")?.reference).toBe(5_000 + 12 * 100);
  });

  it("warns on a jump beyond the ward's usual range (scans, a daily count)", () => {
    const w = reportWarnings(DAY, { ...none, scans: 5_000 }, history());
    expect(w.map(warningKey)).toEqual(["UNUSUAL_VALUE:scans"]);
    // Wording changed (issue 16): plain words instead of "trung vị", and what to check.
    expect(w[0]?.message).toBe(
      "Số lượt quét mã QR ngày 18/08/2021 (5.000) cao hơn nhiều so với thường ngày (trong 14 ngày gần đây thường khoảng 1.000). " +
        "Hãy kiểm tra xem có gõ thừa chữ số, hoặc có cộng cả lượt quét của ngày khác không. Nếu số liệu đúng, hãy ghi lý do vào ô Ghi chú.",
    );
  });

  it("judges cumulative installs on their daily change, not their level", () => {
    // +100 a day is usual even though the level is far above the 14-day median.
    expect(reportWarnings(DAY, { ...none, installs: yesterdayInstalls + 95 }, history())).toEqual([]);
    // +2 000 in a day is not.
    const w = reportWarnings(DAY, { ...none, installs: yesterdayInstalls + 2_000 }, history());
    expect(w.map(warningKey)).toEqual(["UNUSUAL_VALUE:installs"]);
    expect(w[0]?.value).toBe(2_000);
  });

  it("ignores days outside the 14 days before the report and days after it", () => {
    const far = [{ day: addDays(DAY, -30), values: { ...none, installs: 999_999 } }];
    const after = [{ day: addDays(DAY, 1), values: { ...none, installs: 999_999 } }];
    expect(reportWarnings(DAY, { ...none, installs: 10 }, [...far, ...after])).toEqual([]);
  });

  it("says nothing about fields left empty or without enough history", () => {
    expect(reportWarnings(DAY, none, history())).toEqual([]);
    expect(reportWarnings(DAY, { ...none, scans: 1_000_000 }, history().slice(-3))).toEqual([]);
  });

  it("raises one warning for a fall in installs, not also an unusual daily change", () => {
    const values = { ...none, installs: yesterdayInstalls - 500 };
    // Both checks find it …
    expect(reportCheckFindings(DAY, values, history()).map(warningKey)).toEqual(["INSTALLS_DECREASED:installs", "UNUSUAL_VALUE:installs"]);
    // … the ward chair is told once, with what to check.
    const w = reportWarnings(DAY, values, history());
    expect(w.map(warningKey)).toEqual(["INSTALLS_DECREASED:installs"]);
    expect(w[0]?.message).toBe(
      "Số lượt cài Bluezone cộng dồn ngày 18/08/2021 (5.810) thấp hơn ngày 17/08/2021 (6.310), giảm 500. Số cộng dồn không giảm theo ngày: " +
        "hãy kiểm tra xem có gõ nhầm chữ số không, hoặc số đã báo cáo ngày 17/08/2021 có bị thừa không. " +
        "Nếu số hôm nay đúng (ví dụ đã loại các lượt cài trùng), hãy ghi lý do vào ô Ghi chú.",
    );
  });

  it("keeps one warning per field when several fields are unusual", () => {
    const w = reportWarnings(DAY, { ...none, scans: 5_000, activeVenues: 10 }, history());
    expect(w.map(warningKey)).toEqual(["UNUSUAL_VALUE:activeVenues", "UNUSUAL_VALUE:scans"]);
    expect(w[0]?.message).toContain("(10) thấp hơn nhiều so với thường ngày");
    expect(w[0]?.message).toContain("còn thiếu số liệu của một số địa điểm");
  });

  it("says in plain words when cumulative installs did not move, and what to check", () => {
    const [w] = reportWarnings(DAY, { ...none, installs: yesterdayInstalls }, history());
    expect(w?.message).toBe(
      "Số lượt cài Bluezone ngày 18/08/2021 tăng 0 so với ngày 17/08/2021, ít hơn hẳn thường ngày (trong 13 ngày gần đây, mỗi ngày " +
        "thường tăng khoảng 110). Hãy kiểm tra đã cập nhật số cộng dồn đến hết ngày 18/08/2021 chưa (có thể vẫn là số của ngày trước), " +
        "có gõ thiếu chữ số không. Nếu số liệu đúng, hãy ghi lý do vào ô Ghi chú.",
    );
  });

  it("never uses statistical terms", () => {
    const cases = [{ ...none, scans: 5_000 }, { ...none, installs: yesterdayInstalls + 2_000 }, { ...none, smartphones: 50_000 }, { ...none, installs: 1 }];
    for (const values of cases) {
      for (const w of reportWarnings(DAY, values, history())) expect(w.message).not.toMatch(/trung vị|độ lệch|MAD/);
    }
  });
});

describe("last reported values", () => {
  it("takes each carried field from its own latest day before the report's day", () => {
    const h: HistoryDay[] = [
      { day: "2021-08-15", values: { smartphones: 9_000, installs: 4_000, qrVenues: 200, activeVenues: 30, scans: 900 } },
      { day: "2021-08-16", values: { ...none, installs: 4_100 } },
      { day: "2021-08-18", values: { ...none, installs: 9_999 } },
    ];
    expect(lastReportedValues(DAY, h)).toEqual({
      smartphones: { day: "2021-08-15", value: 9_000 },
      installs: { day: "2021-08-16", value: 4_100 },
      qrVenues: { day: "2021-08-15", value: 200 },
    });
    expect(lastReportedValues(DAY, [])).toEqual({});
  });
});
