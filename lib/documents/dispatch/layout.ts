// What the DOCX and the PDF of the draft dispatch share, so that the two files look alike: the
// header's column split and the type sizes and emphasis of each header line (Decree 30/2020/NĐ-CP,
// Appendix I). Both files are checked against it (tests/unit/dispatch-layout.test.ts).
//
// The national title ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") must stay on one line. The decree
// allows 12–13 pt; at 13 pt bold it is 95,7 mm wide in Times New Roman (Tinos has the same
// metrics), which did not fit the right column of 99 mm less the cell margins in LibreOffice
// ("… VIỆT / NAM"). At 12 pt (88,3 mm) in a right column of 62 % of the 165 mm text width
// (102,3 mm) with no cell margins it fits with 14 mm to spare, in Word and in LibreOffice alike.

/** Share of the text width taken by the left column (issuing authority, number, subject). */
export const HEADER_LEFT_SHARE = 0.38;

/** The header's lines: size in points and emphasis, the same in both files. */
export const HEADER_STYLE = {
  authorityParent: { size: 13 },
  authorityName: { size: 13, bold: true },
  numberLine: { size: 13 },
  subjectLine: { size: 12 },
  nationalTitle: { size: 12, bold: true },
  nationalMotto: { size: 14, bold: true },
  dateLine: { size: 14, italic: true },
  recipientsLabel: { size: 12, bold: true, italic: true },
  recipient: { size: 11 },
  signerTitle: { size: 14, bold: true },
  signerName: { size: 14, bold: true },
  body: { size: 14 },
} as const satisfies Record<string, { size: number; bold?: boolean; italic?: boolean }>;

/** The short rules under the authority's name and under the motto, in mm. */
export const RULE_LENGTH_MM = { authority: 25, motto: 58 } as const;
