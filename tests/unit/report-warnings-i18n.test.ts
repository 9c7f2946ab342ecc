import { describe, expect, it } from "vitest";
import { catalogText } from "@/i18n/catalog-text";
import { addDays } from "@/lib/domain/days";
import { FIGURE_FIELDS, type FigureValues } from "@/lib/domain/figures";
import { textIn, type Message } from "@/lib/domain/message";
import { reportCheckFindings, type HistoryDay, type ReportWarning } from "@/lib/domain/report-checks";
import { parseStoredWarnings } from "@/lib/schemas/ward-report";

// The ward chair's report warnings in both languages (docs/i18n.md): each warning keeps, beside its
// Vietnamese sentence, the same sentence as a message with the facts it needs, stored with it, so
// the entry form and the reports page can show it in English; in Vietnamese the message renders
// byte for byte the sentence written.

const vi = catalogText("vi");
const en = catalogText("en");
const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹàáèéìíòóùúýĐ]/i;

const DAY = "2021-08-18";
const none: FigureValues = { smartphones: null, installs: null, qrVenues: null, activeVenues: null, scans: null };

/** 14 days before DAY; `odd` makes medians of x.5 possible. */
function history(odd = false): HistoryDay[] {
  return Array.from({ length: odd ? 13 : 14 }, (_, i) => ({
    day: addDays(DAY, -(odd ? 13 : 14) + i),
    values: {
      smartphones: 10_000 + (i % 2),
      installs: 5_000 + i * 100 + (i % 2 === 0 ? 0 : 11),
      qrVenues: 200 + i * 3 + (i % 3),
      activeVenues: 100 + (i % 3),
      scans: 1_000 + (i % 2 === 0 ? 50 : -50) + (odd ? i % 2 : 0),
    },
  }));
}

/** Warnings of every kind: each field far above and far below, cumulative falls and rises. */
function everyWarning(): ReportWarning[] {
  const out: ReportWarning[] = [];
  for (const odd of [false, true]) {
    const h = history(odd);
    const last = h.at(-1)?.values ?? none;
    for (const field of FIGURE_FIELDS) {
      const base = last[field] ?? 0;
      for (const value of [base * 40 + 7, Math.floor(base / 50), base - 3]) out.push(...reportCheckFindings(DAY, { ...none, [field]: value }, h));
    }
  }
  return out;
}

describe("report warnings as messages", () => {
  const all = everyWarning();

  it("cover every kind: a fall, each field above and below usual", () => {
    const kinds = new Set(all.map((w) => `${w.code}:${w.field}:${w.text?.key}`));
    expect(kinds.has("INSTALLS_DECREASED:installs:domain.reportWarnings.decrease")).toBe(true);
    for (const field of FIGURE_FIELDS) {
      const key = field === "installs" || field === "qrVenues" ? "cumulative" : "level";
      expect(kinds.has(`UNUSUAL_VALUE:${field}:domain.reportWarnings.${key}`), field).toBe(true);
    }
    const directions = new Set(all.map((w) => `${w.field}:${String(w.text?.values?.direction)}`));
    for (const field of FIGURE_FIELDS) for (const d of ["higher", "lower"]) expect(directions.has(`${field}:${d}`), `${field} ${d}`).toBe(true);
  });

  it("render in Vietnamese byte for byte as the sentence written", () => {
    expect(all.length).toBeGreaterThan(15);
    for (const w of all) expect(vi.text(w.text as Message)).toBe(w.message);
  });

  it("render in English, with the same facts and no Vietnamese left", () => {
    for (const w of all) {
      const english = en.text(w.text as Message);
      expect(english, w.message).not.toMatch(VIETNAMESE);
      expect(english).toContain("Aug 2021");
    }
    const h = history();
    const [fall] = reportCheckFindings(DAY, { ...none, installs: 6_000 }, h);
    expect(en.text(fall?.text as Message)).toBe(
      "Cumulative Bluezone installs on 18 Aug 2021 (6,000) are lower than on 17 Aug 2021 (6,311), down 311. A cumulative count does not fall " +
        "from one day to the next: check for a mistyped digit, or whether the figure reported on 17 Aug 2021 was too high. If today's figure " +
        "is right (for example, duplicate installs were removed), write the reason in the Note box.",
    );
    const [scans] = reportCheckFindings(DAY, { ...none, scans: 5_000 }, h);
    expect(en.text(scans?.text as Message)).toBe(
      "QR code scans on 18 Aug 2021 (5,000): much higher than usual (over the last 14 days usually about 1,000). Check for an extra digit, " +
        "or scans of another day added in. If the figures are right, write the reason in the Note box.",
    );
  });

  it("are stored with their message and shown per language; a warning stored before keeps its Vietnamese", () => {
    const [w] = reportCheckFindings(DAY, { ...none, scans: 5_000 }, history());
    const stored = parseStoredWarnings(JSON.parse(JSON.stringify([w, { ...w, field: "smartphones", text: undefined }])));
    expect(stored).toHaveLength(2);
    expect(stored[0]?.text).toEqual(w?.text);
    expect(textIn(stored[0]?.message ?? "", stored[0]?.text, "en", en.text)).toMatch(/^QR code scans on 18 Aug 2021 \(5,000\)/);
    expect(textIn(stored[0]?.message ?? "", stored[0]?.text, "vi", vi.text)).toBe(w?.message);
    expect(stored[1]?.text).toBeUndefined();
    expect(textIn(stored[1]?.message ?? "", stored[1]?.text, "en", en.text)).toBe(w?.message);
  });
});
