import type { Message } from "../domain/message.ts";
import type { ImportRowError } from "./errors.ts";

// The two ways an import stops early that are not server bugs, shared by ImportRun and the kind
// modules (lib/imports/kinds/*) that detect them.

/** The file cannot be imported: the message says why, in Vietnamese; nothing is written. */
export class FatalImportError extends Error {
  constructor(
    message: string,
    readonly error: ImportRowError | null = null,
    /** the file is over the size limit: stop reading it at once */
    readonly oversize = false,
    /** the message as a message (lib/imports/summary-text.ts), for the pages in any language */
    readonly text?: Message,
  ) {
    super(message);
    this.name = "FatalImportError";
  }
}

/** What rows are checked against (the venue list) could not be read: a server problem, not the file's. */
export class DatabaseReadError extends Error {
  constructor(cause: unknown) {
    super("could not read the venues", { cause });
    this.name = "DatabaseReadError";
  }
}
