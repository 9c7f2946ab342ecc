import fs from "node:fs";
import path from "node:path";
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Layer boundaries (GUIDE: "lower layers never import upward; lint enforces it"). A small local plugin rather
// than `no-restricted-imports`: one rule needs the "use client" directive, which no file glob can
// select, and specifiers are resolved to the file they name, so `@/lib/data/x`, `../data/x.ts` and
// `../../data/x` are judged alike whatever the importing file's depth.

const ROOT = import.meta.dirname;

/** The repository path an import names ("lib/data/alerts"), or null for an npm package. */
function targetOf(filename, specifier) {
  let absolute;
  if (specifier.startsWith("@/")) absolute = path.join(ROOT, specifier.slice(2));
  else if (specifier.startsWith(".")) absolute = path.resolve(path.dirname(filename), specifier);
  else return null;
  return path
    .relative(ROOT, absolute)
    .split(path.sep)
    .join("/")
    .replace(/\.(ts|tsx|mts|js|mjs)$/, "")
    .replace(/\/index$/, "");
}

/** "lib/db" names lib/db.ts and everything in lib/db/. */
const within = (target, dirs) => dirs.some((dir) => target === dir || target.startsWith(`${dir}/`));
const packageName = (specifier) => specifier.split("/").slice(0, specifier.startsWith("@") ? 2 : 1).join("/");

/** Type-only imports are erased at build time: they ship nothing to the browser. */
const typeOnly = (node) =>
  node.importKind === "type" ||
  node.exportKind === "type" ||
  (node.specifiers?.length > 0 && node.specifiers.every((s) => s.importKind === "type" || s.exportKind === "type"));

