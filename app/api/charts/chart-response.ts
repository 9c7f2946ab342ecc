import "server-only";
import type { ChartPayload } from "@/components/charts/chart-payload";

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
 * The answer of a chart-data route. Not cached by the browser: a figure may change with any write
 * (the figure cache on the server is invalidated then, ADR 013); each page render asks once.
 */
export function chartJson(payload: ChartPayload): Response {
  return Response.json(payload, { headers: { "Cache-Control": "private, no-store" } });
}
