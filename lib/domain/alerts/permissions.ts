// Who sees and who acknowledges alerts: pure functions of the signed-in user and the ward, called
// by the data layer (lib/data/alerts.ts) before every read and write, and by the server action
// through it. They build on the roles and unit scopes of lib/permissions.ts.
//
// - ADMIN: every ward's alerts; acknowledges any.
// - CITY_OFFICIAL: the alerts of every district of the province (one district at a time); does
//   not acknowledge: an acknowledgement is the district's answer to an alert, and the city
//   official's role changes nothing.
// - NATIONAL_OFFICIAL: every ward's alerts, like an admin; does not acknowledge, for the city
//   official's reason (ADR 030).
// - DISTRICT_OFFICIAL: the own district's wards; acknowledges them.
// - WARD_CHAIR: the own ward's alerts only (they are about the ward's own reports and figures);
//   does not acknowledge: an acknowledgement is the district's answer to an alert.

import { canViewDistrict, isCityOfficialOfDistrict, readsEveryUnit, type SessionUser, type UnitRef } from "../../permissions.ts";

export function canViewWardAlerts(user: SessionUser, ward: UnitRef): boolean {
  if (ward.level !== "WARD") return false;
  switch (user.role) {
    case "ADMIN":
    case "NATIONAL_OFFICIAL":
      return true;
    case "CITY_OFFICIAL":
      return isCityOfficialOfDistrict(user, ward.parentCode);
    case "DISTRICT_OFFICIAL":
      return user.unitCode !== null && ward.parentCode === user.unitCode;
    case "WARD_CHAIR":
      return user.unitCode !== null && ward.code === user.unitCode;
  }
}

/**
 * The alert centre of a district (a ward chair sees the own ward's alerts in it; a city official
 * any district of the province).
 */
export function canViewDistrictAlerts(user: SessionUser, districtCode: string): boolean {
  return canViewDistrict(user, districtCode);
}

/** Every district's alerts at once (the city-wide alert centre). */
export function canViewAllAlerts(user: SessionUser): boolean {
  return readsEveryUnit(user);
}

export function canAcknowledgeAlert(user: SessionUser, ward: UnitRef): boolean {
  if (ward.level !== "WARD") return false;
  if (user.role === "ADMIN") return true;
  return user.role === "DISTRICT_OFFICIAL" && user.unitCode !== null && ward.parentCode === user.unitCode;
}

/**
 * Withdrawing an acknowledgement (docs/alerts.md, "Withdrawing an acknowledgement"): whoever may
 * acknowledge the ward's alerts now, i.e. an admin or a district official of the ward's district,
 * whoever acknowledged it. An acknowledgement is the district's answer, not a personal one, so a
 * colleague can correct it (the audit log keeps who withdrew whose, and why); the one who
 * acknowledged and has since left the district (or the role) no longer can. A city or national
 * official or a ward chair never can.
 */
export function canWithdrawAlertAck(user: SessionUser, ward: UnitRef): boolean {
  return canAcknowledgeAlert(user, ward);
}
