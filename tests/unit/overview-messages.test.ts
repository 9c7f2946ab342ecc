import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { CATALOGS } from "@/messages/catalog";
import { formatDenominatorChange, formatUpdating } from "@/lib/domain/dashboard-format";
import { formatPageSpan, pageSpan } from "@/lib/domain/venue-activity";
import { formatCount } from "@/lib/domain/format";

// The overview's Vietnamese messages say exactly what the Vietnamese lib sentences they replaced
// say (pages, e2e specs and users rely on the wording), and the English ones use English figures.

const vi = createTranslator({ locale: "vi", messages: CATALOGS.vi, namespace: "overview" });
const en = createTranslator({ locale: "en", messages: CATALOGS.en, namespace: "overview" });

describe("overview messages", () => {
  it("say a venue page span as formatPageSpan does", () => {
    const cases: [ReturnType<typeof pageSpan>, number, number, boolean][] = [
      [pageSpan(1234, 2), 1234, 1234, false],
      [pageSpan(40, 1), 40, 587, true],
      [pageSpan(587, 30), 587, 587, false],
      [pageSpan(0, 1), 0, 587, true],
      [pageSpan(0, 1), 0, 0, false],
    ];
    for (const [span, matched, total, filtered] of cases) {
      const args = { filtered: filtered ? "yes" : "no", total: formatCount(total), matched: formatCount(matched) };
      const said =
        matched === 0
          ? vi("venues.spanNone", args)
          : span.outOfRange
            ? vi("venues.spanOutOfRange", { ...args, page: formatCount(span.page), pageCount: formatCount(span.pageCount) })
            : vi("venues.spanRange", { ...args, first: formatCount(span.first), last: formatCount(span.last) });
      expect(said).toBe(formatPageSpan(span, matched, total, filtered));
    }
    expect(en("venues.spanRange", { filtered: "yes", first: "1", last: "25", matched: "40", total: "587" })).toBe("1–25 of 40 matching venues (of 587)");
  });

  it("say a denominator's change and a day still coming in as the lib sentences do", () => {
    const entry = { field: "smartphones", value: 100, knownOn: "2021-08-14", source: "WARD_REPORT", importRef: null, firstDay: "2021-08-01", changedOn: "2021-08-10", previous: 90, previousDay: "2021-08-09" } as const;
    expect(vi("denominators.changedFromOn", { day: "10/08/2021", previous: "90", previousDay: "09/08/2021" })).toBe(formatDenominatorChange(entry));
    expect(vi("denominators.unchanged", { day: "01/08/2021" })).toBe(formatDenominatorChange({ ...entry, changedOn: null }));
    expect(vi("completeness.updating", { counted: "1", total: "18", noun: "phường", level: "ward" })).toBe(formatUpdating(1, 18, "phường"));
    expect(vi("completeness.updating", { counted: "3", total: "30", noun: "quận, huyện", level: "other" })).toBe(formatUpdating(3, 30, "quận, huyện"));
  });

  it("count days to a target in each language's plural and figures", () => {
    expect(vi("page.days.countOn", { days: 1234, day: "01/09/2021" })).toBe("1.234 ngày (01/09/2021)");
    expect(en("page.days.count", { days: 1 })).toBe("1 day");
    expect(en("page.days.count", { days: 1234 })).toBe("1,234 days");
  });
});
