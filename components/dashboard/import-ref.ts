import type { getTranslations } from "@/i18n/server";
import type { FigureFormats } from "@/lib/domain/format";
import { formatVietnamDateTime } from "@/lib/domain/instant-format";
import type { ImportRef } from "@/lib/domain/figure-provenance";

type T = Awaited<ReturnType<typeof getTranslations<"overview.importRef">>>;

/** Which import a figure comes from, in the interface's language: "lần nhập số 12 (tệp x.csv, 09:59 20/08/2021)". */
export function importRefText(t: T, f: FigureFormats, ref: ImportRef | null): string {
  if (ref === null) return t("none");
  const base = { id: f.count(ref.id), file: ref.fileName };
  return ref.at === null ? t("ref", base) : t("refAt", { ...base, at: formatVietnamDateTime(new Date(ref.at), f.locale) });
}
