import { useTranslations } from "next-intl";
import type { ImportStatus } from "@/lib/domain/imports/catalogue";

const STYLES: { readonly [S in ImportStatus]: string } = {
  RUNNING: "border-blue-300 bg-blue-50 text-blue-900",
  SUCCEEDED: "border-green-300 bg-green-50 text-green-900",
  FAILED: "border-red-300 bg-red-50 text-red-900",
  DUPLICATE: "border-amber-300 bg-amber-50 text-amber-900",
  ROLLED_BACK: "border-slate-300 bg-slate-100 text-slate-800",
};

export function ImportStatusBadge({ status }: { status: ImportStatus }) {
  const t = useTranslations("imports");
  return (
    <span className={`inline-block rounded border px-2 py-0.5 text-sm font-semibold ${STYLES[status]}`} data-status={status}>
      {t(`statuses.${status}`)}
    </span>
  );
}
