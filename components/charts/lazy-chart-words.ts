import "server-only";
import { randomBytes } from "node:crypto";
import { getLocale, getTranslations } from "next-intl/server";
import { parseLocale } from "@/i18n/locales";
import type { ChartMessages } from "./chart-words";
import type { LazyChartWords } from "./lazy-chart";

/** The lazy chart frame's words in the reader's language, translated on the server. */
export async function lazyChartWords(): Promise<LazyChartWords> {
  const t = await getTranslations("charts");
  const chart = { locale: parseLocale(await getLocale()), messages: t.raw("chart") as ChartMessages };
  return { loading: t("loading"), failed: t("failed"), retry: t("retry"), noScript: t("noScript"), chart };
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
