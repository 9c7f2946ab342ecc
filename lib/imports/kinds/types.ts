import type { IsoDay } from "../../domain/days.ts";
import type { ColumnSpec, ImportKind } from "../../domain/imports/catalogue.ts";
import type { ImportConfig } from "../config.ts";
import type { CsvDelimiter, CsvRecord } from "../csv.ts";
import type { ImportErrors } from "../errors.ts";
import type { HeaderMap } from "../header.ts";
import type { PieceKind } from "../pieces.ts";
import type { PublishContext } from "../publish.ts";
import type { ImportScope, ScopeSummary } from "../../domain/imports/scope.ts";
import type { Message } from "../../domain/message.ts";
import type { SummaryPart } from "../summary-text.ts";
import type { ImportSession, SqlExecutor } from "../session.ts";
import type { FigureGroup } from "../undo.ts";

// What an import kind is, for the pipeline: everything ImportRun, rollback.ts, the CLI, the samples
// route and the admin page need to know about one kind, so that none of them branches on it.
// One module per kind (lib/imports/kinds/<kind>.ts), registered in lib/imports/kinds/index.ts.

/** What a kind gets when an import of it starts. */
export type KindOpenContext = {
  readonly session: ImportSession;
  /** the scope chosen by the admin (`{ kind: "file" }` unless the kind accepts one) */
  readonly scope: ImportScope;
  readonly errors: ImportErrors;
  readonly config: ImportConfig;
  /** today in Asia/Ho_Chi_Minh, as an epoch day (rows dated later are refused) */
  readonly today: number;
};

/** What one kind's publish wrote, in words for people. */
export type KindPublished = {
  /** one sentence: what was loaded */
  readonly summary: string;
  /** the same sentence as a message (lib/imports/summary-text.ts PUBLISHED_TEXT) */
  readonly summaryText: Message;
  /** further lines: what was replaced or kept, each with its message */
  readonly details: readonly SummaryPart[];
  /** what the file replaced (null when the kind has no scope summary) */
  readonly scope: ScopeSummary | null;
};

/**
 * One import of a kind, from the header to the publish. ImportRun calls, in order: start (once the
 * header is read), row (each data row), afterChunk (after each chunk of the file), endOfFile, then
 * dayRange, beforePublish and publish (inside the one transaction). beforeFail runs instead of the
 * rest when the import stops.
 */
export interface KindRun {
  /** the header matched the kind's columns: build the row reader */
  start(header: HeaderMap): void;
  row(record: CsvRecord): void;
  /**
   * Reading the rest of the file in pieces on worker threads (pieces.ts, ADR 035): what the workers
   * need and how their counts are merged; null while it cannot (yet). Kinds without it read in order.
   */
  pieces?(delimiter: CsvDelimiter): PieceKind | null;
  /** between two chunks of the file: flush staged rows (backpressure), take in what loaded meanwhile */
  afterChunk(): Promise<void>;
  /** the whole file was read: every row is checked once this resolves */
  endOfFile(): Promise<void>;
  /** the import is failing: let rows still waiting be checked, so their errors are reported */
  beforeFail(): Promise<void>;
  /** the days the file covers (throws FatalImportError when there are none, or too many) */
  dayRange(): { from: IsoDay; to: IsoDay; details: readonly string[] };
  /** before the transaction: finish staging */
  beforePublish(): Promise<void>;
  /**
   * Inside the publish transaction, with ww_stage_cells prepared (empty): fill the cells the file
   * replaces, record their before image (undo.ts) and write the figures. Throws PublishConflict
   * when the file contradicts what is stored.
   */
  publish(tx: SqlExecutor, ctx: PublishContext): Promise<KindPublished>;
}

/** Rolling back one import of a kind (rollback.ts holds the shared part: undo, status, audit, rollups). */
export interface KindRollback {
  /** what one cell of the kind is called ("phường-ngày", "đơn vị-ngày") */
  readonly cells: string;
  /**
   * Before the figures are restored: removes what the import created that has no before image
   * (venues); returns the lines to report and the (ward, day) whose counts must be redone.
   */
  beforeUndo(tx: SqlExecutor, importId: number): Promise<{ details: string[]; deleted: { ward: string; day: IsoDay }[] }>;
  /** the line to report for `restored` cells (and `venueDays` per-venue rows) */
  restoredText(restored: number, venueDays: number): string;
  /** an import published before before-images were kept: removes what it still has in effect */
  legacy(tx: SqlExecutor, importId: number, from: IsoDay, to: IsoDay): Promise<string[]>;
}

export interface ImportKindModule<K extends ImportKind = ImportKind> {
  readonly kind: K;
  /** the header the file must have (docs/imports.md, the admin page and the checks use this one list) */
  readonly columns: readonly ColumnSpec[];
  /** the sample file in samples/ at the root of the repository */
  readonly sampleFile: string;
  /** what the file is and what it replaces, for the admin page and docs */
  readonly help: string;
  /** null when the admin may choose what the file replaces; otherwise why the kind takes none */
  readonly fixedScope: string | null;
  /** the figure groups it writes (undo.ts) */
  readonly groups: readonly FigureGroup[];
  open(ctx: KindOpenContext): Promise<KindRun>;
  readonly rollback: KindRollback;
}
