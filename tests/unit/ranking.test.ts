import { describe, expect, it } from "vitest";
import { rankChange, rankUnits } from "../../lib/domain/ranking.ts";
import type { Ratio } from "../../lib/domain/ratio.ts";

type Ward = { code: string; name: string; rate: Ratio | null };
const ward = (code: string, name: string, rate: Ratio | null): Ward => ({ code, name, rate });

const summary = (ranked: { item: Ward; rank: number | null }[]) => ranked.map((r) => [r.item.code, r.rank]);

describe("rankUnits", () => {
  it("uses competition ranking on exact ties: 1, 2, 2, 4", () => {
    const wards = [
      ward("D", "Phường D", { num: 1, den: 4 }),
      ward("B", "Phường B", { num: 1, den: 2 }),
      ward("A", "Phường A", { num: 3, den: 4 }),
      ward("C", "Phường C", { num: 2, den: 4 }), // 2/4 = 1/2: a tie with B
    ];
    const ranked = rankUnits(wards, (w) => w.rate, { secondaryKey: (w) => w.name });
    expect(summary(ranked)).toEqual([
      ["A", 1],
      ["B", 2],
      ["C", 2],
      ["D", 4],
    ]);
  });

  it("does not rank a ward with no report and lists it last, never as 0", () => {
    const wards = [
      ward("PT", "Phúc Tân", null),
      ward("HB", "Hàng Bạc", { num: 0, den: 500 }), // a real 0 %
      ward("HD", "Hàng Đào", { num: 100, den: 500 }),
    ];
    const ranked = rankUnits(wards, (w) => w.rate);
    expect(summary(ranked)).toEqual([
      ["HD", 1],
      ["HB", 2],
      ["PT", null],
    ]);
    expect(ranked[2]?.value).toBeNull();
  });

  it("does not rank an undefined rate (0 smartphones)", () => {
    const wards = [ward("Z", "Zero", { num: 0, den: 0 }), ward("Y", "Yes", { num: 1, den: 10 })];
    const ranked = rankUnits(wards, (w) => w.rate);
    expect(summary(ranked)).toEqual([
      ["Y", 1],
      ["Z", null],
    ]);
  });

  it("separates rates that floating point would call equal", () => {
    const wards = [
      ward("B", "B", { num: 99_999_998, den: 99_999_999 }),
      ward("A", "A", { num: 99_999_999, den: 100_000_000 }),
    ];
    expect(summary(rankUnits(wards, (w) => w.rate))).toEqual([
      ["A", 1],
      ["B", 2],
    ]);
  });

  it("ranks numbers too, with ties", () => {
    const items = [
      { code: "a", v: 10 },
      { code: "b", v: 20 },
      { code: "c", v: null },
      { code: "d", v: 20 },
      { code: "e", v: 5 },
      { code: "f", v: 0 },
    ];
    const ranked = rankUnits(items, (i) => i.v);
    expect(ranked.map((r) => [r.item.code, r.rank])).toEqual([
      ["b", 1],
      ["d", 1],
      ["a", 3],
      ["e", 4],
      ["f", 5],
      ["c", null],
    ]);
  });

  it("orders ties and unranked units by Vietnamese collation of the secondary key", () => {
    const same = { num: 1, den: 2 };
    const wards = [
      ward("1", "Hàng Bạc", same),
      ward("2", "Đồng Xuân", same),
      ward("3", "Dân Chủ", same),
      ward("4", "Cửa Đông", null),
      ward("5", "Chương Dương", null),
    ];
    const ranked = rankUnits(wards, (w) => w.rate, { secondaryKey: (w) => w.name });
    // Đ sorts after D and before H (code-point order would put it after H)
    expect(ranked.map((r) => [r.item.name, r.rank])).toEqual([
      ["Dân Chủ", 1],
      ["Đồng Xuân", 1],
      ["Hàng Bạc", 1],
      ["Chương Dương", null],
      ["Cửa Đông", null],
    ]);
  });

  it("keeps input order among ties without a secondary key, and does not mutate the input", () => {
    const items = [
      { code: "x", v: 1 },
      { code: "y", v: 1 },
      { code: "z", v: 2 },
    ];
    const copy = items.map((i) => ({ ...i }));
    expect(rankUnits(items, (i) => i.v).map((r) => r.item.code)).toEqual(["z", "x", "y"]);
    expect(items).toEqual(copy);
  });

  it("handles nothing to rank", () => {
    expect(rankUnits([], () => 1)).toEqual([]);
    const ranked = rankUnits([{ c: 1 }, { c: 2 }], () => null);
    expect(ranked.map((r) => r.rank)).toEqual([null, null]);
  });

  it("refuses mixed kinds of value and non-finite numbers", () => {
    const items: (Ratio | number)[] = [{ num: 1, den: 2 }, 3];
    expect(() => rankUnits(items, (i) => i)).toThrow(TypeError);
    expect(() => rankUnits([Number.NaN], (i) => i)).toThrow(RangeError);
  });
});

describe("rankChange", () => {
  it("is positive when a unit moved up", () => {
    expect(rankChange(3, 5)).toBe(2);
    expect(rankChange(5, 3)).toBe(-2);
    expect(rankChange(3, 3)).toBe(0);
  });

  it("is null when either rank is missing", () => {
    expect(rankChange(null, 3)).toBeNull();
    expect(rankChange(3, null)).toBeNull();
  });
});
