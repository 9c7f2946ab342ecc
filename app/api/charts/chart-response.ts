import "server-only";
import type { ChartPayload } from "@/components/charts/chart-payload";
import { requestLocale } from "@/i18n/catalog-text";
import { CATALOGS } from "@/messages/catalog";

/** A query string as the pages' search params: one value a string, a repeated one an array. */
export function searchParamsOf(url: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of new URL(url).searchParams) {
    const seen = out[key];
    out[key] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return out;
}

/**
 * The answer of a chart-data route, with the charts' words in the reader's language (the
 * "charts.chart" group). Not cached by the browser: a figure may change with any write (the figure
 * cache on the server is invalidated then, ADR 013); each page render asks once.
 */
export function chartJson(request: Request, payload: Omit<ChartPayload, "words">): Response {
  const locale = requestLocale(request);
  const words = { locale, messages: CATALOGS[locale].charts.chart };
  return Response.json({ words, ...payload } satisfies ChartPayload, { headers: { "Cache-Control": "private, no-store" } });
}

export { requestLocale };
