import type { TargetStatus } from "@/lib/domain/targets";

// How a target status looks (shared by the server badge and the client-drawn ranking rows).
// Short class names (globals.css): a ranking repeats the badge on every row.
export const STATUS_CLASSES: Readonly<Record<TargetStatus, string>> = { met: "badge badge-met", near: "badge badge-near", below: "badge badge-below" };

export const STATUS_ICONS: Readonly<Record<TargetStatus, string>> = { met: "●", near: "◐", below: "○" };
