import { NextResponse, type NextRequest } from "next/server";
import { isPostgresReachable } from "./lib/db/health";

// When the PostgreSQL server named by DATABASE_URL cannot be reached, answer every page with a
// clear Vietnamese 503 page instead of a failed render, and recover by itself once it is back.
// This is availability only: no authorization is decided here.

const UNAVAILABLE_HTML = `<!doctype html><html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Tạm thời không truy cập được · WardWatch</title>
<meta http-equiv="refresh" content="15"></head>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#0f172a">
<main><h1>Tạm thời không kết nối được cơ sở dữ liệu</h1>
<p>WardWatch đang chạy nhưng chưa kết nối được máy chủ cơ sở dữ liệu. Trang sẽ tự tải lại sau 15 giây.
Nếu tình trạng kéo dài, vui lòng báo quản trị viên hệ thống.</p></main></body></html>`;

export async function proxy(request: NextRequest) {
  const url = process.env.DATABASE_URL;
  if (!url) return NextResponse.next();
  if (await isPostgresReachable(url)) return NextResponse.next();
  const wantsJson = request.nextUrl.pathname.startsWith("/api/");
  return wantsJson
    ? NextResponse.json({ error: "Cơ sở dữ liệu tạm thời không truy cập được" }, { status: 503, headers: { "Retry-After": "15" } })
    : new NextResponse(UNAVAILABLE_HTML, {
        status: 503,
        headers: { "content-type": "text/html; charset=utf-8", "Retry-After": "15" },
      });
}

export const config = {
  // Static files and Next's own assets never need the database.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|api/imports|.*\\.(?:css|js|woff2?|png|svg|ico)$).*)"],
};
