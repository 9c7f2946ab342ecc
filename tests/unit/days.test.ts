import { describe, expect, it } from "vitest";
import {
  addDays,
  compareIsoDays,
  dayOfInstant,
  dayRange,
  daysBetween,
  isIsoDay,
  isoDayParts,
  isoDayToUtcDate,
  isTodayOrYesterday,
  parseIsoDay,
  parseIsoDayOrThrow,
  todayInVietnam,
  utcDateToIsoDay,
  vietnamDayBounds,
} from "../../lib/domain/days.ts";

describe("dayOfInstant (Asia/Ho_Chi_Minh)", () => {
  it("puts the last second of 14/8 (local) on 14/8", () => {
    expect(dayOfInstant(new Date("2021-08-14T23:59:59+07:00"))).toBe("2021-08-14");
  });

  it("puts 17:00 UTC on the next local day", () => {
    expect(dayOfInstant(new Date("2021-08-14T17:00:00Z"))).toBe("2021-08-15");
    expect(dayOfInstant(new Date("2021-08-14T16:59:59.999Z"))).toBe("2021-08-14");
    expect(dayOfInstant(new Date("2021-08-15T00:00:00+07:00"))).toBe("2021-08-15");
  });

  it("crosses month, year and leap-day boundaries", () => {
    expect(dayOfInstant(new Date("2020-12-31T17:00:00Z"))).toBe("2021-01-01");
    expect(dayOfInstant(new Date("2020-12-31T16:59:59Z"))).toBe("2020-12-31");
    expect(dayOfInstant(new Date("2020-02-28T17:30:00Z"))).toBe("2020-02-29");
    expect(dayOfInstant(new Date("2021-08-31T20:00:00Z"))).toBe("2021-09-01");
  });

  it("agrees with the IANA zone Asia/Ho_Chi_Minh across 2020–2022", () => {
    const tz = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric", month: "2-digit", day: "2-digit" });
    const start = Date.UTC(2020, 0, 1);
    const end = Date.UTC(2023, 0, 1);
    const step = (7 * 60 + 13) * 60_000 + 17_000; // 7 h 13 min 17 s, so every hour of the day is hit
    let checked = 0;
    for (let ms = start; ms < end; ms += step) {
      const instant = new Date(ms);
      expect(dayOfInstant(instant)).toBe(tz.format(instant));
      checked++;
    }
    expect(checked).toBeGreaterThan(3000);
  });

  it("refuses an invalid Date", () => {
    expect(() => dayOfInstant(new Date("garbage"))).toThrow(RangeError);
  });
});

describe("todayInVietnam", () => {
  it("is the Vietnamese calendar day of `now`", () => {
    expect(todayInVietnam(new Date("2021-08-17T18:00:00Z"))).toBe("2021-08-18");
    expect(todayInVietnam(new Date("2021-08-17T16:00:00Z"))).toBe("2021-08-17");
  });

  it("defaults to the current time", () => {
    const before = dayOfInstant(new Date());
    const today = todayInVietnam();
    const after = dayOfInstant(new Date());
    expect([before, after]).toContain(today);
  });
});

describe("vietnamDayBounds", () => {
  it("is the half-open interval of instants of the local day", () => {
    const { start, end } = vietnamDayBounds("2021-08-15");
    expect(start.toISOString()).toBe("2021-08-14T17:00:00.000Z");
    expect(end.toISOString()).toBe("2021-08-15T17:00:00.000Z");
    expect(dayOfInstant(start)).toBe("2021-08-15");
    expect(dayOfInstant(new Date(end.getTime() - 1))).toBe("2021-08-15");
    expect(dayOfInstant(end)).toBe("2021-08-16");
  });
});

describe("parseIsoDay", () => {
  it("accepts real calendar dates", () => {
    expect(parseIsoDay("2021-08-17")).toBe("2021-08-17");
    expect(parseIsoDay("2020-02-29")).toBe("2020-02-29");
    expect(parseIsoDay("2000-02-29")).toBe("2000-02-29");
    expect(parseIsoDay("2021-12-31")).toBe("2021-12-31");
    expect(parseIsoDay("2021-04-30")).toBe("2021-04-30");
  });

  it.each([
    "2021-02-30",
    "2021-02-29", // not a leap year
    "1900-02-29", // divisible by 100, not by 400
    "2021-04-31",
    "2021-13-01",
    "2021-00-10",
    "2021-01-00",
    "2021-01-32",
    "2021-8-1",
    "2021-08-1",
    "21-08-17",
    "2021/08/17",
    "17/08/2021",
    "2021-08-17T00:00:00Z",
    " 2021-08-17",
    "2021-08-17 ",
    "2021-08-17\n",
    "",
    "garbage",
    "２０２１-08-17",
  ])("rejects %j", (input) => {
    expect(parseIsoDay(input)).toBeNull();
    expect(isIsoDay(input)).toBe(false);
  });

  it("rejects non-strings", () => {
    expect(parseIsoDay(20_210_817)).toBeNull();
    expect(parseIsoDay(null)).toBeNull();
    expect(parseIsoDay(undefined)).toBeNull();
    expect(parseIsoDay(new Date("2021-08-17"))).toBeNull();
  });

  it("parseIsoDayOrThrow throws a RangeError on invalid input", () => {
    expect(parseIsoDayOrThrow("2021-08-17")).toBe("2021-08-17");
    expect(() => parseIsoDayOrThrow("2021-02-30")).toThrow(RangeError);
  });

  it("isoDayParts splits a day and refuses an invalid one", () => {
    expect(isoDayParts("2021-08-07")).toEqual({ year: 2021, month: 8, dayOfMonth: 7 });
    expect(() => isoDayParts("2021-02-30")).toThrow(RangeError);
  });
});

