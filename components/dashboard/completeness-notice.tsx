import Link from "next/link";
import type { DayCompleteness } from "@/lib/domain/dashboard-completeness";
import { countedWord, formatUpdating, type ChildNoun } from "@/lib/domain/dashboard-format";
import { formatCount, formatDay } from "@/lib/domain/format";

// What a dashboard page says about how whole its day is (issue 11): a partial day says so at the
// top, before any number; later days still coming in are one click away, labelled with how many
// children have reported; a page that had no whole day to open on says which day it opened on.
// `noun` is what the children are called, from their types ("phường", "xã, thị trấn", "quận, huyện").

/** At the top of a page whose unit's figure of the day sums only some of its children. */
export function PartialDayNotice({
  status,
  unitName,
  noun,
  lastComplete,
  lastCompleteHref,
  testId = "partial-day",
}: {
  status: DayCompleteness;
  unitName: string;
  noun: ChildNoun;
  lastComplete: string | null;
  lastCompleteHref: string | null;
  testId?: string;
}) {
  if (status.kind === "complete") return null;
  const count = `${formatCount(status.counted)}/${formatCount(status.total)} ${noun}`;
  return (
    <section role="status" aria-labelledby={`${testId}-title`} className="rounded-lg border-2 border-amber-700 bg-amber-50 px-4 py-3 text-slate-900" data-testid={testId}>
      <h2 id={`${testId}-title`} className="font-semibold">
        Số liệu ngày {formatDay(status.day)} chưa đầy đủ: {count} {countedWord(noun)}
      </h2>
      <p className="mt-1 text-sm">
        {status.kind === "missing"
          ? `${unitName} chưa có số liệu cài đặt ngày này.`
          : `Các số dưới đây chỉ cộng ${formatCount(status.counted)} ${noun} ${countedWord(noun)}, chưa phải tổng của ${unitName}.`}{" "}
        Không xếp hạng, không so sánh với ngày khác và không đánh giá mục tiêu cho đến khi đủ số liệu.
      </p>
      {lastComplete && lastCompleteHref ? (
        <p className="mt-1 text-sm">
          <Link href={lastCompleteHref} className="font-semibold text-brand-700 underline">
            Xem ngày đủ số liệu gần nhất: {formatDay(lastComplete)}
          </Link>
        </p>
      ) : null}
    </section>
  );
}

/** Said when a page opened, without a day asked for, on the latest day with data because no day is whole yet. */
export function NoCompleteDayNote({ noun }: { noun: ChildNoun }) {
  return (
    <p role="status" className="rounded border border-amber-300 bg-amber-50 px-4 py-2 text-sm text-slate-900" data-testid="no-complete-day">
      Chưa có ngày nào đủ số liệu của tất cả các {noun}: trang đang mở ngày mới nhất có số liệu.
    </p>
  );
}

/** Later days whose figures are still coming in, latest first, each a link to that day. */
export function StillComingIn({ days, noun, hrefFor }: { days: readonly DayCompleteness[]; noun: ChildNoun; hrefFor: (day: string) => string }) {
  if (days.length === 0) return null;
  return (
    <nav aria-label="Ngày đang cập nhật số liệu" className="text-sm" data-testid="still-coming-in">
      <ul className="flex flex-wrap gap-2">
        {days.map((d) => (
          <li key={d.day}>
            <Link
              href={hrefFor(d.day)}
              className="inline-block rounded border border-amber-700 bg-white px-2 py-1 text-slate-900 underline-offset-2 hover:underline focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-800"
            >
              {formatUpdating(d.counted, d.total, noun)} <span className="text-slate-700">(ngày {formatDay(d.day)})</span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
