"use client";

// Shown for any unexpected error in a page. The real error is logged on the server; users get
// a plain Vietnamese message and a way to retry, never a stack trace.
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <section role="alert" className="mx-auto max-w-xl rounded-lg border border-red-200 bg-white p-6">
      <h1 className="text-xl font-semibold text-red-800">Đã có lỗi khi tải trang</h1>
      <p className="mt-2 text-slate-700">
        Hệ thống chưa tải được số liệu. Vui lòng thử lại sau ít phút; nếu lỗi còn tiếp diễn, hãy báo quản trị viên.
      </p>
      <button
        type="button"
        onClick={reset}
        className="mt-4 rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2"
      >
        Thử lại
      </button>
    </section>
  );
}
