import fs from "node:fs";
import path from "node:path";
import { ESLint } from "eslint";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// Every way into the app goes through the request family (lib/requests): each HTTP method a route
// handler under app/api exports, and each server action ("use server" modules: lib/actions and
// app/**/actions.ts), must be a value made by one of the family's transports, imported from the
// family's modules. Read from the source, so a bare `export async function GET` (or an action
// written by hand) fails here before it ships.

const ROOT = path.resolve(import.meta.dirname, "../..");
const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** The family's transports, by the module that exports them (repository paths without extension). */
const FAMILY: Record<string, readonly string[]> = {
  "lib/requests/action": ["action"],
  "lib/requests/route": ["route"],
  "lib/requests/download": ["download"],
  "lib/http/downloads": ["exportDownload"],
};

function files(dir: string, match: (name: string) => boolean): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...files(rel, match));
    else if (match(entry.name)) out.push(rel);
  }
  return out.sort();
}

/** The repository path a specifier names, from `file` ("@/lib/x", "../x.ts"). */
function target(file: string, specifier: string): string | null {
  const absolute = specifier.startsWith("@/")
    ? path.join(ROOT, specifier.slice(2))
    : specifier.startsWith(".")
      ? path.resolve(path.dirname(path.join(ROOT, file)), specifier)
      : null;
  return absolute === null ? null : path.relative(ROOT, absolute).split(path.sep).join("/").replace(/\.tsx?$/, "");
}

/**
 * The exported names of `file` (restricted by `which`) that are not made by a family transport:
 * `export const NAME = transport(...)`, or `= other` / `export { other as NAME }` where `other` is
 * a module constant made so. Anything else (a function declaration, another call) is reported.
 */
export function bareExports(file: string, source: string, which: (name: string) => boolean): string[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const transports = new Set<string>();
  const constants = new Map<string, ts.Expression | undefined>();
  const exported: { name: string; value: ts.Expression | undefined }[] = [];
  const isExported = (node: ts.Node) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

  for (const statement of sf.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const from = target(file, statement.moduleSpecifier.text);
      const names = statement.importClause?.namedBindings;
      if (from && FAMILY[from] && names && ts.isNamedImports(names)) {
        for (const el of names.elements) if (FAMILY[from].includes((el.propertyName ?? el.name).text)) transports.add(el.name.text);
      }
    } else if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) {
        if (!ts.isIdentifier(d.name)) continue;
        constants.set(d.name.text, d.initializer);
        if (isExported(statement)) exported.push({ name: d.name.text, value: d.initializer });
      }
    } else if (ts.isFunctionDeclaration(statement) && statement.name && isExported(statement)) {
      // only a function that hands its call straight to a family-made constant passes:
      // `export async function xAction(raw: unknown) { return x(raw); }`
      const only = statement.body?.statements.length === 1 ? statement.body.statements[0] : undefined;
      const delegated = only && ts.isReturnStatement(only) && only.expression && ts.isCallExpression(only.expression) ? only.expression.expression : undefined;
      exported.push({ name: statement.name.text, value: delegated && ts.isIdentifier(delegated) ? delegated : undefined });
    } else if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause) && !statement.isTypeOnly) {
      for (const el of statement.exportClause.elements) {
        const local = (el.propertyName ?? el.name).text;
        exported.push({ name: el.name.text, value: statement.moduleSpecifier ? undefined : ts.factory.createIdentifier(local) });
      }
    }
  }

  const madeByFamily = (value: ts.Expression | undefined, depth = 0): boolean => {
    if (!value || depth > 3) return false;
    if (ts.isCallExpression(value) && ts.isIdentifier(value.expression)) return transports.has(value.expression.text);
    if (ts.isIdentifier(value)) return constants.has(value.text) && madeByFamily(constants.get(value.text), depth + 1);
    return false;
  };
  return exported.filter((e) => which(e.name) && !madeByFamily(e.value)).map((e) => e.name);
}

