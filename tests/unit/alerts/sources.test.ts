import { describe, expect, it } from "vitest";
import { createRandom } from "../../../prisma/seed/random.ts";
import { buildAlertTables, type SourceColumns } from "../../../lib/domain/alerts/sources.ts";
import { dayRange } from "../../../lib/domain/days.ts";
import { FIGURE_FIELDS, FIGURE_SOURCES, mergeSources, type FigureRow, type FigureSource } from "../../../lib/domain/figures.ts";

const DAYS = dayRange("2021-08-01", "2021-08-14");

function randomColumns(seed: string): SourceColumns[] {
  const rng = createRandom(seed);
  return ["00037", "00040"].flatMap((unitCode) =>
    FIGURE_SOURCES.flatMap((source): SourceColumns[] => {
      if (rng.chance(0.2)) return [];
      const offsets = rng.shuffle(DAYS.map((_, i) => i).filter(() => rng.chance(0.7)));
      const value = () => (rng.chance(0.3) ? null : rng.int(0, 1000));
      return [
        {
          unitCode,
          source,
          offsets,
          smartphones: offsets.map(value),
          installs: offsets.map(value),
          qrVenues: offsets.map(value),
          activeVenues: offsets.map(value),
          scans: offsets.map(value),
          firstSubmittedAtMs: offsets.map(() => (rng.chance(0.5) ? null : 1_628_900_000_000 + rng.int(0, 1e6))),
        },
      ];
    }),
  );
}

function rowsOf(columns: readonly SourceColumns[]): FigureRow[] {
  return columns.flatMap((c) =>
    c.offsets.map((offset, i) => ({
      unitCode: c.unitCode,
      day: DAYS[offset] ?? "",
      source: c.source,
      smartphones: c.smartphones[i] ?? null,
      installs: c.installs[i] ?? null,
      qrVenues: c.qrVenues[i] ?? null,
      activeVenues: c.activeVenues[i] ?? null,
      scans: c.scans[i] ?? null,
    })),
  );
}

describe("alert tables", () => {
  it("merge sources exactly like mergeSources, for any priority", () => {
    const priorities: FigureSource[][] = [
      ["IMPORT", "WARD_REPORT", "COMPUTED"],
      ["WARD_REPORT", "IMPORT", "COMPUTED"],
      ["WARD_REPORT", "COMPUTED"],
    ];
    for (const seed of ["1", "2", "3", "4"]) {
      const columns = randomColumns(seed);
      const rows = rowsOf(columns);
      for (const priority of priorities) {
        const { figures } = buildAlertTables(columns, DAYS, priority);
        for (const unitCode of ["00037", "00040"]) {
          for (const day of DAYS) {
            const merged = mergeSources(
              rows.filter((r) => r.unitCode === unitCode && r.day === day),
              priority,
            );
            const known = merged !== null && FIGURE_FIELDS.some((f) => merged[f] !== null);
            const expected = known ? Object.fromEntries(FIGURE_FIELDS.map((f) => [f, merged[f]])) : undefined;
            expect(figures.get(unitCode)?.get(day), `${seed} ${priority.join(">")} ${unitCode} ${day}`).toEqual(expected);
          }
        }
      }
    }
  });

  it("keeps the wards' own reports (with their first submission) and the imports apart", () => {
    const columns = randomColumns("5");
    const { reports, imports } = buildAlertTables(columns, DAYS, ["IMPORT", "WARD_REPORT", "COMPUTED"]);
    const report = columns.find((c) => c.source === "WARD_REPORT");
    if (!report) throw new Error("fixture without a report");
    const first = report.offsets[0] ?? 0;
    const at = report.firstSubmittedAtMs[0] ?? null;
    expect(reports.get(report.unitCode)?.get(DAYS[first] ?? "")).toEqual({
      smartphones: report.smartphones[0],
      installs: report.installs[0],
      qrVenues: report.qrVenues[0],
      activeVenues: report.activeVenues[0],
      scans: report.scans[0],
      firstSubmittedAt: at === null ? null : new Date(at),
    });
    const importCount = columns.filter((c) => c.source === "IMPORT").reduce((n, c) => n + c.offsets.length, 0);
    expect([...imports.values()].reduce((n, m) => n + m.size, 0)).toBe(importCount);
  });

  it("refuses an offset outside the days and a duplicated unit-day-source", () => {
    const one: SourceColumns = {
      unitCode: "00037",
      source: "WARD_REPORT",
      offsets: [99],
      smartphones: [1],
      installs: [1],
      qrVenues: [1],
      activeVenues: [1],
      scans: [1],
      firstSubmittedAtMs: [null],
    };
    expect(() => buildAlertTables([one], DAYS, ["WARD_REPORT"])).toThrow(RangeError);
    expect(() => buildAlertTables([{ ...one, offsets: [1] }, { ...one, offsets: [1] }], DAYS, ["WARD_REPORT"])).toThrow(RangeError);
  });
});
