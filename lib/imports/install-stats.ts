import type { CsvRecord } from "./csv.ts";
import type { ImportErrors } from "./errors.ts";
import type { HeaderMap } from "./header.ts";
import { INSTALL_TEXT } from "./error-text.ts";
import { RowReader, type UnitCodes } from "./row-reader.ts";
import type { StageWriter } from "./staging.ts";
import { isoDayOfEpochDay, parseCountValue, parseDayValue } from "./values.ts";
import { formatCount, formatDay } from "../domain/format.ts";

// Reading install statistics: smartphones and cumulative Bluezone installs of a unit (any level of
// the unit tree: ward, district, city, country) on a day. Both numbers come together, so the
// coverage rate of every row is a ratio of two figures from the same source.

export const INSTALL_MESSAGES = {
  unknownUnit: "Không có đơn vị hành chính nào với mã này.",
  badDay: "Ngày phải là một ngày có thật, dạng YYYY-MM-DD (ví dụ 2021-08-17).",
  futureDay: (today: string) => `Ngày ở sau hôm nay (${formatDay(today)}).`,
  badCount: "Phải là số nguyên không âm viết liền (không dấu chấm, dấu phẩy, dấu cách), tối đa 2.147.483.647.",
  installsAboveSmartphones: (installs: number, smartphones: number) =>
    `Số lượt cài (${formatCount(installs)}) lớn hơn số điện thoại thông minh (${formatCount(smartphones)}).`,
  duplicate: (line: number) => `Đơn vị này đã có số liệu cùng ngày ở dòng ${line}.`,
  tooManyDays: (max: number) => `Tệp có số liệu của hơn ${max} ngày khác nhau; mỗi lần chỉ nạp tối đa ${max} ngày.`,
} as const;

export class InstallStatsReader extends RowReader {
  private readonly seen = new Map<string, number>();
  readonly days = new Set<number>();
  accepted = 0;

  constructor(header: HeaderMap, units: UnitCodes, errors: ImportErrors, stage: StageWriter, todayEpochDay: number, private readonly maxDays: number) {
    super(header, units, errors, stage, todayEpochDay);
  }

  row(r: CsvRecord): void {
    const row = this.begin(r);
    if (!row) return;
    const { line, field, fail } = row;

    const rawUnit = field("unit_code");
    const unit = rawUnit.trim();
    if (!this.units.levels.has(unit)) fail("unit_code", rawUnit, INSTALL_MESSAGES.unknownUnit, INSTALL_TEXT.unknownUnit);

    const rawDay = field("day");
    const day = parseDayValue(rawDay.trim());
    if (day === null) fail("day", rawDay, INSTALL_MESSAGES.badDay, INSTALL_TEXT.badDay);
    else if (day > this.todayEpochDay) fail("day", rawDay, INSTALL_MESSAGES.futureDay(isoDayOfEpochDay(this.todayEpochDay)), INSTALL_TEXT.futureDay(isoDayOfEpochDay(this.todayEpochDay)));
    else if (!this.days.has(day) && this.days.size >= this.maxDays) fail("day", rawDay, INSTALL_MESSAGES.tooManyDays(this.maxDays), INSTALL_TEXT.tooManyDays(this.maxDays));

    const rawPhones = field("smartphones");
    const smartphones = parseCountValue(rawPhones.trim());
    if (smartphones === null) fail("smartphones", rawPhones, INSTALL_MESSAGES.badCount, INSTALL_TEXT.badCount);
    const rawInstalls = field("installs");
    const installs = parseCountValue(rawInstalls.trim());
    if (installs === null) fail("installs", rawInstalls, INSTALL_MESSAGES.badCount, INSTALL_TEXT.badCount);
    else if (smartphones !== null && installs > smartphones) {
      fail("installs", rawInstalls, INSTALL_MESSAGES.installsAboveSmartphones(installs, smartphones), INSTALL_TEXT.installsAboveSmartphones(installs, smartphones));
    }

    if (row.ok && day !== null) {
      const key = `${unit}|${day}`;
      const earlier = this.seen.get(key);
      if (earlier !== undefined) fail("unit_code", rawUnit, INSTALL_MESSAGES.duplicate(earlier), INSTALL_TEXT.duplicate(earlier));
      else this.seen.set(key, line);
    }
    if (!row.ok || day === null || smartphones === null || installs === null) return;
    this.accepted += 1;
    this.days.add(day);
    this.stage.add([line, unit, isoDayOfEpochDay(day), smartphones, installs]);
  }

  dayRange(): { from: number; to: number } | null {
    if (this.days.size === 0) return null;
    const days = [...this.days];
    return { from: Math.min(...days), to: Math.max(...days) };
  }
}
