// The draft dispatch as a document: header, date line, subject, addressees, body paragraphs and
// signature, built from the editable template (dispatch-template.ts) and the figures read from the
// database (lib/data/dispatch.ts). Pure, so the DOCX and the PDF writers print the very same words
// and the golden test can check the sentences without a file.
//
// The template is one district's, already resolved (dispatch-template.ts: its own fields over the
// city's default, authority and place from the unit, placeholders filled); wards are named with
// their own type ("phường", "xã", "thị trấn").
//
// Figures follow the GUIDE: counts with dots (150.788), rates half-up on the exact ratio (51,14%),
// ranks as computed (competition ranking; a unit with no figure has no rank and the clause is left
// out rather than guessed), dates "17/8/2021" in the body and "ngày 17 tháng 8 năm 2021" in the
// date line.

import type { DispatchTemplate } from "./dispatch-template.ts";
import type { IsoDay } from "./days.ts";
import { isoDayParts } from "./days.ts";
import { formatCount, formatDayLong, formatPercent, formatPercentFromHundredths } from "./format.ts";
import type { NamedUnit } from "./overview.ts";
import type { Ratio } from "./ratio.ts";
import { unitNoun } from "./unit-wording.ts";

export type DispatchFigures = {
  readonly installDay: IsoDay;
  readonly qrDay: IsoDay;
  readonly city: {
    readonly name: string;
    readonly installs: number;
    readonly smartphones: number;
    /** rank among the country's provinces published by the ministry; null when not known */
    readonly nationalRank: number | null;
    readonly qrVenues: number;
    readonly activeVenues: number;
  };
  readonly district: {
    readonly code: string;
    readonly name: string;
    readonly smartphones: number;
    readonly installs: number;
    /** null when the district is not ranked that day */
    readonly rankInCity: number | null;
  };
  /**
   * wards that reported 0 scans on the QR day (missing is not zero: the dispatch is only made when
   * every ward's scans are known that day, lib/data/dispatch.ts)
   */
  readonly zeroScanWards: readonly NamedUnit[];
  /** the coverage target in force for the district's wards (basis points), null when none */
  readonly coverageTargetBasisPoints: number | null;
  /** wards below the coverage target on the install day, lowest coverage first */
  readonly laggingWards: readonly { readonly name: string; readonly coverage: Ratio; readonly installsToTarget: number }[];
};

/** A piece of text with its emphasis; a paragraph is a list of runs. */
export type DispatchRun = { readonly text: string; readonly bold?: boolean; readonly italic?: boolean };

export type DispatchDocument = {
  readonly authorityParent: string;
  readonly authorityName: string;
  readonly nationalTitle: string;
  readonly nationalMotto: string;
  /** "Số: 1178/UBND-VHTT" */
  readonly numberLine: string;
  /** "Hoàn Kiếm, ngày 17 tháng 8 năm 2021" */
  readonly dateLine: string;
  /** "V/v …" */
  readonly subjectLine: string;
  readonly addressees: readonly string[];
  /** body paragraphs (figures first, then the directive, the numbered requests, the closing) */
  readonly body: readonly (readonly DispatchRun[])[];
  readonly recipients: readonly string[];
  readonly signerTitles: readonly string[];
  readonly signerName: string;
};

export const NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
export const NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc";

/** "2021-08-17" → "17/8/2021", the way dispatches write a date inside a sentence. */
export function formatDispatchDay(day: IsoDay): string {
  const { year, month, dayOfMonth } = isoDayParts(day);
  return `${dayOfMonth}/${month}/${year}`;
}

/** "Thành phố Hà Nội" → "Hà Nội"; "Tỉnh Bắc Ninh" → "Bắc Ninh" (the short name used mid-sentence). */
export function shortUnitName(name: string): string {
  return name.replace(/^(Thành phố|Tỉnh|Quận|Huyện|Thị xã|Phường|Xã|Thị trấn)\s+/u, "");
}

/** A unit's name inside a sentence: "Phường Phúc Tân" → "phường Phúc Tân". */
export function inSentenceUnitName(name: string): string {
  return name.replace(/^(Thành phố|Tỉnh|Quận|Huyện|Thị xã|Phường|Xã|Thị trấn)(?=\s)/u, (m) => m.toLowerCase());
}

