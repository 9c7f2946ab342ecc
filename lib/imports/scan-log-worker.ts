import { parentPort } from "node:worker_threads";
import { ScanPieceChecker, type ScanPieceJob, type ScanPieceSetup } from "./scan-pieces.ts";

// A worker thread checking pieces of a scan log (lib/imports/pieces.ts, ADR 035): the first message
// sets it up (the venue index in shared memory, the columns), every later one is a piece, answered
// in the order received. Started by the command line only (scripts/import.ts; the launcher bundles
// this file beside it): the server's bundle does not ship it.

type Message = { setup: ScanPieceSetup } | { job: ScanPieceJob };

let checker: ScanPieceChecker | null = null;

parentPort?.on("message", (message: Message) => {
  if ("setup" in message) {
    checker = new ScanPieceChecker(message.setup);
    return;
  }
  const job = message.job;
  if (checker === null) {
    parentPort?.postMessage({ id: job.id, clean: false, rows: 0, lines: 0 });
    return;
  }
  parentPort?.postMessage(checker.check(job));
});
