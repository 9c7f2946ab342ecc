import Link from "next/link";
import { formatCount, formatDay } from "@/lib/domain/format";
import type { ImportListItem } from "@/lib/data/imports";
import { IMPORT_KIND_LABELS } from "@/lib/domain/imports/catalogue";
import { formatInstantVi } from "@/lib/domain/imports/progress";
import { RollbackButton } from "./rollback-button";
import { ImportStatusBadge } from "./status-badge";

// The imports, newest first: what, which file, status, who and when, rows, days, message, and
// what can be done (see the errors, roll back).

function days(item: ImportListItem): string {
  if (!item.dayFrom || !item.dayTo) return "—";
  return item.dayFrom === item.dayTo ? formatDay(item.dayFrom) : `${formatDay(item.dayFrom)} – ${formatDay(item.dayTo)}`;
}

export function ImportList({ items }: { items: readonly ImportListItem[] }) {
  if (items.length === 0) return <p>Chưa có lần nhập nào.</p>;
  return (
    <div className="overflow-x-auto rounded border border-slate-200 bg-white">
      <table className="w-full text-left text-sm" data-testid="import-list">
        <caption className="sr-only">Các lần nhập dữ liệu, mới nhất trước</caption>
        <thead className="bg-slate-100">
          <tr>
            <th scope="col" className="px-2 py-2">
              #
            </th>
            <th scope="col" className="px-2 py-2">
              Loại và tệp
            </th>
            <th scope="col" className="px-2 py-2">
              Trạng thái
            </th>
            <th scope="col" className="px-2 py-2">
              Người nạp, lúc
            </th>
            <th scope="col" className="px-2 py-2 text-right">
              Số dòng
            </th>
            <th scope="col" className="px-2 py-2">
              Ngày áp dụng
            </th>
            <th scope="col" className="px-2 py-2">
              Ghi chú
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id} className="border-t border-slate-200 align-top" data-testid={`import-row-${item.id}`}>
              <td className="px-2 py-2 tabular-nums">
                <Link href={`/admin/imports/${item.id}`} className="font-semibold text-brand-700 underline">
                  {item.id}
                </Link>
              </td>
              <td className="px-2 py-2">
                <span className="block font-semibold">{IMPORT_KIND_LABELS[item.kind]}</span>
                <span className="block break-all text-slate-700">{item.fileName}</span>
              </td>
              <td className="px-2 py-2">
                <ImportStatusBadge status={item.status} />
              </td>
              <td className="px-2 py-2">
                <span className="block">{item.userName ?? "dòng lệnh"}</span>
                <span className="block text-slate-700">{formatInstantVi(Date.parse(item.startedAt))}</span>
              </td>
              <td className="px-2 py-2 text-right tabular-nums">
                {item.rowsTotal === null ? "—" : formatCount(item.rowsTotal)}
                {item.rowsRejected ? <span className="block text-red-800">{formatCount(item.rowsRejected)} lỗi</span> : null}
              </td>
              <td className="px-2 py-2">{days(item)}</td>
              <td className="max-w-md px-2 py-2">
                {item.message ? <p className="line-clamp-4">{item.message}</p> : null}
                <div className="mt-1 flex flex-wrap items-start gap-2">
                  {item.hasErrorReport ? (
                    <a href={`/api/imports/${item.id}/errors`} className="font-semibold text-brand-700 underline" download>
                      Tải danh sách lỗi
                    </a>
                  ) : null}
                  {item.status === "SUCCEEDED" ? <RollbackButton id={item.id} fileName={item.fileName} /> : null}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
