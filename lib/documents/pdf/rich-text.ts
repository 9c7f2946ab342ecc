import { FONT_BOLD, FONT_BOLD_ITALIC, FONT_ITALIC, FONT_REGULAR } from "./document.ts";

// A justified paragraph with bold and italic runs, laid out word by word. pdfkit justifies each
// `continued` fragment on its own, which spread the words of a line unevenly around a bold number,
// so the PDFs used to drop the emphasis the DOCX has; here the line breaks and the gaps are
// computed for the whole line, and each word is drawn in its own font at its place. Every word
// is drawn with the space that follows it, so that the PDF's text reads back with its spaces.

export type RichRun = { readonly text: string; readonly bold?: boolean; readonly italic?: boolean };

type Doc = PDFKit.PDFDocument;
type Piece = { text: string; font: string; width: number };
type Word = { pieces: Piece[]; width: number };

export function fontOfRun(run: { readonly bold?: boolean; readonly italic?: boolean; readonly size?: number }): string {
  if (run.bold && run.italic) return FONT_BOLD_ITALIC;
  if (run.bold) return FONT_BOLD;
  if (run.italic) return FONT_ITALIC;
  return FONT_REGULAR;
}

/** The words of the runs: whitespace separates words; a word may change font inside ("51,14%)."). */
function wordsOf(doc: Doc, runs: readonly RichRun[], size: number): Word[] {
  const words: Word[] = [];
  let current: Word | null = null;
  for (const run of runs) {
    const font = fontOfRun(run);
    for (const part of run.text.split(/(\s+)/)) {
      if (part === "") continue;
      if (/^\s+$/.test(part)) {
        current = null;
        continue;
      }
      const width = doc.font(font).fontSize(size).widthOfString(part);
      if (current === null) {
        current = { pieces: [], width: 0 };
        words.push(current);
      }
      current.pieces.push({ text: part, font, width });
      current.width += width;
    }
  }
  return words;
}

export type RichParagraphOptions = {
  x: number;
  width: number;
  size: number;
  /** first-line indent, in points */
  indent?: number;
  lineGap?: number;
  paragraphGap?: number;
  align?: "justify" | "left";
  color?: string;
};

/** Draws the paragraph from doc.y, opening new pages as needed; doc.y ends below it. */
export function richParagraph(doc: Doc, runs: readonly RichRun[], opts: RichParagraphOptions): void {
  const { x, width, size } = opts;
  const indent = opts.indent ?? 0;
  const words = wordsOf(doc, runs, size);
  const space = doc.font(FONT_REGULAR).fontSize(size).widthOfString(" ");
  const lineHeight = doc.currentLineHeight(true) + (opts.lineGap ?? 0);

  // Greedy line breaking.
  const lines: Word[][] = [];
  let line: Word[] = [];
  let used = 0;
  for (const word of words) {
    const available = width - (lines.length === 0 ? indent : 0);
    const needed = line.length === 0 ? word.width : used + space + word.width;
    if (line.length > 0 && needed > available) {
      lines.push(line);
      line = [word];
      used = word.width;
    } else {
      line.push(word);
      used = needed;
    }
  }
  if (line.length > 0) lines.push(line);

  let y = doc.y;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  doc.fillColor(opts.color ?? "#000000");
  lines.forEach((words, i) => {
    if (y + lineHeight > bottom()) {
      doc.addPage();
      y = doc.page.margins.top;
    }
    const start = x + (i === 0 ? indent : 0);
    const available = width - (i === 0 ? indent : 0);
    const last = i === lines.length - 1;
    const natural = words.reduce((a, w) => a + w.width, 0);
    const gap = !last && (opts.align ?? "justify") === "justify" && words.length > 1 ? (available - natural) / (words.length - 1) : space;
    let cursor = start;
    words.forEach((word, j) => {
      let at = cursor;
      word.pieces.forEach((piece, k) => {
        // The space after a word (but the paragraph's last) is drawn with it, for the text layer.
        const trailing = k === word.pieces.length - 1 && !(last && j === words.length - 1) ? " " : "";
        doc.font(piece.font).fontSize(size).text(piece.text + trailing, at, y, { lineBreak: false });
        at += piece.width;
      });
      cursor += word.width + gap;
    });
    y += lineHeight;
  });
  doc.x = x;
  doc.y = y + (opts.paragraphGap ?? 0);
}
