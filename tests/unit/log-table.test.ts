import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { LogTable } from "@/components/notifications/log-table";

// /admin/jobs draws both of its logs with one table component (it used to write the same table
// twice): the markup the page and its e2e spec rely on (test ids, row headers, numeric columns,
// the empty state) is the same for both.

describe("the jobs page's log table", () => {
  const columns = [{ label: "Bắt đầu" }, { label: "Tác vụ" }, { label: "Đã gửi", numeric: true }];

  it("draws rows with a row header, numeric cells on the right and an error in red", () => {
    const html = renderToStaticMarkup(
      createElement(LogTable, {
        id: "runs-heading",
        heading: "Các lần chạy",
        empty: "Chưa có",
        testId: "job-runs",
        columns,
        rows: [{ key: 1, cells: [{ content: "09:00 20/08/2021", nowrap: true }, { content: "Nhắc báo cáo", rowHeader: true }, { content: "1.234", numeric: true, error: true }] }],
      }),
    );
    expect(html).toContain('<section aria-labelledby="runs-heading" class="space-y-2"><h2 id="runs-heading" class="text-lg font-semibold">Các lần chạy</h2>');
    expect(html).toContain('<table class="min-w-full bg-white text-sm" data-testid="job-runs">');
    expect(html).toContain('<th scope="col" class="px-3 py-2 text-right">Đã gửi</th>');
    expect(html).toContain('<td class="px-3 py-2 whitespace-nowrap">09:00 20/08/2021</td>');
    expect(html).toContain('<th scope="row" class="px-3 py-2 text-left font-semibold">Nhắc báo cáo</th>');
    expect(html).toContain('<td class="px-3 py-2 text-right font-semibold text-red-800">1.234</td>');
    expect(html).not.toContain("Chưa có");
  });

  it("says so when a log is empty, without a table", () => {
    const html = renderToStaticMarkup(createElement(LogTable, { id: "m", heading: "Tin đã gửi", empty: "Chưa có tin nào.", testId: "message-log", columns, rows: [] }));
    expect(html).toContain('<p class="text-slate-700">Chưa có tin nào.</p>');
    expect(html).not.toContain("<table");
  });
});
