import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type IBorderOptions,
} from "docx";
import type { DispatchDocument, DispatchRun } from "../../domain/dispatch-text.ts";
import { HEADER_LEFT_SHARE, HEADER_STYLE as S, RULE_LENGTH_MM } from "./layout.ts";

// The draft dispatch as a Word document in the layout of Decree 30/2020/NĐ-CP (Appendix I):
// A4, margins 20 / 20 / 30 / 15 mm (top, bottom, left, right), Times New Roman (Word has it),
// body 14 pt justified with a first-line indent, the two-column header (issuing authority left,
// national title and motto right, each underlined by a short rule), the number and the subject
// under the authority, the place and date under the motto, and "Nơi nhận" beside the signature.

const TWIP_PER_MM = 1440 / 25.4;
const mm = (v: number) => Math.round(v * TWIP_PER_MM);
const pt = (v: number) => v * 2; // docx sizes are half-points

const PAGE = { width: 11906, height: 16838, top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) };
const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
const LEFT_COL = Math.round(TEXT_WIDTH * HEADER_LEFT_SHARE);
const RIGHT_COL = TEXT_WIDTH - LEFT_COL;

export const DOCX_FONT = "Times New Roman";

const NONE: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };

type Line = { text: string; size: number; bold?: boolean; italic?: boolean };

function styled(text: string, style: { size: number; bold?: boolean; italic?: boolean }): Line {
  return { text, ...style };
}

/** No cell margins: a column's whole width is for its text, the same in Word and LibreOffice. */
const NO_MARGINS = { top: 0, bottom: 0, left: 0, right: 0 };

function centered(line: Line, spacingAfter = 0): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 0, after: spacingAfter },
    children: [new TextRun({ text: line.text, size: pt(line.size), bold: line.bold, italics: line.italic })],
  });
}

/** The short rule under the authority's name and under the motto, as a bordered empty paragraph. */
function rule(columnWidth: number, ruleWidth: number): Paragraph {
  const side = Math.max(0, Math.round((columnWidth - ruleWidth) / 2));
  return new Paragraph({
    spacing: { before: 0, after: 120, line: 20, lineRule: LineRuleType.EXACT },
    indent: { left: side, right: side },
    border: { top: { style: BorderStyle.SINGLE, size: 6, color: "000000", space: 1 } },
    children: [],
  });
}

function cell(width: number, children: Paragraph[]): TableCell {
  return new TableCell({ width: { size: width, type: WidthType.DXA }, margins: NO_MARGINS, borders: { top: NONE, bottom: NONE, left: NONE, right: NONE }, children });
}

function twoColumns(left: Paragraph[], right: Paragraph[]): Table {
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [LEFT_COL, RIGHT_COL],
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [new TableRow({ children: [cell(LEFT_COL, left), cell(RIGHT_COL, right)] })],
  });
}

function bodyParagraph(runs: readonly DispatchRun[]): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: mm(10) },
    spacing: { before: 0, after: 120, line: 300, lineRule: LineRuleType.AUTO },
    children: runs.map((r) => new TextRun({ text: r.text, size: pt(S.body.size), bold: r.bold, italics: r.italic })),
  });
}

/** The document as DOCX bytes. */
export async function renderDispatchDocx(d: DispatchDocument): Promise<Buffer> {
  const header = twoColumns(
    [
      centered(styled(d.authorityParent, S.authorityParent)),
      centered(styled(d.authorityName, S.authorityName)),
      rule(LEFT_COL, mm(RULE_LENGTH_MM.authority)),
      centered(styled(d.numberLine, S.numberLine), 60),
      centered(styled(d.subjectLine, S.subjectLine)),
    ],
    [
      centered(styled(d.nationalTitle, S.nationalTitle)),
      centered(styled(d.nationalMotto, S.nationalMotto)),
      rule(RIGHT_COL, mm(RULE_LENGTH_MM.motto)),
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: 60, after: 0 },
        children: [new TextRun({ text: d.dateLine, size: pt(S.dateLine.size), italics: S.dateLine.italic })],
      }),
    ],
  );

  const [firstAddressee, ...otherAddressees] = d.addressees;
  const addressees = [
    new Paragraph({
      spacing: { before: 360, after: 0 },
      indent: { left: mm(40), hanging: mm(22) },
      children: [new TextRun({ text: `Kính gửi: `, size: pt(14) }), new TextRun({ text: `- ${firstAddressee ?? ""}`, size: pt(14) })],
    }),
    ...otherAddressees.map(
      (a) => new Paragraph({ spacing: { before: 0, after: 0 }, indent: { left: mm(40) }, children: [new TextRun({ text: `- ${a}`, size: pt(14) })] }),
    ),
    new Paragraph({ spacing: { before: 0, after: 120 }, children: [] }),
  ];

  const footer = twoColumns(
    [
      new Paragraph({ spacing: { before: 240, after: 0 }, children: [new TextRun({ text: "Nơi nhận:", size: pt(S.recipientsLabel.size), bold: S.recipientsLabel.bold, italics: S.recipientsLabel.italic })] }),
      ...d.recipients.map((r) => new Paragraph({ spacing: { before: 0, after: 0 }, children: [new TextRun({ text: `- ${r}`, size: pt(S.recipient.size) })] })),
    ],
    [
      ...d.signerTitles.map((t, i) =>
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { before: i === 0 ? 240 : 0, after: 0 },
          children: [new TextRun({ text: t, size: pt(S.signerTitle.size), bold: S.signerTitle.bold })],
        }),
      ),
      // Room for the signature and the seal.
      new Paragraph({ spacing: { before: 0, after: 0, line: mm(25), lineRule: LineRuleType.EXACT }, children: [] }),
      centered(styled(d.signerName, S.signerName)),
    ],
  );

  const doc = new Document({
    creator: "WardWatch",
    title: d.subjectLine,
    description: "Dự thảo công văn",
    styles: { default: { document: { run: { font: DOCX_FONT, size: pt(14) } } } },
    sections: [
      {
        // The decree numbers pages from the second on, centred in the top margin: the first page
        // gets an empty header of its own (titlePage).
        headers: {
          first: new Header({ children: [new Paragraph({ children: [] })] }),
          default: new Header({
            children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], size: pt(13) })] })],
          }),
        },
        properties: {
          titlePage: true,
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right },
          },
        },
        children: [header, ...addressees, ...d.body.map(bodyParagraph), footer],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
