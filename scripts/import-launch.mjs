// `npm run import`: runs scripts/import.ts from a bundle that esbuild (already installed with tsx)
// builds once and rebuilds whenever one of its source files changes, instead of through tsx's
// loader on every run. tsx transforms nothing when its cache is warm, but its loader thread and
// hooks still cost ~35 MB and a few hundred ms on each start; an import is a short-lived process
// for which both count (issue 15: the command line's wall-clock against `psql \copy`, and the
// embedded database's peak memory). The generated Prisma client is replaced by
// scripts/import-prisma-shim.ts (the SQL templates only). Plain JavaScript, so that it needs no
// loader itself.
//
// The bundle and a manifest of its inputs (size and mtime of every source file, packages left out:
// they are imported from node_modules as usual) live in node_modules/.cache/wardwatch-import/.
// Several launchers may build at once: each writes its own folder and the manifest is replaced
// atomically. If esbuild cannot build, the script runs through tsx as before.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const root = process.cwd();
const entry = path.join("scripts", "import.ts");
const cacheDir = path.join(root, "node_modules", ".cache", "wardwatch-import");
const manifestFile = path.join(cacheDir, "manifest.json");
/** Files that change how the sources compile without being one of them (this one too). */
const CONFIG_FILES = ["package.json", "tsconfig.json", "scripts/import-launch.mjs"];

function stamp(file) {
  const stat = fs.statSync(path.join(root, file));
  return `${stat.size}:${stat.mtimeMs}`;
}

/** The bundle's entry when every input is as it was at build time, else null. */
function freshBundle() {
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8"));
  } catch {
    return null;
  }
  // A manifest written by another version of this launcher may lack one of them: build again.
  if (CONFIG_FILES.some((file) => !(file in manifest.inputs))) return null;
  try {
    for (const [file, recorded] of Object.entries(manifest.inputs)) if (stamp(file) !== recorded) return null;
  } catch {
    return null; // a source was removed or renamed
  }
  const main = path.join(cacheDir, manifest.dir, "import.mjs");
  return fs.existsSync(main) ? main : null;
}

async function build() {
  const esbuild = await import("esbuild");
  const dir = `build-${Date.now()}-${process.pid}`;
  const outdir = path.join(cacheDir, dir);
  const result = await esbuild.build({
    // The worker threads that read pieces of a large scan log (lib/imports/pieces.ts) run their own bundle.
    entryPoints: { import: entry, "scan-log-worker": path.join("lib", "imports", "scan-log-worker.ts") },
    absWorkingDir: root,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    // Dynamic imports (PGlite, the schema engine) stay lazy: each becomes a chunk of its own.
    splitting: true,
    outdir,
    outExtension: { ".js": ".mjs" },
    metafile: true,
    logLevel: "silent",
    plugins: [
      {
        // Prisma's SQL templates without its whole client runtime (scripts/import-prisma-shim.ts).
        name: "prisma-sql-only",
        setup(on) {
          on.onResolve({ filter: /generated\/prisma\/client(\.ts)?$/ }, () => ({ path: path.join(root, "scripts", "import-prisma-shim.ts") }));
        },
      },
    ],
  });
  const inputs = {};
  for (const file of [...Object.keys(result.metafile.inputs), ...CONFIG_FILES]) inputs[file] = stamp(file);
  const tmp = `${manifestFile}.${process.pid}`;
  fs.writeFileSync(tmp, JSON.stringify({ dir, inputs }));
  fs.renameSync(tmp, manifestFile);
  // Earlier builds no launcher points to any more (one still running keeps its files open).
  for (const old of fs.readdirSync(cacheDir)) {
    if (old.startsWith("build-") && old !== dir) fs.rmSync(path.join(cacheDir, old), { recursive: true, force: true });
  }
  return path.join(outdir, "import.mjs");
}

let main = freshBundle();
if (main === null) {
  try {
    fs.mkdirSync(cacheDir, { recursive: true });
    main = await build();
  } catch (err) {
    console.error(`[import] không dựng được bản gộp (${err instanceof Error ? err.message.split("\n")[0] : String(err)}); chạy qua tsx.`);
    const child = spawnSync(process.execPath, ["--import", "tsx", entry, ...process.argv.slice(2)], { stdio: "inherit" });
    process.exit(child.status ?? 1);
  }
}
await import(pathToFileURL(main).href);
