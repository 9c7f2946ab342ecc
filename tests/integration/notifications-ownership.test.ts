import { afterAll, beforeAll, expect, it } from "vitest";
import { createRoleUsers } from "../factories/users";
import { seedUnits } from "../factories/units";
import { closeServedDatabase, openServedDatabase } from "../setup/serve-database";
import { describeOnBothDatabases, type TestDatabase } from "../setup/databases";

// The in-app notification list is each user's own (IDOR): marking a notification read by its id
// touches only the signed-in user's rows, even with another user's id; lists and counts are per user.

const { countUnreadNotifications, listNotifications, markNotificationsRead } = await import("@/lib/data/notifications");

describeOnBothDatabases("notifications belong to their user", (open) => {
  let db: TestDatabase;
  let users: Awaited<ReturnType<typeof createRoleUsers>>;

  beforeAll(async () => {
    db = await openServedDatabase(open);
    await seedUnits(db.prisma);
    users = await createRoleUsers(db.prisma);
  });
  afterAll(async () => closeServedDatabase(db));

  it("another user's notification id marks nothing; one's own list and count are untouched by others", async () => {
    const mine = await db.prisma.notification.create({ data: { userId: Number(users.official.id), kind: "digest", subject: "Bản tin của tôi", body: "…" } });
    const theirs = await db.prisma.notification.create({ data: { userId: Number(users.otherOfficial.id), kind: "digest", subject: "Bản tin của quận khác", body: "…" } });

    expect(await markNotificationsRead(users.official, theirs.id)).toEqual({ marked: 0 });
    expect((await db.prisma.notification.findUniqueOrThrow({ where: { id: theirs.id } })).readAt).toBeNull();
    expect((await listNotifications(users.official)).map((n) => n.subject)).toEqual(["Bản tin của tôi"]);
    expect(await countUnreadNotifications(users.otherOfficial)).toBe(1);

    // marking all read marks only one's own
    expect(await markNotificationsRead(users.official)).toEqual({ marked: 1 });
    expect((await db.prisma.notification.findUniqueOrThrow({ where: { id: mine.id } })).readAt).not.toBeNull();
    expect(await countUnreadNotifications(users.otherOfficial)).toBe(1);
  });
});
