import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { parseLocale } from "@/i18n/locales";
import { standingNoteText } from "@/lib/domain/chart-data";
import { getDomainText, type DomainText } from "@/i18n/domain-text";
import type { PartOrigin } from "@/lib/domain/completeness";
import { hasReported, isPartPartial } from "@/lib/domain/completeness";
import { mergeNouns, nounFor, shortUnitName, type ChildNoun, type NounFor } from "@/lib/domain/dashboard-format";
import { figureFormats, MISSING_PLACEHOLDER } from "@/lib/domain/format";
import type { RankMetric, RankStanding } from "@/lib/domain/rank-metric";
import type { TargetStatus } from "@/lib/domain/targets";
import type { RankingRow } from "@/lib/domain/unit-ranking";
import { RankChange } from "./rank-change";
import { localNoun } from "./local-noun";
import { StatusBadge } from "./status-badge";

// Sibling units (a district's wards, a city's districts) ranked by the chosen metric on a day
// (issue 16: a ranking that fits). What a reader acts on is always in view, without scrolling
// sideways at 1366 px: rank, unit, the ranked value with a bar and its status, the rank change,
// what is missing to the target and to pass the unit above. Every other figure is one tap away
// in the row's "Chi tiết". On a phone each row is a compact card (globals.css, `.rk`). The sort
// is chosen with the links above the table (SortLinks, ?sort=…), so each order is a URL. Only whole
// figures are ranked (issue 11): a partial sum ("chưa đủ số liệu", with its k/n), a zero
// denominator and a missing report are listed apart, each group under its own heading row, never
// ranked and never shown as 0. A server component: no JavaScript.

const COLUMNS = 7;

/** The groups a ranking is split into, in order; ranked units have no heading of their own. */
const GROUPS: readonly RankStanding[] = ["ranked", "partial", "no-denominator", "missing"];

/**
 * The table's words and formats in the interface's language, made once per table and handed to
 * its rows (the rows are plain functions: a ranking has many). `noun` turns a children's noun
 * into the interface's language; `page` holds the shared words (not reported, no smartphones…).
 */
async function tableWords() {
  const locale = parseLocale(await getLocale());
  const t = await getTranslations("overview.ranking");
  const page = await getTranslations("overview.page");
  const metrics = await getTranslations("overview.sort.metrics");
  const f = figureFormats(locale);
  /** What is missing to a target or to pass the unit above (formatAmountNeeded in lib/domain/dashboard-format.ts). */
  const amount = (value: number | "unreachable" | null, unit?: string) =>
    value === null
      ? MISSING_PLACEHOLDER
      : value === "unreachable"
        ? page("amount.unreachable")
        : value === 0
          ? page("amount.reached")
          : unit
            ? t("amountUnit", { count: f.count(value), unit })
            : f.count(value);
  const domain: DomainText = await getDomainText();
  return { locale, t, page, metrics, f, amount, domain, noun: (n: ChildNoun) => localNoun(n, locale) };
}

type Words = Awaited<ReturnType<typeof tableWords>>;

/** `noun`: what the group's units count (their children, all of them said once); undefined when unknown. */
function groupHeading(w: Words, standing: RankStanding, metric: RankMetric, noun: ChildNoun | undefined): string {
  const { t } = w;
  switch (standing) {
    case "ranked":
      return "";
    case "partial":
      return t("partialGroup", { noun: noun === undefined ? t("childrenFallback") : w.noun(noun) });
    case "no-denominator":
      return metric === "qrActive" ? t("noQrGroup") : t("noSmartphonesGroup");
    case "missing":
      return metric === "coverage" || metric === "installs" ? t("notReportedGroup") : t("noMetricGroup", { metric: w.metrics(metric).toLocaleLowerCase(w.locale) });
  }
}

/** A small line under a value: a partial sum's k/n, or why there is no rate. */
function Note({ children }: { children: string }) {
  return <span className="rk-note">{children}</span>;
}

/** "17/18 phường" of a sum (formatPartCount in lib/domain/dashboard-format.ts); null for an own figure. */
function partCount(w: Words, origin: PartOrigin | null, noun: ChildNoun): string | null {
  return origin !== null && origin.kind === "sum" ? w.t("partCount", { counted: w.f.count(origin.counted), total: w.f.count(origin.total), noun: w.noun(noun) }) : null;
}

/** A partial sum's note ("chưa đủ: 17/18 phường"), or the bare "chưa đủ số liệu" when its count is unknown. */
function partialNote(w: Words, origin: PartOrigin | null, noun: ChildNoun | undefined): string {
  const count = noun === undefined ? null : partCount(w, origin, noun);
  return count ? w.t("partialNote", { count }) : w.t("incomplete");
}

