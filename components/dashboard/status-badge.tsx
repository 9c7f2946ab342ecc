import { TARGET_STATUS_LABELS, type TargetStatus } from "@/lib/domain/targets";

// A traffic light that always says what it means in words (colour is never the only signal).
// Text colours keep at least 4.5:1 contrast on their tinted backgrounds.
const CLASSES: Readonly<Record<TargetStatus, string>> = {
  met: "bg-green-100 text-green-900 ring-green-700",
  near: "bg-amber-100 text-amber-900 ring-amber-700",
  below: "bg-red-100 text-red-900 ring-red-700",
};

const ICONS: Readonly<Record<TargetStatus, string>> = { met: "●", near: "◐", below: "○" };

export function StatusBadge({ status }: { status: TargetStatus | null }) {
  if (status === null) return null;
  return (
    <span className={`inline-flex items-center gap-1 whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-semibold ring-1 ${CLASSES[status]}`}>
      <span aria-hidden="true">{ICONS[status]}</span>
      {TARGET_STATUS_LABELS[status]}
    </span>
  );
}
