import { TIMELINESS_LABELS, type Timeliness } from "@/lib/domain/timeliness";

const STYLES: Record<Timeliness, string> = {
  ON_TIME: "border-green-700 bg-green-50 text-green-900",
  LATE: "border-amber-700 bg-amber-50 text-amber-950",
  MISSING: "border-red-700 bg-red-50 text-red-900",
  PENDING: "border-slate-500 bg-slate-50 text-slate-800",
};

/** The status in words (never colour alone). */
export function TimelinessBadge({ value }: { value: Timeliness }) {
  return <span className={`inline-block rounded border px-2 py-0.5 text-sm font-semibold ${STYLES[value]}`}>{TIMELINESS_LABELS[value]}</span>;
}
