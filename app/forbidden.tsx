import Link from "next/link";

// Shown with HTTP 403 when a signed-in user opens a page or a unit they may not see
// (lib/auth/session.ts requireRole, and pages that catch ForbiddenError).
export default function Forbidden() {
  return (
    <section role="alert" className="mx-auto max-w-xl rounded-lg border border-red-200 bg-white p-6" data-testid="forbidden">
      <h1 className="text-xl font-semibold text-red-800">Không có quyền truy cập</h1>
      <p className="mt-2 text-slate-700">
        Tài khoản của bạn không được xem hoặc sửa nội dung này. Chủ tịch UBND phường chỉ làm việc với báo cáo của phường mình.
      </p>
      <Link href="/" className="mt-4 inline-block font-semibold text-brand-700 underline">
        Về trang tổng quan
      </Link>
    </section>
  );
}
