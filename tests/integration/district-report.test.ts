import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, beforeEach, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/permissions";
import { createTestUser } from "../factories/users";
import { BA_DINH, HOAN_KIEM, PHUC_TAN } from "../factories/units";
import { describeOnBothDatabases, type TestDatabase } from "../setup/databases";

// The printable district report (PDF) on the demo data, on both databases, through its route
// handler: the text read back from the PDF (Vietnamese intact, page numbers "Trang x/y") carries
// the database's figures for the day; who may download it; clear errors for bad filters.

const state = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => state.user }));

const { serveDatabaseForTests } = await import("@/lib/db");
const { GET } = await import("@/app/api/exports/district-report/route");
const { loadDistrictDashboard } = await import("@/lib/figures/district-dashboard");
const { formatCount, formatPercent } = await import("@/lib/domain/format");

const request = (query: Record<string, string>) =>
  new Request(`http://localhost:3000/api/exports/district-report?${new URLSearchParams(query).toString()}`);

async function pdfPages(bytes: ArrayBuffer): Promise<string[]> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes.slice(0)));
  const { text } = await extractText(pdf, { mergePages: false });
  return text.map((t) => t.replace(/\s+/g, " "));
}

/** The status of an answer read to the end, as a server sends it: its heavy-work slot is held until then. */
async function sentStatus(response: Promise<Response>): Promise<number> {
  const sent = await response;
  await sent.arrayBuffer();
  return sent.status;
}

