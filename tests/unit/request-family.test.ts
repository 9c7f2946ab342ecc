import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { SessionUser } from "@/lib/permissions";
import type { RouteSource } from "@/lib/requests/guard";

// The request family (lib/requests) as each transport answers it: the session read once (401
// without one), the role (403), the unit scope from the input checked with lib/permissions.ts
// (403), the input (400 with the reasons), the lib/errors.ts classes, an unreachable database
// (503 + Retry-After), and for downloads the heavy-work slot (503 when full, held until the body
// is sent, never taken by a refused request). The session and request headers come from the test.

const state = vi.hoisted(() => ({
  user: null as SessionUser | null,
  account: null as { id: number; username: string; displayName: string; mustChange: boolean } | null,
  headers: new Headers({ host: "localhost:3000", origin: "http://localhost:3000" }),
  sessionReads: 0,
  revalidated: 0,
}));
vi.mock("@/lib/auth/session", () => ({
  getSessionUser: async () => {
    state.sessionReads += 1;
    return state.user;
  },
  getPasswordChangeAccount: async () => state.account,
}));
vi.mock("next/headers", () => ({ headers: async () => state.headers }));
vi.mock("next/cache", () => ({
  revalidatePath: () => {
    state.revalidated += 1;
  },
}));

const { accountSession, anyone, queryObject, session } = await import("@/lib/requests/guard");
const { action } = await import("@/lib/requests/action");
const { route } = await import("@/lib/requests/route");
const { download } = await import("@/lib/requests/download");
const { Capacity } = await import("@/lib/server/capacity");
const { canExportDistrictReport } = await import("@/lib/permissions");
const { ForbiddenError, NotFoundError, OverloadedError } = await import("@/lib/errors");
const { DATABASE_RETRY_AFTER_SECONDS, DATABASE_UNAVAILABLE_MESSAGE } = await import("@/lib/db/unavailable");

const user = (role: SessionUser["role"], unitCode: string | null, districtCode: string | null = unitCode): SessionUser => ({
  id: 1,
  username: "nguoi.thu",
  displayName: "Người Thử",
  role,
  unitCode,
  districtCode,
});
const ADMIN = user("ADMIN", null);
const HOAN_KIEM_OFFICIAL = user("DISTRICT_OFFICIAL", "002");
const CHAIR = user("WARD_CHAIR", "00043", "002");

/** What a Prisma client throws when the server cannot be reached. */
const unreachable = () => Object.assign(new Error("Can't reach database server"), { code: "P1001" });

const Day = z.object({ district: z.string().regex(/^\d{3}$/, "Mã quận gồm 3 chữ số").optional(), day: z.string().min(1, "Chọn ngày") });

const reportGuard = () =>
  session()
    .role("ADMIN", "DISTRICT_OFFICIAL", "CITY_OFFICIAL")
    .input(Day, { read: queryObject })
    .unitScope(({ user, input }) => input.district ?? user.districtCode, canExportDistrictReport, "Bạn không có quyền xuất văn bản của quận/huyện này.");

const get = (query: string, headers: Record<string, string> = {}) => new Request(`http://localhost:3000/api/x?${query}`, { headers });

beforeEach(() => {
  state.user = null;
  state.account = null;
  state.headers = new Headers({ host: "localhost:3000", origin: "http://localhost:3000" });
  state.sessionReads = 0;
  state.revalidated = 0;
});

