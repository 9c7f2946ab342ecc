import { msg, type Message } from "../domain/message.ts";
import type { IsoDay } from "../domain/days.ts";
import { MSG_QUOTE_IN_FIELD, MSG_TEXT_AFTER_QUOTE, MSG_UNCLOSED_QUOTE } from "./csv.ts";

// An import's row errors as messages (lib/domain/message.ts): the catalog key and the values of
// each reason, so that an error stored in an import's report can be shown later in the reader's
// language (docs/i18n.md). The Vietnamese reasons themselves stay where they are written (the
// kinds' *_MESSAGES, header.ts, csv.ts, publish.ts): the command line and the CSV report print
// them, and tests/unit/import-errors-i18n.test.ts checks that each message renders in Vietnamese
// to exactly that text. Static messages are built once; those with values only when an error is
// found, never on a row that is fine.

const K = "domain.importErrors";

/** "venue_code" → its label as a message ("mã địa điểm" / "venue code"). */
export function columnLabelText(column: string): Message {
  return msg(`${K}.columns.${column}`);
}

export const HEADER_TEXT = {
  duplicateColumn: (name: string) => msg(`${K}.header.duplicateColumn`, { name }),
  missingColumn: (name: string, columns: string) => msg(`${K}.header.missingColumn`, { name, label: { message: columnLabelText(name) }, columns }),
  width: (found: number, expected: number) => msg(`${K}.header.width`, { found: String(found), expected: String(expected) }),
} as const;

/** The CSV tokenizer's problems (csv.ts writes them as Vietnamese strings): by their text. */
const CSV_TEXT: ReadonlyMap<string, Message> = new Map([
  [MSG_QUOTE_IN_FIELD, msg(`${K}.csv.quoteInField`)],
  [MSG_TEXT_AFTER_QUOTE, msg(`${K}.csv.textAfterQuote`)],
  [MSG_UNCLOSED_QUOTE, msg(`${K}.csv.unclosedQuote`)],
]);

/** The message of a CSV tokenizer problem, or undefined for a text it does not write. */
export function csvProblemText(reason: string): Message | undefined {
  return CSV_TEXT.get(reason);
}

export function recordTooLongText(line: number, maxBytes: number): Message {
  return msg(`${K}.csv.recordTooLong`, { line: String(line), kb: String(Math.round(maxBytes / 1024)) });
}

export const SCAN_TEXT = {
  noCode: msg(`${K}.scan.noCode`),
  unknownCode: msg(`${K}.scan.unknownCode`),
  badTime: msg(`${K}.scan.badTime`),
  noOffset: msg(`${K}.scan.noOffset`),
  badRange: msg(`${K}.scan.badRange`),
  beforeRegistration: (scanDay: IsoDay, registered: IsoDay) => msg(`${K}.scan.beforeRegistration`, { scanDay: { day: scanDay }, registered: { day: registered } }),
  badDevice: (max: number) => msg(`${K}.scan.badDevice`, { max: String(max) }),
  tooManyDays: (max: number) => msg(`${K}.scan.tooManyDays`, { max: String(max) }),
  /** `ward` / `district`: names as recorded (null: a ward not known) */
  outOfScope: (ward: string | null, district: string | null, scope: string) =>
    msg(`${K}.scan.outOfScope`, {
      where: {
        message:
          ward === null
            ? msg(`${K}.scan.whereOther`)
            : district === null
              ? msg(`${K}.scan.whereWard`, { ward })
              : msg(`${K}.scan.whereWardDistrict`, { ward, district }),
      },
      scope,
    }),
} as const;

export const REGISTER_TEXT = {
  noCode: msg(`${K}.register.noCode`),
  longCode: msg(`${K}.register.longCode`),
  badCode: msg(`${K}.register.badCode`),
  duplicateCode: (line: number) => msg(`${K}.register.duplicateCode`, { line: String(line) }),
  noName: msg(`${K}.register.noName`),
  longName: msg(`${K}.register.longName`),
  longAddress: msg(`${K}.register.longAddress`),
  badText: msg(`${K}.register.badText`),
  badCategory: msg(`${K}.register.badCategory`),
  unknownWard: msg(`${K}.register.unknownWard`),
  notWard: msg(`${K}.register.notWard`),
  badDay: msg(`${K}.register.badDay`),
  futureDay: (today: IsoDay) => msg(`${K}.register.futureDay`, { today: { day: today } }),
  badStatus: msg(`${K}.register.badStatus`),
  scannedBefore: (firstScan: IsoDay) => msg(`${K}.register.scannedBefore`, { day: { day: firstScan } }),
  movedWithScans: (oldWard: string) => msg(`${K}.register.movedWithScans`, { code: oldWard }),
} as const;

export const INSTALL_TEXT = {
  unknownUnit: msg(`${K}.install.unknownUnit`),
  badDay: msg(`${K}.install.badDay`),
  futureDay: (today: IsoDay) => msg(`${K}.install.futureDay`, { today: { day: today } }),
  badCount: msg(`${K}.install.badCount`),
  installsAboveSmartphones: (installs: number, smartphones: number) =>
    msg(`${K}.install.installsAboveSmartphones`, { installs: { count: installs }, smartphones: { count: smartphones } }),
  duplicate: (line: number) => msg(`${K}.install.duplicate`, { line: String(line) }),
  tooManyDays: (max: number) => msg(`${K}.install.tooManyDays`, { max: String(max) }),
} as const;

export const CONSISTENCY_TEXT = {
  installsAbove: (unit: string, code: string, day: IsoDay) => msg(`${K}.consistency.installsAbove`, { unit, code, day: { day } }),
  activeAbove: (unit: string, code: string, day: IsoDay) => msg(`${K}.consistency.activeAbove`, { unit, code, day: { day } }),
} as const;
