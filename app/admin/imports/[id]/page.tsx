import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ImportErrorTable } from "@/components/imports/error-table";
import { ImportStatusBadge } from "@/components/imports/status-badge";
import { orDeny } from "@/lib/auth/page-guard";
import { requireRole } from "@/lib/auth/session";
import { getImportDetail } from "@/lib/data/imports";
import { formatCount, formatDay } from "@/lib/domain/format";
import { IMPORT_KIND_LABELS } from "@/lib/domain/imports/catalogue";
import { formatBytes, formatInstantVi } from "@/lib/domain/imports/progress";
import { ImportIdSchema } from "@/lib/schemas/imports";

export const metadata: Metadata = { title: "Lần nhập dữ liệu" };
export const dynamic = "force-dynamic";

export default async function ImportPage({ params }: { params: Promise<{ id: string }> }) {
  const parsed = ImportIdSchema.safeParse((await params).id);
  if (!parsed.success) notFound();
  const user = await requireRole(["ADMIN"], `/admin/imports/${parsed.data}`);
  const { item, errors } = await orDeny(() => getImportDetail(user, parsed.data));
  return (
    <div className="space-y-6">
      <p>
        <Link href="/admin/imports" className="font-semibold text-brand-700 underline">
          ← Các lần nhập
        </Link>
      </p>
      <h1 className="flex flex-wrap items-center gap-2 text-2xl font-bold">
        <span>
          Lần nhập #{item.id}: {IMPORT_KIND_LABELS[item.kind]}
        </span>
        <ImportStatusBadge status={item.status} />
      </h1>
      <dl className="grid max-w-3xl grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt className="font-semibold">Tệp</dt>
        <dd className="break-all">
          {item.fileName}
          {item.bytes === null ? "" : ` (${formatBytes(item.bytes)})`}
        </dd>
        <dt className="font-semibold">Người nạp</dt>
        <dd>{item.userName ?? "dòng lệnh"}</dd>
        <dt className="font-semibold">Bắt đầu</dt>
        <dd>{formatInstantVi(Date.parse(item.startedAt))}</dd>
        <dt className="font-semibold">Kết thúc</dt>
        <dd>{item.finishedAt ? formatInstantVi(Date.parse(item.finishedAt)) : "—"}</dd>
        <dt className="font-semibold">Số dòng số liệu</dt>
        <dd>{item.rowsTotal === null ? "—" : formatCount(item.rowsTotal)}</dd>
        <dt className="font-semibold">Dòng có lỗi</dt>
        <dd>{item.rowsRejected === null ? "—" : formatCount(item.rowsRejected)}</dd>
        <dt className="font-semibold">Ngày áp dụng</dt>
        <dd>{item.dayFrom && item.dayTo ? (item.dayFrom === item.dayTo ? formatDay(item.dayFrom) : `${formatDay(item.dayFrom)} – ${formatDay(item.dayTo)}`) : "—"}</dd>
        <dt className="font-semibold">Ghi chú</dt>
        <dd>{item.message ?? "—"}</dd>
      </dl>
      {errors ? (
        <ImportErrorTable errors={errors} total={null} reportHref={`/api/imports/${item.id}/errors`} />
      ) : null}
    </div>
  );
}