/** The share of the bar a value fills: a rate is its own percentage, a count is relative to the largest shown. */
function barShare(r: RankingRow, metric: RankMetric, largest: number): number | null {
  const v = r.value;
  if (v === null) return null;
  const share = typeof v === "number" ? (largest > 0 ? v / largest : 0) : v.den > 0 ? v.num / v.den : 0;
  return Math.round(Math.min(1, Math.max(0, share)) * 1000) / 10;
}

/** The ranked value of a row, as shown: the metric's figure, its notes and its target status. */
function MetricValue({ w, r, metric, noun }: { w: Words; r: RankingRow; metric: RankMetric; noun: ChildNoun | undefined }) {
  const f = r.figure;
  const { t, page } = w;
  const { count, percent } = w.f;
  if (f === null || (!hasReported(f) && (metric === "coverage" || metric === "installs"))) {
    return <span className="rk-missing" data-value>{t("notReported")}</span>;
  }
  switch (metric) {
    case "coverage":
      return (
        <>
          <span className="rk-v" data-value>{percent(r.coverage)}</span>
          {f.smartphones === 0 ? <Note>{page("noSmartphones")}</Note> : null}
          {isPartPartial(f, "coverage") ? <Note>{partialNote(w, r.origin, noun)}</Note> : null}
          <StatusBadge status={r.coverageStatus} />
        </>
      );
    case "installs":
      return (
        <>
          <span className="rk-v" data-value>{count(f.installs)}</span>
          {isPartPartial(f, "coverage") ? <Note>{partialNote(w, r.origin, noun)}</Note> : null}
        </>
      );
    case "qrActive":
      return (
        <>
          <span className="rk-v" data-value>{percent(r.qrActive)}</span>
          {f.qrVenues === 0 ? <Note>{page("noQrVenues")}</Note> : null}
          {isPartPartial(f, "qr") ? <Note>{partialNote(w, f.parts?.qr ?? null, noun)}</Note> : null}
          <StatusBadge status={r.qrActiveStatus} />
        </>
      );
    case "scans":
      return (
        <>
          <span className="rk-v" data-value>{count(f.scans)}</span>
          {isPartPartial(f, "scans") ? <Note>{partialNote(w, f.parts?.scans ?? null, noun)}</Note> : null}
        </>
      );
  }
}

/** " (chưa đạt)": a target status in words, for the details line. */
function statusWords(w: Words, status: TargetStatus | null): string {
  return status === null ? "" : w.t("statusWords", { status: w.t(`status.${status}`).toLocaleLowerCase(w.locale) });
}

/**
 * Every figure of the row that the columns do not show, one tap away, as one line of text (the
 * figures, then, for the phone, where the gap columns are not shown, the two gaps).
 */
function Details({ w, r, metric, passUnit, noun }: { w: Words; r: RankingRow; metric: RankMetric; passUnit: string; noun: ChildNoun | undefined }) {
  const f = r.figure;
  if (f === null) return null;
  const { t } = w;
  const { count, percent } = w.f;
  const scansPartial = isPartPartial(f, "scans") ? t("scansPartial", { note: partialNote(w, f.parts?.scans ?? null, noun) }) : "";
  const items = [
    t("smartphones", { value: count(f.smartphones) }),
    t("installs", { value: count(f.installs) }),
    metric !== "coverage" ? t("coverage", { value: hasReported(f) ? percent(r.coverage) : t("notReported"), status: statusWords(w, r.coverageStatus) }) : null,
    t("qrVenues", { value: count(f.qrVenues) }),
    t("activeVenues", { value: count(f.activeVenues) }),
    metric !== "qrActive" ? t("qrActive", { value: percent(r.qrActive), status: statusWords(w, r.qrActiveStatus) }) : null,
    metric !== "scans" ? t("scans", { value: count(f.scans), partial: scansPartial }) : null,
    t("toTarget", { amount: w.amount(r.installsToTarget, t("passUnits.coverage")) }),
    t("toPass", { unit: r.above ? shortUnitName(r.above.name) : t("rankAbove"), amount: w.amount(r.toPassAbove, passUnit) }),
  ];
  return (
    <details className="rk-more">
      <summary>
        {t("details")}
        <span className="sr-only"> {r.name}</span>
      </summary>
      <p>{items.filter((item) => item !== null).join(" · ")}</p>
    </details>
  );
}

