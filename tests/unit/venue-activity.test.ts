import { describe, expect, it } from "vitest";
import { dayOfInstant } from "../../lib/domain/days.ts";
import { classifyVenue, classifyVenues, countByActivity, type VenueDay } from "../../lib/domain/venue-activity.ts";

const DAY = "2021-08-14";

describe("classifyVenue", () => {
  it("is active with a scan on the day", () => {
    expect(classifyVenue(DAY, DAY, 3)).toBe("active");
  });

  it("is idle without a scan on the day but one in the 6 days before", () => {
    expect(classifyVenue(DAY, "2021-08-13", 0)).toBe("idle");
    expect(classifyVenue(DAY, "2021-08-08", 0)).toBe("idle"); // 6 days before: still within the 7-day week
  });

  it("is dormant after 7 days without a scan, or never scanned", () => {
    expect(classifyVenue(DAY, "2021-08-07", 0)).toBe("dormant");
    expect(classifyVenue(DAY, null, 0)).toBe("dormant");
  });

  it("uses calendar days in Asia/Ho_Chi_Minh: 23:59:59 on 14/8 counts for 14/8, 17:00Z for 15/8", () => {
    const lateOn14 = dayOfInstant(new Date("2021-08-14T23:59:59+07:00"));
    expect(classifyVenue(DAY, lateOn14, 1)).toBe("active");
    const earlyOn15 = dayOfInstant(new Date("2021-08-14T17:00:00Z"));
    expect(earlyOn15).toBe("2021-08-15");
    expect(() => classifyVenue(DAY, earlyOn15, 0)).toThrow(RangeError); // a scan after the day cannot be its last
  });
});

describe("classifyVenues", () => {
  const venue = (code: string, lastScanDay: string | null, scansOnDay: number): VenueDay => ({
    code,
    name: `Địa điểm ${code}`,
    category: "BUSINESS",
    scansOnDay,
    scansLast7Days: scansOnDay,
    lastScanDay,
  });

  it("lists never-scanned and longest-dormant venues first, then idle, then active by scans", () => {
    const list = classifyVenues(DAY, [
      venue("a1", DAY, 2),
      venue("a2", DAY, 9),
      venue("i1", "2021-08-12", 0),
      venue("d1", "2021-08-01", 0),
      venue("n1", null, 0),
    ]);
    expect(list.map((v) => v.code)).toEqual(["n1", "d1", "i1", "a2", "a1"]);
    expect(list.map((v) => v.daysSinceLastScan)).toEqual([null, 13, 2, 0, 0]);
    expect(countByActivity(list)).toEqual({ active: 2, idle: 1, dormant: 2 });
  });
});
