import { getTranslations } from "next-intl/server";
import type { TargetStatus } from "@/lib/domain/targets";

// A traffic light that always says what it means in words (colour is never the only signal).
// Text colours keep at least 4.5:1 contrast on their tinted backgrounds.
// Short class names (globals.css): a ranking repeats the badge on every row, in the HTML and in
// the page's React payload.
const CLASSES: Readonly<Record<TargetStatus, string>> = { met: "badge badge-met", near: "badge badge-near", below: "badge badge-below" };

const ICONS: Readonly<Record<TargetStatus, string>> = { met: "●", near: "◐", below: "○" };

export async function StatusBadge({ status }: { status: TargetStatus | null }) {
  if (status === null) return null;
  const t = await getTranslations("overview.ranking.status");
  return (
    <span className={CLASSES[status]}>
      <span aria-hidden="true">{ICONS[status]}</span>
      {t(status)}
    </span>
  );
}
