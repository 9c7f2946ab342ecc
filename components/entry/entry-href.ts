/** /entry for a day (and, for admins, a ward). Its own module: client components link with it too. */
export function entryHref(day: string, ward?: string): string {
  return `/entry?${ward ? `ward=${ward}&` : ""}day=${day}`;
}
