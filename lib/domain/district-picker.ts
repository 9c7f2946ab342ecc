// The district picker of the dashboards: the districts a viewer may see (an
// admin: the whole country's 705; a city official: the province's), shaped into option groups
// that put the districts with figures first, and a search that ignores case and diacritics
// ("ba dinh" finds "Quận Ba Đình"). Pure: lib/data/districts.ts reads, this shapes, the client
// component (components/dashboard/district-picker.tsx) only filters and draws.

import { formatCount, formatDay } from "./format.ts";
import { unitNoun } from "./unit-wording.ts";

export type PickableDistrict = {
  readonly code: string;
  /** full name with its type, "Quận Ba Đình" */
  readonly name: string;
  /** the GSO type ("Quận", "Huyện", "Thị xã", "Thành phố"); null when not known */
  readonly type: string | null;
  readonly provinceCode: string | null;
  readonly provinceName: string | null;
  /** a figure of the district (its own, or the sum of its wards) is stored for some day */
  readonly hasData: boolean;
  /** the last day the district exists ('YYYY-MM-DD'); null while it does */
  readonly validTo: string | null;
};

export type PickerOption = { readonly code: string; readonly label: string };
export type PickerGroup = { readonly label: string; readonly options: readonly PickerOption[] };

/** The mark of a district with figures, in its option's text (a group label is not read by every screen reader). */
export const HAS_DATA_MARK = "có số liệu";

/** "Quận Ba Đình, Thành phố Hà Nội (001) · có số liệu"; an ended district adds "· đến 31/12/2024". */
export function districtOptionLabel(d: PickableDistrict): string {
  const province = d.provinceName ? `, ${d.provinceName}` : "";
  const marks = [d.hasData ? HAS_DATA_MARK : null, d.validTo ? `đến ${formatDay(d.validTo)}` : null].filter((m): m is string => m !== null);
  return `${d.name}${province} (${d.code})${marks.map((m) => ` · ${m}`).join("")}`;
}

const byProvinceThenCode = (a: PickableDistrict, b: PickableDistrict) =>
  (a.provinceCode ?? "").localeCompare(b.provinceCode ?? "") || a.code.localeCompare(b.code);

/**
 * The options in groups: first the districts with figures ("Có số liệu (30)"), so an admin finds
 * the active ones among 705; then the others under their province, provinces and districts in
 * official code order. Each district appears once.
 */
export function districtPickerGroups(districts: readonly PickableDistrict[]): PickerGroup[] {
  const sorted = [...districts].sort(byProvinceThenCode);
  const option = (d: PickableDistrict): PickerOption => ({ code: d.code, label: districtOptionLabel(d) });
  const withData = sorted.filter((d) => d.hasData);
  const groups: PickerGroup[] = withData.length > 0 ? [{ label: `Có số liệu (${formatCount(withData.length)})`, options: withData.map(option) }] : [];
  const rest = new Map<string, { label: string; options: PickerOption[] }>();
  for (const d of sorted) {
    if (d.hasData) continue;
    const key = d.provinceCode ?? "";
    const group = rest.get(key) ?? { label: d.provinceName ?? "Chưa rõ tỉnh, thành phố", options: [] };
    group.options.push(option(d));
    rest.set(key, group);
  }
  return [...groups, ...rest.values()];
}

/** What the districts are called together, from their types: "quận, huyện, thị xã". */
export function pickerNoun(districts: readonly PickableDistrict[]): string {
  return unitNoun(
    districts.map((d) => d.type),
    "DISTRICT",
  );
}

/** Lower case without diacritics, "đ" as "d": "Quận Ba Đình" → "quan ba dinh". */
export function foldForSearch(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** The words of a text for search: folded, split at anything not a letter or a digit. */
function searchWords(text: string): string[] {
  return foldForSearch(text)
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== "");
}

/**
 * How well a label matches a query (case and diacritics ignored): 0 when some word of the query
 * starts no word of the label; 2 when the query's words start consecutive words of the label, in
 * order ("ba dinh" in "Quận Ba Đình"); 1 otherwise ("ba dinh" in "Huyện Vụ Bản, Tỉnh Nam Định").
 * An empty query matches everything (1).
 */
export function matchScore(label: string, query: string): 0 | 1 | 2 {
  const q = searchWords(query);
  if (q.length === 0) return 1;
  const words = searchWords(label);
  if (!q.every((w) => words.some((l) => l.startsWith(w)))) return 0;
  const phrase = words.some((_, i) => q.every((w, k) => words[i + k]?.startsWith(w) ?? false));
  return phrase ? 2 : 1;
}

/** True when every word of the query starts a word of the label (any order; case and diacritics ignored). */
export function matchesQuery(label: string, query: string): boolean {
  return matchScore(label, query) > 0;
}

/**
 * The groups with only the options that match, those whose words follow the query's order first
 * within each group; groups left empty are dropped.
 */
export function filterPickerGroups(groups: readonly PickerGroup[], query: string): PickerGroup[] {
  if (searchWords(query).length === 0) return [...groups];
  return groups.flatMap((g) => {
    const scored = g.options.map((o) => ({ o, score: matchScore(o.label, query) })).filter((x) => x.score > 0);
    const options = [...scored].sort((a, b) => b.score - a.score).map((x) => x.o);
    return options.length > 0 ? [{ label: g.label, options }] : [];
  });
}

export function optionCount(groups: readonly PickerGroup[]): number {
  return groups.reduce((n, g) => n + g.options.length, 0);
}

/** The district chosen once the list is filtered: the current one if still listed, else the first listed; null when none is. */
export function selectedAfterFilter(groups: readonly PickerGroup[], current: string | null): string | null {
  const codes = groups.flatMap((g) => g.options.map((o) => o.code));
  return current !== null && codes.includes(current) ? current : (codes[0] ?? null);
}
