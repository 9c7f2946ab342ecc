import { useTranslations } from "next-intl";
import type { AlertSeverity } from "@/lib/domain/alerts/types";

// The severity in words (colour is never the only signal); text keeps ≥ 4.5:1 contrast on its tint.
// Shared: rendered on the server by the alert summary and in the browser by the alert table, whose
// page sends the "alerts.badge" group.
const CLASSES: Readonly<Record<AlertSeverity, string>> = {
  critical: "bg-red-100 text-red-900 ring-red-700",
  warning: "bg-amber-100 text-amber-900 ring-amber-700",
  info: "bg-sky-100 text-sky-900 ring-sky-700",
};

const ICONS: Readonly<Record<AlertSeverity, string>> = { critical: "▲", warning: "■", info: "●" };

export function SeverityBadge({ severity, escalated = false }: { severity: AlertSeverity; escalated?: boolean }) {
  const t = useTranslations("alerts.badge");
  return (
    <span
      className={`inline-flex items-center gap-1 whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-semibold ring-1 ${CLASSES[severity]}`}
      data-severity={severity}
    >
      <span aria-hidden="true">{ICONS[severity]}</span>
      {t(`severity.${severity}`)}
      {escalated ? <span className="font-normal">{t("escalated")}</span> : null}
    </span>
  );
}
