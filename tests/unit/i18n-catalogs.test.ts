import { parse, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { CATALOGS, CLIENT_NAMESPACES, clientMessages } from "@/messages/catalog";
import { LOCALES, parseLocale } from "@/i18n/locales";

/** "a.b.c" → the string, for every leaf of a nested catalog. */
function leaves(tree: unknown, prefix = ""): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (tree && typeof tree === "object") {
    for (const [key, value] of Object.entries(tree)) {
      const path = prefix ? `${prefix}.${key}` : key;
      if (value && typeof value === "object") for (const [k, v] of leaves(value, path)) out.set(k, v);
      else out.set(path, value);
    }
  }
  return out;
}

/**
 * The ICU arguments and tags of a message ("{count, plural, one {# day} other {# days}}" → count),
 * read with the ICU parser next-intl itself uses (intl-messageformat's), so the words inside a
 * plural's branches are not taken for arguments. A message that does not parse fails here.
 */
function argumentsOf(message: string): string[] {
  const names = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const el of elements) {
      if ("value" in el && typeof el.value === "string" && el.type !== 0) names.add(el.value);
      if ("options" in el) for (const option of Object.values(el.options)) walk(option.value);
      if ("children" in el) walk(el.children);
    }
  };
  walk(parse(message));
  return [...names].sort();
}

describe("message catalogs", () => {
  const vi = leaves(CATALOGS.vi);
  const en = leaves(CATALOGS.en);

  it("have the same namespaces in every language", () => {
    expect(Object.keys(CATALOGS.en).sort()).toEqual(Object.keys(CATALOGS.vi).sort());
  });

  it("have every Vietnamese key in English and every English key in Vietnamese", () => {
    const missingInEnglish = [...vi.keys()].filter((k) => !en.has(k));
    const missingInVietnamese = [...en.keys()].filter((k) => !vi.has(k));
    expect(missingInEnglish).toEqual([]);
    expect(missingInVietnamese).toEqual([]);
  });

  it("hold a non-empty string at every key", () => {
    for (const [lang, map] of [["vi", vi], ["en", en]] as const) {
      const bad = [...map.entries()].filter(([, v]) => typeof v !== "string" || v.trim() === "").map(([k]) => `${lang}:${k}`);
      expect(bad).toEqual([]);
    }
  });

  it("use the same placeholders in both languages", () => {
    const differ = [...vi.keys()]
      .filter((k) => en.has(k))
      .filter((k) => argumentsOf(String(vi.get(k))).join() !== argumentsOf(String(en.get(k))).join());
    expect(differ).toEqual([]);
  });

  it("send only the client namespaces to the browser, and of them only the keys listed", () => {
    for (const locale of LOCALES) {
      const sent = clientMessages(locale) as Record<string, Record<string, Record<string, unknown>>>;
      expect(Object.keys(sent).sort()).toEqual([...CLIENT_NAMESPACES].sort());
      // the menu's labels, the tagline and the error texts are not sent as messages
      expect(Object.keys(sent.common ?? {}).sort()).toEqual(["nav", "signOut", "ui"]);
      expect(Object.keys(sent.common?.nav ?? {}).sort()).toEqual(["groupHasCurrent", "label", "menu"]);
      expect(sent.common?.errors?.notFoundText).toBeUndefined();
      expect(typeof sent.common?.ui?.dayHint).toBe("string");
    }
  });

  it("hand a page only the groups it asks for, beside the client namespaces", () => {
    const picked = clientMessages("en", ["admin.users", "labels.roles"]) as Record<string, Record<string, unknown>>;
    expect(Object.keys(picked).sort()).toEqual([...CLIENT_NAMESPACES, "admin", "labels"].sort());
    expect(Object.keys(picked.admin ?? {})).toEqual(["users"]);
    expect(Object.keys(picked.labels ?? {})).toEqual(["roles"]);
    expect((picked.admin?.users as Record<string, string>).title).toBe("Accounts");
  });

  it("fall back to Vietnamese for an unknown or missing language", () => {
    expect(parseLocale("en")).toBe("en");
    expect(parseLocale("fr")).toBe("vi");
    expect(parseLocale(undefined)).toBe("vi");
  });
});
