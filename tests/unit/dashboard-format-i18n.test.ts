import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { CATALOGS } from "@/messages/catalog";
import { standingNote, standingNoteText } from "../../lib/domain/chart-data.ts";
import type { PartOrigin } from "../../lib/domain/completeness.ts";
import type { WithheldReason } from "../../lib/domain/dashboard-completeness.ts";
import {
  childrenSumText,
  formatChildrenSum,
  formatOrigin,
  formatRankChange,
  formatStanding,
  formatWithheld,
  originText,
  rankChangeText,
  standingText,
  withheldText,
} from "../../lib/domain/dashboard-format.ts";
import type { PartProvenance } from "../../lib/domain/figure-provenance.ts";
import { renderMessage, type Message, type Translate } from "../../lib/domain/message.ts";
import type { RankStanding } from "../../lib/domain/rank-metric.ts";

// The dashboard's lib wording as messages (rank changes, why a unit is not ranked, withheld
// changes, a sum's origin, the children's sum): in Vietnamese exactly the strings lib writes (and
// the existing tests assert), in English English words and figures.

function translator(locale: "vi" | "en"): Translate {
  const t = createTranslator({
    locale,
    messages: CATALOGS[locale],
    onError: (e) => {
      throw e;
    },
  });
  return (key, values) => t(key as never, values as never);
}
const vi = (m: Message | null) => (m === null ? null : renderMessage(m, translator("vi"), "vi"));
const en = (m: Message | null) => (m === null ? null : renderMessage(m, translator("en"), "en"));

const DAY = "2021-08-17";
const REASONS: WithheldReason[] = [
  { kind: "partial", when: "day", day: DAY, counted: 17, total: 18 },
  { kind: "partial", when: "earlier", day: "2021-08-16", counted: 1_234, total: 2_000 },
  { kind: "missing", when: "day", day: DAY },
  { kind: "missing", when: "earlier", day: "2021-08-10" },
  { kind: "no-rate", when: "earlier", day: "2021-08-16" },
  { kind: "not-ranked", when: "day", day: DAY, standing: "partial" },
  { kind: "not-ranked", when: "earlier", day: DAY, standing: "no-denominator" },
  { kind: "not-ranked", when: "day", day: DAY, standing: "missing" },
  { kind: "not-ranked", when: "day", day: DAY, standing: "ranked" },
  { kind: "different-sets", day: "2021-08-16", today: 18, earlier: 17 },
  { kind: "different-reporters", day: DAY },
];
const ORIGINS: (PartOrigin | null)[] = [null, { kind: "own" }, { kind: "sum", counted: 17, total: 18 }, { kind: "sum", counted: 18, total: 18 }, { kind: "sum", counted: 1_200, total: 1_500 }];
const STANDINGS: RankStanding[] = ["ranked", "partial", "no-denominator", "missing"];

describe("dashboard wording as messages", () => {
  it("says in Vietnamese exactly what lib's Vietnamese functions say", () => {
    for (const change of [null, 0, 2, -1, 1_500]) expect(vi(rankChangeText(change))).toBe(formatRankChange(change));
    for (const reason of REASONS) {
      for (const lag of [1, 7, 3]) {
        for (const nouns of [{ children: "phường", ranked: "quận, huyện" }, { children: "xã, thị trấn", ranked: "xã, thị trấn" }]) {
          expect(vi(withheldText(reason, lag, nouns))).toBe(formatWithheld(reason, lag, nouns));
        }
      }
    }
    for (const origin of ORIGINS) {
      expect(vi(originText(origin, "phường"))).toBe(formatOrigin(origin, "phường"));
      for (const standing of STANDINGS) {
        for (const metric of ["coverage", "qrActive", "scans"] as const) {
          expect(vi(standingText(standing, origin, metric, "xã, thị trấn"))).toBe(formatStanding(standing, origin, metric, "xã, thị trấn"));
          const row = { standing, origin, figure: { smartphones: 10, installs: 5, qrVenues: null, activeVenues: null, scans: null } };
          expect(vi(standingNoteText(row, metric, "phường"))).toBe(standingNote(row, metric, "phường"));
        }
      }
    }
  });

  it("says rank changes and why a unit is not ranked in English", () => {
    expect(en(rankChangeText(0))).toBe("unchanged");
    expect(en(rankChangeText(1))).toBe("up 1 place");
    expect(en(rankChangeText(-3))).toBe("down 3 places");
    expect(en(rankChangeText(null))).toBe("—");
    expect(en(standingText("partial", { kind: "sum", counted: 1_200, total: 1_500 }, "coverage", "phường"))).toBe("incomplete figures, 1,200/1,500 wards");
    expect(en(standingText("no-denominator", null, "coverage", "phường"))).toBe("no smartphones");
    expect(en(standingText("missing", null, "coverage", "phường"))).toBe("not reported");
    expect(en(originText({ kind: "sum", counted: 17, total: 18 }, "quận, huyện, thị xã"))).toBe("incomplete figures: 17/18 districts");
  });

  it("says why a change is withheld in English", () => {
    const nouns = { children: "phường", ranked: "quận, huyện" };
    expect(en(withheldText(REASONS[0] as WithheldReason, 1, nouns))).toBe("not compared: the figures of 17 Aug 2021 are incomplete (17/18 wards)");
    expect(en(withheldText(REASONS[1] as WithheldReason, 7, nouns))).toBe(
      "not compared: the figures of the week before (16 Aug 2021) are incomplete (1,234/2,000 wards)",
    );
    expect(en(withheldText(REASONS[9] as WithheldReason, 3, nouns))).toBe(
      "not compared: 3 days before and 16 Aug 2021 do not rank the same districts (17 and 18)",
    );
  });

  it("writes the children's sum beside an own figure in both languages", () => {
    const p: PartProvenance = {
      part: "coverage",
      source: "IMPORT",
      importRef: null,
      own: { smartphones: 150_788, installs: 77_113 },
      childrenSum: { values: { smartphones: 150_000, installs: 76_000, qrVenues: null, activeVenues: null, scans: null }, counted: 17, total: 18 },
      differences: { smartphones: 788, installs: 1_113 },
      rateDifference: 47,
    };
    for (const field of ["installs", null] as const) expect(vi(childrenSumText(p, field, "phường"))).toBe(formatChildrenSum(p, field, "phường"));
    expect(vi(childrenSumText({ ...p, childrenSum: null }, "installs", "phường"))).toBe(formatChildrenSum({ ...p, childrenSum: null }, "installs", "phường"));
    expect(en(childrenSumText(p, "installs", "phường"))).toBe("Sum of 17/18 wards that reported: 76,000 (difference +1,113)");
    expect(en(childrenSumText(p, null, "phường"))).toBe("Rate from the sum of 17/18 wards that reported: 50.67% (difference +0.47 pp)");
  });
});
