import type { CsvRecord } from "./csv.ts";
import { parseVenueCategory, parseVenueStatus } from "../domain/imports/catalogue.ts";
import { REGISTER_TEXT } from "./error-text.ts";
import { RowReader } from "./row-reader.ts";
import { isoDayOfEpochDay, parseDayValue } from "./values.ts";
import { formatDay } from "../domain/format.ts";

// Reading a venue register: one row per venue (code, name, address, category, ward, registration
// day, status). Checked row by row and staged as it streams; nothing is written to the venue table
// until the whole file is known to be good.

export const REGISTER_MESSAGES = {
  noCode: "Thiếu mã địa điểm.",
  longCode: "Mã địa điểm dài quá 40 ký tự.",
  badCode: "Mã địa điểm không được chứa dấu cách, dấu tab hay ký tự điều khiển.",
  duplicateCode: (line: number) => `Mã địa điểm trùng với dòng ${line}: mỗi địa điểm chỉ có một dòng.`,
  noName: "Thiếu tên địa điểm.",
  longName: "Tên địa điểm dài quá 300 ký tự.",
  longAddress: "Địa chỉ dài quá 500 ký tự.",
  badText: "Có ký tự không đọc được: tệp phải được lưu với bảng mã UTF-8.",
  badCategory: "Loại địa điểm không hợp lệ; dùng AGENCY, BUSINESS, MARKET, SCHOOL, HEALTH_FACILITY, WARD_OFFICE hoặc OTHER.",
  unknownWard: "Không có phường, xã nào với mã này.",
  notWard: "Mã này là của quận, huyện hoặc tỉnh, thành phố; địa điểm phải thuộc một phường, xã.",
  badDay: "Ngày đăng ký phải là một ngày có thật, dạng YYYY-MM-DD (ví dụ 2021-07-20).",
  futureDay: (today: string) => `Ngày đăng ký ở sau hôm nay (${formatDay(today)}).`,
  badStatus: "Trạng thái không hợp lệ; dùng ACTIVE, SUSPENDED hoặc CLOSED (hoặc để trống).",
} as const;

export type { UnitCodes } from "./row-reader.ts";

const CONTROL_OR_SPACE = /[\s\u0000-\u001f\u007f]/u;
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/u;

export class VenueRegisterReader extends RowReader {
  private readonly seen = new Map<string, number>();
  accepted = 0;
  firstDay = Number.POSITIVE_INFINITY;
  lastDay = Number.NEGATIVE_INFINITY;

  row(r: CsvRecord): void {
    const row = this.begin(r);
    if (!row) return;
    const { line, field, fail } = row;

    const rawCode = field("venue_code");
    const code = rawCode.trim();
    if (code === "") fail("venue_code", rawCode, REGISTER_MESSAGES.noCode, REGISTER_TEXT.noCode);
    else if (code.length > 40) fail("venue_code", rawCode, REGISTER_MESSAGES.longCode, REGISTER_TEXT.longCode);
    else if (CONTROL_OR_SPACE.test(code) || code.includes("\uFFFD")) fail("venue_code", rawCode, REGISTER_MESSAGES.badCode, REGISTER_TEXT.badCode);
    else {
      const earlier = this.seen.get(code);
      if (earlier !== undefined) fail("venue_code", rawCode, REGISTER_MESSAGES.duplicateCode(earlier), REGISTER_TEXT.duplicateCode(earlier));
      else this.seen.set(code, line);
    }

    const rawName = field("name");
    const name = rawName.trim().replace(/\s+/g, " ");
    if (name === "") fail("name", rawName, REGISTER_MESSAGES.noName, REGISTER_TEXT.noName);
    else if (name.length > 300) fail("name", rawName, REGISTER_MESSAGES.longName, REGISTER_TEXT.longName);
    else if (name.includes("\uFFFD") || CONTROL.test(name)) fail("name", rawName, REGISTER_MESSAGES.badText, REGISTER_TEXT.badText);

    const rawAddress = field("address");
    const address = rawAddress.trim().replace(/\s+/g, " ");
    if (address.length > 500) fail("address", rawAddress, REGISTER_MESSAGES.longAddress, REGISTER_TEXT.longAddress);
    else if (address.includes("\uFFFD") || CONTROL.test(address)) fail("address", rawAddress, REGISTER_MESSAGES.badText, REGISTER_TEXT.badText);

    const rawCategory = field("category");
    const category = parseVenueCategory(rawCategory);
    if (category === null) fail("category", rawCategory, REGISTER_MESSAGES.badCategory, REGISTER_TEXT.badCategory);

    const rawWard = field("ward_code");
    const ward = rawWard.trim();
    const level = this.units.levels.get(ward);
    if (level === undefined) fail("ward_code", rawWard, REGISTER_MESSAGES.unknownWard, REGISTER_TEXT.unknownWard);
    else if (level !== "WARD") fail("ward_code", rawWard, REGISTER_MESSAGES.notWard, REGISTER_TEXT.notWard);

    const rawDay = field("registered_on");
    const day = parseDayValue(rawDay.trim());
    if (day === null) fail("registered_on", rawDay, REGISTER_MESSAGES.badDay, REGISTER_TEXT.badDay);
    else if (day > this.todayEpochDay) fail("registered_on", rawDay, REGISTER_MESSAGES.futureDay(isoDayOfEpochDay(this.todayEpochDay)), REGISTER_TEXT.futureDay(isoDayOfEpochDay(this.todayEpochDay)));

    const rawStatus = field("status");
    const status = parseVenueStatus(rawStatus);
    if (status === null) fail("status", rawStatus, REGISTER_MESSAGES.badStatus, REGISTER_TEXT.badStatus);

    if (!row.ok || day === null || category === null || status === null) return;
    this.accepted += 1;
    if (day < this.firstDay) this.firstDay = day;
    if (day > this.lastDay) this.lastDay = day;
    this.stage.add([line, code, name, address === "" ? null : address, category, ward, isoDayOfEpochDay(day), status]);
  }
}
