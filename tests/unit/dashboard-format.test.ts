import { describe, expect, it } from "vitest";
import {
  capitalizeNoun,
  countedWord,
  formatAmountNeeded,
  formatChildrenSum,
  formatDaysToTarget,
  formatDenominatorChange,
  formatImportRef,
  formatOrigin,
  formatOwnSource,
  formatPartCount,
  formatRankChange,
  formatStanding,
  formatUpdating,
  formatWithheld,
  isWardLevelNoun,
  mergeNouns,
  nounFor,
  shortUnitName,
} from "../../lib/domain/dashboard-format.ts";
import { unitNoun } from "../../lib/domain/unit-wording.ts";

describe("dashboard wording", () => {
  it("says how a rank moved in words", () => {
    expect(formatRankChange(2)).toBe("tăng 2 bậc");
    expect(formatRankChange(-1)).toBe("giảm 1 bậc");
    expect(formatRankChange(0)).toBe("giữ nguyên");
    expect(formatRankChange(null)).toBe("—");
  });

  it("says what is still needed", () => {
    expect(formatAmountNeeded(13_360, "lượt cài")).toBe("13.360 lượt cài");
    expect(formatAmountNeeded(0, "lượt cài")).toBe("đã đạt");
    expect(formatAmountNeeded("unreachable", "địa điểm")).toBe("không thể vượt");
    expect(formatAmountNeeded(null, "lượt quét")).toBe("—");
    expect(formatAmountNeeded(1228)).toBe("1.228");
  });

  it("says when a target is reached, or that it is not at this pace", () => {
    expect(formatDaysToTarget(20, "2021-09-06")).toBe("20 ngày (06/09/2021)");
    expect(formatDaysToTarget("unreachable", null)).toBe("không đạt được");
    expect(formatDaysToTarget(0, "2021-08-17")).toBe("đã đạt");
    expect(formatDaysToTarget(null, null)).toBe("—");
  });
});

describe("completeness and provenance wording (issue 11)", () => {
  const partial = { kind: "sum", counted: 17, total: 18 } as const;
  const whole = { kind: "sum", counted: 30, total: 30 } as const;

  it("says how many children a sum counts, and an own figure's source instead", () => {
    expect(formatPartCount(partial, "phường")).toBe("17/18 phường");
    expect(formatPartCount({ kind: "own" }, "phường")).toBeNull();
    expect(formatOrigin(partial, "phường")).toBe("chưa đủ số liệu: 17/18 phường");
    expect(formatOrigin(whole, "quận, huyện")).toBe("tổng 30/30 quận, huyện");
    expect(formatOrigin({ kind: "own" }, "phường")).toBe("Dữ liệu nhập từ hệ thống quốc gia");
    expect(formatOrigin(null, "phường")).toBeNull();
  });

  it("says why a unit is not ranked: partial, no denominator, not reported", () => {
    expect(formatStanding("partial", { kind: "sum", counted: 1, total: 18 }, "coverage", "phường")).toBe("chưa đủ số liệu, 1/18 phường");
    expect(formatStanding("no-denominator", null, "coverage", "phường")).toBe("không có điện thoại thông minh");
    expect(formatStanding("no-denominator", null, "qrActive", "phường")).toBe("không có địa điểm tạo mã QR");
    expect(formatStanding("missing", null, "coverage", "phường")).toBe("chưa báo cáo");
    expect(formatStanding("ranked", null, "coverage", "phường")).toBeNull();
    expect(formatUpdating(1, 18, "phường")).toBe("Đang cập nhật: 1/18 phường đã báo cáo");
    expect(formatUpdating(0, 30, "quận, huyện")).toBe("Đang cập nhật: 0/30 quận, huyện đủ số liệu");
  });

  it("says why a change is withheld", () => {
    const nouns = { children: "phường", ranked: "quận, huyện" } as const;
    expect(formatWithheld({ kind: "partial", when: "earlier", day: "2021-08-15", counted: 17, total: 18 }, 1, nouns)).toBe(
      "không so sánh: số liệu hôm trước (15/08/2021) chưa đầy đủ (17/18 phường)",
    );
    expect(formatWithheld({ kind: "partial", when: "day", day: "2021-08-18", counted: 1, total: 18 }, 7, nouns)).toBe(
      "không so sánh: số liệu ngày 18/08/2021 chưa đầy đủ (1/18 phường)",
    );
    expect(formatWithheld({ kind: "missing", when: "earlier", day: "2021-08-10", }, 7, nouns)).toBe("không so sánh: chưa có số liệu tuần trước (10/08/2021)");
    expect(formatWithheld({ kind: "not-ranked", when: "day", day: "2021-08-18", standing: "partial" }, 1, nouns)).toBe(
      "không so sánh: ngày 18/08/2021 chưa được xếp hạng (chưa đủ số liệu)",
    );
    expect(formatWithheld({ kind: "different-sets", day: "2021-08-16", today: 18, earlier: 17 }, 1, nouns)).toBe(
      "không so sánh: hôm trước và ngày 16/08/2021 không xếp hạng cùng các quận, huyện (17 và 18)",
    );
    expect(formatWithheld({ kind: "different-reporters", day: "2021-08-16" }, 1, nouns)).toBe(
      "không so sánh: các phường có số liệu ngày 16/08/2021 và hôm trước khác nhau",
    );
  });

  it("names an import and compares an own figure with the sum of the wards", () => {
    const ref = { id: 12, fileName: "thong-ke-cai-dat.csv", at: "2021-08-18T03:05:00.000Z" };
    expect(formatImportRef(ref)).toBe("lần nhập số 12 (tệp thong-ke-cai-dat.csv, 10:05 18/08/2021)");
    expect(formatImportRef(null)).toBe("không ghi lần nhập");
    expect(formatOwnSource("IMPORT", ref)).toBe("Dữ liệu nhập từ hệ thống quốc gia, lần nhập số 12 (tệp thong-ke-cai-dat.csv, 10:05 18/08/2021)");
    const p = {
      part: "coverage" as const,
      source: "IMPORT" as const,
      importRef: ref,
      own: { smartphones: 150_788, installs: 77_113 },
      childrenSum: { values: { smartphones: 150_000, installs: 76_000, qrVenues: null, activeVenues: null, scans: null }, counted: 17, total: 18 },
      differences: { smartphones: 788, installs: 1113 },
      rateDifference: 47,
    };
    expect(formatChildrenSum(p, "installs", "phường")).toBe("Tổng 17/18 phường đã báo cáo: 76.000 (chênh lệch +1.113)");
    expect(formatChildrenSum(p, null, "phường")).toBe("Tỷ lệ theo tổng 17/18 phường đã báo cáo: 50,67% (chênh lệch +0,47 điểm %)");
    expect(formatChildrenSum({ ...p, childrenSum: null }, "installs", "phường")).toBe("Chưa có phường nào có số liệu để đối chiếu");
  });

  it("says since when a denominator holds its value", () => {
    const base = { field: "smartphones" as const, value: 8412, knownOn: "2021-08-17", source: "WARD_REPORT" as const, importRef: null, firstDay: "2021-07-19" };
    expect(formatDenominatorChange({ ...base, changedOn: null, previous: null, previousDay: null })).toBe(
      "không đổi từ ngày 19/07/2021 (ngày đầu tiên có số liệu)",
    );
    expect(formatDenominatorChange({ ...base, changedOn: "2021-08-16", previous: 8400, previousDay: "2021-08-15" })).toBe(
      "thay đổi gần nhất ngày 16/08/2021 (trước đó 8.400, ngày 15/08/2021)",
    );
  });
});

