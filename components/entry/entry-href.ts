/**
 * /entry for a day and, for an admin, a ward; for a page of a district's wards (an admin choosing a
 * ward, a city official), the district. Its own module: client components link with it too.
 */
export function entryHref(day: string, ward?: string, district?: string): string {
  const params = [ward ? `ward=${ward}` : null, !ward && district ? `district=${district}` : null, `day=${day}`].filter((p) => p !== null);
  return `/entry?${params.join("&")}`;
}
