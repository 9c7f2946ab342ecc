// Words for units in Vietnamese text, from their GSO types: "18 phường", "23 xã, thị trấn",
// "30 quận, huyện, thị xã". Pure.

/** The order types are listed in when a unit's children are of several types. */
const TYPE_ORDER = ["quận", "huyện", "thị xã", "thành phố", "phường", "xã", "thị trấn", "tỉnh", "thành phố trung ương"];

/** What children of a level are called when their types are not known. */
const LEVEL_NOUNS = { PROVINCE: "tỉnh, thành phố", DISTRICT: "quận, huyện", WARD: "xã, phường, thị trấn" } as const;

export type ChildLevel = keyof typeof LEVEL_NOUNS;

/**
 * The noun for a set of sibling units: their one type ("phường"), or their types in the usual
 * order ("quận, huyện"); the level's generic noun when a type is unknown.
 */
export function unitNoun(types: readonly (string | null)[], level: ChildLevel): string {
  if (types.length === 0 || types.some((t) => t === null || t.trim() === "")) return LEVEL_NOUNS[level];
  const distinct = [...new Set(types.map((t) => (t ?? "").trim().toLocaleLowerCase("vi")))];
  const rank = (t: string) => {
    const i = TYPE_ORDER.indexOf(t);
    return i === -1 ? TYPE_ORDER.length : i;
  };
  return distinct.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b, "vi")).join(", ");
}

/** The GSO types below the district (the units that report their own figures). */
const WARD_LEVEL_WORDS: ReadonlySet<string> = new Set(["phường", "xã", "thị trấn"]);

/** The words of a noun: "quận, huyện" → ["quận", "huyện"]. */
export function nounWords(noun: string): string[] {
  return noun
    .split(",")
    .map((w) => w.trim())
    .filter((w) => w !== "");
}

/** True for a noun of units below the district ("phường", "xã, thị trấn"): they report their own figures. */
export function isWardLevelNoun(noun: string): boolean {
  const words = nounWords(noun);
  return words.length > 0 && words.every((w) => WARD_LEVEL_WORDS.has(w.toLocaleLowerCase("vi")));
}

/** "17/18 phường". */
export function partsOfLabel(counted: number, total: number, noun: string): string {
  return `${counted}/${total} ${noun}`;
}

const SENTENCE_KINDS = ["Thị trấn", "Phường", "Xã", "Thị xã", "Thành phố", "Quận", "Huyện"] as const;

/**
 * The name inside a sentence, as the dispatch writes it: "Phường Phúc Tân" → "phường Phúc Tân",
 * "Quận Hoàn Kiếm" → "quận Hoàn Kiếm".
 */
export function nameInSentence(name: string): string {
  const kind = SENTENCE_KINDS.find((k) => name.startsWith(`${k} `));
  return kind ? `${kind.toLowerCase()}${name.slice(kind.length)}` : name;
}