/** "A", "A và B", "A, B và C". */
export function joinVietnamese(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} và ${items.slice(-1).join("")}`;
}

/** "Phường Phúc Tân" → "phường"; null when the name does not start with a ward's type. */
function wardTypeWord(name: string): string | null {
  const m = /^(Phường|Xã|Thị trấn)\s/u.exec(name);
  return m?.[1] ? m[1].toLocaleLowerCase("vi") : null;
}

/**
 * Names of wards mid-sentence: "phường Phúc Tân"; "các phường Phúc Tân và Hàng Bồ" (one type);
 * "xã Vân Hà và thị trấn Đông Anh" (several types: each keeps its own).
 */
function wardList(wards: readonly NamedUnit[]): string {
  const [only] = wards;
  if (wards.length === 1 && only) return inSentenceUnitName(only.name);
  const types = new Set(wards.map((w) => wardTypeWord(w.name)));
  const [type] = types;
  if (types.size === 1 && type) return `các ${type} ${joinVietnamese(wards.map((w) => shortUnitName(w.name)))}`;
  return joinVietnamese(wards.map((w) => inSentenceUnitName(w.name)));
}

/** The city's Bluezone installs sentence (with its national rank when the ministry published one). */
export function cityInstallsRuns(t: DispatchTemplate, f: DispatchFigures): DispatchRun[] {
  const cityRate = formatPercent({ num: f.city.installs, den: f.city.smartphones });
  const runs: DispatchRun[] = [
    {
      text: `Theo số liệu do ${t.installSource} cung cấp đến ngày ${formatDispatchDay(f.installDay)}, trên phạm vi địa bàn ${inSentenceUnitName(f.city.name)} đã có `,
    },
    { text: formatCount(f.city.installs), bold: true },
    { text: ` lượt tải và cài đặt ứng dụng Bluezone trên điện thoại thông minh, đạt tỷ lệ ${cityRate}` },
  ];
  if (f.city.nationalRank !== null) {
    runs.push({ text: " (" });
    runs.push({
      text: `Số lượng điện thoại thông minh tại ${shortUnitName(f.city.name)} đã cài đặt ứng dụng Bluezone đứng thứ ${f.city.nationalRank} trên toàn quốc`,
      italic: true,
    });
    runs.push({ text: ")." });
  } else {
    runs.push({ text: "." });
  }
  return runs;
}

/** The district's sentence: smartphones, installs, coverage and rank in the city. */
export function districtInstallsRuns(f: DispatchFigures): DispatchRun[] {
  const rate = formatPercent({ num: f.district.installs, den: f.district.smartphones });
  const rank = f.district.rankInCity === null ? "" : ` đứng thứ ${f.district.rankInCity} trên toàn Thành phố`;
  return [
    { text: `${f.district.name} có số lượng điện thoại thông minh là ` },
    { text: formatCount(f.district.smartphones), bold: true },
    { text: " chiếc trong đó số lượng điện thoại thông minh đã cài đặt ứng dụng Bluezone là " },
    { text: formatCount(f.district.installs), bold: true },
    { text: ` chiếc chiếm tỷ lệ ${rate}${rank}.` },
  ];
}

/** The QR sentence: the city's venues, those with scans on the QR day, and the wards with none. */
export function qrRuns(f: DispatchFigures): DispatchRun[] {
  const day = formatDispatchDay(f.qrDay);
  const runs: DispatchRun[] = [
    { text: `Theo số liệu được trích xuất trên hệ thống: tính đến hết ngày ${day}, trên phạm vi toàn Thành phố đã có ` },
    { text: formatCount(f.city.qrVenues), bold: true },
    { text: ` địa điểm tạo mã QR, trong đó (trong ngày ${day}) chỉ có ` },
    { text: formatCount(f.city.activeVenues), bold: true },
    { text: " địa điểm phát sinh các lượt quét mã QR" },
  ];
  // Zero is a reported 0: a day on which some ward's scans are unknown gets no dispatch at all.
  runs.push({ text: f.zeroScanWards.length > 0 ? `; ${wardList(f.zeroScanWards)} không phát sinh lượt quét mã QR trong ngày ${day}.` : "." });
  return runs;
}

/** The wards below the coverage target with what each still lacks; null when none lags or no target. */
export function laggingWardsRuns(f: DispatchFigures): DispatchRun[] | null {
  if (f.coverageTargetBasisPoints === null || f.laggingWards.length === 0) return null;
  const target = formatPercentFromHundredths(f.coverageTargetBasisPoints);
  const items = f.laggingWards.map(
    (w) => `${inSentenceUnitName(w.name)} đạt ${formatPercent(w.coverage)}, còn thiếu ${formatCount(w.installsToTarget)} lượt cài đặt`,
  );
  const count = f.laggingWards.length;
  const noun = unitNoun(
    f.laggingWards.map((w) => wardTypeWord(w.name)),
    "WARD",
  );
  return [
    {
      text: `Tính đến ngày ${formatDispatchDay(f.installDay)}, ${count} ${noun} chưa đạt mục tiêu tỷ lệ cài đặt ứng dụng Bluezone ${target}: ${items.join("; ")}.`,
    },
  ];
}

/** The whole draft dispatch. */
export function buildDispatchDocument(t: DispatchTemplate, f: DispatchFigures): DispatchDocument {
  const lagging = laggingWardsRuns(f);
  const body: DispatchRun[][] = [
    [...cityInstallsRuns(t, f), { text: " " }, ...districtInstallsRuns(f)],
    ...(lagging ? [lagging] : []),
    qrRuns(f),
    [{ text: t.directive }],
    ...t.requests.map((r, i) => [{ text: `${i + 1}. ${r}` }]),
    [{ text: t.closing }],
  ];
  const number = t.documentNumber.trim() === "" ? "        " : t.documentNumber.trim();
  return {
    authorityParent: t.authorityParent,
    authorityName: t.authorityName,
    nationalTitle: NATIONAL_TITLE,
    nationalMotto: NATIONAL_MOTTO,
    numberLine: `Số: ${number}/${t.documentSymbol}`,
    dateLine: `${t.place}, ${formatDayLong(f.installDay)}`,
    subjectLine: `V/v ${t.subject}`,
    addressees: t.addressees,
    body,
    recipients: t.recipients,
    signerTitles: t.signerTitles,
    signerName: t.signerName,
  };
}

/** A paragraph's plain text (tests, and the PDF's text layer). */
export function runsText(runs: readonly DispatchRun[]): string {
  return runs.map((r) => r.text).join("");
}
