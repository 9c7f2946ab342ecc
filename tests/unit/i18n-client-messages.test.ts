import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CATALOGS, clientMessages } from "@/messages/catalog";
import { sourceFiles, unresolvedKeys } from "./i18n-keys-used.test";

// The root layout sends client components only the `common` keys listed in CLIENT_GROUPS
// (messages/catalog.ts), not the whole namespace. A client component that asks for a `common` key
// not sent would show the key itself in the browser; this reads every "use client" file and fails
// first. (Other namespaces travel with the page that needs them: PageMessages.)

const ROOT = path.resolve(import.meta.dirname, "../..");

const isClient = (file: string) => /^\s*["']use client["']/.test(fs.readFileSync(path.join(ROOT, file), "utf8"));

/** Only the translators of the `common` namespace (and its groups) of a source. */
function commonOnly(source: string): string {
  return source.replace(/const (\w+) = (?:use|get)Translations\("(?!common)[\w.]+"\)/g, "const $1 = skipped");
}

describe("client messages of every page", () => {
  it("find a key a client component uses that is not sent (the check itself)", () => {
    const source = `"use client"; const t = useTranslations("common"); t("nav.menu"); t("tagline"); const a = useTranslations("auth"); a("nope");`;
    expect(unresolvedKeys("x.tsx", commonOnly(source), clientMessages("vi"))).toEqual(["x.tsx: common.tagline"]);
  });

  it("hold every `common` key a client component uses, in both languages", () => {
    const files = [...sourceFiles("app"), ...sourceFiles("components")].filter(isClient);
    expect(files.length).toBeGreaterThan(10);
    for (const locale of ["vi", "en"] as const) {
      const sent = clientMessages(locale);
      const bad = files.flatMap((f) => unresolvedKeys(f, commonOnly(fs.readFileSync(path.join(ROOT, f), "utf8")), sent));
      expect(bad).toEqual([]);
    }
    // and the check is not vacuous: the whole namespace has keys the browser does not get
    expect(unresolvedKeys("x.tsx", `const t = useTranslations("common"); t("tagline");`, CATALOGS.vi)).toEqual([]);
    expect(unresolvedKeys("x.tsx", `const t = useTranslations("common"); t("tagline");`, clientMessages("vi"))).toEqual(["x.tsx: common.tagline"]);
  });
});
