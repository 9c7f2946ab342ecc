// Search text without case and diacritics, the same in JavaScript and in SQL: "Phúc Tân",
// "PHUC TAN" and "phuc tan" all fold to "phuc tan". The SQL side is
// translate(lower(column), SEARCH_FOLD.from, SEARCH_FOLD.to): PostgreSQL's translate() maps each
// character of `from` to the one at the same place in `to`, and deletes the characters of `from`
// past the end of `to` (here the combining marks of text stored decomposed). Pure.

/** Latin letters with diacritics (Vietnamese among them) and what they fold to. */
function buildFoldPairs(): [string, string][] {
  const pairs: [string, string][] = [
    ["đ", "d"],
    ["Đ", "d"],
  ];
  const ranges: [number, number][] = [
    [0x00c0, 0x024f], // Latin-1 Supplement, Latin Extended-A and -B
    [0x1e00, 0x1eff], // Latin Extended Additional (ạ, ả, ấ, … ỹ)
  ];
  for (const [first, last] of ranges) {
    for (let cp = first; cp <= last; cp++) {
      const ch = String.fromCodePoint(cp);
      const decomposed = ch.normalize("NFD");
      const base = decomposed.charAt(0);
      if (decomposed.length > 1 && /^[A-Za-z]$/.test(base) && /^\p{M}+$/u.test(decomposed.slice(1))) {
        pairs.push([ch, base.toLowerCase()]);
      }
    }
  }
  return pairs;
}

const PAIRS = buildFoldPairs();
const FOLD = new Map(PAIRS);

/** Combining diacritical marks (U+0300–U+036F): deleted, for text stored decomposed. */
const COMBINING_MARKS = Array.from({ length: 0x70 }, (_, i) => String.fromCodePoint(0x300 + i)).join("");

/** The arguments of SQL translate(): `from` is longer than `to`; its tail (the marks) is deleted. */
export const SEARCH_FOLD: { readonly from: string; readonly to: string } = {
  from: PAIRS.map(([c]) => c).join("") + COMBINING_MARKS,
  to: PAIRS.map(([, b]) => b).join(""),
};

/**
 * "Phúc Tân" → "phuc tan": lower case, letters without their diacritics, đ → d, combining marks
 * dropped; everything else (digits, spaces, punctuation) kept. The same as the SQL side.
 */
export function foldForSearch(text: string): string {
  let out = "";
  for (const ch of text.normalize("NFC").toLowerCase()) {
    const folded = FOLD.get(ch);
    if (folded !== undefined) out += folded;
    else if (!COMBINING_MARKS.includes(ch)) out += ch;
  }
  return out;
}
