import { IMPORT_KINDS, type ColumnSpec, type ImportKind } from "../../domain/imports/catalogue.ts";
import type { GroupsOfKind } from "../undo.ts";
import { installStats } from "./install-stats.ts";
import { qrScanLog } from "./qr-scan-log.ts";
import type { ImportKindModule } from "./types.ts";
import { venueRegister } from "./venue-register.ts";

export type { ImportKindModule, KindOpenContext, KindPublished, KindRollback, KindRun } from "./types.ts";

// The registry of import kinds: one module per kind. ImportKind (catalogue.ts, matching the
// "ImportKind" enum of prisma/schema.prisma) is the one list of kinds; `satisfies` makes the
// compiler refuse a registry that misses one, or files a module under another kind's name.
// Adding a kind: docs/imports.md, "Adding an import kind".

const REGISTRY = {
  QR_SCAN_LOG: qrScanLog,
  VENUE_REGISTER: venueRegister,
  INSTALL_STATS: installStats,
} as const satisfies { readonly [K in ImportKind]: ImportKindModule<K> };

/** The module of a kind already parsed into an ImportKind. */
export function importKindModule(kind: ImportKind): ImportKindModule {
  return REGISTRY[kind];
}

/** Every kind module, in the order of IMPORT_KINDS. */
export const IMPORT_KIND_MODULES: readonly ImportKindModule[] = IMPORT_KINDS.map(importKindModule);

/** One value per kind, computed from its module. */
function byKind<T>(pick: (module: ImportKindModule) => T): { readonly [K in ImportKind]: T } {
  // Object.fromEntries loses the keys' type; IMPORT_KINDS holds every key exactly once.
  return Object.fromEntries(IMPORT_KINDS.map((kind) => [kind, pick(REGISTRY[kind])])) as { readonly [K in ImportKind]: T };
}

/** The header of each kind. */
export const IMPORT_COLUMNS: { readonly [K in ImportKind]: readonly ColumnSpec[] } = byKind((m) => m.columns);

/** The figure groups each kind writes, for undo.ts. */
export const GROUPS_OF_KIND: GroupsOfKind = byKind((m) => m.groups);


/** The sample file of each kind, in samples/ at the root of the repository. */
export const SAMPLE_FILES: { readonly [K in ImportKind]: string } = byKind((m) => m.sampleFile);
