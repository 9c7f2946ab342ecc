import { FONT_BOLD, FONT_REGULAR } from "./document.ts";

// Drawing primitives of the PDF reports: tables and bar charts in plain pdfkit paths and text (no
// browser), fed with the chart data the dashboard draws (lib/domain/chart-data.ts), so a printed
// bar carries the same label as the one on screen.

type Doc = PDFKit.PDFDocument;

const INK = "#111827";
const MUTED = "#4b5563";
const GRID = "#d1d5db";
const BAR = "#1d4ed8";
const BAR_HIGHLIGHT = "#b45309";
const TARGET = "#b91c1c";

/** The bottom of the writable area of the current page. */
export function pageBottom(doc: Doc): number {
  return doc.page.height - doc.page.margins.bottom;
}

/** Starts a new page unless `height` points fit below the cursor. */
export function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > pageBottom(doc)) doc.addPage();
}

/**
 * A section heading, kept with the start of what follows it: `keepWithNext` is the height (in
 * points) of that start (a table's header and first rows, a chart's title and plot), so that a
 * heading never sits alone at the foot of a page.
 */
export function heading(doc: Doc, text: string, opts: { size?: number; keepWithNext?: number } = {}): void {
  const size = opts.size ?? 13;
  ensureSpace(doc, size * 2.5 + (opts.keepWithNext ?? size * 1.5));
  doc.moveDown(0.6);
  doc.font(FONT_BOLD).fontSize(size).fillColor(INK).text(text, doc.page.margins.left, doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.3);
}

export function contentWidth(doc: Doc): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

export type Column = { header: string; width: number; align?: "left" | "right" | "center" };

/**
 * A table with a header row (repeated on each new page) and zebra rows. Widths are shares of the
 * content width. `bold` marks rows to print in bold (e.g. the district's own row).
 */
/** The height of a table's header and first `rows` rows (what a heading keeps with it). */
export function tableStartHeight(doc: Doc, columns: readonly Column[], rows: readonly (readonly string[])[], size = 9, count = 2): number {
  const widths = columns.map((c) => c.width * contentWidth(doc));
  const height = (cells: readonly string[], font: string) => {
    doc.font(font).fontSize(size);
    return Math.max(...cells.map((cell, i) => doc.heightOfString(cell, { width: (widths[i] ?? 0) - 6 }))) + 6;
  };
  return height(columns.map((c) => c.header), FONT_BOLD) + rows.slice(0, count).reduce((a, r) => a + height(r, FONT_REGULAR), 0);
}

export function table(doc: Doc, columns: readonly Column[], rows: readonly (readonly string[])[], opts: { size?: number; bold?: (i: number) => boolean } = {}): void {
  const size = opts.size ?? 9;
  const left = doc.page.margins.left;
  const total = contentWidth(doc);
  const widths = columns.map((c) => c.width * total);
  const pad = 3;

  const rowHeight = (cells: readonly string[], font: string) => {
    doc.font(font).fontSize(size);
    return Math.max(...cells.map((cell, i) => doc.heightOfString(cell, { width: (widths[i] ?? 0) - 2 * pad }))) + 2 * pad;
  };
  const drawRow = (cells: readonly string[], font: string, fill: string | null) => {
    const h = rowHeight(cells, font);
    const y = doc.y;
    if (fill) doc.save().rect(left, y, total, h).fill(fill).restore();
    let x = left;
    doc.font(font).fontSize(size).fillColor(INK);
    cells.forEach((cell, i) => {
      const w = widths[i] ?? 0;
      doc.text(cell, x + pad, y + pad, { width: w - 2 * pad, align: columns[i]?.align ?? "left" });
      x += w;
    });
    doc.save().strokeColor(GRID).lineWidth(0.5).moveTo(left, y + h).lineTo(left + total, y + h).stroke().restore();
    doc.x = left;
    doc.y = y + h;
  };
  const header = columns.map((c) => c.header);
  ensureSpace(doc, rowHeight(header, FONT_BOLD) * 2);
  drawRow(header, FONT_BOLD, "#e5e7eb");
  rows.forEach((cells, i) => {
    const font = opts.bold?.(i) ? FONT_BOLD : FONT_REGULAR;
    if (doc.y + rowHeight(cells, font) > pageBottom(doc)) {
      doc.addPage();
      drawRow(header, FONT_BOLD, "#e5e7eb");
    }
    drawRow(cells, font, i % 2 === 1 ? "#f9fafb" : null);
  });
}

export type Bar = { label: string; value: number | null; valueLabel: string; highlighted?: boolean };

/** The height horizontalBars takes for `count` bars. */
export function horizontalBarsHeight(count: number, size = 8): number {
  return count * (size + 5) + 16;
}

/** The height columnBars takes (its plot, axis labels and gap). */
export function columnBarsHeight(opts: { height?: number; size?: number } = {}): number {
  return (opts.height ?? 110) + 4 + (opts.size ?? 7) + 10;
}

