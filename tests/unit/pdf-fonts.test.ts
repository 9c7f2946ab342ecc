import fs from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { fontPath } from "@/lib/documents/pdf/document";

// The fonts embedded in the PDFs must draw every Vietnamese letter with every tone mark: a missing
// glyph prints as an empty box in a document an official signs.

// fontkit (pdfkit's font engine) ships no types: describe the two members used here.
type Font = { familyName: string; hasGlyphForCodePoint(codePoint: number): boolean };
const fontkit = createRequire(import.meta.url)("fontkit") as { create(data: Buffer): Font };

const BASE = "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY";
const TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"];
const LETTERS = [...BASE].flatMap((c) => TONES.map((t) => (c + t).normalize("NFC"))).join("") + "đĐ“”–…%/.,;:()";

describe("embedded PDF fonts", () => {
  for (const file of ["Tinos-Regular.ttf", "Tinos-Bold.ttf", "Tinos-Italic.ttf", "Tinos-BoldItalic.ttf"]) {
    it(`${file} has a glyph for every Vietnamese letter`, () => {
      const font = fontkit.create(fs.readFileSync(fontPath(file)));
      const missing = [...LETTERS].filter((ch) => !font.hasGlyphForCodePoint(ch.codePointAt(0) ?? 0));
      expect(missing).toEqual([]);
      expect(font.familyName).toBe("Tinos");
    });
  }
});
