import type { Metadata } from "next";
import { ImportFormatHelp } from "@/components/imports/format-help";
import { ImportList } from "@/components/imports/import-list";
import { ImportUploader } from "@/components/imports/import-uploader";
import { orDeny } from "@/lib/auth/page-guard";
import { requireRole } from "@/lib/auth/session";
import { getImportScopeChoices, listImports } from "@/lib/data/imports";
import { readImportConfig } from "@/lib/imports/config";
import { formatBytes } from "@/lib/domain/imports/progress";

export const metadata: Metadata = { title: "Nhập dữ liệu" };
export const dynamic = "force-dynamic";

export default async function ImportsPage() {
  const user = await requireRole(["ADMIN"], "/admin/imports");
  const imports = await orDeny(() => listImports(user));
  const choices = await orDeny(() => getImportScopeChoices(user));
  const { maxBytes } = readImportConfig();
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-bold">Nhập dữ liệu từ hệ thống quốc gia</h1>
        <p className="mt-1 max-w-3xl text-slate-700">
          Nạp nhật ký quét mã QR, danh sách địa điểm có mã QR và thống kê cài đặt Bluezone dưới dạng tệp CSV. Tệp được kiểm tra từng dòng:
          một tệp có lỗi không ghi gì cả; một tệp đã nạp rồi không được tính hai lần; một tệp chỉ thay số liệu mà nó có (các ngày và các quận, huyện
          của tệp, hoặc phạm vi đã chọn) và nói rõ đã thay gì; tệp sẽ thay số liệu đã được duyệt thì phải xác nhận trước khi ghi.
        </p>
      </div>
      <section aria-labelledby="upload-heading" className="space-y-3 rounded border border-slate-200 bg-white p-4">
        <h2 id="upload-heading" className="text-lg font-semibold">
          Nạp tệp
        </h2>
        <ImportUploader maxBytesLabel={formatBytes(maxBytes)} scopeChoices={choices} />
        <p className="text-sm text-slate-700">
          Tệp rất lớn có thể nạp bằng dòng lệnh trên máy chủ: <code className="font-mono">npm run import -- qr-scan-log tệp.csv</code>.
        </p>
      </section>
      <section aria-labelledby="formats-heading" className="space-y-3">
        <h2 id="formats-heading" className="text-lg font-semibold">
          Định dạng tệp
        </h2>
        <ImportFormatHelp />
      </section>
      <section aria-labelledby="list-heading" className="space-y-3">
        <h2 id="list-heading" className="text-lg font-semibold">
          Các lần nhập
        </h2>
        <ImportList items={imports} />
      </section>
    </div>
  );
}
