import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CATALOGS } from "@/messages/catalog";

// Every literal key a page or component asks for is a message (a string) in the catalogs: a key
// that is missing, or that names a group of messages instead of one, fails at render time with
// next-intl's MISSING_MESSAGE / INSUFFICIENT_PATH, so it fails here first. Read from the source:
// `const t = useTranslations("ns")` / `await getTranslations("ns")` (or a `type T = … getTranslations<"ns">`
// alias for the translator handed to a page's parts), then `t("key")` and `t.rich("key")`. Keys
// built at run time (t(`roles.${role}`)) are left to the catalogs test and the e2e specs.

const ROOT = path.resolve(import.meta.dirname, "../..");

export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(rel));
    else if (/\.tsx?$/.test(entry.name)) out.push(rel);
  }
  return out;
}

function messageAt(tree: unknown, key: string): unknown {
  let node = tree;
  for (const part of key.split(".")) node = node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined;
  return node;
}

/** "file: ns.key" for every literal key of a source that is not one message in Vietnamese. */
export function unresolvedKeys(file: string, source: string, catalog: unknown): string[] {
  const translators = new Map<string, string>();
  for (const m of source.matchAll(/const (\w+) = (?:await )?(?:use|get)Translations(?:<[^>]*>)?\("([\w.]+)"\)/g)) translators.set(m[1] ?? "", m[2] ?? "");
  for (const m of source.matchAll(/type (T|Labels) = Awaited<ReturnType<typeof getTranslations<"([\w.]+)">>>/g)) {
    const name = m[1] === "T" ? "t" : "labels";
    if (!translators.has(name)) translators.set(name, m[2] ?? "");
  }
  const bad: string[] = [];
  for (const [name, ns] of translators) {
    for (const m of source.matchAll(new RegExp(`\\b${name}(?:\\.rich)?\\("([\\w.]+)"`, "g"))) {
      const key = `${ns}.${m[1]}`;
      if (typeof messageAt(catalog, key) !== "string") bad.push(`${file}: ${key}`);
    }
  }
  return bad;
}

describe("message keys used by the interface", () => {
  it("finds a key that is missing or names a group (the check itself)", () => {
    const source = `const t = useTranslations("imports"); t("title"); t("kinds"); t("nope");`;
    expect(unresolvedKeys("x.tsx", source, CATALOGS.vi)).toEqual(["x.tsx: imports.kinds", "x.tsx: imports.nope"]);
  });

  it("are all messages in the catalogs", () => {
    const files = [...sourceFiles("app"), ...sourceFiles("components")];
    const bad = files.flatMap((f) => unresolvedKeys(f, fs.readFileSync(path.join(ROOT, f), "utf8"), CATALOGS.vi));
    expect(bad).toEqual([]);
  });
});