const read = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");
const usesServer = (source: string) => /^\s*(?:\/\/[^\n]*\n\s*)*["']use server["']/.test(source);

describe("every way in goes through the request family", () => {
  const routes = files("app/api", (name) => name === "route.ts");
  const actions = [...files("lib/actions", (name) => name.endsWith(".ts")), ...files("app", (name) => name === "actions.ts")].filter((f) => usesServer(read(f)));

  it("finds the route handlers and the server action modules", () => {
    expect(routes).toEqual(
      expect.arrayContaining(["app/api/health/route.ts", "app/api/auth/[...nextauth]/route.ts", "app/api/exports/[dataset]/route.ts", "app/api/admin/backup/route.ts"]),
    );
    expect(routes.length).toBeGreaterThanOrEqual(12);
    expect(actions).toEqual(expect.arrayContaining(["lib/actions/users.ts", "lib/actions/reports.ts", "app/admin/imports/actions.ts"]));
  });

  it("each HTTP method a route handler exports is made by a family transport", () => {
    const bare = routes.flatMap((file) => bareExports(file, read(file), (name) => METHODS.has(name)).map((name) => `${file}: ${name}`));
    expect(bare).toEqual([]);
  });

  it("each server action is made by a family transport", () => {
    const bare = actions.flatMap((file) => bareExports(file, read(file), () => true).map((name) => `${file}: ${name}`));
    expect(bare).toEqual([]);
  });

  it("the check fails a bare handler, a hand-made action, and a look-alike imported from elsewhere", () => {
    const file = "app/api/example/route.ts";
    expect(bareExports(file, `export async function GET() { return new Response("x"); }`, (n) => METHODS.has(n))).toEqual(["GET"]);
    expect(bareExports(file, `const handler = async () => new Response(); export { handler as GET, handler as POST };`, (n) => METHODS.has(n))).toEqual([
      "GET",
      "POST",
    ]);
    expect(bareExports(file, `import { route } from "some-package";\nexport const GET = route(x, y);`, (n) => METHODS.has(n))).toEqual(["GET"]);
    const ok = `import { route } from "@/lib/requests/route";\nconst handler = route(a, b);\nexport const GET = handler;\nexport { handler as POST };\nexport const dynamic = "force-dynamic";`;
    expect(bareExports(file, ok, (n) => METHODS.has(n))).toEqual([]);
    const actionFile = "lib/actions/example.ts";
    const mixed = [
      `"use server";`,
      `import { action } from "../requests/action.ts";`,
      `const a = action(g, r);`,
      `export const aAction = a;`,
      `export async function bAction(raw: unknown) { return a(raw); }`,
      `export async function cAction(raw: unknown) { const u = await getSessionUser(); return a(raw); }`,
      `export async function dAction(raw: unknown) { return save(raw); }`,
    ].join("\n");
    expect(bareExports(actionFile, mixed, () => true)).toEqual(["cAction", "dAction"]);
  });
});

describe("lint: the family sits above the gate", () => {
  it("fails lib/data, lib/exports and lib/documents on an import of lib/requests or lib/http; lets a route import them", async () => {
    const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: path.join(ROOT, "eslint.config.mjs") });
    const code = `import { refuse } from "@/lib/requests/guard";\nimport { exportDownload } from "../http/downloads.ts";\nexport const x = [refuse, exportDownload];\n`;
    const findings = async (asPath: string) => {
      const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, asPath) });
      return (result?.messages ?? []).filter((m) => m.ruleId === "layers/no-upward-imports").map((m) => m.line);
    };
    for (const asPath of ["lib/data/lint-fixture.ts", "lib/exports/lint-fixture.ts", "lib/documents/lint-fixture.ts"]) expect(await findings(asPath), asPath).toEqual([1, 2]);
    expect(await findings("lib/actions/lint-fixture.ts")).toEqual([]);
  }, 120_000);
});
