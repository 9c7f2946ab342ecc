import { describe, expect, it } from "vitest";
import { dayOfInstant } from "@/lib/domain/days";
import {
  epochDayOfIsoDay,
  INSTANT_BAD_FORMAT,
  INSTANT_NO_OFFSET,
  INSTANT_OUT_OF_RANGE,
  isoDayOfEpochDay,
  parseCountValue,
  parseDayValue,
  parseInstant,
} from "@/lib/imports/values";
import { prng } from "@/tests/factories/import-files";

const day = (s: string) => {
  const d = parseInstant(s);
  return d < 0 ? d : isoDayOfEpochDay(d);
};

describe("parseInstant: the Vietnam calendar day of a scan", () => {
  it("puts 23:59:59+07:00 on the same day and 17:00:00Z on the next (GUIDE: A day is a calendar day in Asia/Ho_Chi_Minh)", () => {
    expect(day("2021-08-14T23:59:59+07:00")).toBe("2021-08-14");
    expect(day("2021-08-14T17:00:00Z")).toBe("2021-08-15");
    expect(day("2021-08-14T16:59:59.999Z")).toBe("2021-08-14");
    expect(day("2021-08-15T00:00:00+07:00")).toBe("2021-08-15");
  });

  it("accepts the usual ISO 8601 spellings of an offset and of fractions", () => {
    expect(day("2021-08-14 08:30:00+07:00")).toBe("2021-08-14");
    expect(day("2021-08-14T08:30:00+0700")).toBe("2021-08-14");
    expect(day("2021-08-14T08:30:00+07")).toBe("2021-08-14");
    expect(day("2021-08-14T08:30:00.123456+07:00")).toBe("2021-08-14");
    expect(day("2021-08-14t01:00:00z")).toBe("2021-08-14");
    expect(day("2021-08-14T23:30+07:00")).toBe("2021-08-14");
    // 20:00 in New York is 07:00 the next morning in Hà Nội.
    expect(day("2021-08-14T20:00:00-04:00")).toBe("2021-08-15");
    expect(day("2021-12-31T17:30:00Z")).toBe("2022-01-01");
    expect(day("2024-02-29T12:00:00+07:00")).toBe("2024-02-29");
  });

  it("refuses a time without offset, since its day would be a guess", () => {
    expect(parseInstant("2021-08-14T23:59:59")).toBe(INSTANT_NO_OFFSET);
    expect(parseInstant("2021-08-14")).toBe(INSTANT_NO_OFFSET);
    expect(parseInstant("2021-08-14T23:59:59.5")).toBe(INSTANT_NO_OFFSET);
  });

  it("refuses other formats and impossible dates or times", () => {
    for (const bad of ["", "14/08/2021 08:30", "2021-8-14T08:30:00Z", "2021-08-14T08:3Z", "2021-08-14T08:30:0Z", "2021-08-14T08:30:00+7", "2021-08-14T08:30:00 +07:00", "hôm nay", "2021-08-14T08:30:00.Z"]) {
      expect(parseInstant(bad), bad).toBe(INSTANT_BAD_FORMAT);
    }
    for (const bad of ["2021-02-29T08:00:00Z", "2021-06-31T08:00:00Z", "2021-08-14T24:00:00Z", "2021-08-14T08:60:00Z", "1999-12-31T08:00:00Z", "2021-08-14T08:00:00+15:00"]) {
      expect(parseInstant(bad), bad).toBe(INSTANT_OUT_OF_RANGE);
    }
  });

  it("agrees with lib/domain/days.ts on random instants", () => {
    const random = prng(7);
    for (let i = 0; i < 2000; i++) {
      const ms = Date.UTC(2020, 0, 1) + Math.floor(random() * 4 * 365 * 86_400_000);
      const offsetMinutes = [0, 420, -240, 330, 600][i % 5] ?? 0;
      const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 19);
      const sign = offsetMinutes < 0 ? "-" : "+";
      const abs = Math.abs(offsetMinutes);
      const text = offsetMinutes === 0 ? `${local}Z` : `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
      expect(day(text), text).toBe(dayOfInstant(new Date(Math.floor(ms / 1000) * 1000)));
    }
  });
});

describe("days and counts", () => {
  it("converts between IsoDays and epoch days", () => {
    expect(epochDayOfIsoDay("1970-01-02")).toBe(1);
    expect(isoDayOfEpochDay(epochDayOfIsoDay("2021-08-17"))).toBe("2021-08-17");
    expect(parseDayValue("2021-08-17")).toBe(epochDayOfIsoDay("2021-08-17"));
    expect(parseDayValue("17/08/2021")).toBeNull();
    expect(parseDayValue("2021-02-30")).toBeNull();
  });

  it("reads counts written as plain digits only", () => {
    expect(parseCountValue("0")).toBe(0);
    expect(parseCountValue("150788")).toBe(150_788);
    expect(parseCountValue("2147483647")).toBe(2_147_483_647);
    for (const bad of ["", "-1", "1.5", "150.788", "1 000", "1e3", "2147483648", "٣"]) expect(parseCountValue(bad), bad).toBeNull();
  });
});
