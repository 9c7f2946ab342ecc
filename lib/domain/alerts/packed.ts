// The figures of one unit and source over the alert window, read as one packed text instead of
// seven SQL arrays: the country's 10.603 wards × 44 days × 2 sources are ~950.000 entries, and
// parsing seven array literals per row (node-postgres' postgres-array) cost more than the query.
//
// Format (lib/figures/alerts.ts writes it with string_agg over row(…)::text, PostgreSQL's own record
// output): entries one after the other, each "(offset,smartphones,installs,qrVenues,activeVenues,
// scans,firstSubmittedAtMs)", every field a non-negative integer in decimal or empty for null.
// Parsed in one pass over the characters.

import type { FigureSource } from "../figures.ts";
import type { SourceColumns } from "./sources.ts";

const OPEN = 40;
const CLOSE = 41;
const COMMA = 44;
const ZERO = 48;
const NINE = 57;
const FIELDS = 7;

/** The columns of one unit and source from its packed text; throws on a malformed entry. */
export function parsePackedFigures(unitCode: string, source: FigureSource, packed: string): SourceColumns {
  // One pass, no closure, no array of columns: the country's ~950.000 entries go through here (ADR 028).
  const offsets: number[] = [];
  const smartphones: (number | null)[] = [];
  const installs: (number | null)[] = [];
  const qrVenues: (number | null)[] = [];
  const activeVenues: (number | null)[] = [];
  const scans: (number | null)[] = [];
  const firstSubmittedAtMs: (number | null)[] = [];
  const fail = (what: string): never => {
    throw new RangeError(`packed figures of ${unitCode}/${source}: ${what}`);
  };
  const length = packed.length;
  let i = 0;
  while (i < length) {
    if (packed.charCodeAt(i) !== OPEN) fail(`unexpected character ${JSON.stringify(packed[i])} at ${i}`);
    i++;
    for (let field = 0; field < FIELDS; field++) {
      let value = 0;
      let digits = 0;
      let c = i < length ? packed.charCodeAt(i) : -1;
      while (c >= ZERO && c <= NINE) {
        value = value * 10 + (c - ZERO);
        digits++;
        i++;
        c = i < length ? packed.charCodeAt(i) : -1;
      }
      const v = digits === 0 ? null : value;
      switch (field) {
        case 0:
          if (v === null) fail("an entry without its day");
          offsets.push(value);
          break;
        case 1:
          smartphones.push(v);
          break;
        case 2:
          installs.push(v);
          break;
        case 3:
          qrVenues.push(v);
          break;
        case 4:
          activeVenues.push(v);
          break;
        case 5:
          scans.push(v);
          break;
        default:
          firstSubmittedAtMs.push(v);
      }
      if (c === -1) fail("an unfinished entry");
      if (field < FIELDS - 1) {
        if (c === CLOSE) fail(`an entry of ${field + 1} fields, not ${FIELDS}`);
        if (c !== COMMA) fail(`unexpected character ${JSON.stringify(packed[i])} at ${i}`);
      } else {
        if (c === COMMA) fail(`more than ${FIELDS} fields in an entry`);
        if (c !== CLOSE) fail(`unexpected character ${JSON.stringify(packed[i])} at ${i}`);
      }
      i++;
    }
  }
  return { unitCode, source, offsets, smartphones, installs, qrVenues, activeVenues, scans, firstSubmittedAtMs };
}
