import type { ReactNode } from "react";

export function KpiCard({ label, value, detail, testId }: { label: string; value: string; detail?: ReactNode; testId?: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid={testId}>
      <dt className="text-sm font-medium text-slate-700">{label}</dt>
      <dd className="tabular mt-1 text-2xl font-bold text-slate-900">{value}</dd>
      {detail ? <dd className="mt-1 space-y-0.5 text-sm text-slate-700">{detail}</dd> : null}
    </div>
  );
}
