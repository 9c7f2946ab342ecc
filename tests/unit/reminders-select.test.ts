import { describe, expect, it } from "vitest";
import { DEFAULT_REPORT_DEADLINE } from "../../lib/domain/timeliness.ts";
import { beforeDeadline, reminderDay, selectReminders, wardReported, type WardFigureRow } from "../../lib/reminders/select.ts";
import { cronOf, resolveSchedules } from "../../lib/jobs/schedules.ts";

const ward = (code: string, name = `Phường ${code}`) => ({ code, name, districtCode: "002" });
const row = (over: Partial<WardFigureRow> = {}): WardFigureRow => ({ source: "WARD_REPORT", status: "SUBMITTED", smartphones: 100, installs: 50, ...over });

describe("who is reminded", () => {
  const wards = [ward("A"), ward("B"), ward("C"), ward("D"), ward("E"), ward("F")];
  const chairs = [
    { userId: 1, wardCode: "A", displayName: "Chủ tịch A" },
    { userId: 2, wardCode: "B", displayName: "Chủ tịch B" },
    { userId: 3, wardCode: "C", displayName: "Chủ tịch C" },
    { userId: 4, wardCode: "D", displayName: "Chủ tịch D" },
    { userId: 5, wardCode: "E", displayName: "Chủ tịch E" },
  ];
  const rows = new Map<string, WardFigureRow[]>([
    ["A", [row()]], // reported
    // partial day: QR figures written by a scan-log import, no coverage figures: not a report
    ["B", [row({ source: "IMPORT", status: null, smartphones: null, installs: null })]],
    // coverage from two sources field by field (smartphones imported, installs reported): a report
    ["C", [row({ source: "IMPORT", status: null, installs: null }), row({ smartphones: null })]],
    // approved (locked): never reminded
    ["D", [row({ status: "APPROVED" })]],
    // E: no row at all (missing); F: missing and without a chair
  ]);
  const s = selectReminders({ day: "2021-08-15", wards, rows, chairs });

  it("reminds only the chairs of wards without coverage figures", () => {
    expect(s.toRemind.map((t) => t.ward.code)).toEqual(["B", "E"]);
    expect(s.toRemind.flatMap((t) => t.chairs.map((c) => c.userId))).toEqual([2, 5]);
  });
  it("counts the reported and approved wards and names the one without a chair", () => {
    expect(s.reported).toBe(2);
    expect(s.approved).toBe(1);
    expect(s.withoutChair.map((w) => w.code)).toEqual(["F"]);
  });
  it("0 smartphones is a report (the ward said so), missing is not", () => {
    expect(wardReported([row({ smartphones: 0, installs: 0 })])).toBe(true);
    expect(wardReported([])).toBe(false);
    expect(wardReported([row({ installs: null })])).toBe(false);
  });
});

describe("the day a run is about (Asia/Ho_Chi_Minh, UTC+7)", () => {
  it("the first round on D+1 is about D, by the local calendar day", () => {
    // 08:00 on 16/8 in Hà Nội is 01:00Z on 16/8
    expect(reminderDay(new Date("2021-08-16T01:00:00Z"), "first", DEFAULT_REPORT_DEADLINE)).toBe("2021-08-15");
    // 00:30 on 16/8 local is still 15/8 in UTC: the day is 15/8, not 14/8
    expect(reminderDay(new Date("2021-08-15T17:30:00Z"), "first", DEFAULT_REPORT_DEADLINE)).toBe("2021-08-15");
    // 23:59 on 15/8 local (16:59Z): D+1 is 15/8, so D is 14/8
    expect(reminderDay(new Date("2021-08-15T16:59:00Z"), "first", DEFAULT_REPORT_DEADLINE)).toBe("2021-08-14");
  });
  it("the deadline round is about the day whose report is due next", () => {
    // 09:30 on 16/8: the report of 15/8 is due at 10:00 on 16/8
    expect(reminderDay(new Date("2021-08-16T02:30:00Z"), "deadline", DEFAULT_REPORT_DEADLINE)).toBe("2021-08-15");
    // a same-day deadline at 17:00: at 16:30 the report of today is due
    expect(reminderDay(new Date("2021-08-16T09:30:00Z"), "deadline", { daysAfter: 0, hour: 17, minute: 0 })).toBe("2021-08-16");
    // past today's deadline: the next one is tomorrow's
    expect(reminderDay(new Date("2021-08-16T10:30:00Z"), "deadline", { daysAfter: 0, hour: 17, minute: 0 })).toBe("2021-08-17");
  });
  it("no reminder once the deadline has passed", () => {
    expect(beforeDeadline("2021-08-15", new Date("2021-08-16T02:59:59Z"), DEFAULT_REPORT_DEADLINE)).toBe(true);
    expect(beforeDeadline("2021-08-15", new Date("2021-08-16T03:00:01Z"), DEFAULT_REPORT_DEADLINE)).toBe(false);
  });
});

describe("schedules", () => {
  it("cron in local time, stored settings over the defaults", () => {
    expect(cronOf({ hour: 8, minute: 0 })).toBe("0 8 * * *");
    expect(() => cronOf({ hour: 24, minute: 0 })).toThrow();
    const s = resolveSchedules([{ name: "digest", enabled: false, hour: 7, minute: 15 }]);
    expect(s.map((x) => [x.name, x.enabled, x.hour, x.minute])).toEqual([
      ["reminder", true, 8, 0],
      ["reminder_deadline", true, 9, 30],
      ["digest", false, 7, 15],
      ["storage", true, 2, 0],
    ]);
  });
});
