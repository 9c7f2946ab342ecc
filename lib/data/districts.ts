import "server-only";
import { getPrisma } from "../db.ts";
import type { PickableDistrict } from "../domain/district-picker.ts";
import { loadDistricts } from "../figures/districts.ts";
import { canViewDistrict, viewableDistrictCodes, type SessionUser } from "../permissions.ts";

/**
 * The districts `viewer` may open a district page of: every district for an admin, the province's
 * for a city official, the own one for a district official or a ward chair (viewableDistrictCodes
 * narrows the read, canViewDistrict decides each). For the dashboards' picker (every such
 * district) and the filters of pages about wards (`withWards`: only districts that have wards).
 */
export async function getViewableDistricts(viewer: SessionUser, options: { withWards?: boolean } = {}): Promise<PickableDistrict[]> {
  const codes = viewableDistrictCodes(viewer);
  if (codes !== null && codes.length === 0) return [];
  const districts = await loadDistricts(await getPrisma(), codes, options);
  return districts.filter((d) => canViewDistrict(viewer, d.code));
}
