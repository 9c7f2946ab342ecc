import { describe, expect, it } from "vitest";
import { chaseListText, dueDaysOfMonth, formatPhone, telHref } from "../../lib/domain/chase-list.ts";

// "Who to chase" (issue 16): the message pasted into Zalo or an SMS, and the chairs' phones.

const dueAt = new Date("2021-08-15T10:00:00+07:00");

describe("the list of wards to chase", () => {
  it("names the district, the day (dd/MM/yyyy), k/n wards, the deadline passed, then each ward with its chairs", () => {
    const text = chaseListText({
      districtName: "Quận Hoàn Kiếm",
      day: "2021-08-14",
      wardCount: 18,
      missing: [
        { name: "Phường Phúc Tân", chairs: ["Nguyễn Văn An"] },
        { name: "Phường Hàng Bồ", chairs: [] },
        { name: "Phường Hàng Mã", chairs: ["Trần Thị Bình", "Lê Văn Cường"] },
      ],
      dueAt,
      now: new Date("2021-08-15T11:00:00+07:00"),
    });
    expect(text.split("\n")).toEqual([
      "Quận Hoàn Kiếm, báo cáo ngày 14/08/2021: còn 3/18 phường chưa gửi báo cáo (đã quá hạn nộp 10:00 ngày 15/08/2021).",
      "1. Phường Phúc Tân: Nguyễn Văn An",
      "2. Phường Hàng Bồ: chưa có tài khoản chủ tịch phường",
      "3. Phường Hàng Mã: Trần Thị Bình, Lê Văn Cường",
      "Đề nghị các đồng chí gửi báo cáo ngay.",
    ]);
  });

  it("says the deadline is still ahead before it passes (a report at the deadline itself is on time)", () => {
    const text = chaseListText({ districtName: "Quận Ba Đình", day: "2021-08-14", wardCount: 14, missing: [{ name: "Phường Ngọc Khánh", chairs: ["A"] }], dueAt, now: dueAt });
    expect(text.split("\n")[0]).toBe("Quận Ba Đình, báo cáo ngày 14/08/2021: còn 1/14 phường chưa gửi báo cáo (hạn nộp 10:00 ngày 15/08/2021).");
  });

  it("says every ward reported when none is missing", () => {
    expect(chaseListText({ districtName: "Quận Ba Đình", day: "2021-08-14", wardCount: 14, missing: [], dueAt, now: dueAt })).toBe(
      "Quận Ba Đình, báo cáo ngày 14/08/2021: 14/14 phường đã gửi báo cáo.",
    );
  });
});

describe("phones", () => {
  it("shows a mobile number in groups and dials it in the international form", () => {
    expect(formatPhone("0912345678")).toBe("0912 345 678");
    expect(formatPhone("02438253536")).toBe("024 3825 3536");
    expect(telHref("0912345678")).toBe("tel:+84912345678");
    expect(telHref("02438253536")).toBe("tel:+842438253536");
  });
});

describe("the due days of the month", () => {
  it("runs from the first of the month, or from the district's first day with figures when later", () => {
    expect(dueDaysOfMonth("2021-08-14", "2021-07-19")).toEqual({ from: "2021-08-01", to: "2021-08-14" });
    expect(dueDaysOfMonth("2021-07-25", "2021-07-19")).toEqual({ from: "2021-07-19", to: "2021-07-25" });
    expect(dueDaysOfMonth("2021-07-10", "2021-07-19")).toBeNull();
    expect(dueDaysOfMonth("2021-07-10", null)).toBeNull();
  });
});
