// The denominators of a ward's rates: its smartphone count (coverage) and its
// registered QR venues (QR activity). A rate an official signs is only as good as its denominator,
// so the ward page says where each comes from and since when it has held its value: the latest day
// whose effective value differs from the one known before it. Pure: the data layer reads the rows
// (lib/figures/denominator-register.ts, one SQL statement with LAG).

import type { IsoDay } from "./days.ts";
import { isIsoDay } from "./days.ts";
import type { FigureSource } from "./figures.ts";
import { isFigureSource } from "./figures.ts";
import type { ImportRef } from "./figure-provenance.ts";

export const DENOMINATOR_FIELDS = ["smartphones", "qrVenues"] as const;
export type DenominatorField = (typeof DENOMINATOR_FIELDS)[number];

export const DENOMINATOR_LABELS: Readonly<Record<DenominatorField, string>> = {
  smartphones: "Điện thoại thông minh (mẫu số của tỷ lệ cài đặt)",
  qrVenues: "Địa điểm tạo mã QR (mẫu số của tỷ lệ có lượt quét)",
};

export type DenominatorEntry = {
  readonly field: DenominatorField;
  /** the latest effective value known on or before the page's day */
  readonly value: number;
  /** the day that value is from (the page's day, or an earlier one when the ward has not reported since) */
  readonly knownOn: IsoDay;
  readonly source: FigureSource;
  readonly importRef: ImportRef | null;
  /** the first day with a value */
  readonly firstDay: IsoDay;
  /** the latest day whose value differs from the value known before it; null: never changed */
  readonly changedOn: IsoDay | null;
  /** the value before that change, and the day it was known */
  readonly previous: number | null;
  readonly previousDay: IsoDay | null;
};

/** A row as the SQL returns it (text days, text source). */
export type DenominatorRow = {
  readonly field: string;
  readonly value: number;
  readonly known_on: string;
  readonly source: string;
  readonly import_id: number | null;
  readonly file_name: string | null;
  readonly imported_at: string | null;
  readonly first_day: string;
  readonly changed_on: string | null;
  readonly previous: number | null;
  readonly previous_day: string | null;
};

function isDenominatorField(value: string): value is DenominatorField {
  return (DENOMINATOR_FIELDS as readonly string[]).includes(value);
}

function day(value: string): IsoDay {
  if (!isIsoDay(value)) throw new RangeError(`invalid day ${value}`);
  return value;
}

/** Checked entries in DENOMINATOR_FIELDS order; a field without any value has none. */
export function denominatorEntries(rows: readonly DenominatorRow[]): DenominatorEntry[] {
  const entries = rows.map((r): DenominatorEntry => {
    if (!isDenominatorField(r.field)) throw new RangeError(`unknown denominator ${r.field}`);
    if (!isFigureSource(r.source)) throw new RangeError(`unknown figure source ${r.source}`);
    return {
      field: r.field,
      value: r.value,
      knownOn: day(r.known_on),
      source: r.source,
      importRef: r.import_id === null ? null : { id: r.import_id, fileName: r.file_name ?? "", at: r.imported_at },
      firstDay: day(r.first_day),
      changedOn: r.changed_on === null ? null : day(r.changed_on),
      previous: r.previous,
      previousDay: r.previous_day === null ? null : day(r.previous_day),
    };
  });
  return DENOMINATOR_FIELDS.flatMap((f) => entries.filter((e) => e.field === f));
}
