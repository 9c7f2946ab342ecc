import fs from "node:fs";
import path from "node:path";
import PDFDocument from "pdfkit";

// The PDF documents' common ground: A4 pages, the embedded fonts and the page numbers.
//
// Fonts: Times New Roman may not be redistributed, so the PDFs embed Tinos (SIL Open Font License),
// metric-compatible with it. @fontsource/tinos ships the font split into latin / latin-ext /
// vietnamese subsets and a PDF text run can use one font only, so lib/documents/fonts/ holds the three
// subsets merged into one TrueType file per style (see lib/documents/fonts/README.md). The files are
// read from the project folder, not bundled: `next start` runs with the project as working folder.

export const FONT_REGULAR = "Tinos";
export const FONT_BOLD = "Tinos-Bold";
export const FONT_ITALIC = "Tinos-Italic";
export const FONT_BOLD_ITALIC = "Tinos-BoldItalic";

const FONT_FILES = {
  [FONT_REGULAR]: "Tinos-Regular.ttf",
  [FONT_BOLD]: "Tinos-Bold.ttf",
  [FONT_ITALIC]: "Tinos-Italic.ttf",
  [FONT_BOLD_ITALIC]: "Tinos-BoldItalic.ttf",
} as const;

export function fontPath(file: string): string {
  return path.join(process.cwd(), "lib", "documents", "fonts", file);
}

let fontCache: Map<string, Buffer> | null = null;

function fonts(): Map<string, Buffer> {
  fontCache ??= new Map(Object.entries(FONT_FILES).map(([name, file]) => [name, fs.readFileSync(fontPath(file))]));
  return fontCache;
}

/** 1 mm in PDF points. */
export const MM = 72 / 25.4;

export type PdfMargins = { top: number; bottom: number; left: number; right: number };

/**
 * A new A4 document with the fonts registered. `font` is given to the constructor so that pdfkit
 * never loads its built-in Helvetica (whose metrics files are not there once bundled).
 */
export function createPdf(options: { margins: PdfMargins; title: string; author: string; subject?: string }): PDFKit.PDFDocument {
  const doc = new PDFDocument({
    size: "A4",
    margins: options.margins,
    bufferPages: true,
    font: fontPath(FONT_FILES[FONT_REGULAR]),
    lang: "vi-VN",
    info: { Title: options.title, Author: options.author, Subject: options.subject ?? options.title, Creator: "WardWatch" },
    pdfVersion: "1.7",
  });
  for (const [name, data] of fonts()) doc.registerFont(name, data);
  doc.font(FONT_REGULAR);
  return doc;
}

/** "Trang x/y" at the foot of every page (the pages are buffered until then). */
export function addPageNumbers(doc: PDFKit.PDFDocument, size = 10): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const { margins, width, height } = doc.page;
    // Writing below the bottom margin would make pdfkit open a new page: lift the margin first.
    const bottom = margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font(FONT_REGULAR)
      .fontSize(size)
      .fillColor("#000000")
      .text(`Trang ${i - range.start + 1}/${range.count}`, margins.left, height - bottom / 2 - size / 2, {
        width: width - margins.left - margins.right,
        align: "center",
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
}

/** Ends the document and resolves with its bytes. */
export function pdfToBuffer(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    doc.end();
  });
}
