import { formatRankChange } from "@/lib/domain/dashboard-format";

// A rank change in words, with an arrow for the eye only.
export function RankChange({ change, since }: { change: number | null; since?: string }) {
  const arrow = change === null || change === 0 ? "" : change > 0 ? "▲ " : "▼ ";
  const tone = change === null || change === 0 ? "text-slate-700" : change > 0 ? "text-green-800" : "text-red-800";
  return (
    <span className={`whitespace-nowrap ${tone}`}>
      <span aria-hidden="true">{arrow}</span>
      {formatRankChange(change)}
      {since ? ` ${since}` : null}
    </span>
  );
}
