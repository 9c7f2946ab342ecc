import { afterAll, beforeAll, beforeEach } from "vitest";
import type { SessionUser } from "@/lib/permissions";
import { HA_NOI, HO_CHI_MINH, seedOtherProvince } from "../factories/provinces";
import { createCityOfficial, createNationalOfficial, createRoleUsers } from "../factories/users";
import type { OpenTestDatabase, TestDatabase } from "./databases";
import { closeServedDatabase, openServedDatabase, testRequest } from "./serve-database";

/**
 * The accounts of the two-province world: the demo's roles, a city official of each province, and
 * a national official (issue 18).
 */
export type TwoProvinceWorld = {
  db: TestDatabase;
  admin: SessionUser;
  official: SessionUser;
  chair: SessionUser;
  /** Hà Nội's city official */
  city: SessionUser;
  /** Hồ Chí Minh's city official */
  farCity: SessionUser;
  /** the national steering committee's official, attached to the country unit */
  national: SessionUser;
};

/**
 * The demo (Hà Nội's figures) plus a second province with no figures, served to the data layer,
 * with the demo's roles, a city official of each province and a national official; each test starts with no signed-in
 * request. Call inside a describe block; read the world in the tests (it is filled by beforeAll).
 */
export function useTwoProvinceWorld(open: OpenTestDatabase): TwoProvinceWorld {
  const world = {} as TwoProvinceWorld;
  beforeAll(async () => {
    world.db = await openServedDatabase(() => open({ demo: true }));
    await seedOtherProvince(world.db.prisma);
    Object.assign(world, await createRoleUsers(world.db.prisma));
    world.city = await createCityOfficial(world.db.prisma, HA_NOI);
    world.farCity = await createCityOfficial(world.db.prisma, HO_CHI_MINH);
    world.national = await createNationalOfficial(world.db.prisma);
  });
  afterAll(async () => closeServedDatabase(world.db));
  beforeEach(() => {
    testRequest.headers = new Headers({ host: "localhost:3000", origin: "http://localhost:3000" });
    testRequest.user = null;
  });
  return world;
}
