import type { Metadata } from "next";
import Link from "next/link";
import { CodeListImport } from "@/components/units/code-list-import";
import { UnitChangeHistory } from "@/components/units/unit-change-history";
import { orDeny } from "@/lib/auth/page-guard";
import { requireRole } from "@/lib/auth/session";
import { listUnitChanges } from "@/lib/data/unit-admin";
import { todayInVietnam } from "@/lib/domain/days";
import { CODE_LIST_HEADER } from "@/lib/domain/unit-code-list";
import { CODE_LIST_MAX_BYTES } from "@/lib/schemas/units";

export const metadata: Metadata = { title: "Nhập danh mục đơn vị mới" };
export const dynamic = "force-dynamic";

// A new code list of the General Statistics Office (issue 12, part 2): previewed (what it adds,
// renames, retypes, moves and closes), then applied in one transaction, audited. Admins only; the
// actions and the data layer check again.

const COLUMNS: { name: string; meaning: string; example: string }[] = [
  { name: "code", meaning: "mã đơn vị: 2 chữ số cho tỉnh, 3 cho quận, huyện, 5 cho xã, phường, thị trấn; giữ số 0 ở đầu", example: "00037" },
  { name: "level", meaning: "cấp: country, province, district hoặc ward", example: "ward" },
  { name: "name", meaning: "tên đầy đủ, có dấu, không có dấu phẩy", example: "Phường Phúc Tân" },
  { name: "type", meaning: "loại đơn vị (để trống cho cả nước)", example: "Phường" },
  { name: "parent_code", meaning: "mã đơn vị cấp trên, đã có ở một dòng phía trên", example: "002" },
];

export default async function CodeListPage() {
  const user = await requireRole(["ADMIN"], "/admin/units/code-list");
  const changes = await orDeny(async () => (await listUnitChanges(user, null, 50)).filter((c) => c.kind === "CODE_LIST"));
  return (
    <div className="space-y-6">
      <div>
        <Link href="/admin/units" className="text-sm font-semibold text-brand-700 underline">
          ← Đơn vị hành chính
        </Link>
        <h1 className="mt-1 text-2xl font-bold">Nhập danh mục đơn vị mới</h1>
        <p className="mt-1 max-w-3xl text-slate-700">
          Tải lên danh mục mã đơn vị hành chính mới (CSV UTF-8, tối đa {CODE_LIST_MAX_BYTES / 1024} KB, cùng định dạng với danh mục ngày 01/07/2021)
          và chọn ngày có hiệu lực. Xem trước cho biết đơn vị nào được thêm, đổi tên, đổi loại, đổi đơn vị cấp trên và thôi hiệu lực; chỉ khi
          tệp không có lỗi nào mới áp dụng được, tất cả cùng lúc. Số liệu đã có không bị chuyển đi: đơn vị thôi hiệu lực giữ số liệu của những
          ngày trước; không cho thôi hiệu lực một đơn vị có số liệu từ ngày áp dụng trở đi, hay chuyển sang cấp trên khác một đơn vị đã có số
          liệu. Cách ghi cuộc sắp xếp đơn vị hành chính năm 2025: xem docs/units.md.
        </p>
      </div>
      <section aria-labelledby="format-heading" className="rounded border border-slate-200 bg-white p-4">
        <h2 id="format-heading" className="mb-2 text-lg font-semibold">
          Định dạng tệp
        </h2>
        <p className="mb-2 text-sm">
          Dòng đầu: <code>{CODE_LIST_HEADER}</code>; mỗi dòng sau một đơn vị, đơn vị cấp trên đứng trước đơn vị trực thuộc. Không dùng dấu ngoặc
          kép.
        </p>
        <div className="overflow-x-auto">
          <table className="min-w-full text-left text-sm">
            <caption className="sr-only">Các cột của danh mục</caption>
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="py-1 pr-4">Cột</th>
                <th scope="col" className="py-1 pr-4">Ý nghĩa</th>
                <th scope="col" className="py-1 pr-4">Ví dụ</th>
              </tr>
            </thead>
            <tbody>
              {COLUMNS.map((c) => (
                <tr key={c.name} className="border-b border-slate-100">
                  <td className="py-1 pr-4 font-mono">{c.name}</td>
                  <td className="py-1 pr-4">{c.meaning}</td>
                  <td className="py-1 pr-4 font-mono">{c.example}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <CodeListImport today={todayInVietnam()} />
      <section aria-labelledby="applied-heading" className="space-y-2">
        <h2 id="applied-heading" className="text-xl font-semibold">
          Các danh mục đã áp dụng
        </h2>
        <UnitChangeHistory changes={changes} />
      </section>
    </div>
  );
}
