import fs from "node:fs";
import path from "node:path";

// The app's routes, read from the file system when the tests run (app/**/page.tsx and
// app/**/route.ts), so a page or route handler added later is fuzzed and CSP-checked without
// anyone remembering to list it. Used by tests/e2e/fuzz.spec.ts and tests/e2e/csp.spec.ts.

const APP_DIR = path.resolve("app");
const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** One URL segment: fixed text, a dynamic `[name]`, or a catch-all `[...name]`. */
export type Segment = { kind: "static"; text: string } | { kind: "param"; name: string } | { kind: "catchAll"; name: string };

export type AppRoute = {
  file: string;
  kind: "page" | "route";
  segments: Segment[];
  /** Route handlers: the HTTP methods the file exports. Pages: GET (and POST for server actions). */
  methods: HttpMethod[];
  /** "/wards/[code]": for messages. */
  pattern: string;
};

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}

function toSegment(folder: string): Segment | null {
  if (/^\(.*\)$/.test(folder)) return null; // a route group adds nothing to the URL
  const catchAll = /^\[\.\.\.(.+)\]$/.exec(folder);
  if (catchAll?.[1]) return { kind: "catchAll", name: catchAll[1] };
  const param = /^\[(.+)\]$/.exec(folder);
  if (param?.[1]) return { kind: "param", name: param[1] };
  return { kind: "static", text: folder };
}

/** The HTTP methods a route.ts exports: `export function GET`, `export const POST =`, `export { handler as GET }`. */
export function exportedMethods(source: string): HttpMethod[] {
  const found = new Set<string>();
  for (const m of source.matchAll(/export\s+(?:async\s+)?(?:function|const|let)\s+([A-Z]+)\b/g)) found.add(m[1] ?? "");
  for (const block of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const name of (block[1] ?? "").split(",")) found.add(name.trim().split(/\s+as\s+/).pop() ?? "");
  }
  return HTTP_METHODS.filter((m) => found.has(m));
}

export function appRoutes(): AppRoute[] {
  return walk(APP_DIR)
    .filter((file) => /\/(page\.tsx|route\.ts)$/.test(file))
    .map((file) => {
      const rel = path.relative(APP_DIR, path.dirname(file));
      const segments = rel === "" ? [] : rel.split(path.sep).map(toSegment).filter((s): s is Segment => s !== null);
      const kind = file.endsWith("page.tsx") ? "page" : "route";
      const methods: HttpMethod[] = kind === "page" ? ["GET", "POST"] : exportedMethods(fs.readFileSync(file, "utf8"));
      const pattern = `/${segments.map((s) => (s.kind === "static" ? s.text : s.kind === "param" ? `[${s.name}]` : `[...${s.name}]`)).join("/")}`;
      return { file: path.relative(process.cwd(), file), kind, segments, methods, pattern } satisfies AppRoute;
    })
    .sort((a, b) => a.pattern.localeCompare(b.pattern));
}

/** The URL of a route with each dynamic segment replaced (values are inserted as given: encode them first). */
export function fillRoute(route: AppRoute, value: (segment: Exclude<Segment, { kind: "static" }>) => string): string {
  return `/${route.segments.map((s) => (s.kind === "static" ? s.text : value(s))).join("/")}`;
}
