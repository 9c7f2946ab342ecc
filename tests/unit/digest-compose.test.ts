import { describe, expect, it } from "vitest";
import { composeDigest, digestWithBase, type DigestFacts } from "../../lib/digest/compose.ts";

const base: DigestFacts = {
  day: "2021-08-14",
  district: { code: "002", name: "Quận Hoàn Kiếm" },
  city: { code: "01", name: "Thành phố Hà Nội" },
  wardNoun: "phường",
  coverage: { kind: "complete", counted: 18, total: 18, installs: 10_229, smartphones: 20_000, rate: { num: 10_229, den: 20_000 } },
  rankInCity: 7,
  districtsRanked: 30,
  rankChangeDay: -2,
  coverageChangeDay: 25,
  zeroScanWards: [{ code: "00037", name: "Phường Phúc Tân" }],
  notReportedWards: [],
  target: { basisPoints: 6000, installsToTarget: 1771 },
  topAlerts: [{ severity: "critical", message: "Phường Phúc Tân không phát sinh lượt quét mã QR." }],
  alertCount: 5,
};

describe("the morning digest's words", () => {
  it("a whole day: rate half-up on the exact ratio, rank with its change, the gap to target, the zero-scan ward, links", () => {
    const d = composeDigest(base);
    expect(d.subject).toBe("Bản tin sáng Quận Hoàn Kiếm: số liệu ngày 14/8/2021");
    expect(d.paragraphs[0]).toBe(
      "Ngày 14/8/2021, Quận Hoàn Kiếm có 20.000 điện thoại thông minh, trong đó 10.229 chiếc đã cài đặt ứng dụng Bluezone, chiếm tỷ lệ 51,15%, +0,25 điểm % so với ngày trước, đứng thứ 7/30 trên toàn thành phố Hà Nội (giảm 2 bậc so với ngày trước).",
    );
    expect(d.text).toContain("Còn 1.771 lượt cài đặt nữa để đạt mục tiêu 60,00%.");
    expect(d.text).toContain("Phường Phúc Tân không phát sinh lượt quét mã QR trong ngày 14/8/2021.");
    expect(d.text).toContain("Tất cả 18 phường đã báo cáo.");
    expect(d.text).toContain("Cảnh báo nổi bật (và 4 cảnh báo khác):");
    expect(d.links.map((l) => l.path)).toEqual(["/?district=002&day=2021-08-14", "/alerts?district=002&day=2021-08-14", "/wards/00037?day=2021-08-14"]);
    expect(digestWithBase(d, "https://ww.example.vn/").text).toContain("Tổng quan ngày: https://ww.example.vn/?district=002&day=2021-08-14");
  });

  it("a partial day is the wards' sum, said as k/n: no rate, no rank, no change, no target verdict", () => {
    const d = composeDigest({
      ...base,
      coverage: { kind: "partial", counted: 17, total: 18, installs: 9_000, smartphones: 19_000, rate: null },
      rankInCity: null,
      rankChangeDay: null,
      coverageChangeDay: null,
      target: null,
      notReportedWards: [{ code: "00052", name: "Phường Hàng Bồ" }],
    });
    expect(d.paragraphs[0]).toContain("mới có 17/18 phường báo cáo");
    expect(d.paragraphs[0]).toContain("chưa phải số của toàn quận và chưa xếp hạng");
    expect(d.text).not.toMatch(/đứng thứ|tỷ lệ|mục tiêu/);
    expect(d.text).toContain("Chưa báo cáo: phường Hàng Bồ (1/18).");
  });

  it("several zero-scan wards are named together; no alerts is said; HTML is escaped", () => {
    const d = composeDigest({
      ...base,
      zeroScanWards: [
        { code: "1", name: "Phường Phúc Tân" },
        { code: "2", name: "Phường <Hàng> Bồ" },
      ],
      topAlerts: [],
      alertCount: 0,
    });
    expect(d.text).toContain("Các phường Phúc Tân và <Hàng> Bồ không phát sinh lượt quét mã QR");
    expect(d.text).toContain("Không có cảnh báo nào trong ngày.");
    expect(d.html).toContain("&lt;Hàng&gt;");
    expect(d.html).not.toContain("<Hàng>");
  });
});