function Row({
  w,
  r,
  metric,
  noun,
  unitHref,
  highlighted,
  largest,
}: {
  w: Words;
  r: RankingRow;
  metric: RankMetric;
  noun: ChildNoun | undefined;
  unitHref: (code: string) => string;
  highlighted: boolean;
  largest: number;
}) {
  const { t } = w;
  const whyText = r.standing === "ranked" ? null : standingNoteText(r, metric, noun ?? "đơn vị trực thuộc");
  const why = whyText ? w.domain.text(whyText) : null;
  const originLine = noun && r.origin ? (r.origin.kind === "own" ? t("own") : t("sum", { count: partCount(w, r.origin, noun) ?? MISSING_PLACEHOLDER })) : null;
  const share = barShare(r, metric, largest);
  const passUnit = t(`passUnits.${metric}`);
  return (
    <tr className={highlighted ? "rk-own" : undefined} data-unit-code={r.code} data-standing={r.standing} aria-current={highlighted ? "true" : undefined}>
      <td className="rk-rank">{r.rank ?? "—"}</td>
      <th scope="row" className="rk-name">
        <Link href={unitHref(r.code)}>{r.name}</Link>
        {highlighted ? <span className="rk-here">{t("current")}</span> : null}
        {r.standing === "partial" && why ? <Note>{why}</Note> : originLine ? <span className="rk-origin" data-origin>{originLine}</span> : null}
      </th>
      {r.figure === null ? (
        <td colSpan={COLUMNS - 2} className="rk-none">
          {t("notReported")}
        </td>
      ) : (
        <>
          <td className="rk-val" data-col={metric}>
            <MetricValue w={w} r={r} metric={metric} noun={noun} />
            {share !== null ? (
              <span className="rk-bar" aria-hidden="true">
                <span style={{ width: `${share}%` }} />
              </span>
            ) : null}
          </td>
          <td className="rk-chg">
            <RankChange change={r.rankChangeDay} />
            <span className="rk-week">
              {t("lastWeek")} <RankChange change={r.rankChangeWeek} />
            </span>
          </td>
          <td className="rk-num rk-wide">{w.amount(r.installsToTarget)}</td>
          <td className="rk-num rk-wide">
            {w.amount(r.toPassAbove)}
            {r.above && r.toPassAbove !== null ? <span className="rk-origin">{t("pass", { unit: shortUnitName(r.above.name) })}</span> : null}
          </td>
          <td className="rk-det">
            <Details w={w} r={r} metric={metric} passUnit={passUnit} noun={noun} />
          </td>
        </>
      )}
    </tr>
  );
}

export async function RankingTable({
  rows,
  metric,
  caption,
  unitHeader,
  unitHref,
  highlightCode,
  testId,
  noun,
  note,
}: {
  rows: readonly RankingRow[];
  metric: RankMetric;
  caption: string;
  unitHeader: string;
  unitHref: (code: string) => string;
  highlightCode?: string;
  testId: string;
  /**
   * for units whose figures sum their children (a city's districts): what the children are called,
   * one for all or each row's own ("phường", "xã, thị trấn"); shows each row's origin
   */
  noun?: NounFor;
  /** a line under the caption, e.g. why no rank change is shown */
  note?: string;
}) {
  const w = await tableWords();
  const { t } = w;
  const passUnit = t(`passUnits.${metric}`);
  const largest = Math.max(0, ...rows.map((r) => (typeof r.value === "number" ? r.value : 0)));
  return (
    <div className="rk" tabIndex={0} role="region" aria-label={caption}>
      <table className="tabular" data-testid={testId} data-sort={metric}>
        <caption>
          {caption}
          {note ? <span className="rk-cnote" data-testid={`${testId}-note`}>{note}</span> : null}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t("rank")}</th>
            <th scope="col">{unitHeader}</th>
            <th scope="col" aria-sort="descending">
              {w.metrics(metric)}
            </th>
            <th scope="col">{t("rankChange")}</th>
            <th scope="col" className="rk-num rk-wide">
              {t("toTargetHeader")}
            </th>
            <th scope="col" className="rk-num rk-wide">
              {t("toPassHeader", { unit: passUnit })}
            </th>
            <th scope="col">
              <span className="sr-only">{t("otherFigures")}</span>
            </th>
          </tr>
        </thead>
        {GROUPS.map((standing) => {
          const group = rows.filter((r) => r.standing === standing);
          if (group.length === 0) return null;
          const heading = groupHeading(w, standing, metric, noun === undefined ? undefined : mergeNouns(group.map((r) => nounFor(noun, r.code)), "WARD"));
          return (
            <tbody key={standing} data-group={standing}>
              {heading ? (
                <tr className="rk-group" data-group-heading>
                  <th scope="rowgroup" colSpan={COLUMNS}>
                    {heading} ({w.f.count(group.length)})
                  </th>
                </tr>
              ) : null}
              {group.map((r) => (
                <Row
                  key={r.code}
                  w={w}
                  r={r}
                  metric={metric}
                  noun={noun === undefined ? undefined : nounFor(noun, r.code)}
                  unitHref={unitHref}
                  highlighted={r.code === highlightCode}
                  largest={largest}
                />
              ))}
            </tbody>
          );
        })}
      </table>
    </div>
  );
}
