import fs from "node:fs";
import path from "node:path";
import { ESLint, type Linter } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

// The layer rules of eslint.config.mjs, proven on deliberate violations: each fixture in
// tests/lint-fixtures (ignored by the normal lint run) is linted with the project's own config under
// a path that places it in a layer, and must fail with exactly the expected rule on the expected lines.

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const FIXTURES = path.join(ROOT, "tests", "lint-fixtures");

let eslint: ESLint;
beforeAll(async () => {
  eslint = new ESLint({ cwd: ROOT, overrideConfigFile: path.join(ROOT, "eslint.config.mjs") });
  // Loading the Next.js config takes a few seconds on a busy machine: pay it once, here.
  await eslint.calculateConfigForFile(path.join(ROOT, "app", "page.tsx"));
}, 120_000);

type Found = { rule: string | null; line: number; message: string };

/** Lints a fixture as if it were the file at `asPath`. */
async function lintAs(fixture: string, asPath: string, edit = (text: string) => text): Promise<{ code: string; messages: Found[] }> {
  const code = edit(fs.readFileSync(path.join(FIXTURES, fixture), "utf8"));
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, asPath) });
  const messages = (result?.messages ?? []).map((m: Linter.LintMessage) => ({ rule: m.ruleId, line: m.line, message: m.message }));
  return { code, messages };
}

/** The line of the import of `specifier` in `code`. */
function lineOf(code: string, specifier: string): number {
  const index = code.split("\n").findIndex((line) => line.includes(`"${specifier}"`) && /^\s*(import|export)\b/.test(line));
  if (index < 0) throw new Error(`fixture has no import of ${specifier}`);
  return index + 1;
}

/** Only the layer rules, as "rule line", sorted. */
const layerFindings = (messages: Found[]) =>
  messages
    .filter((m) => m.rule?.startsWith("layers/"))
    .map((m) => `${m.rule} ${m.line}`)
    .sort();
const expected = (code: string, rule: string, specifiers: string[]) => specifiers.map((s) => `layers/${rule} ${lineOf(code, s)}`);

describe("lint: pages, routes and components never import the database client", () => {
  for (const asPath of ["app/lint-fixture/page.tsx", "components/lint-fixture/panel.tsx"]) {
    it(`fails ${asPath} on lib/db, lib/db/*, the generated client and the pg driver`, async () => {
      const { code, messages } = await lintAs("ui-imports-database.tsx.fixture", asPath);
      expect(layerFindings(messages)).toEqual(
        expected(code, "ui-no-database", ["pg", "@/lib/db", "../../lib/db/open.ts", "@/lib/generated/prisma/client"]).sort(),
      );
      expect(messages.find((m) => m.rule === "layers/ui-no-database")?.message).toContain("through lib/data");
    });
  }

  it("lets lib/data import the database client", async () => {
    const { messages } = await lintAs("ui-imports-database.tsx.fixture", "lib/data/lint-fixture.ts");
    expect(layerFindings(messages)).toEqual([]);
  });
});

describe("lint: lib/domain is pure", () => {
  it("fails a domain module on node:fs, next, the figure store and the data layer; allows zod, lib/permissions and lib/domain", async () => {
    const { code, messages } = await lintAs("domain-impure.ts.fixture", "lib/domain/lint-fixture.ts");
    expect(layerFindings(messages)).toEqual(
      [
        ...expected(code, "pure-domain", ["node:fs", "next/server", "../data/alerts.ts", "@/lib/figures/settings"]),
        // lib/data is also "above": the upward rule names it too
        ...expected(code, "no-upward-imports", ["../data/alerts.ts"]),
      ].sort(),
    );
  });

  it("resolves relative specifiers from a nested domain folder", async () => {
    const { code, messages } = await lintAs("domain-nested.ts.fixture", "lib/domain/alerts/lint-fixture.ts");
    expect(layerFindings(messages)).toEqual(expected(code, "pure-domain", ["../../db.ts"]));
    expect(messages.find((m) => m.rule === "layers/pure-domain")?.message).toContain("imports lib/db");
  });
});

describe('lint: "use client" files import no server module', () => {
  it("fails a client component on the data layer, the action wrapper, the figure store, lib/imports, server-only modules", async () => {
    const { code, messages } = await lintAs("client-imports-server.tsx.fixture", "components/lint-fixture/form.tsx");
    expect(layerFindings(messages)).toEqual(
      expected(code, "client-no-server", [
        "@/lib/data/reports",
        "@/lib/requests/action",
        "@/lib/figures/settings",
        "../../lib/imports/kinds.ts",
        "@/lib/auth/session",
        "server-only",
      ]).sort(),
    );
    // the "use server" action module, type-only imports and lib/domain pass
    const lines = messages.map((m) => m.line);
    for (const allowed of ["@/lib/actions/users", "@/lib/actions/result", "@/lib/data/reports.ts", "@/lib/domain/format"]) {
      expect(lines).not.toContain(lineOf(code, allowed));
    }
  });

  it("leaves the same imports alone in a server component (no directive)", async () => {
    const { code, messages } = await lintAs("client-imports-server.tsx.fixture", "app/lint-fixture/page.tsx", (text) =>
      text.replace('"use client";', ""),
    );
    expect(code).not.toContain("use client");
    expect(layerFindings(messages)).toEqual([]);
  });
});

describe("lint: lower layers never import upward", () => {
  it("fails the figure store on lib/data, lib/actions and components; allows lib/domain and lib/db", async () => {
    const { code, messages } = await lintAs("upward.ts.fixture", "lib/figures/lint-fixture.ts");
    expect(layerFindings(messages)).toEqual(
      expected(code, "no-upward-imports", ["../data/audit.ts", "@/lib/data/alerts", "../actions/users.ts", "@/components/ui/notice"]).sort(),
    );
    expect(messages.find((m) => m.rule === "layers/no-upward-imports")?.message).toContain("lib/figures is below lib/data");
  });

  it("fails a type-only import of lib/data two folders down in lib/documents", async () => {
    const { code, messages } = await lintAs("upward-type.ts.fixture", "lib/documents/pdf/lint-fixture.ts");
    expect(layerFindings(messages)).toEqual(expected(code, "no-upward-imports", ["../../data/alerts.ts"]));
  });

  it("fails the database client on the figure store", async () => {
    const code = 'import { getSourcePriority } from "./figures/settings.ts";\nexport { getSourcePriority };\n';
    const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, "lib", "db.ts") });
    expect(result?.messages.map((m) => `${m.ruleId} ${m.line}`)).toEqual(["layers/no-upward-imports 1"]);
  });

  it("lets lib/actions call lib/data, the order the layers go, but not components", async () => {
    const { code, messages } = await lintAs("upward.ts.fixture", "lib/actions/lint-fixture.ts");
    expect(layerFindings(messages)).toEqual(expected(code, "no-upward-imports", ["@/components/ui/notice"]));
  });
});

describe("lint: a page written as the layers want passes every rule", () => {
  it("reports nothing at all", async () => {
    const { messages } = await lintAs("clean-page.tsx.fixture", "app/lint-fixture/page.tsx");
    expect(messages).toEqual([]);
  });
});
