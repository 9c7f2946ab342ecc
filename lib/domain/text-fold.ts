// Search text without case and diacritics, the same in JavaScript and in SQL: "Phúc Tân",
// "PHUC TAN" and "phuc tan" all fold to "phuc tan". The SQL side is
// translate(lower(column), SEARCH_FOLD.from, SEARCH_FOLD.to): PostgreSQL's translate() maps each
// character of `from` to the one at the same place in `to`, and deletes the characters of `from`
// past the end of `to` (here the combining marks of text stored decomposed). Pure.

/** Vietnamese vowels (with their own marks: ă, â, ê, ô, ơ, ư) and the five tone marks. */
const VOWELS = "aăâeêioôơuưy";
const TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"];

/**
 * The Vietnamese letters with diacritics, both cases, and what they fold to: 134 pairs. Kept to
 * Vietnamese on purpose: PostgreSQL's translate() looks each character up in `from` one by one,
 * so a longer list costs every row of a search.
 */
function buildFoldPairs(): [string, string][] {
  const pairs: [string, string][] = [
    ["đ", "d"],
    ["Đ", "d"],
  ];
  for (const vowel of VOWELS) {
    const base = vowel.normalize("NFD").charAt(0);
    for (const tone of TONES) {
      const ch = (vowel + tone).normalize("NFC");
      if (ch === base) continue;
      pairs.push([ch, base], [ch.toUpperCase(), base]);
    }
  }
  return pairs;
}

const PAIRS = buildFoldPairs();
const FOLD = new Map(PAIRS);

/** The combining marks of Vietnamese (grave, acute, circumflex, tilde, breve, hook, horn, dot below): deleted, for text stored decomposed. */
const COMBINING_MARKS = "\u0300\u0301\u0302\u0303\u0306\u0309\u031b\u0323";

/** The arguments of SQL translate(): `from` is longer than `to`; its tail (the marks) is deleted. */
export const SEARCH_FOLD: { readonly from: string; readonly to: string } = {
  from: PAIRS.map(([c]) => c).join("") + COMBINING_MARKS,
  to: PAIRS.map(([, b]) => b).join(""),
};

/**
 * "Phúc Tân" → "phuc tan": lower case, Vietnamese letters without their diacritics, đ → d, their
 * combining marks dropped; everything else (digits, spaces, punctuation) kept. The same as the
 * SQL side.
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

/** For each folded letter, every letter that folds to it (both cases), the letter itself first. */
const VARIANTS: ReadonlyMap<string, string> = (() => {
  const byBase = new Map<string, string>();
  for (const [ch, base] of PAIRS) byBase.set(base, (byBase.get(base) ?? base + base.toUpperCase()) + ch);
  return byBase;
})();

/**
 * A regular expression (PostgreSQL's ~, JavaScript's RegExp alike) that finds `text` as
 * foldForSearch would, in text as it is stored: "cho" → "[cC][hH][oOòóỏõọ…]". Matching the stored
 * column costs microseconds a row, where folding every row in SQL (translate) cost 0,2 ms. Only
 * character classes and escaped literals, no quantifier: linear, and nothing the user types is
 * read as regex syntax.
 */
export function searchPattern(text: string): string {
  let pattern = "";
  for (const ch of foldForSearch(text)) {
    const variants = VARIANTS.get(ch);
    if (variants !== undefined) pattern += `[${variants}]`;
    else if (/[a-z]/.test(ch)) pattern += `[${ch}${ch.toUpperCase()}]`;
    else if (/[0-9 ]/.test(ch)) pattern += ch;
    else if (/[\x21-\x7e]/.test(ch)) pattern += `\\${ch}`;
    else pattern += ch;
  }
  return pattern;
}
