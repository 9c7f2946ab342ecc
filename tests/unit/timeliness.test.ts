import { describe, expect, it } from "vitest";
import {
  classifyReport,
  DEFAULT_REPORT_DEADLINE,
  describeDeadline,
  reportableDays,
  reportDueAt,
  summarizeTimeliness,
} from "../../lib/domain/timeliness.ts";

describe("report deadline (Asia/Ho_Chi_Minh)", () => {
  it("is 10:00 the next day by default", () => {
    expect(reportDueAt("2021-08-17").toISOString()).toBe("2021-08-18T03:00:00.000Z");
    expect(describeDeadline(DEFAULT_REPORT_DEADLINE)).toBe("10:00 ngày hôm sau");
  });

  it("follows a configured deadline", () => {
    expect(reportDueAt("2021-08-17", { daysAfter: 0, hour: 20, minute: 30 }).toISOString()).toBe("2021-08-17T13:30:00.000Z");
    expect(reportDueAt("2021-12-31", { daysAfter: 1, hour: 0, minute: 0 }).toISOString()).toBe("2021-12-31T17:00:00.000Z");
    expect(describeDeadline({ daysAfter: 0, hour: 20, minute: 30 })).toBe("20:30 cùng ngày");
  });
});

describe("classifyReport", () => {
  const base = { day: "2021-08-17", deadline: DEFAULT_REPORT_DEADLINE, now: new Date("2021-08-20T00:00:00Z") };
  it("is on time up to and including the deadline, late after it", () => {
    expect(classifyReport({ ...base, reported: true, firstSubmittedAt: new Date("2021-08-18T10:00:00+07:00") })).toBe("ON_TIME");
    expect(classifyReport({ ...base, reported: true, firstSubmittedAt: new Date("2021-08-18T10:00:00.001+07:00") })).toBe("LATE");
  });
  it("is missing once the deadline has passed without a report, pending before", () => {
    expect(classifyReport({ ...base, reported: false, firstSubmittedAt: null })).toBe("MISSING");
    expect(classifyReport({ ...base, reported: false, firstSubmittedAt: null, now: new Date("2021-08-18T09:59:00+07:00") })).toBe("PENDING");
  });
  it("counts a report without a submission time as on time", () => {
    expect(classifyReport({ ...base, reported: true, firstSubmittedAt: null })).toBe("ON_TIME");
  });
});

describe("summarizeTimeliness", () => {
  it("counts completeness and timeliness over the days that were due", () => {
    const s = summarizeTimeliness(["ON_TIME", "LATE", "MISSING", "ON_TIME", "PENDING"]);
    expect(s).toMatchObject({ expected: 4, reported: 3, onTime: 2, late: 1, missing: 1, pending: 1 });
    expect(s.completeness).toEqual({ num: 3, den: 4 });
    expect(s.timeliness).toEqual({ num: 2, den: 4 });
  });
  it("has no rate when nothing was due", () => {
    expect(summarizeTimeliness(["PENDING"]).completeness).toBeNull();
    expect(summarizeTimeliness([]).timeliness).toBeNull();
  });
});

describe("reportableDays", () => {
  it("drops days after today", () => {
    expect(reportableDays("2021-08-10", "2021-08-20", "2021-08-17")).toEqual({ from: "2021-08-10", to: "2021-08-17" });
    expect(reportableDays("2021-08-18", "2021-08-20", "2021-08-17")).toBeNull();
  });
});

describe("formatVietnamDateTime", () => {
  it("prints instants in Hà Nội time", async () => {
    const { formatVietnamDateTime, formatVietnamClock } = await import("../../lib/domain/instant-format.ts");
    expect(formatVietnamDateTime(new Date("2021-08-20T02:59:00Z"))).toBe("09:59 20/08/2021");
    expect(formatVietnamDateTime(new Date("2021-08-19T17:00:00Z"))).toBe("00:00 20/08/2021");
    expect(formatVietnamClock(new Date("2021-08-19T16:59:00Z"))).toBe("23:59");
  });
});