const sourceCache = new Map();
/** The text of the module a target names, if it is a file of this repository. */
function moduleText(target) {
  if (sourceCache.has(target)) return sourceCache.get(target);
  let text = null;
  for (const candidate of [".ts", ".tsx", "/index.ts", "/index.tsx", ".mjs", ".js"]) {
    const file = path.join(ROOT, target + candidate);
    if (fs.existsSync(file)) {
      text = fs.readFileSync(file, "utf8");
      break;
    }
  }
  sourceCache.set(target, text);
  return text;
}
const PROLOGUE = /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*/;
const startsWithDirective = (text, directive) => text != null && text.replace(PROLOGUE, "").match(/^["']([^"']+)["']/)?.[1] === directive;
const marksServerOnly = (text) => text != null && /^import\s+["']server-only["']/m.test(text);

/** A rule that calls `check(context, node, specifier)` for every import, re-export and import(). */
function importRule(description, messages, check, applies = () => true) {
  return {
    meta: { type: "problem", docs: { description }, messages, schema: [] },
    create(context) {
      const filename = path.relative(ROOT, context.filename).split(path.sep).join("/");
      if (filename.startsWith("..")) return {};
      const layerPath = filename.replace(/\.(ts|tsx|mts|js|mjs)$/, ""); // lib/db.ts is in the layer "lib/db"
      if (!applies(layerPath, context)) return {};
      const visit = (node) => {
        const source = node.source;
        if (source?.type === "Literal" && typeof source.value === "string") check({ context, filename, layerPath, node, specifier: source.value });
      };
      return { ImportDeclaration: visit, ExportNamedDeclaration: visit, ExportAllDeclaration: visit, ImportExpression: visit };
    },
  };
}

// (a) Pages, route handlers and components never hold the database client: they go through lib/data.
const UI = ["app", "components"];
const DATABASE = ["lib/db", "lib/generated"];
const DATABASE_PACKAGES = ["@prisma/client", "@prisma/adapter-pg", "pg", "@electric-sql/pglite", "pglite-prisma-adapter"];
const uiNoDatabase = importRule(
  "app/ and components/ never import the database client or the generated Prisma client",
  { database: "{{file}} imports {{target}}: pages, routes and components read and write through lib/data, never the database client." },
  ({ context, node, specifier, filename }) => {
    const target = targetOf(context.filename, specifier);
    const hit = target ? within(target, DATABASE) : DATABASE_PACKAGES.includes(packageName(specifier));
    if (hit) context.report({ node, messageId: "database", data: { file: filename, target: target ?? specifier } });
  },
  (filename) => within(filename, UI),
);

// (b) lib/domain is pure: other domain modules, the pure permission rules, and pure npm packages.
const DOMAIN_MAY_IMPORT = ["lib/domain", "lib/permissions"];
const PURE_PACKAGES = ["zod"];
const pureDomain = importRule(
  "lib/domain imports only lib/domain, lib/permissions.ts and pure packages",
  { impure: "{{file}} imports {{target}}: lib/domain is pure and imports only lib/domain, lib/permissions.ts and {{packages}}." },
  ({ context, node, specifier, filename }) => {
    const target = targetOf(context.filename, specifier);
    const ok = target ? within(target, DOMAIN_MAY_IMPORT) : PURE_PACKAGES.includes(packageName(specifier));
    if (!ok) context.report({ node, messageId: "impure", data: { file: filename, target: target ?? specifier, packages: PURE_PACKAGES.join(", ") } });
  },
  (filename) => within(filename, ["lib/domain"]),
);

// (c) A client component ships to the browser: no server module, except a "use server" module
// (Next.js turns its exports into action references) and type-only imports (erased).
const SERVER_DIRS = ["lib/data", "lib/figures", "lib/db", "lib/generated", "lib/imports", "lib/actions", "lib/server", "lib/reports", "lib/documents", "lib/exports"];
const clientNoServer = importRule(
  'files marked "use client" import no server module',
  { server: '{{file}} is a client component and imports the server module {{target}}: pass the data in as props, or call a "use server" action.' },
  ({ context, node, specifier, filename }) => {
    if (typeOnly(node)) return;
    const target = targetOf(context.filename, specifier);
    if (!target) {
      const name = packageName(specifier);
      if (name === "server-only" || specifier.startsWith("node:") || DATABASE_PACKAGES.includes(name)) {
        context.report({ node, messageId: "server", data: { file: filename, target: specifier } });
      }
      return;
    }
    const text = moduleText(target);
    if (startsWithDirective(text, "use server")) return;
    if (within(target, SERVER_DIRS) || marksServerOnly(text)) context.report({ node, messageId: "server", data: { file: filename, target } });
  },
  (_filename, context) => context.sourceCode.ast.body.some((s) => s.type === "ExpressionStatement" && s.directive === "use client"),
);

// (d) Lower layers never import upward. lib/data is the permission gate: nothing under it calls it.
// lib/exports (one module per download dataset, each checking its own permission) sits beside the
// gate and may call it; lib/http (the request wrappers) sits above it.
const UPWARD = [
  {
    from: ["lib/figures", "lib/db", "lib/imports", "lib/documents", "lib/auth", "lib/domain", "lib/server"],
    to: ["lib/data"],
  },
  { from: ["lib/figures", "lib/db", "lib/data"], to: ["lib/actions"] },
  // The request family (session, role, input, scope; the transports) and the download answers sit
  // above the gate: nothing the gate calls reaches back up into them.
  { from: ["lib/figures", "lib/db", "lib/data", "lib/exports", "lib/imports", "lib/documents", "lib/domain"], to: ["lib/requests", "lib/http"] },
  { from: ["lib/db"], to: ["lib/figures"] },
  { from: ["lib"], to: ["app", "components"] },
];
const noUpwardImports = importRule(
  "lower layers never import the layers above them",
  { upward: "{{file}} imports {{target}}: {{layer}} is below {{above}} and never imports it." },
  ({ context, node, specifier, filename, layerPath }) => {
    const target = targetOf(context.filename, specifier);
    if (!target) return;
    for (const { from, to } of UPWARD) {
      const layer = from.find((dir) => within(layerPath, [dir]));
      const above = to.find((dir) => within(target, [dir]));
      if (layer && above && !within(target, [layer])) {
        context.report({ node, messageId: "upward", data: { file: filename, target, layer, above } });
        return;
      }
    }
  },
  (filename) => within(filename, ["lib"]),
);

const layers = {
  meta: { name: "wardwatch-layers" },
  rules: { "ui-no-database": uiNoDatabase, "pure-domain": pureDomain, "client-no-server": clientNoServer, "no-upward-imports": noUpwardImports },
};

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    ".next/**",
    ".next-*/**",
    "bench-results/**",
    "lib/generated/**",
    "node_modules/**",
    ".data/**",
    ".test-data/**",
    "next-env.d.ts",
    "test-results/**",
    "playwright-report/**",
    // Deliberate violations, linted by tests/unit/lint-boundaries.test.ts under a layer's path.
    "tests/lint-fixtures/**",
  ]),
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // Each message compiled once per process, not once per request (i18n/translator.ts, ADR 032).
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "next-intl/server",
              importNames: ["getTranslations"],
              allowTypeImports: true,
              message: "Import getTranslations from @/i18n/server: the shared translators (ADR 032).",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "lib/**/*.{ts,tsx}"],
    plugins: { layers },
    rules: {
      "layers/ui-no-database": "error",
      "layers/pure-domain": "error",
      "layers/client-no-server": "error",
      "layers/no-upward-imports": "error",
    },
  },
]);