describe("JSON route transport", () => {
  const handler = route(reportGuard(), async ({ user, input }) => Response.json({ by: user.username, district: input.district ?? null }));

  it("no session: 401, before anything else is looked at", async () => {
    const res = await handler(get("district=bad"));
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: "Bạn cần đăng nhập." });
    expect(res.headers.get("Cache-Control")).toBe("no-store");
  });

  it("a role the route does not list: 403, and the input is not parsed", async () => {
    state.user = CHAIR;
    const res = await handler(get("district=bad"));
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: "Bạn không có quyền làm việc này." });
  });

  it("bad input: 400 with each reason and its field", async () => {
    state.user = ADMIN;
    const res = await handler(get("district=02"));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: "Dữ liệu không hợp lệ.",
      issues: [
        { path: "district", message: "Mã quận gồm 3 chữ số" },
        { path: "day", message: "Invalid input: expected string, received undefined" },
      ],
    });
  });

  it("a unit outside the user's scope: 403 with the route's reason; the own unit (named or not) passes", async () => {
    state.user = HOAN_KIEM_OFFICIAL;
    const other = await handler(get("district=001&day=2021-08-17"));
    expect(other.status).toBe(403);
    expect((await other.json()).error).toBe("Bạn không có quyền xuất văn bản của quận/huyện này.");
    expect(await (await handler(get("district=002&day=2021-08-17"))).json()).toEqual({ by: "nguoi.thu", district: "002" });
    expect(await (await handler(get("day=2021-08-17"))).json()).toEqual({ by: "nguoi.thu", district: null });
  });

  it("reads the session once for the whole chain", async () => {
    state.user = ADMIN;
    expect((await handler(get("district=001&day=2021-08-17"))).status).toBe(200);
    expect(state.sessionReads).toBe(1);
  });

  it("maps the data layer's errors: 403, 404, a busy server and an unreachable database 503 with Retry-After, anything else 500 without internals", async () => {
    state.user = ADMIN;
    const failing = (err: unknown) => route(session(), async () => Promise.reject(err));
    const spy = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const forbidden = await failing(new ForbiddenError("Không phải phường của bạn."))();
      expect([forbidden.status, (await forbidden.json()).error]).toEqual([403, "Không phải phường của bạn."]);
      expect((await failing(new NotFoundError())()).status).toBe(404);
      const busy = await failing(new OverloadedError(7))();
      expect([busy.status, busy.headers.get("Retry-After")]).toEqual([503, "7"]);
      const down = await failing(unreachable())();
      expect([down.status, down.headers.get("Retry-After"), (await down.json()).error]).toEqual([
        503,
        String(DATABASE_RETRY_AFTER_SECONDS),
        DATABASE_UNAVAILABLE_MESSAGE,
      ]);
      const bug = await failing(new Error("secret internals"))();
      expect(bug.status).toBe(500);
      expect(JSON.stringify(await bug.json())).not.toContain("secret internals");
    } finally {
      spy.mockRestore();
    }
  });

  it("sameOrigin(): a cross-site request is refused (403) after the session and role", async () => {
    state.user = ADMIN;
    const upload = route(session().role("ADMIN").sameOrigin(), async () => new Response("ok"));
    expect((await upload(get("", { host: "localhost:3000", origin: "https://evil.example" }))).status).toBe(403);
    expect((await upload(get("", { host: "localhost:3000", origin: "http://localhost:3000" }))).status).toBe(200);
    state.user = null;
    expect((await upload(get("", { host: "localhost:3000", origin: "https://evil.example" }))).status).toBe(401);
  });

  it("a route reads its input from the query string", async () => {
    const legacy = route(
      session<RouteSource>()
        .role("ADMIN")
        .input(Day, { read: ({ request }: RouteSource) => Object.fromEntries(new URL(request.url).searchParams) }),
      async ({ input }) => Response.json(input),
    );
    expect((await legacy(get("day=1"))).status).toBe(401);
    state.user = CHAIR;
    expect((await legacy(get("day=1"))).status).toBe(403);
    state.user = ADMIN;
    expect((await legacy(get("district=1"))).status).toBe(400);
    expect(await (await legacy(get("day=1"))).json()).toEqual({ day: "1" });
  });
});