describeOnBothDatabases("district report", (open) => {
  let db: TestDatabase;
  let admin: SessionUser;
  let official: SessionUser;
  let chair: SessionUser;

  beforeAll(async () => {
    db = await open({ demo: true });
    admin = await createTestUser(db.prisma, { role: "ADMIN" });
    official = await createTestUser(db.prisma, { role: "DISTRICT_OFFICIAL", unitCode: HOAN_KIEM });
    chair = await createTestUser(db.prisma, { role: "WARD_CHAIR", unitCode: PHUC_TAN });
    serveDatabaseForTests(db);
  });
  afterAll(async () => {
    serveDatabaseForTests(null);
    await db?.dispose();
  });
  beforeEach(() => {
    state.user = official;
  });

  it("the report of 14/8/2021: Vietnamese text, the database's figures, every ward, page numbers", async () => {
    const started = performance.now();
    const res = await GET(request({ district: HOAN_KIEM, day: "2021-08-14" }));
    const elapsed = performance.now() - started;
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toContain('filename="bao-cao-002-2021-08-14.pdf"');
    expect(res.headers.get("cache-control")).toBe("no-store");
    const bytes = await res.arrayBuffer();
    console.info(`[district report] ${bytes.byteLength} bytes in ${Math.round(elapsed)} ms`);
    const raw = Buffer.from(bytes.slice(0)).toString("latin1");
    expect(raw).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    expect(raw).toMatch(/\/FontFile2/);

    const pages = await pdfPages(bytes);
    const text = pages.join(" ");
    expect(text).toContain("BÁO CÁO CÀI ĐẶT BLUEZONE VÀ QUÉT MÃ QR");
    expect(text).toContain("QUẬN HOÀN KIẾM");
    expect(text).toContain("Số liệu ngày 14/08/2021 · Thành phố Hà Nội");
    pages.forEach((page, i) => expect(page).toContain(`Trang ${i + 1}/${pages.length}`));
    expect(pages.length).toBeGreaterThan(1);

    const result = await loadDistrictDashboard(db.prisma, { districtCode: HOAN_KIEM, day: "2021-08-14", metric: "coverage", compare: [] });
    if (result.kind !== "ok") throw new Error("demo data missing");
    const { district, city } = result.dashboard.overview;
    for (const value of [
      formatCount(district.figure?.smartphones ?? null),
      formatCount(district.figure?.installs ?? null),
      formatPercent(district.coverage),
      `hạng ${district.rankInCity}/${district.districtsRanked}`,
      formatCount(district.figure?.qrVenues ?? null),
      formatCount(district.figure?.activeVenues ?? null),
      formatPercent(district.qrActive),
      formatCount(city.figure?.installs ?? null),
      formatCount(city.figure?.qrVenues ?? null),
      formatCount(city.figure?.activeVenues ?? null),
      "206.385",
      "14.698",
    ]) {
      expect(text).toContain(value);
    }
    // Every ward of the ranking, with its coverage as the dashboard shows it.
    for (const w of result.dashboard.wards) {
      expect(text).toContain(w.name);
      if (w.figure !== null) expect(text).toContain(formatPercent(w.coverage));
    }
    expect(text).toContain("Phường Phúc Tân");
    expect(text).toContain("Cảnh báo trong ngày");
    // The day's alerts, with the sentence the alert centre shows.
    expect(text).toContain("Phường Phúc Tân không phát sinh lượt quét mã QR trong ngày 14/08/2021");
    // The list of alerts is cut to the 10 most severe open ones and says how many more there are.
    const alerts = /(\d+) cảnh báo \(/.exec(text);
    expect(alerts).not.toBeNull();
    const total = Number(alerts?.[1]?.replace(/\./g, ""));
    expect(total).toBeGreaterThan(10);
    expect(text).toContain(`và ${formatCount(total - 10)} cảnh báo khác`);
    // No heading alone at a page's foot: "3. Biểu đồ" shares its page with its first chart.
    const charts = pages.find((p) => p.includes("3. Biểu đồ"));
    expect(charts).toMatch(/3\. Biểu đồ\s+Tỷ lệ cài đặt của các phường\s+1\. Phường/);
  });

  it("the report of a partial day (15/8: Phường Hàng Bồ did not report) is made and says so, with no rank (issue 11)", async () => {
    const res = await GET(request({ district: HOAN_KIEM, day: "2021-08-15" }));
    expect(res.status).toBe(200);
    const text = (await pdfPages(await res.arrayBuffer())).join(" ");
    expect(text).toContain("Số liệu chưa đầy đủ (17/18 phường): Quận Hoàn Kiếm không được xếp hạng trong Thành phố Hà Nội");
    // The city's districts are named by their types (Hà Nội has a thị xã, Sơn Tây): lib/domain/unit-wording.ts.
    expect(text).toContain("Số liệu của Thành phố Hà Nội chưa đầy đủ (29/30 quận, huyện, thị xã).");
    expect(text).toContain("Phường chưa báo cáo (1/18): Phường Hàng Bồ.");
    expect(text).toContain("chưa xếp hạng: chưa đủ số liệu (17/18 phường)");
    expect(text).not.toMatch(/hạng \d+\/\d+/);
    // the whole day before says nothing of the kind
    const whole = (await pdfPages(await (await GET(request({ district: HOAN_KIEM, day: "2021-08-14" }))).arrayBuffer())).join(" ");
    expect(whole).toContain("Tất cả 18 phường đã báo cáo.");
    expect(whole).not.toContain("chưa đầy đủ");
  });

  it("admins and the district's officials only; ward chairs and other districts are refused", async () => {
    state.user = admin;
    expect(await sentStatus(GET(request({ district: BA_DINH })))).toBe(200);
    state.user = official;
    const latest = await GET(request({}));
    expect(latest.status).toBe(200);
    expect(latest.headers.get("content-disposition")).toContain("bao-cao-002-2021-08-17.pdf");
    await latest.arrayBuffer();
    expect((await GET(request({ district: BA_DINH }))).status).toBe(403);
    state.user = chair;
    expect((await GET(request({ district: HOAN_KIEM }))).status).toBe(403);
    expect((await GET(request({}))).status).toBe(403);
    state.user = null;
    expect((await GET(request({ district: HOAN_KIEM }))).status).toBe(401);
  });

  it("bad, unknown or out-of-range filters get a clear Vietnamese error, never a file", async () => {
    const bad = await GET(request({ district: HOAN_KIEM, day: "2021-13-01" }));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain("ngày có thật");
    const outside = await GET(request({ district: HOAN_KIEM, day: "2021-09-01" }));
    expect(outside.status).toBe(404);
    expect(((await outside.json()) as { error: string }).error).toBe(
      "Không có số liệu ngày 01/09/2021: số liệu của Quận Hoàn Kiếm có từ 19/07/2021 đến 17/08/2021.",
    );
    state.user = admin;
    const unknown = await GET(request({ district: "999" }));
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("content-type")).toContain("application/json");
    const noDistrict = await GET(request({}));
    expect(noDistrict.status).toBe(400);
  });
});