describe("addDays", () => {
  it("crosses month and year ends, leap and common years", () => {
    expect(addDays("2021-08-31", 1)).toBe("2021-09-01");
    expect(addDays("2021-03-01", -1)).toBe("2021-02-28");
    expect(addDays("2020-03-01", -1)).toBe("2020-02-29");
    expect(addDays("2021-12-31", 1)).toBe("2022-01-01");
    expect(addDays("2021-08-17", -7)).toBe("2021-08-10");
    expect(addDays("2021-08-17", 0)).toBe("2021-08-17");
    expect(addDays("2021-08-17", 365)).toBe("2022-08-17");
  });

  it("agrees with Date.UTC for every day from 1900 to 2100", () => {
    const base = Date.UTC(1900, 0, 1);
    for (let i = 0; i <= 73_049; i++) {
      const expected = new Date(base + i * 86_400_000).toISOString().slice(0, 10);
      const got = addDays("1900-01-01", i);
      if (got !== expected) expect(got).toBe(expected); // one expect per mismatch keeps the loop fast
    }
    expect(addDays("1900-01-01", 73_049)).toBe("2100-01-01"); // 200 × 365 + 49 leap days
  });

  it("refuses a fractional n or an invalid day", () => {
    expect(() => addDays("2021-08-17", 1.5)).toThrow(RangeError);
    expect(() => addDays("2021-02-30", 1)).toThrow(RangeError);
    expect(() => addDays("9999-12-31", 1)).toThrow(RangeError);
  });
});

describe("daysBetween", () => {
  it("counts whole days from a to b", () => {
    expect(daysBetween("2021-08-14", "2021-08-17")).toBe(3);
    expect(daysBetween("2021-08-17", "2021-08-14")).toBe(-3);
    expect(daysBetween("2021-08-17", "2021-08-17")).toBe(0);
    expect(daysBetween("2020-01-01", "2021-01-01")).toBe(366);
    expect(daysBetween("2021-01-01", "2022-01-01")).toBe(365);
  });
});

describe("dayRange", () => {
  it("lists every day, both ends included", () => {
    expect(dayRange("2021-08-30", "2021-09-02")).toEqual(["2021-08-30", "2021-08-31", "2021-09-01", "2021-09-02"]);
    expect(dayRange("2021-08-17", "2021-08-17")).toEqual(["2021-08-17"]);
  });

  it("is empty when `to` is before `from`", () => {
    expect(dayRange("2021-08-17", "2021-08-16")).toEqual([]);
  });
});

describe("compareIsoDays", () => {
  it("sorts days chronologically", () => {
    const days = ["2021-09-01", "2020-12-31", "2021-08-17"];
    expect([...days].sort(compareIsoDays)).toEqual(["2020-12-31", "2021-08-17", "2021-09-01"]);
    expect(compareIsoDays("2021-08-17", "2021-08-17")).toBe(0);
    expect(() => compareIsoDays("2021-8-1", "2021-08-17")).toThrow(RangeError);
  });
});

describe("@db.Date conversions", () => {
  it("isoDayToUtcDate gives UTC midnight of that day", () => {
    expect(isoDayToUtcDate("2021-08-17").toISOString()).toBe("2021-08-17T00:00:00.000Z");
    expect(isoDayToUtcDate("1969-12-31").toISOString()).toBe("1969-12-31T00:00:00.000Z");
    expect(isoDayToUtcDate("0050-03-01").toISOString()).toBe("0050-03-01T00:00:00.000Z"); // no two-digit-year quirk
  });

  it("utcDateToIsoDay reads a UTC-midnight Date back", () => {
    expect(utcDateToIsoDay(new Date("2021-08-17T00:00:00Z"))).toBe("2021-08-17");
    expect(utcDateToIsoDay(new Date("1969-12-31T00:00:00Z"))).toBe("1969-12-31");
  });

  it("round-trips every day of the campaign years", () => {
    for (const day of dayRange("2020-01-01", "2022-12-31")) {
      const back = utcDateToIsoDay(isoDayToUtcDate(day));
      if (back !== day) expect(back).toBe(day);
    }
    expect(utcDateToIsoDay(isoDayToUtcDate("2022-12-31"))).toBe("2022-12-31");
  });

  it("refuses an instant that is not at UTC midnight (use dayOfInstant for those)", () => {
    expect(() => utcDateToIsoDay(new Date("2021-08-14T17:00:00Z"))).toThrow(/dayOfInstant/);
    expect(() => utcDateToIsoDay(new Date("garbage"))).toThrow(RangeError);
  });

  it("refuses an invalid day", () => {
    expect(() => isoDayToUtcDate("2021-02-30")).toThrow(RangeError);
  });
});

describe("isTodayOrYesterday (banners about today)", () => {
  const now = new Date("2026-12-06T01:00:00+07:00"); // 01:00 on 6/12 in Hà Nội, still 5/12 in UTC
  it("holds for today and yesterday in Asia/Ho_Chi_Minh only", () => {
    expect(isTodayOrYesterday("2026-12-06", now)).toBe(true);
    expect(isTodayOrYesterday("2026-12-05", now)).toBe(true);
    expect(isTodayOrYesterday("2026-12-04", now)).toBe(false);
    expect(isTodayOrYesterday("2026-12-07", now)).toBe(false);
    expect(isTodayOrYesterday("2021-08-17", now)).toBe(false);
  });
});
