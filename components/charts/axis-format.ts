import { formatCount, type FormatLocale } from "@/lib/domain/format";

// Axis ticks are positions on a scale, not figures an official signs: they are drawn from floats.
// Printed the reader's way (vi: dots for thousands, a comma for decimals; en: the other way round).

export function formatAxisNumber(n: number, locale: FormatLocale = "vi"): string {
  if (Number.isSafeInteger(n)) return formatCount(n, undefined, locale);
  const [whole = "0", frac = ""] = Math.abs(n).toFixed(1).split(".");
  return `${n < 0 ? "-" : ""}${formatCount(Number(whole), undefined, locale)}${locale === "en" ? "." : ","}${frac}`;
}

export function formatAxisPercent(n: number, locale: FormatLocale = "vi"): string {
  return `${formatAxisNumber(n, locale)}%`;
}

/** The tick formatters of one language: `axisFormats(locale).number` for counts, `.percent` for rates. */
export function axisFormats(locale: FormatLocale) {
  return { number: (n: number) => formatAxisNumber(n, locale), percent: (n: number) => formatAxisPercent(n, locale) };
}
