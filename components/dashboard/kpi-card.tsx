import type { ReactNode } from "react";

// A key figure: its label, its value, details (changes, targets), and, for an aggregate, what it
// counts or where it comes from (`origin`: "tổng 18/18 phường", "chưa đủ số liệu: 1/18 phường",
// "Dữ liệu nhập từ hệ thống quốc gia, lần nhập số 12 …"). A partial figure is framed in amber.
export function KpiCard({
  label,
  value,
  detail,
  testId,
  origin,
  partial = false,
}: {
  label: string;
  value: string;
  detail?: ReactNode;
  testId?: string;
  origin?: ReactNode;
  partial?: boolean;
}) {
  return (
    <div
      className={`rounded-lg border bg-white p-4 shadow-sm ${partial ? "border-2 border-dashed border-amber-700" : "border-slate-200"}`}
      data-testid={testId}
      data-partial={partial ? "true" : undefined}
    >
      <dt className="text-sm font-medium text-slate-700">{label}</dt>
      <dd className="tabular mt-1 text-2xl font-bold text-slate-900">{value}</dd>
      {detail ? <dd className="mt-1 space-y-0.5 text-sm text-slate-700">{detail}</dd> : null}
      {origin ? (
        <dd className={`mt-1 space-y-0.5 text-xs ${partial ? "font-semibold text-amber-900" : "text-slate-700"}`} data-origin>
          {origin}
        </dd>
      ) : null}
    </div>
  );
}
