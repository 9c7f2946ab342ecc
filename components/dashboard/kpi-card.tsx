import type { ReactNode } from "react";

// A key figure: its label, its value, details (changes, targets), and, for an aggregate, what it
// counts or where it comes from (`origin`: "tổng 18/18 phường", "chưa đủ số liệu: 1/18 phường",
// "Dữ liệu nhập từ hệ thống quốc gia, lần nhập số 12 …"). A partial figure is framed in amber.
// Short class names (globals.css, `.kpi`): a page shows up to ten cards, each sent twice (issue 15).
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
    <div className={partial ? "kpi kpi-p" : "kpi"} data-testid={testId} data-partial={partial ? "true" : undefined}>
      <dt>{label}</dt>
      <dd className="kpi-v">{value}</dd>
      {detail ? <dd className="kpi-d">{detail}</dd> : null}
      {origin ? (
        <dd className="kpi-o" data-origin>
          {origin}
        </dd>
      ) : null}
    </div>
  );
}