/** A chart's title, kept on the page of the chart below it (`chartHeight` points). */
export function chartTitle(doc: Doc, text: string, chartHeight: number, gap = 6): void {
  ensureSpace(doc, gap + 14 + chartHeight);
  doc.font(FONT_BOLD).fontSize(10).fillColor(INK).text(text, doc.page.margins.left, doc.y + gap, { width: contentWidth(doc) });
}

/**
 * Horizontal bars, one per row (a ranking), scaled to `max` (or the largest value), with an
 * optional target line. A bar with no value (no report) keeps its row and prints its label only.
 */
export function horizontalBars(doc: Doc, bars: readonly Bar[], opts: { max?: number; target?: { value: number; label: string } | null; size?: number } = {}): void {
  const size = opts.size ?? 8;
  const rowH = size + 5;
  const left = doc.page.margins.left;
  const total = contentWidth(doc);
  const labelW = total * 0.26;
  const valueW = total * 0.14;
  const plotX = left + labelW;
  const plotW = total - labelW - valueW;
  const max = Math.max(opts.max ?? 0, opts.target?.value ?? 0, ...bars.map((b) => b.value ?? 0)) || 1;
  const height = horizontalBarsHeight(bars.length, size);
  ensureSpace(doc, height);
  const top = doc.y;
  bars.forEach((bar, i) => {
    const y = top + i * rowH;
    doc.font(bar.highlighted ? FONT_BOLD : FONT_REGULAR).fontSize(size).fillColor(INK);
    doc.text(bar.label, left, y + 1, { width: labelW - 4, lineBreak: false, ellipsis: true });
    if (bar.value !== null) {
      const w = Math.max(0.5, (bar.value / max) * plotW);
      doc.save().rect(plotX, y + 1, w, rowH - 3).fill(bar.highlighted ? BAR_HIGHLIGHT : BAR).restore();
    }
    doc.font(FONT_REGULAR).fontSize(size).fillColor(bar.value === null ? MUTED : INK);
    doc.text(bar.valueLabel, plotX + plotW + 4, y + 1, { width: valueW - 4, lineBreak: false });
  });
  if (opts.target) {
    const x = plotX + (opts.target.value / max) * plotW;
    doc.save().strokeColor(TARGET).lineWidth(1).dash(3, { space: 2 }).moveTo(x, top - 2).lineTo(x, top + bars.length * rowH).stroke().undash().restore();
    doc.font(FONT_REGULAR).fontSize(size).fillColor(TARGET).text(opts.target.label, x - 60, top + bars.length * rowH + 2, { width: 120, align: "center", lineBreak: false });
  }
  doc.fillColor(INK);
  doc.x = left;
  doc.y = top + height;
}

/**
 * Vertical bars over days (a time series), with the largest value written on the axis and a day
 * label every few bars so they stay readable.
 */
export function columnBars(doc: Doc, bars: readonly Bar[], opts: { height?: number; size?: number; unit?: string } = {}): void {
  const size = opts.size ?? 7;
  const plotH = opts.height ?? 110;
  const left = doc.page.margins.left;
  const total = contentWidth(doc);
  const axisW = 48;
  const plotX = left + axisW;
  const plotW = total - axisW;
  const max = Math.max(...bars.map((b) => b.value ?? 0)) || 1;
  ensureSpace(doc, columnBarsHeight(opts));
  const top = doc.y + 4;
  const base = top + plotH;
  const slot = plotW / Math.max(1, bars.length);
  const every = Math.max(1, Math.ceil(bars.length / 10));
  const maxLabel = bars.reduce((best, b) => ((b.value ?? -Infinity) > (best?.value ?? -Infinity) ? b : best), bars[0]);

  doc.save().strokeColor(GRID).lineWidth(0.5);
  doc.moveTo(plotX, top).lineTo(plotX + plotW, top).stroke();
  doc.moveTo(plotX, base).lineTo(plotX + plotW, base).stroke();
  doc.restore();
  doc.font(FONT_REGULAR).fontSize(size).fillColor(MUTED);
  doc.text(maxLabel?.valueLabel ?? "", left, top - size / 2, { width: axisW - 4, align: "right", lineBreak: false });
  doc.text("0", left, base - size / 2, { width: axisW - 4, align: "right", lineBreak: false });
  bars.forEach((bar, i) => {
    const x = plotX + i * slot;
    if (bar.value !== null && bar.value > 0) {
      const h = (bar.value / max) * plotH;
      doc.save().rect(x + slot * 0.15, base - h, slot * 0.7, h).fill(bar.highlighted ? BAR_HIGHLIGHT : BAR).restore();
    }
    if (i % every === 0 || i === bars.length - 1) {
      doc.font(FONT_REGULAR).fontSize(size).fillColor(MUTED).text(bar.label, x - slot, base + 3, { width: slot * 3, align: "center", lineBreak: false });
    }
  });
  doc.fillColor(INK);
  doc.x = left;
  doc.y = base + size + 10;
}
