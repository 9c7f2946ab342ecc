import { getTranslations } from "@/i18n/server";
import type { TargetStatus } from "@/lib/domain/targets";
import { STATUS_CLASSES, STATUS_ICONS } from "./status-look";

// A traffic light that always says what it means in words (colour is never the only signal).
// Text colours keep at least 4.5:1 contrast on their tinted backgrounds.
export async function StatusBadge({ status }: { status: TargetStatus | null }) {
  if (status === null) return null;
  const t = await getTranslations("overview.ranking.status");
  return (
    <span className={STATUS_CLASSES[status]}>
      <span aria-hidden="true">{STATUS_ICONS[status]}</span>
      {t(status)}
    </span>
  );
}
