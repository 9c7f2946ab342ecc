import type { DispatchDocument, DispatchRun } from "../../domain/dispatch-text.ts";
import { createPdf, FONT_REGULAR, MM, pdfToBuffer } from "../pdf/document.ts";
import { fontOfRun, richParagraph } from "../pdf/rich-text.ts";
import { HEADER_LEFT_SHARE, HEADER_STYLE as S, RULE_LENGTH_MM } from "./layout.ts";

// The draft dispatch as a PDF, laid out like the DOCX (lib/documents/dispatch/docx.ts) in the format
// of Decree 30/2020/NĐ-CP, with Tinos (metric-compatible with Times New Roman) embedded. Page
// numbers follow the decree: centred in the top margin, from the second page on.

const MARGINS = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM };

type Doc = PDFKit.PDFDocument;
type Line = { text: string; size: number; font?: string };

/** A header line in the style the DOCX gives it (lib/documents/dispatch/layout.ts). */
function styled(text: string, style: { size: number; bold?: boolean; italic?: boolean }): Line {
  return { text, size: style.size, font: fontOfRun(style) };
}

/** Lines centred in a column from `y`; returns the y below them. */
function column(doc: Doc, x: number, width: number, y: number, lines: readonly Line[]): number {
  let cursor = y;
  for (const line of lines) {
    doc.font(line.font ?? FONT_REGULAR).fontSize(line.size);
    doc.text(line.text, x, cursor, { width, align: "center" });
    cursor = doc.y;
  }
  return cursor;
}

function rule(doc: Doc, centerX: number, y: number, length: number): void {
  doc.save().lineWidth(0.6).moveTo(centerX - length / 2, y).lineTo(centerX + length / 2, y).stroke().restore();
}

/**
 * Moves the spaces that start a run to the end of the run before: pdfkit drops a continued
 * fragment's leading space when it justifies a line, which glued "3.220.382" to "lượt".
 */
export function spacesAtRunEnds(runs: readonly DispatchRun[]): DispatchRun[] {
  const out: DispatchRun[] = [];
  for (const run of runs) {
    const lead = /^\s+/.exec(run.text)?.[0] ?? "";
    const prev = out.at(-1);
    if (lead !== "" && prev) out[out.length - 1] = { ...prev, text: prev.text + lead };
    const text = run.text.slice(prev ? lead.length : 0);
    if (text !== "") out.push({ ...run, text });
  }
  return out;
}

/**
 * A body paragraph, justified with a first-line indent, with the emphasis of its runs (bold
 * figures, italic quotations), as in the DOCX.
 */
function paragraph(doc: Doc, source: readonly DispatchRun[], x: number, width: number): void {
  richParagraph(doc, spacesAtRunEnds(source), { x, width, size: S.body.size, indent: 10 * MM, paragraphGap: 6, lineGap: 2 });
}

/** The document as PDF bytes. */
export async function renderDispatchPdf(d: DispatchDocument): Promise<Buffer> {
  const doc = createPdf({ margins: MARGINS, title: d.subjectLine, author: `${d.authorityParent} ${d.authorityName}`, subject: "Dự thảo công văn" });
  const left = MARGINS.left;
  const textWidth = doc.page.width - MARGINS.left - MARGINS.right;
  const leftWidth = textWidth * HEADER_LEFT_SHARE;
  const rightX = left + leftWidth;
  const rightWidth = textWidth - leftWidth;
  const top = MARGINS.top;

  // Header: the issuing authority, number and subject on the left; the national title on the right.
  let leftY = column(doc, left, leftWidth, top, [styled(d.authorityParent, S.authorityParent), styled(d.authorityName, S.authorityName)]);
  rule(doc, left + leftWidth / 2, leftY + 4, RULE_LENGTH_MM.authority * MM);
  leftY = column(doc, left, leftWidth, leftY + 8, [styled(d.numberLine, S.numberLine)]);
  leftY = column(doc, left + 4 * MM, leftWidth - 8 * MM, leftY + 3, [styled(d.subjectLine, S.subjectLine)]);

  let rightY = column(doc, rightX, rightWidth, top, [styled(d.nationalTitle, S.nationalTitle), styled(d.nationalMotto, S.nationalMotto)]);
  rule(doc, rightX + rightWidth / 2, rightY + 4, RULE_LENGTH_MM.motto * MM);
  rightY = column(doc, rightX, rightWidth, rightY + 10, [styled(d.dateLine, S.dateLine)]);

  // Addressees.
  let y = Math.max(leftY, rightY) + 18;
  doc.font(FONT_REGULAR).fontSize(14);
  const labelX = left + 18 * MM;
  const listX = left + 40 * MM;
  doc.text("Kính gửi:", labelX, y, { lineBreak: false });
  for (const a of d.addressees) {
    doc.text(`- ${a}`, listX, y, { width: left + textWidth - listX });
    y = doc.y;
  }
  doc.y = y + 10;

  for (const runs of d.body) paragraph(doc, runs, left, textWidth);

  // Recipients and signature, side by side; on a new page when they do not fit.
  const recipientsHeight = 16 + d.recipients.length * 13;
  const signatureHeight = d.signerTitles.length * 17 + 25 * MM + 17;
  if (doc.y + 12 + Math.max(recipientsHeight, signatureHeight) > doc.page.height - MARGINS.bottom) doc.addPage();
  const blockTop = doc.y + 12;
  doc.font(fontOfRun(S.recipientsLabel)).fontSize(S.recipientsLabel.size).text("Nơi nhận:", left, blockTop, { width: leftWidth });
  doc.font(fontOfRun(S.recipient)).fontSize(S.recipient.size);
  for (const r of d.recipients) doc.text(`- ${r}`, left, doc.y, { width: leftWidth });
  const titlesBottom = column(
    doc,
    rightX,
    rightWidth,
    blockTop,
    d.signerTitles.map((t) => styled(t, S.signerTitle)),
  );
  column(doc, rightX, rightWidth, titlesBottom + 25 * MM, [styled(d.signerName, S.signerName)]);

  const range = doc.bufferedPageRange();
  for (let i = 1; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    const top = doc.page.margins.top;
    doc.page.margins.top = 0;
    doc.font(FONT_REGULAR).fontSize(13).text(String(i + 1), left, 10 * MM, { width: textWidth, align: "center", lineBreak: false });
    doc.page.margins.top = top;
  }
  return pdfToBuffer(doc);
}