describe("the words of unit types (issue 12)", () => {
  const xaThiTran = unitNoun(["Xã", "Thị trấn", "Xã"], "WARD");
  const haNoi = unitNoun([...Array(12).fill("Quận"), ...Array(17).fill("Huyện"), "Thị xã"], "DISTRICT");

  it("counts a district's wards in their own words, and says that wards report", () => {
    expect(xaThiTran).toBe("xã, thị trấn");
    expect(haNoi).toBe("quận, huyện, thị xã");
    expect(formatPartCount({ kind: "sum", counted: 12, total: 23 }, xaThiTran)).toBe("12/23 xã, thị trấn");
    expect(formatOrigin({ kind: "sum", counted: 29, total: 30 }, haNoi)).toBe("chưa đủ số liệu: 29/30 quận, huyện, thị xã");
    expect(formatStanding("partial", { kind: "sum", counted: 12, total: 23 }, "coverage", xaThiTran)).toBe("chưa đủ số liệu, 12/23 xã, thị trấn");
    expect(formatUpdating(3, 23, xaThiTran)).toBe("Đang cập nhật: 3/23 xã, thị trấn đã báo cáo");
    expect(formatUpdating(3, 15, "phường, xã")).toBe("Đang cập nhật: 3/15 phường, xã đã báo cáo");
    expect(formatUpdating(29, 30, haNoi)).toBe("Đang cập nhật: 29/30 quận, huyện, thị xã đủ số liệu");
    expect(
      formatWithheld({ kind: "partial", when: "earlier", day: "2021-08-15", counted: 22, total: 23 }, 1, { children: xaThiTran, ranked: haNoi }),
    ).toBe("không so sánh: số liệu hôm trước (15/08/2021) chưa đầy đủ (22/23 xã, thị trấn)");
  });

  it("tells ward-level nouns (they report) from district-level ones (their sums are whole)", () => {
    expect(["phường", "xã, thị trấn", "phường, xã", "xã, phường, thị trấn"].map(isWardLevelNoun)).toEqual([true, true, true, true]);
    expect(["quận, huyện", "thị xã", "quận, huyện, thị xã, thành phố", ""].map(isWardLevelNoun)).toEqual([false, false, false, false]);
    expect(countedWord("xã, thị trấn")).toBe("đã báo cáo");
    expect(countedWord("quận, huyện")).toBe("đủ số liệu");
  });

  it("capitalizes, merges and shortens", () => {
    expect(capitalizeNoun("xã, thị trấn")).toBe("Xã, thị trấn");
    expect(capitalizeNoun("")).toBe("");
    expect(mergeNouns(["phường", "xã, thị trấn", "phường"], "WARD")).toBe("phường, xã, thị trấn");
    expect(mergeNouns([], "WARD")).toBe("xã, phường, thị trấn");
    expect(nounFor("phường", "001")).toBe("phường");
    expect(nounFor((code) => (code === "016" ? "xã, thị trấn" : "phường"), "016")).toBe("xã, thị trấn");
    expect(["Phường Phúc Tân", "Xã Tây Tựu", "Thị trấn Sóc Sơn", "Quận 1", "Phường 12", "Huyện Ba Vì", "Thành phố Thủ Đức"].map(shortUnitName)).toEqual([
      "Phúc Tân",
      "Tây Tựu",
      "Sóc Sơn",
      "Quận 1",
      "Phường 12",
      "Ba Vì",
      "Thủ Đức",
    ]);
  });
});
