import { createTranslator } from "next-intl";
import { describe, expect, it, vi } from "vitest";
import { compiledMessageCount, createSharedTranslator, sharedFormatting, sharedTranslator, TIME_ZONE } from "@/i18n/translator";
import { CATALOGS } from "@/messages/catalog";

// The shared translators (i18n/translator.ts, ADR 032) compile each message once per process and
// find it again by (locale, message): every message of both catalogs must come out exactly as a
// translator of its own (next-intl's, nothing shared) gives it, on the first call and the next.

/** Every message of a catalog with its dotted key (a catalog is text at its leaves, objects above). */
function leaves(tree: object, prefix = ""): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]: [string, unknown]): [string, string][] => {
    if (typeof v === "string") return [[`${prefix}${k}`, v]];
    if (typeof v === "object" && v !== null) return leaves(v, `${prefix}${k}.`);
    throw new Error(`${prefix}${k}: neither a message nor a group of messages`);
  });
}

/** Values for a message's arguments: numbers that show grouping (1234567), plural counts, select's "other". */
function valuesFor(message: string, n: number): Record<string, string | number> {
  const values: Record<string, string | number> = {};
  for (const [, name, type] of message.matchAll(/\{\s*(\w+)\s*(?:,\s*(\w+))?/g)) {
    if (!name) continue;
    values[name] = type === "select" ? "other" : type === "plural" || type === "selectordinal" ? n : n * 1234567;
  }
  return values;
}

describe("shared translators", () => {
  it("give every message of both catalogs exactly as a translator of its own, again and again", () => {
    let checked = 0;
    for (const locale of ["vi", "en"] as const) {
      const own = createTranslator({ locale, messages: CATALOGS[locale] as Record<string, unknown>, timeZone: TIME_ZONE });
      const shared = sharedTranslator(locale) as typeof own;
      for (const [key, message] of leaves(CATALOGS[locale])) {
        if (message.includes("<")) continue; // rich text: t.rich with tag functions, compiled the same way
        for (const n of [1, 21]) {
          const values = valuesFor(message, n);
          const expected = own(key as never, values as never);
          expect(shared(key as never, values as never)).toBe(expected);
          expect(shared(key as never, values as never)).toBe(expected);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  }, 60_000);

  it("compile a message once per language, and a language's numbers its own way", () => {
    const messages = { vi: { probe: { count: "{n, plural, other {# người ({total})}}" } }, en: { probe: { count: "{n, plural, other {# người ({total})}}" } } };
    const before = compiledMessageCount();
    const vi = createTranslator({ locale: "vi", messages: messages.vi, namespace: "probe", ...sharedFormatting });
    const en = createTranslator({ locale: "en", messages: messages.en, namespace: "probe", ...sharedFormatting });
    expect(vi("count", { n: 1234, total: 56789 })).toBe("1.234 người (56789)");
    expect(compiledMessageCount()).toBe(before + 1);
    expect(vi("count", { n: 2, total: 3 })).toBe("2 người (3)");
    expect(compiledMessageCount()).toBe(before + 1);
    // the same text in another language is another compiled message: its own grouping of `#`
    expect(en("count", { n: 1234, total: 56789 })).toBe("1,234 người (56789)");
    expect(compiledMessageCount()).toBe(before + 2);
  });

  it("compile a message with a number, date or time argument through next-intl's full key (formats and time zone)", () => {
    const messages = { at: "{when, date, short}", n: "{v, number, percent}" };
    const before = compiledMessageCount();
    const t = createTranslator({ locale: "vi", messages, ...sharedFormatting });
    // 2021-08-14T17:00:00Z is 15/8 in Asia/Ho_Chi_Minh
    expect(t("at", { when: new Date("2021-08-14T17:00:00Z") })).toBe(createTranslator({ locale: "vi", messages, timeZone: TIME_ZONE })("at", { when: new Date("2021-08-14T17:00:00Z") }));
    expect(t("at", { when: new Date("2021-08-14T17:00:00Z") })).toContain("15");
    expect(t("n", { v: 0.5 })).toBe(createTranslator({ locale: "vi", messages, timeZone: TIME_ZONE })("n", { v: 0.5 }));
    expect(compiledMessageCount()).toBe(before);
  });

  it("format a namespace's messages as next-intl does, and leave to next-intl what the fast path does not take", () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      for (const locale of ["vi", "en"] as const) {
        const own = createTranslator({ locale, messages: CATALOGS[locale] as Record<string, unknown>, namespace: "overview.ranking" as never, timeZone: TIME_ZONE });
        const shared = createSharedTranslator({ locale, messages: CATALOGS[locale], namespace: "overview.ranking" }) as unknown as typeof own;
        expect(createSharedTranslator({ locale, messages: CATALOGS[locale], namespace: "overview.ranking" })).toBe(shared); // one per process
        const group = (CATALOGS[locale] as unknown as { overview: { ranking: object } }).overview.ranking;
        for (const [key, message] of leaves(group)) {
          if (message.includes("<")) continue;
          const values = valuesFor(message, 21);
          for (let i = 0; i < 3; i++) expect(shared(key as never, values as never)).toBe(own(key as never, values as never));
        }
        // once compiled, a plain message is formatted without next-intl's compiler lookup (and its formats merge)
        const compile = vi.spyOn(sharedFormatting._formatters, "getMessageFormat");
        const [plainKey, plainMessage] = leaves(group).find(([, m]) => /\{\w+\}/.test(m) && !m.includes("<")) ?? ["", ""];
        expect(shared(plainKey as never, valuesFor(plainMessage, 5) as never)).toBe(own(plainKey as never, valuesFor(plainMessage, 5) as never));
        expect(compile).not.toHaveBeenCalled();
        compile.mockRestore();
        // a missing key, a missing value, a group instead of a message: next-intl's fallback, reported
        const all = createTranslator({ locale, messages: CATALOGS[locale] as Record<string, unknown>, timeZone: TIME_ZONE });
        const sharedAll = sharedTranslator(locale) as typeof all;
        const withArgument = leaves(group).find(([, m]) => /\{\w+\}/.test(m) && !m.includes("<"));
        if (!withArgument) throw new Error("overview.ranking has no message with a plain argument");
        const [argKey] = withArgument;
        for (let i = 0; i < 2; i++) {
          expect(shared("no.such.key" as never)).toBe(own("no.such.key" as never));
          expect(shared(argKey as never, {} as never)).toBe(own(argKey as never, {} as never));
          expect(sharedAll("overview" as never)).toBe(all("overview" as never));
        }
        // values that are not plain text or numbers, and rich text, go through next-intl itself
        const rich = leaves(CATALOGS[locale]).find(([, m]) => /<(\w+)>/.test(m));
        if (!rich) throw new Error("the catalog has no rich-text message");
        const [richKey, richMessage] = rich;
        const tags = Object.fromEntries([...richMessage.matchAll(/<(\w+)>/g)].map(([, tag]) => [tag, (chunks: unknown) => `[${String(chunks)}]`]));
        const richValues = { ...valuesFor(richMessage.replace(/<\/?\w+>/g, ""), 3), ...tags };
        expect(sharedAll.rich(richKey as never, richValues as never)).toEqual(all.rich(richKey as never, richValues as never));
      }
      expect(errors).toHaveBeenCalled();
    } finally {
      errors.mockRestore();
    }
  });
});
