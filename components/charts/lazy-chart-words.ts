import "server-only";
import { randomBytes } from "node:crypto";
import { getTranslations } from "@/i18n/server";
import type { LazyChartWords } from "./lazy-chart";

/**
 * The lazy chart frame's words in the reader's language, translated on the server. (The drawn
 * chart's own words come with its data: app/api/charts/chart-response.ts.)
 */
export async function lazyChartWords(): Promise<LazyChartWords> {
  const t = await getTranslations("charts");
  return { loading: t("loading"), failed: t("failed"), retry: t("retry"), noScript: t("noScript") };
}

/**
 * A page's chart-data URL, unique to this render of the page: the browser shares one request among
 * the page's charts, and never reuses an answer fetched for an earlier render (the figures may
 * have changed since: no stale figure after a write).
 */
export function chartDataHref(path: string, params: URLSearchParams): string {
  const p = new URLSearchParams(params);
  p.set("render", randomBytes(6).toString("base64url"));
  return `${path}?${p.toString()}`;
}
