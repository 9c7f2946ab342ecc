// The Exports page's filters that name days outside the data: the page says so instead of offering
// empty files. Messages (keys domain.exportProblems.*), rendered in the reader's language; the
// Vietnamese is what the page said before. Pure.

import { compareIsoDays, type IsoDay } from "./days.ts";
import { msg, type Message } from "./message.ts";

export type ExportDays = {
  /** the days with figures of the chosen wards; null when none */
  readonly range: { readonly from: IsoDay; readonly to: IsoDay } | null;
  readonly day: IsoDay | null;
  readonly from: IsoDay | null;
  readonly to: IsoDay | null;
};

export function exportProblems({ range, day, from, to }: ExportDays): Message[] {
  if (range === null) return [msg("domain.exportProblems.noData")];
  const inRange = (d: IsoDay) => compareIsoDays(d, range.from) >= 0 && compareIsoDays(d, range.to) <= 0;
  const span = { first: { day: range.from }, last: { day: range.to } };
  const problems: Message[] = [];
  if (day !== null && !inRange(day)) problems.push(msg("domain.exportProblems.dayOutside", { day: { day }, ...span }));
  if ((from !== null && !inRange(from)) || (to !== null && !inRange(to))) problems.push(msg("domain.exportProblems.rangeOutside", span));
  return problems;
}
