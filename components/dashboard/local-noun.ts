import { isWardLevelNoun, type ChildNoun } from "@/lib/domain/dashboard-format";
import type { Locale } from "@/i18n/locales";

/**
 * What units are called, in the interface's language. The Vietnamese noun comes from the units'
 * types ("phường", "xã, thị trấn", "quận, huyện, thị xã") and is kept as it is; English says the
 * level only ("wards", "districts"), since the GSO types have no settled English names.
 */
export function localNoun(noun: ChildNoun, locale: Locale): string {
  if (locale === "vi") return noun;
  return isWardLevelNoun(noun) ? "wards" : "districts";
}
