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
  const columns: (number | null)[][] = Array.from({ length: FIELDS }, () => []);
  let field = 0;
  let value = 0;
  let digits = 0;
  const push = () => {
    const column = columns[field];
    if (column === undefined) throw new RangeError(`packed figures of ${unitCode}/${source}: more than ${FIELDS} fields in an entry`);
    column.push(digits === 0 ? null : value);
    value = 0;
    digits = 0;
  };
  let inEntry = false;
  for (let i = 0; i < packed.length; i++) {
    const c = packed.charCodeAt(i);
    if (c >= ZERO && c <= NINE && inEntry) {
      value = value * 10 + (c - ZERO);
      digits++;
    } else if (c === COMMA && inEntry) {
      push();
      field++;
    } else if (c === OPEN && !inEntry) {
      inEntry = true;
    } else if (c === CLOSE && inEntry) {
      push();
      if (field !== FIELDS - 1) throw new RangeError(`packed figures of ${unitCode}/${source}: an entry of ${field + 1} fields, not ${FIELDS}`);
      field = 0;
      inEntry = false;
    } else {
      throw new RangeError(`packed figures of ${unitCode}/${source}: unexpected character ${JSON.stringify(packed[i])} at ${i}`);
    }
  }
  if (inEntry) throw new RangeError(`packed figures of ${unitCode}/${source}: an unfinished entry`);
  const [offsets = [], smartphones = [], installs = [], qrVenues = [], activeVenues = [], scans = [], firstSubmittedAtMs = []] = columns;
  if (offsets.some((o) => o === null)) throw new RangeError(`packed figures of ${unitCode}/${source}: an entry without its day`);
  return {
    unitCode,
    source,
    offsets: offsets as number[],
    smartphones,
    installs,
    qrVenues,
    activeVenues,
    scans,
    firstSubmittedAtMs,
  };
}
