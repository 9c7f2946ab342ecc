import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ChartWordsProvider } from "@/components/charts/chart-words";
import { RankHistoryChart } from "@/components/charts/rank-history-chart";
import viCharts from "@/messages/vi/charts.json";
import { rankHistoryData } from "@/lib/domain/chart-data";
import { dayRange } from "@/lib/domain/days";
import type { PolicyPhase } from "@/lib/domain/policy-phases";

// Every time chart draws the unit's policy phases: a legend line per band under the chart, and a
// column of its table view naming the phases in force each day (components/charts/phase-bands.tsx).

const CT16: PolicyPhase = { id: 1, unitCode: "01", unitName: "Thành phố Hà Nội", name: "Chỉ thị 16", startDay: "2021-07-24", endDay: null };
const rows = rankHistoryData(dayRange("2021-07-22", "2021-07-26").map((day, i) => ({ day, rank: i + 1, ranked: 18 })));

/** A chart as the lazy frame draws it: with the chart words of the Vietnamese catalog. */
function draw(props: Parameters<typeof RankHistoryChart>[0]): string {
  return renderToStaticMarkup(createElement(ChartWordsProvider, { value: { locale: "vi", messages: viCharts.chart } }, createElement(RankHistoryChart, props)));
}

function textOf(html: string): string {
  return html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
}

describe("policy phases on the charts", () => {
  it("the legend names the band and the table view gets a phase column, '—' before it began", () => {
    const html = draw({ id: "rank", title: "Thứ hạng", rows, outOf: 18, phases: [CT16] });
    const text = textOf(html);
    expect(text).toContain("Vùng tô: Chỉ thị 16 (Thành phố Hà Nội): từ 24/07/2021");
    expect(text).toContain("Giai đoạn chính sách");
    expect(text).toMatch(/23\/07\/2021 2\/18 —/);
    expect(text).toMatch(/24\/07\/2021 3\/18 Chỉ thị 16/);
  });

  it("draws nothing extra without phases, or when the phase lies outside the chart's days", () => {
    const later = { ...CT16, startDay: "2021-09-21", name: "Chỉ thị 15" };
    for (const phases of [undefined, [], [later]]) {
      const text = textOf(draw({ id: "rank", title: "Thứ hạng", rows, outOf: 18, phases }));
      expect(text).not.toContain("Giai đoạn chính sách");
      expect(text).not.toContain("Vùng tô");
    }
  });
});
