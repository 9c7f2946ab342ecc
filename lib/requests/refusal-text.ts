import enRefusals from "../../messages/en/refusals.json";
import viRefusals from "../../messages/vi/refusals.json";

// Refusals in the reader's language. The data layer, the request family and the route handlers
// write their refusals in Vietnamese (lib/errors.ts, `failure`, `jsonError`): what the command
// line, the logs and machines without a language cookie get. The transports (lib/requests/action.ts,
// route.ts) hand a reader of another language the same refusal from messages/<locale>/refusals.json,
// found by its Vietnamese text, as lib/schemas/validation.ts does for validation messages: a
// sentence exactly, or a sentence with values ("Không có phường mã {a}.") by its fixed words, the
// values (codes, names, days) kept as written. A refusal not in the catalog is given as written;
// tests/unit/refusals-i18n.test.ts fails when a Vietnamese refusal literal of lib/ or app/ is not.

type RefusalLocale = "vi" | "en";

const VI: Readonly<Record<string, string>> = viRefusals;
const EN: Readonly<Record<string, string>> = enRefusals;

const ARG = /\{([a-z])\}/g;

/** Exact sentences by their text; sentences with values as patterns, the longest fixed text first. */
const EXACT = new Map<string, string>();
const PATTERNS: { key: string; pattern: RegExp; names: string[] }[] = [];
for (const [key, text] of Object.entries(VI)) {
  const names = [...text.matchAll(ARG)].map((m) => m[1] ?? "");
  if (names.length === 0) {
    EXACT.set(text, key);
    continue;
  }
  const source = text
    .split(ARG)
    .map((part, i) => (i % 2 === 1 ? "([\\s\\S]*?)" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("");
  PATTERNS.push({ key, pattern: new RegExp(`^${source}$`), names });
}
PATTERNS.sort((a, b) => fixedLength(b.key) - fixedLength(a.key));

function fixedLength(key: string): number {
  return (VI[key] ?? "").replace(ARG, "").length;
}

/** The catalog key and values of a Vietnamese refusal, or null when it is not in the catalog. */
export function refusalKeyOf(message: string): { key: string; values: Record<string, string> } | null {
  const exact = EXACT.get(message);
  if (exact !== undefined) return { key: exact, values: {} };
  for (const { key, pattern, names } of PATTERNS) {
    const m = pattern.exec(message);
    if (m) return { key, values: Object.fromEntries(names.map((n, i) => [n, m[i + 1] ?? ""])) };
  }
  return null;
}

/** A Vietnamese refusal in `locale`; as written when it is not in the catalog. */
export function localizeRefusal(message: string, locale: RefusalLocale): string {
  if (locale === "vi") return message;
  const found = refusalKeyOf(message);
  const template = found === null ? undefined : EN[found.key];
  if (found === null || template === undefined) return message;
  return template.replace(ARG, (whole, name: string) => found.values[name] ?? whole);
}
