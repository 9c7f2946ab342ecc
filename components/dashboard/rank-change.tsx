import { getDomainText } from "@/i18n/domain-text";
import { rankChangeText } from "@/lib/domain/dashboard-format";

// A rank change in words, with an arrow for the eye only. When there is no change to show and
// the page knows why (`withheld`: "không so sánh: …"), it says that instead of a bare "—".
export async function RankChange({ change, since, withheld }: { change: number | null; since?: "sinceDay" | "sinceWeek"; withheld?: string | null }) {
  if (change === null && withheld) {
    return <span className="text-slate-700" data-withheld>{withheld}</span>;
  }
  const arrow = change === null || change === 0 ? null : change > 0 ? "▲ " : "▼ ";
  // Short class names (globals.css): a ranking has two on every row.
  const { text } = await getDomainText();
  const tone = change === null || change === 0 ? "chg" : change > 0 ? "chg chg-up" : "chg chg-down";
  return (
    <span className={tone}>
      {arrow ? <span aria-hidden="true">{arrow}</span> : null}
      {text(rankChangeText(change))}
      {since ? ` ${text({ key: `domain.dashboard.${since}` })}` : null}
    </span>
  );
}

/**
 * The rank changes against the day and the week before, one line each; when both are withheld for
 * the same reason (the day shown is not ranked), that reason is said once.
 */
export function RankChanges({
  day,
  week,
  withheldDay,
  withheldWeek,
  inline = false,
}: {
  day: number | null;
  week: number | null;
  withheldDay: string | null;
  withheldWeek: string | null;
  /** on one line, separated by "·" */
  inline?: boolean;
}) {
  const lines =
    day === null && week === null && withheldDay !== null && withheldDay === withheldWeek
      ? [<RankChange key="both" change={null} withheld={withheldDay} />]
      : [
          <RankChange key="day" change={day} since="sinceDay" withheld={withheldDay} />,
          <RankChange key="week" change={week} since="sinceWeek" withheld={withheldWeek} />,
        ];
  if (inline) {
    return (
      <>
        {lines.map((line, i) => (
          <span key={line.key}>
            {i > 0 ? " · " : null}
            {line}
          </span>
        ))}
      </>
    );
  }
  return (
    <>
      {lines.map((line) => (
        <span key={line.key} className="block">
          {line}
        </span>
      ))}
    </>
  );
}
