import { describe, expect, it } from "vitest";
import { DEFAULT_SOURCE_PRIORITY, FIGURE_SOURCES, mergeSources, priorityPreferring } from "@/lib/domain/figures";

describe("priorityPreferring", () => {
  it("puts the preferred source first, the other next and sums of children last", () => {
    expect(priorityPreferring("IMPORT")).toEqual(DEFAULT_SOURCE_PRIORITY);
    expect(priorityPreferring("WARD_REPORT")).toEqual(["WARD_REPORT", "IMPORT", "COMPUTED"]);
    for (const p of [priorityPreferring("IMPORT"), priorityPreferring("WARD_REPORT")]) {
      expect([...p].sort()).toEqual([...FIGURE_SOURCES].sort());
    }
  });

  it("decides which source a merge uses", () => {
    const base = { unitCode: "00037", day: "2021-08-14", smartphones: 10, installs: 5, qrVenues: 3 };
    const rows = [
      { ...base, source: "WARD_REPORT" as const, activeVenues: 0, scans: 0 },
      { ...base, source: "IMPORT" as const, activeVenues: 2, scans: null },
    ];
    const byImport = mergeSources(rows, priorityPreferring("IMPORT"));
    // A field the import does not know still comes from the report: missing is not zero.
    expect(byImport).toMatchObject({ activeVenues: 2, scans: 0, sources: { activeVenues: "IMPORT", scans: "WARD_REPORT" } });
    expect(mergeSources(rows, priorityPreferring("WARD_REPORT"))).toMatchObject({ activeVenues: 0, sources: { activeVenues: "WARD_REPORT" } });
  });
});
