import { useTranslations } from "next-intl";
import type { AlertSeverity } from "@/lib/domain/alerts/types";
import styles from "./alerts.module.css";

// The severity in words (colour is never the only signal); text keeps ≥ 4.5:1 contrast on its tint.
// Shared: rendered on the server by the alert summary and in the browser by the alert table, whose
// page sends the "alerts.badge" group. Short class names (alerts.module.css): it is on every row.

const ICONS: Readonly<Record<AlertSeverity, string>> = { critical: "▲", warning: "■", info: "●" };

export function SeverityBadge({ severity, escalated = false }: { severity: AlertSeverity; escalated?: boolean }) {
  const t = useTranslations("alerts.badge");
  return (
    <span className={`${styles.badge} ${styles[severity]}`} data-severity={severity}>
      <span aria-hidden="true">{ICONS[severity]}</span>
      {t(`severity.${severity}`)}
      {escalated ? <span className="font-normal">{t("escalated")}</span> : null}
    </span>
  );
}
