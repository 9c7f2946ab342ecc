import { z } from "zod";
import { msg, textIn, type Message } from "../domain/message.ts";
import type { IsoDay } from "../domain/days.ts";
import type { ImportKind } from "../domain/imports/catalogue.ts";
import { MessageSchema } from "../schemas/message.ts";
import type { ServerFailure } from "./failures.ts";

// An import's summary (the `message` of the import table and of its result: why a file failed, a
// duplicate, the columns ignored) sentence by sentence, each with its message (key
// domain.importSummary.* and values) when it has one, stored as JSON in `import.message_text`
// beside the Vietnamese text, so that the pages can show it in the reader's language later.
// What a published file wrote and replaced, its scope and the approval question (PUBLISHED_TEXT),
// the size limit and the kinds' own refusals (REFUSAL_TEXT) have theirs too; a sentence without a
// message (docs/i18n.md lists them) is shown in Vietnamese as written.

const K = "domain.importSummary";

/** One sentence of a summary: its Vietnamese text, and its message when it has one. */
export type SummaryPart = { readonly text: string; readonly message?: Message };

export const SummaryPartsSchema = z.array(z.object({ text: z.string(), message: MessageSchema.optional() }));

/** The stored parts (import.message_text), or null for an import recorded before them (or damaged). */
export function parseSummaryParts(value: unknown): SummaryPart[] | null {
  if (value === null || value === undefined) return null;
  const parsed = SummaryPartsSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** The summary in `locale`: each sentence from its message, or as written. */
export function summaryIn(parts: readonly SummaryPart[], locale: "vi" | "en", render: (m: Message) => string): string {
  return parts.map((p) => textIn(p.text, p.message, locale, render)).join(" ");
}

export const SUMMARY_TEXT = {
  rowsWithErrors: (rejected: number, rows: number, errors: number) =>
    msg(`${K}.rowsWithErrors`, { rejected: { count: rejected }, rows: { count: rows }, errors: { count: errors } }),
  noDataRows: msg(`${K}.noDataRows`),
  empty: msg(`${K}.empty`),
  badHeader: (kind: ImportKind, reasons: readonly Message[]) =>
    msg(`${K}.badHeader`, { kind: { message: msg(`imports.kinds.${kind}`) }, reasons: { list: reasons, join: "space" } }),
  headerUnreadable: (problem: Message) => msg(`${K}.headerUnreadable`, { problem: { message: problem } }),
  tooManyRows: (max: number) => msg(`${K}.tooManyRows`, { max: { count: max } }),
  longerThanAnnounced: (announced: number, received: number) => msg(`${K}.longerThanAnnounced`, { announced: { count: announced }, received: { count: received } }),
  interrupted: (received: number) => msg(`${K}.interrupted`, { received: { count: received } }),
  truncated: (received: number, total: number) => msg(`${K}.truncated`, { received: { count: received }, total: { count: total } }),
  conflicts: (count: number, more: boolean) => msg(`${K}.conflicts`, { count: { count }, more: more ? "+" : "" }),
  /** `at`: the day and clock in Asia/Ho_Chi_Minh */
  duplicate: (file: string, id: number, day: IsoDay, clock: string) =>
    msg(`${K}.duplicate`, { file, id: String(id), at: { message: msg(`${K}.at`, { day: { day }, clock }) } }),
  serverError: msg(`${K}.serverError`),
  failure: { "disk-full": msg(`${K}.diskFull`), timeout: msg(`${K}.timeout`), "check-violation": msg(`${K}.checkViolation`) } satisfies Record<ServerFailure, Message>,
  utf16: (order: "LE" | "BE") => msg(`${K}.utf16`, { order }),
  notUtf8: (byteOffset: number) => msg(`${K}.notUtf8`, { byte: { count: byteOffset + 1 } }),
  ignoredSome: (count: number, names: readonly string[]) => msg(`${K}.ignoredSome`, { count: { count }, shown: String(names.length), names: names.join(", ") }),
  ignoredAll: (names: readonly string[]) => msg(`${K}.ignoredAll`, { names: names.join(", ") }),
} as const;

const P = `${K}.published`;
const R = `${K}.refusals`;

/** Why a file stops: over the size limit, and the kinds' own refusals (lib/imports/kinds/*). */
export const REFUSAL_TEXT = {
  tooLarge: (maxBytes: number) => msg(`${R}.tooLarge`, { max: { bytes: maxBytes } }),
  noValidInstallRows: msg(`${R}.noValidInstallRows`),
  noValidScans: msg(`${R}.noValidScans`),
  noValidVenues: msg(`${R}.noValidVenues`),
  noVenuesYet: msg(`${R}.noVenuesYet`),
  installDaysOver: (from: IsoDay, to: IsoDay, maxDays: number) => msg(`${R}.installDaysOver`, { from: { day: from }, to: { day: to }, max: String(maxDays) }),
  scanDaysOver: (from: IsoDay, to: IsoDay, maxDays: number) => msg(`${R}.scanDaysOver`, { from: { day: from }, to: { day: to }, max: String(maxDays) }),
} as const;

/** What a published file wrote (the kinds' publish, lib/imports/kinds/*) and what it replaced (run.ts). */
export const PUBLISHED_TEXT = {
  installs: (units: number) => msg(`${P}.installs`, { units: { count: units } }),
  installsReplaced: (rows: number) => msg(`${P}.installsReplaced`, { count: { count: rows } }),
  installsKept: (rows: number) => msg(`${P}.installsKept`, { count: { count: rows } }),
  /** `perDay`: [day, scans] in order */
  scans: (total: number, venueDays: number, wards: number, perDay: readonly (readonly [IsoDay, number])[]) =>
    msg(`${P}.scans`, {
      total: { count: total },
      venueDays: { count: venueDays },
      wards: { count: wards },
      perDay: { list: perDay.map(([day, n]) => msg(`${P}.scansOnDay`, { day: { day }, count: { count: n } })), join: "semicolon" },
    }),
  scansReplaced: (rows: number) => msg(`${P}.scansReplaced`, { count: { count: rows } }),
  venues: (created: number, changed: number, unchanged: number, wardDays: number) =>
    msg(`${P}.venues`, {
      total: { count: created + changed + unchanged },
      created: { count: created },
      changed: { count: changed },
      unchanged: { count: unchanged },
      wardDays: { count: wardDays },
    }),
  appliesToDay: (day: IsoDay) => msg(`${P}.appliesToDay`, { day: { day } }),
  appliesToDays: (from: IsoDay, to: IsoDay) => msg(`${P}.appliesToDays`, { from: { day: from }, to: { day: to } }),
  /** the approved reports replaced with the admin's confirmation; `examples`: the first three (approvedChangeMessage) */
  approvedReplaced: (count: number, examples: readonly Message[], more: boolean) =>
    msg(`${P}.approvedReplaced`, { count: { count }, examples: { list: examples, join: "semicolon" }, more: more ? "; …" : "" }),
  /** nothing written: the file would change approved reports and the admin has not confirmed it */
  approvalNeeded: (count: number, examples: readonly Message[], more: boolean) =>
    msg(`${P}.approvalNeeded`, { count: { count }, examples: { list: examples, join: "semicolon" }, more: more ? "; …" : "" }),
  replacedWhole: (id: number, file: string) => msg(`${P}.replacedWhole`, { id: String(id), file }),
  replacedPart: (id: number, file: string) => msg(`${P}.replacedPart`, { id: String(id), file }),
  /** sentences joined by a space, as run.ts writes the summary */
  sentences: (parts: readonly Message[]) => msg("domain.plain", { value: { list: parts, join: "space" } }),
} as const;
