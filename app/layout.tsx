import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "WardWatch", template: "%s · WardWatch" },
  description: "Theo dõi cài đặt Bluezone và quét mã QR theo phường, quận",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="vi">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <a
          href="#noi-dung"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-brand-800 focus:shadow"
        >
          Bỏ qua, đến nội dung chính
        </a>
        <header className="bg-brand-800 text-white">
          <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-2 px-4 py-3">
            <Link href="/" className="text-lg font-bold tracking-tight">
              WardWatch
            </Link>
            <p className="text-sm text-blue-100">Bluezone &amp; quét mã QR phòng, chống dịch Covid-19</p>
          </div>
        </header>
        <main id="noi-dung" className="mx-auto max-w-6xl px-4 py-6">
          {children}
        </main>
      </body>
    </html>
  );
}
