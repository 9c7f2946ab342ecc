"use client";

import { createTranslator } from "next-intl";
import { createContext, useContext, useMemo } from "react";
import type { Locale } from "@/i18n/locales";

// The words inside a drawn chart (table view, legends, tooltips, column headers), in the reader's
// language. The chart-data route sends them with the data (the "charts.chart" group,
// app/api/charts/chart-response.ts) and the lazy chart frame provides them to the chart it draws:
// they travel only to a reader who scrolls to a chart, not with every page.

/** The "charts.chart" group of the catalog, as sent to the browser. */
export type ChartMessages = Record<string, string>;

export type ChartWordsValue = { readonly locale: Locale; readonly messages: ChartMessages };

const ChartWordsContext = createContext<ChartWordsValue | null>(null);

export const ChartWordsProvider = ChartWordsContext.Provider;

/** The reader's language, for the figures a chart formats itself (axis ticks, the phase bands' days). */
export function useChartLocale(): Locale {
  const value = useContext(ChartWordsContext);
  if (value === null) throw new Error("useChartLocale outside a lazy chart");
  return value.locale;
}

/** A translator of the chart's words (ICU messages, with placeholders). */
export function useChartWords() {
  const value = useContext(ChartWordsContext);
  if (value === null) throw new Error("useChartWords outside a lazy chart");
  return useMemo(
    () => createTranslator({ locale: value.locale, messages: { chart: value.messages }, namespace: "chart" }),
    [value],
  ) as (key: string, values?: Record<string, string | number>) => string;
}