describe("server action transport", () => {
  const Note = z.object({ ward: z.string().regex(/^\d{5}$/, "Mã phường gồm 5 chữ số"), note: z.string().min(1, "Nhập ghi chú") });
  const save = action(
    session()
      .role("WARD_CHAIR", "ADMIN")
      .input(Note)
      .unitScope(({ input }) => input.ward, (u, ward) => u.role === "ADMIN" || u.unitCode === ward),
    async ({ input }) => ({ ok: true as const, data: input.note }),
  );
  const body = { ward: "00043", note: "đã kiểm tra" };

  it("answers the same refusals as ActionResult failures, and changes nothing", async () => {
    expect(await save(body)).toEqual({ ok: false, status: 401, message: "Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại." });
    state.user = HOAN_KIEM_OFFICIAL;
    expect(await save(body)).toEqual({ ok: false, status: 403, message: "Bạn không có quyền làm việc này." });
    state.user = CHAIR;
    expect(await save({ ...body, ward: "00044" })).toEqual({ ok: false, status: 403, message: "Bạn không có quyền làm việc này." });
    expect(await save({ ward: "43", note: "" })).toEqual({
      ok: false,
      status: 400,
      message: "Dữ liệu chưa hợp lệ, hãy xem các ô được đánh dấu.",
      fieldErrors: { ward: ["Mã phường gồm 5 chữ số"], note: ["Nhập ghi chú"] },
    });
    expect(state.revalidated).toBe(0);
    expect(await save(body)).toEqual({ ok: true, data: "đã kiểm tra" });
    expect(state.revalidated).toBe(1);
  });

  it("a cross-site call is refused before the session is read", async () => {
    state.user = CHAIR;
    state.headers = new Headers({ host: "localhost:3000", origin: "https://evil.example" });
    expect(await save(body)).toMatchObject({ ok: false, status: 403 });
    expect(state.sessionReads).toBe(0);
  });

  it("an unreachable database is 503, a busy server 503, a bug 500 with the action's own words", async () => {
    state.user = ADMIN;
    const spy = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const down = action(session(), async () => Promise.reject(unreachable()));
      expect(await down(null)).toEqual({ ok: false, status: 503, message: DATABASE_UNAVAILABLE_MESSAGE });
      expect(await action(session(), async () => Promise.reject(new OverloadedError(5)))(null)).toMatchObject({ status: 503 });
      const bug = action(session(), async () => Promise.reject(new Error("x")), { wording: { failed: "Chưa lưu được." } });
      expect(await bug(null)).toEqual({ ok: false, status: 500, message: "Chưa lưu được." });
    } finally {
      spy.mockRestore();
    }
  });

  it("a step may answer invalid input its own way; public chains read no session", async () => {
    const setup = action(
      anyone().input(z.object({ token: z.string().length(4) }), { invalid: () => ({ status: 403, message: "Liên kết không đúng." }) }),
      async ({ input }) => ({ ok: true as const, data: input.token }),
      { revalidate: false },
    );
    expect(await setup({ token: "x" })).toEqual({ ok: false, status: 403, message: "Liên kết không đúng." });
    expect(await setup({ token: "abcd" })).toEqual({ ok: true, data: "abcd" });
    expect(state.sessionReads).toBe(0);
    expect(state.revalidated).toBe(0);
  });

  it("accountSession(): the own-password form's account, 401 without one", async () => {
    const change = action(accountSession(), async ({ account }) => ({ ok: true as const, data: account.username }));
    expect(await change(null)).toMatchObject({ ok: false, status: 401 });
    state.account = { id: 9, username: "phuong.moi", displayName: "Mới", mustChange: true };
    expect(await change(null)).toEqual({ ok: true, data: "phuong.moi" });
  });

  it("an action takes the schema of this moment (rules about today)", async () => {
    const legacy = action(session().role("WARD_CHAIR").input(() => Note), async ({ input }) => ({ ok: true as const, data: input.ward }), { revalidate: false });
    expect(await legacy(body)).toMatchObject({ status: 401 });
    state.user = ADMIN;
    expect(await legacy(body)).toMatchObject({ status: 403 });
    state.user = CHAIR;
    expect(await legacy({})).toMatchObject({ status: 400, fieldErrors: { ward: expect.any(Array) } });
    expect(await legacy(body)).toEqual({ ok: true, data: "00043" });
  });
});

describe("download transport", () => {
  const small = () => new Capacity("test", { concurrent: 1, queue: 0, queueTimeoutMs: 100, retryAfterSeconds: 9 });

  it("a refused request never takes a slot; a full server answers 503 with Retry-After; the slot is held until the body is sent", async () => {
    const capacity = small();
    const settled: unknown[] = [];
    const file = download(
      reportGuard(),
      async ({ input }) => ({ response: new Response(`tệp ${input.day}`), settle: (error?: unknown) => void settled.push(error ?? "done") }),
      { capacity },
    );
    expect((await file(get("day=2021-08-17"))).status).toBe(401);
    state.user = HOAN_KIEM_OFFICIAL;
    expect((await file(get("district=001&day=2021-08-17"))).status).toBe(403);
    expect(capacity.stats).toEqual({ running: 0, waiting: 0 });

    const first = await file(get("day=2021-08-17"));
    expect(first.status).toBe(200);
    expect(capacity.stats.running).toBe(1);
    const busy = await file(get("day=2021-08-17"));
    expect([busy.status, busy.headers.get("Retry-After")]).toEqual([503, "9"]);
    expect(await first.text()).toBe("tệp 2021-08-17");
    expect(settled).toEqual(["done"]);
    expect(capacity.stats).toEqual({ running: 0, waiting: 0 });
  });

  it("a failure while making the file gives the slot back and answers JSON", async () => {
    const capacity = small();
    state.user = ADMIN;
    const broken = download(session(), async () => Promise.reject(new NotFoundError("Không có số liệu ngày này.")), { capacity });
    const res = await broken(get(""));
    expect([res.status, (await res.json()).error]).toEqual([404, "Không có số liệu ngày này."]);
    expect(capacity.stats).toEqual({ running: 0, waiting: 0 });
  });
});
