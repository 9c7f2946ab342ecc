"use client";

// Shown when the root layout itself fails (app/error.tsx sits inside it and cannot catch that), in
// place of Next's bare English error page. It replaces the whole document, so it brings its own
// <html> and plain styles. A database that cannot answer is normally stopped earlier, by the proxy's
// 503 page (proxy.ts); this is the last line. The layout (and so the language's messages) is what
// failed, so the page says it in both languages, Vietnamese first (the one i18n allowlist entry
// that is not another helper's file: tests/unit/i18n-hardcoded-strings.test.ts).
export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="vi">
      <body style={{ fontFamily: "system-ui, sans-serif", maxWidth: "40rem", margin: "3rem auto", padding: "0 1rem", color: "#0f172a" }}>
        <main role="alert">
          <h1>Tạm thời không tải được trang</h1>
          <p>
            WardWatch chưa lấy được số liệu, thường là do cơ sở dữ liệu đang bận hoặc tạm thời không trả lời. Vui lòng thử lại
            sau ít giây; nếu lỗi còn tiếp diễn, hãy báo quản trị viên hệ thống.
          </p>
          <div lang="en">
            <h2>The page could not be loaded for now</h2>
            <p>
              WardWatch could not read its figures, usually because the database is busy or not answering for a moment. Please
              try again in a few seconds; if the problem persists, tell the system administrator.
            </p>
          </div>
          <button type="button" onClick={reset}>
            Thử lại · <span lang="en">Try again</span>
          </button>
        </main>
      </body>
    </html>
  );
}
