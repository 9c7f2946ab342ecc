import type { ScanDataGap } from "@/lib/data/alerts";
import { getLocale, getTranslations } from "@/i18n/server";
import { parseLocale } from "@/i18n/locales";
import { figureFormats } from "@/lib/domain/format";
import { getDomainText } from "@/i18n/domain-text";

// The wards whose venues were not judged for dormancy because scan data does not cover every day
// of the window ("Chưa đủ dữ liệu quét để đánh giá …: thiếu dữ liệu ngày …"), so that no alert is
// not read as "no dormant venue". Shown by the alert centre and the alert summary (overview, ward page).

/** Beyond this many wards, the reasons are folded into a <details>. */
const LISTED = 3;

export async function ScanDataGaps({ gaps }: { gaps: readonly ScanDataGap[] }) {
  if (gaps.length === 0) return null;
  const t = await getTranslations("alerts.scanGaps");
  const f = figureFormats(parseLocale(await getLocale()));
  const { text } = await getDomainText();
  const items = (
    <ul className="mt-1 list-disc space-y-1 pl-5 text-sm">
      {gaps.map((g) => (
        <li key={g.ward.code} data-ward={g.ward.code}>
          {text(g.text)}
        </li>
      ))}
    </ul>
  );
  return (
    <div role="status" data-testid="scan-data-gaps" className="mt-2 rounded border border-amber-300 bg-amber-50 px-4 py-2 text-slate-900">
      {gaps.length <= LISTED ? (
        items
      ) : (
        <details>
          <summary className="inline-flex min-h-11 cursor-pointer items-center">
            {t("folded", { count: gaps.length, wards: f.count(gaps.length) })}
          </summary>
          {items}
        </details>
      )}
    </div>
  );
}
