import Link from "next/link";
import { getLocale, getTranslations } from "@/i18n/server";
import { Notice } from "@/components/ui/notice";
import { parseLocale } from "@/i18n/locales";
import { figureFormats } from "@/lib/domain/format";
import { localNoun } from "./local-noun";

/** `reporters`: who enters the figures, from their types ("phường", "xã, thị trấn"). */
export async function NoDataNotice({ unitName, reporters = "phường" }: { unitName: string; reporters?: string }) {
  const t = await getTranslations("overview.dayNotices");
  const locale = parseLocale(await getLocale());
  return <Notice title={t("noDataTitle", { unit: unitName })}>{t("noDataText", { reporters: localNoun(reporters, locale) })}</Notice>;
}

export async function DayOutOfRangeNotice({
  unitName,
  day,
  range,
  latestHref,
}: {
  unitName: string;
  day: string;
  range: { from: string; to: string };
  latestHref: string;
}) {
  const t = await getTranslations("overview.dayNotices");
  const f = figureFormats(parseLocale(await getLocale()));
  return (
    <Notice title={t("outOfRangeTitle", { day: f.day(day) })}>
      <p>{t("outOfRangeText", { unit: unitName, from: f.day(range.from), to: f.day(range.to) })}</p>
      <Link href={latestHref} className="font-semibold text-brand-700 underline">
        {t("seeDay", { day: f.day(range.to) })}
      </Link>
    </Notice>
  );
}
