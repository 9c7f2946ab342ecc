import { afterAll, beforeAll, expect, it } from "vitest";
import { getAlertSummary } from "@/lib/data/alerts";
import { getWardFigureSources } from "@/lib/data/figure-sources";
import { getWardPage } from "@/lib/data/ward-page";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import type { SessionUser } from "@/lib/permissions";
import { PHUC_TAN, PHUC_XA, seedUnits } from "../factories/units";
import { createRoleUsers } from "../factories/users";
import { describeOnBothDatabases, type TestDatabase } from "../setup/databases";
import { closeServedDatabase, openServedDatabase } from "../setup/serve-database";

// /wards/[code] and the sections beside it (where the figures come from, the ward's alerts), on
// both databases: a ward code outside the viewer's scope is refused with 403 whether or not such
// a ward exists, so the answer never tells which codes exist; only an admin, whose scope is every
// ward, is told that a code does not exist (404).

const MISSING = "99999";

describeOnBothDatabases("ward page scope", (open) => {
  let db: TestDatabase;
  let users: { admin: SessionUser; official: SessionUser; otherOfficial: SessionUser; chair: SessionUser };

  beforeAll(async () => {
    db = await openServedDatabase(open);
    await seedUnits(db.prisma);
    users = await createRoleUsers(db.prisma);
  });
  afterAll(async () => closeServedDatabase(db));

  it("opens a ward of the viewer's district (no figures yet: no-data, not a refusal)", async () => {
    expect((await getWardPage(users.official, { wardCode: PHUC_TAN })).kind).toBe("no-data");
    expect((await getWardPage(users.chair, { wardCode: PHUC_TAN })).kind).toBe("no-data");
    expect((await getWardPage(users.admin, { wardCode: PHUC_XA })).kind).toBe("no-data");
  });

  it("refuses with 403 every code outside a district official's or chair's scope, existing or not", async () => {
    for (const viewer of [users.official, users.chair]) {
      await expect(getWardPage(viewer, { wardCode: PHUC_XA })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(getWardPage(viewer, { wardCode: MISSING })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(getWardFigureSources(viewer, { wardCode: MISSING, day: "2021-08-17" })).rejects.toBeInstanceOf(ForbiddenError);
    }
    await expect(getWardPage(users.otherOfficial, { wardCode: PHUC_TAN })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("tells an admin that a code does not exist (404)", async () => {
    await expect(getWardPage(users.admin, { wardCode: MISSING })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getWardFigureSources(users.admin, { wardCode: MISSING, day: "2021-08-17" })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("shows no alert summary for a ward outside the scope, existing or not", async () => {
    expect(await getAlertSummary(users.official, { wardCode: PHUC_XA, day: "2021-08-17" })).toBeNull();
    expect(await getAlertSummary(users.official, { wardCode: MISSING, day: "2021-08-17" })).toBeNull();
    expect(await getAlertSummary(users.official, { wardCode: PHUC_TAN, day: "2021-08-17" })).not.toBeNull();
  });
});
