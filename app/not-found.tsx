import Link from "next/link";

export default function NotFound() {
  return (
    <section className="mx-auto max-w-xl rounded-lg border border-slate-200 bg-white p-6">
      <h1 className="text-xl font-semibold">Không tìm thấy trang</h1>
      <p className="mt-2 text-slate-700">Địa chỉ này không tồn tại hoặc đơn vị không có trong hệ thống.</p>
      <Link href="/" className="mt-4 inline-block font-semibold text-brand-700 underline">
        Về trang tổng quan
      </Link>
    </section>
  );
}
