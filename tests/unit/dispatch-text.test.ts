import { describe, expect, it } from "vitest";
import {
  buildDispatchDocument,
  cityInstallsRuns,
  districtInstallsRuns,
  formatDispatchDay,
  inSentenceUnitName,
  joinVietnamese,
  laggingWardsRuns,
  qrRuns,
  runsText,
  shortUnitName,
  type DispatchFigures,
} from "@/lib/domain/dispatch-text";
import { spacesAtRunEnds } from "@/lib/documents/dispatch/pdf";
import { FIGURES, HOAN_KIEM_TEMPLATE } from "./dispatch-fixtures";

// The draft dispatch's sentences, built from figures: the wording of dispatch 1178/UBND-VHTT on its
// own figures, and what changes when a figure or a rank is unknown.

describe("dispatch sentences", () => {
  it("reproduce the dispatch's district and QR sentences word for word", () => {
    expect(runsText(districtInstallsRuns(FIGURES))).toBe(
      "Quận Hoàn Kiếm có số lượng điện thoại thông minh là 150.788 chiếc trong đó số lượng điện thoại thông minh đã cài đặt ứng dụng Bluezone là 77.113 chiếc chiếm tỷ lệ 51,14% đứng thứ 7 trên toàn Thành phố.",
    );
    expect(runsText(qrRuns(FIGURES))).toBe(
      "Theo số liệu được trích xuất trên hệ thống: tính đến hết ngày 14/8/2021, trên phạm vi toàn Thành phố đã có 206.385 địa điểm tạo mã QR, trong đó (trong ngày 14/8/2021) chỉ có 14.698 địa điểm phát sinh các lượt quét mã QR; phường Phúc Tân không phát sinh lượt quét mã QR trong ngày 14/8/2021.",
    );
    expect(runsText(cityInstallsRuns(HOAN_KIEM_TEMPLATE, FIGURES))).toBe(
      "Theo số liệu do Cục Tin học và Sở Thông tin và Truyền thông cung cấp đến ngày 17/8/2021, trên phạm vi địa bàn thành phố Hà Nội đã có 3.220.382 lượt tải và cài đặt ứng dụng Bluezone trên điện thoại thông minh, đạt tỷ lệ 47,05% (Số lượng điện thoại thông minh tại Hà Nội đã cài đặt ứng dụng Bluezone đứng thứ 7 trên toàn quốc).",
    );
  });

  it("bold numbers and the italic national rank, as in the signed dispatch", () => {
    expect(districtInstallsRuns(FIGURES).filter((r) => r.bold).map((r) => r.text)).toEqual(["150.788", "77.113"]);
    expect(cityInstallsRuns(HOAN_KIEM_TEMPLATE, FIGURES).find((r) => r.italic)?.text).toMatch(/^Số lượng điện thoại/);
  });

  it("rounds the rate half-up on the exact ratio (10.229 / 20.000 = 51,145% → 51,15%)", () => {
    const f = { ...FIGURES, district: { ...FIGURES.district, installs: 10_229, smartphones: 20_000 } };
    expect(runsText(districtInstallsRuns(f))).toContain("chiếm tỷ lệ 51,15% đứng thứ 7");
  });

  it("leaves out a rank that is not known instead of guessing it", () => {
    const f: DispatchFigures = { ...FIGURES, city: { ...FIGURES.city, nationalRank: null }, district: { ...FIGURES.district, rankInCity: null } };
    expect(runsText(cityInstallsRuns(HOAN_KIEM_TEMPLATE, f))).toMatch(/đạt tỷ lệ 47,05%\.$/);
    expect(runsText(districtInstallsRuns(f))).toMatch(/chiếm tỷ lệ 51,14%\.$/);
  });

  // Issue 11: a day on which some ward's scans are unknown gets no dispatch (refused in
  // lib/data/dispatch.ts, tested in tests/integration/exports-completeness.test.ts), so the sentence
  // only ever names reported zeros; it no longer has a "chưa báo cáo" clause.
  it("names several zero-scan wards, never a ward without figures, and says nothing when all scanned", () => {
    const several: DispatchFigures = {
      ...FIGURES,
      zeroScanWards: [
        { code: "00037", name: "Phường Phúc Tân" },
        { code: "00052", name: "Phường Hàng Bồ" },
      ],
    };
    expect(runsText(qrRuns(several))).toMatch(/QR; các phường Phúc Tân và Hàng Bồ không phát sinh lượt quét mã QR trong ngày 14\/8\/2021\.$/);
    expect(runsText(qrRuns(several))).not.toContain("chưa báo cáo");
    expect(runsText(qrRuns({ ...FIGURES, zeroScanWards: [] }))).toMatch(/phát sinh các lượt quét mã QR\.$/);
  });

  it("names communes and townships with their own type, in the QR sentence and the lagging wards", () => {
    const rural: DispatchFigures = {
      ...FIGURES,
      district: { ...FIGURES.district, name: "Huyện Đông Anh" },
      zeroScanWards: [
        { code: "00460", name: "Xã Vân Hà" },
        { code: "00454", name: "Thị trấn Đông Anh" },
      ],
      laggingWards: [
        { name: "Xã Vân Hà", coverage: { num: 4_000, den: 10_000 }, installsToTarget: 2_000 },
        { name: "Xã Uy Nỗ", coverage: { num: 5_000, den: 10_000 }, installsToTarget: 1_000 },
      ],
    };
    expect(runsText(qrRuns(rural))).toMatch(/QR; xã Vân Hà và thị trấn Đông Anh không phát sinh lượt quét mã QR/);
    expect(runsText(qrRuns({ ...rural, zeroScanWards: rural.zeroScanWards.slice(0, 1).concat({ code: "00457", name: "Xã Uy Nỗ" }) }))).toMatch(
      /QR; các xã Vân Hà và Uy Nỗ không phát sinh/,
    );
    expect(runsText(laggingWardsRuns(rural) ?? [])).toMatch(/^Tính đến ngày 17\/8\/2021, 2 xã chưa đạt mục tiêu .*: xã Vân Hà đạt 40,00%/);
  });

  it("lists the lagging wards with their gap to the target, or nothing without a target", () => {
    const f: DispatchFigures = {
      ...FIGURES,
      laggingWards: [
        { name: "Phường Phúc Tân", coverage: { num: 4_000, den: 10_000 }, installsToTarget: 2_000 },
        { name: "Phường Hàng Bồ", coverage: { num: 5_500, den: 10_000 }, installsToTarget: 500 },
      ],
    };
    expect(runsText(laggingWardsRuns(f) ?? [])).toBe(
      "Tính đến ngày 17/8/2021, 2 phường chưa đạt mục tiêu tỷ lệ cài đặt ứng dụng Bluezone 60,00%: phường Phúc Tân đạt 40,00%, còn thiếu 2.000 lượt cài đặt; phường Hàng Bồ đạt 55,00%, còn thiếu 500 lượt cài đặt.",
    );
    expect(laggingWardsRuns({ ...f, coverageTargetBasisPoints: null })).toBeNull();
    expect(laggingWardsRuns(FIGURES)).toBeNull();
  });

  it("builds the document: header, number, date line, subject, numbered requests, signer", () => {
    const d = buildDispatchDocument(HOAN_KIEM_TEMPLATE, FIGURES);
    expect(d.numberLine).toBe("Số: 1178/UBND-VHTT");
    expect(d.dateLine).toBe("Hoàn Kiếm, ngày 17 tháng 8 năm 2021");
    expect(d.subjectLine).toMatch(/^V\/v tiếp tục đẩy mạnh/);
    expect(d.nationalTitle).toBe("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(d.nationalMotto).toBe("Độc lập - Tự do - Hạnh phúc");
    const body = d.body.map(runsText);
    expect(body[0]).toMatch(/toàn quốc\)\. Quận Hoàn Kiếm có số lượng/);
    expect(body.filter((p) => /^\d\. /.test(p)).map((p) => p.slice(0, 3))).toEqual(["1. ", "2. ", "3. "]);
    expect(body.at(-1)).toMatch(/nghiêm túc triển khai thực hiện\.\/\.$/);
    expect(d.signerTitles).toEqual(["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]);
    // A draft without a number leaves room for the clerk.
    expect(buildDispatchDocument({ ...HOAN_KIEM_TEMPLATE, documentNumber: "" }, FIGURES).numberLine).toMatch(/^Số: +\/UBND-VHTT$/);
    // January and February get a leading zero in the date line (Decree 30/2020/NĐ-CP).
    expect(buildDispatchDocument(HOAN_KIEM_TEMPLATE, { ...FIGURES, installDay: "2022-02-05" }).dateLine).toBe("Hoàn Kiếm, ngày 05 tháng 02 năm 2022");
  });

  it("helpers: dates, names and lists the Vietnamese way", () => {
    expect(formatDispatchDay("2021-08-04")).toBe("4/8/2021");
    expect(shortUnitName("Thành phố Hà Nội")).toBe("Hà Nội");
    expect(inSentenceUnitName("Phường Phúc Tân")).toBe("phường Phúc Tân");
    expect(inSentenceUnitName("Quận Hoàn Kiếm")).toBe("quận Hoàn Kiếm");
    expect(joinVietnamese(["A"])).toBe("A");
    expect(joinVietnamese(["A", "B", "C"])).toBe("A, B và C");
  });

  it("the PDF writer keeps every space when emphasis changes mid-sentence", () => {
    expect(spacesAtRunEnds([{ text: "là " }, { text: "150.788", bold: true }, { text: " chiếc" }])).toEqual([
      { text: "là " },
      { text: "150.788 ", bold: true },
      { text: "chiếc" },
    ]);
  });
});
