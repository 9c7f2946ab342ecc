import { describe, expect, it } from "vitest";
import { buildRankingRows, rankedCount, ranksOnDay } from "../../lib/domain/unit-ranking.ts";
import type { UnitTargets } from "../../lib/domain/targets.ts";
import { table } from "./dashboard-fixtures.ts";

const wards = [
  { code: "A", name: "Phường A" },
  { code: "B", name: "Phường B" },
  { code: "C", name: "Phường C" },
  { code: "D", name: "Phường D" },
  { code: "E", name: "Phường E" }, // does not report on the day
  { code: "F", name: "Phường F" }, // reports 0 smartphones: no rate
];

const DAY = "2021-08-17";
const figures = table([
  ["A", DAY, { installs: 750, smartphones: 1000, activeVenues: 5, qrVenues: 10, scans: 40 }],
  ["B", DAY, { installs: 500, smartphones: 1000, activeVenues: 2, qrVenues: 10, scans: 40 }],
  ["C", DAY, { installs: 1000, smartphones: 2000, activeVenues: 0, qrVenues: 8, scans: 0 }],
  ["D", DAY, { installs: 250, smartphones: 1000, activeVenues: 1, qrVenues: 4, scans: 3 }],
  ["F", DAY, { installs: 0, smartphones: 0, activeVenues: 0, qrVenues: 0, scans: 0 }],
  // the previous day: B led, A second
  ["A", "2021-08-16", { installs: 700, smartphones: 1000 }],
  ["B", "2021-08-16", { installs: 720, smartphones: 1000 }],
  ["C", "2021-08-16", { installs: 900, smartphones: 2000 }],
  ["D", "2021-08-16", { installs: 100, smartphones: 1000 }],
  ["E", "2021-08-16", { installs: 100, smartphones: 1000 }],
]);

const sixty: UnitTargets = { coverage: { basisPoints: 6000, setBy: "01" }, qrActive: { basisPoints: 3000, setBy: "01" } };
const targets = new Map(wards.map((w) => [w.code, sixty]));

describe("buildRankingRows by coverage", () => {
  const rows = buildRankingRows({ units: wards, table: figures, day: DAY, metric: "coverage", targets });
  const byCode = new Map(rows.map((r) => [r.code, r]));

  it("ranks ties together (1, 2, 2, 4) and lists wards without a rate last, unranked", () => {
    expect(rows.map((r) => [r.code, r.rank])).toEqual([
      ["A", 1],
      ["B", 2],
      ["C", 2], // 1000/2000 = 500/1000
      ["D", 4],
      ["E", null], // no report: not ranked, not 0
      ["F", null], // 0 smartphones: no rate
    ]);
    expect(byCode.get("E")?.figure).toBeNull();
    expect(byCode.get("F")?.figure?.smartphones).toBe(0);
  });

  it("compares each ward with the nearest ward strictly above it", () => {
    expect(byCode.get("A")?.toPassAbove).toBeNull();
    expect(byCode.get("B")?.above?.code).toBe("A");
    expect(byCode.get("B")?.toPassAbove).toBe(251); // 751/1000 > 75 %
    expect(byCode.get("C")?.toPassAbove).toBe(501); // 1501/2000 > 75 %
    expect(byCode.get("D")?.above?.code).toBe("B"); // past the tie at 2nd
    expect(byCode.get("D")?.toPassAbove).toBe(251); // 501/1000 > 50 %
    expect(byCode.get("E")?.toPassAbove).toBeNull();
  });

  it("gives the installs and active venues still needed for the targets (never negative)", () => {
    // F reported 0 smartphones and 0 venues: no rate, so no gap and no verdict (not "đã đạt")
    expect(rows.map((r) => r.installsToTarget)).toEqual([0, 100, 200, 350, null, null]);
    // QR target 30 %: A 5/10 met → 0; B 2/10 → 1; C 0/8 → ceil(2,4) = 3; D 1/4 → ceil(1,2) − 1 = 1
    expect(rows.map((r) => r.activeVenuesToTarget)).toEqual([0, 1, 3, 1, null, null]);
    expect(rows.map((r) => r.standing)).toEqual(["ranked", "ranked", "ranked", "ranked", "missing", "no-denominator"]);
    expect(rows.map((r) => r.coverageStatus)).toEqual(["met", "below", "below", "below", null, null]);
  });

  it("withholds rank changes when the two days rank different sets of wards", () => {
    // 16/8: B 1st, A 2nd, C 3rd, D and E tied 4th; E has no report on 17/8, so the ranks of the two
    // days are among different wards and do not compare.
    expect(rows.map((r) => [r.code, r.rankPreviousDay, r.rankChangeDay])).toEqual([
      ["A", 2, null],
      ["B", 1, null],
      ["C", 3, null],
      ["D", 4, null],
      ["E", 4, null],
      ["F", null, null],
    ]);
    expect(rows.every((r) => r.rankChangeWeek === null)).toBe(true); // no data on 10/8
  });

  it("tells how many places each ward moved when both days rank the same wards", () => {
    const same = buildRankingRows({ units: wards.filter((w) => w.code !== "E"), table: figures, day: DAY, metric: "coverage", targets });
    expect(same.map((r) => [r.code, r.rankPreviousDay, r.rankChangeDay])).toEqual([
      ["A", 2, 1],
      ["B", 1, -1],
      ["C", 3, 1],
      ["D", 4, 0],
      ["F", null, null],
    ]);
  });
});

describe("buildRankingRows by other metrics", () => {
  it("ranks scans as counts, a reported 0 above a missing report", () => {
    const rows = buildRankingRows({ units: wards, table: figures, day: DAY, metric: "scans" });
    expect(rows.map((r) => [r.code, r.rank])).toEqual([
      ["A", 1],
      ["B", 1],
      ["D", 3],
      ["C", 4],
      ["F", 4],
      ["E", null],
    ]);
    const d = rows.find((r) => r.code === "D");
    expect(d?.toPassAbove).toBe(38); // 3 → 41 scans to pass 40
    expect(rows[0]?.installsToTarget).toBeNull(); // no targets given
  });

  it("ranks the QR active rate; a ward with no registered venue has no rate", () => {
    const rows = buildRankingRows({ units: wards, table: figures, day: DAY, metric: "qrActive" });
    expect(rows.map((r) => [r.code, r.rank])).toEqual([
      ["A", 1], // 50 %
      ["D", 2], // 25 %
      ["B", 3], // 20 %
      ["C", 4], // 0 %
      ["E", null],
      ["F", null],
    ]);
  });
});

describe("ranksOnDay / rankedCount", () => {
  it("ranks nobody on a day without figures", () => {
    const ranks = ranksOnDay(wards, figures, "2021-08-01", "coverage");
    expect(rankedCount(ranks)).toBe(0);
    expect(rankedCount(ranksOnDay(wards, figures, DAY, "coverage"))).toBe(4);
  });
});
