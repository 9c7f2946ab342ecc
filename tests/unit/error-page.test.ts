import { NextIntlClientProvider } from "next-intl";
import { createElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import ErrorPage from "@/app/error";
import { DATABASE_UNAVAILABLE_DIGEST } from "@/lib/auth/unavailable-digest";
import { clientMessages } from "@/messages/catalog";
import en from "@/messages/en/errorPage.json";

// The error page (app/error.tsx) brings its own words: the root layout's client messages no longer
// carry them (messages/catalog.ts, CLIENT_GROUPS), and it still speaks the reader's language.

function render(locale: "vi" | "en", digest?: string): string {
  const error = Object.assign(new Error("boom"), digest ? { digest } : {});
  const page = createElement(ErrorPage, { error, reset: () => undefined });
  const Provider = NextIntlClientProvider as unknown as (props: { locale: string; messages: Record<string, unknown>; timeZone: string }) => ReactNode;
  return renderToStaticMarkup(createElement(Provider, { locale, messages: clientMessages(locale), timeZone: "Asia/Ho_Chi_Minh" }, page));
}

describe("the error page", () => {
  it("speaks the reader's language with only the layout's client messages around it", () => {
    expect(render("vi")).toContain("Đã có lỗi khi tải trang");
    expect(render("vi")).toContain("Thử lại");
    expect(render("en")).not.toContain("Đã có lỗi");
    expect(render("en")).toContain(`>${en.pageTitle}</h1>`);
    expect(render("en")).toContain(en.retry);
  });

  it("tells a database outage apart, and never shows the error's own text", () => {
    const html = render("vi", DATABASE_UNAVAILABLE_DIGEST);
    expect(html).toContain("Tạm thời không kết nối được cơ sở dữ liệu");
    expect(html).toContain('data-testid="database-unavailable"');
    expect(html).not.toContain("boom");
  });
});
