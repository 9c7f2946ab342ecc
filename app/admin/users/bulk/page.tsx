import type { Metadata } from "next";
import Link from "next/link";
import { BulkUsersForm } from "@/components/admin/bulk-users-form";
import { requireRole } from "@/lib/auth/session";
import { BULK_USER_MAX_BYTES, BULK_USER_MAX_ROWS, PASSWORD_MIN_LENGTH } from "@/lib/schemas/user";

// Onboarding a city: district officials and ward chairs created in bulk from a CSV file (admins).
// The page is a convenience; the actions check the role and the data layer checks it again.

export const metadata: Metadata = { title: "Tạo tài khoản hàng loạt" };
export const dynamic = "force-dynamic";

const COLUMNS: { name: string; required: boolean; meaning: string; example: string }[] = [
  { name: "username", required: true, meaning: "tên đăng nhập: 3–64 ký tự, chữ thường không dấu, số, . - _; không trùng", example: "phuong.phucxa" },
  { name: "display_name", required: true, meaning: "họ tên, 2–100 ký tự", example: "Trần Thị Bình" },
  { name: "role", required: true, meaning: "DISTRICT_OFFICIAL (cán bộ quận), WARD_CHAIR (chủ tịch UBND phường) hoặc CITY_OFFICIAL (cán bộ thành phố: chỉ xem)", example: "WARD_CHAIR" },
  { name: "unit_code", required: true, meaning: "mã quận (3 chữ số) cho cán bộ quận, mã phường (5 chữ số) cho chủ tịch phường, mã tỉnh, thành phố (2 chữ số, ví dụ 01) cho cán bộ thành phố", example: "00001" },
  { name: "phone", required: false, meaning: "số điện thoại, bắt đầu bằng 0 hoặc +84", example: "0912 345 678" },
  { name: "email", required: false, meaning: "địa chỉ email", example: "binh.tt@hanoi.gov.vn" },
];

export default async function BulkUsersPage() {
  await requireRole(["ADMIN"], "/admin/users/bulk");
  return (
    <div className="space-y-6">
      <div>
        <Link href="/admin/users" className="text-sm font-semibold text-brand-700 underline">
          ← Tài khoản
        </Link>
        <h1 className="mt-1 text-2xl font-bold">Tạo tài khoản hàng loạt</h1>
        <p className="mt-1 max-w-3xl text-slate-700">
          Tạo tài khoản cán bộ quận và chủ tịch UBND phường từ một tệp CSV (UTF-8, dòng đầu là tên cột, tối đa{" "}
          {BULK_USER_MAX_ROWS.toLocaleString("vi-VN")} tài khoản, {BULK_USER_MAX_BYTES / 1024} KB). Tệp được kiểm tra từng dòng: chỉ cần một lỗi là
          không tạo tài khoản nào. Mỗi tài khoản nhận một mật khẩu ban đầu ngẫu nhiên ({PASSWORD_MIN_LENGTH}+ ký tự), chỉ hiện một lần sau khi tạo;
          người dùng phải đổi mật khẩu ở lần đăng nhập đầu.
        </p>
      </div>
      <section aria-labelledby="columns-heading" className="rounded border border-slate-200 bg-white p-4">
        <h2 id="columns-heading" className="mb-2 text-lg font-semibold">
          Các cột của tệp
        </h2>
        <div className="overflow-x-auto">
          <table className="min-w-full text-left text-sm">
            <caption className="sr-only">Các cột của tệp CSV tài khoản</caption>
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="py-1 pr-4">
                  Cột
                </th>
                <th scope="col" className="py-1 pr-4">
                  Bắt buộc
                </th>
                <th scope="col" className="py-1 pr-4">
                  Ý nghĩa
                </th>
                <th scope="col" className="py-1 pr-4">
                  Ví dụ
                </th>
              </tr>
            </thead>
            <tbody>
              {COLUMNS.map((c) => (
                <tr key={c.name} className="border-b border-slate-100">
                  <td className="py-1 pr-4 font-mono">{c.name}</td>
                  <td className="py-1 pr-4">{c.required ? "có" : "không"}</td>
                  <td className="py-1 pr-4">{c.meaning}</td>
                  <td className="py-1 pr-4 font-mono">{c.example}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="mt-2 text-sm text-slate-700">
          Tên cột không phân biệt chữ hoa, chữ thường; thứ tự tuỳ ý; cột khác bị bỏ qua. Dấu phẩy hoặc dấu chấm phẩy; giá trị có dấu phẩy đặt
          trong ngoặc kép. Trong Excel: Lưu thành “CSV UTF-8”. Mã đơn vị là mã của Tổng cục Thống kê, giữ các số 0 ở đầu (002, 00037).
        </p>
      </section>
      <BulkUsersForm />
    </div>
  );
}
