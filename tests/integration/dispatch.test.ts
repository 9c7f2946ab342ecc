import JSZip from "jszip";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/permissions";
import { readReferenceUnits } from "@/lib/figures/reference-units";
import { refreshRollups } from "@/lib/figures/rollups";
import { isoDayToUtcDate } from "@/lib/domain/days";
import { loadDemoDispatchTemplates } from "@/prisma/seed/demo-dispatch-template";
import { createRoleUsers } from "../factories/users";
import { BA_DINH, HOAN_KIEM } from "../factories/units";
import { describeOnBothDatabases, type TestDatabase } from "../setup/databases";

// The draft dispatch (công văn) on the demo data, on both databases, through its route handler as
// a browser calls it: the golden sentences of dispatch 1178/UBND-VHTT read back from the DOCX's XML
// and from the PDF's text, every figure compared with the database, who may download it, clear
// errors for bad filters; a district's own draft (Ba Đình: its name, place, wards and figures,
// never Hoàn Kiếm's), and the templates: the city's default (admins) and a district's own (its
// officials, admins), each audited.

const state = vi.hoisted(() => ({
  user: null as SessionUser | null,
  headers: new Headers(),
}));
vi.mock("next/headers", () => ({ headers: async () => state.headers }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => state.user }));

const { serveDatabaseForTests } = await import("@/lib/db");
const { GET } = await import("@/app/api/exports/dispatch/route");
const { updateDispatchTemplateAction, updateDistrictDispatchTemplateAction } = await import("@/lib/actions/dispatch-template");
const { DISTRICT_TEMPLATE_ENTITY, getDispatchTemplatePage, getDistrictDispatchTemplate, setDistrictDispatchTemplate } = await import("@/lib/data/dispatch-template");
const { DISPATCH_TEMPLATE_KEY, getCityDispatchTemplate } = await import("@/lib/figures/settings");
const { ForbiddenError, NotFoundError } = await import("@/lib/errors");
const { loadDistrictDashboard } = await import("@/lib/figures/district-dashboard");
const { DEFAULT_DISPATCH_TEMPLATE } = await import("@/lib/domain/dispatch-template");
const { formatCount, formatPercent } = await import("@/lib/domain/format");

const ORIGIN = "http://localhost:3000";

const DISTRICT_SENTENCE =
  "Quận Hoàn Kiếm có số lượng điện thoại thông minh là 150.788 chiếc trong đó số lượng điện thoại thông minh đã cài đặt ứng dụng Bluezone là 77.113 chiếc chiếm tỷ lệ 51,14% đứng thứ 7 trên toàn Thành phố.";
const QR_SENTENCE =
  "Theo số liệu được trích xuất trên hệ thống: tính đến hết ngày 14/8/2021, trên phạm vi toàn Thành phố đã có 206.385 địa điểm tạo mã QR, trong đó (trong ngày 14/8/2021) chỉ có 14.698 địa điểm phát sinh các lượt quét mã QR; phường Phúc Tân không phát sinh lượt quét mã QR trong ngày 14/8/2021.";
const CITY_SENTENCE =
  "Theo số liệu do Cục Tin học và Sở Thông tin và Truyền thông cung cấp đến ngày 17/8/2021, trên phạm vi địa bàn thành phố Hà Nội đã có 3.220.382 lượt tải và cài đặt ứng dụng Bluezone trên điện thoại thông minh, đạt tỷ lệ 47,05% (Số lượng điện thoại thông minh tại Hà Nội đã cài đặt ứng dụng Bluezone đứng thứ 7 trên toàn quốc).";

function request(query: Record<string, string>): Request {
  return new Request(`${ORIGIN}/api/exports/dispatch?${new URLSearchParams(query).toString()}`, { headers: { host: "localhost:3000" } });
}

const GOLDEN = { district: HOAN_KIEM, installDay: "2021-08-17", qrDay: "2021-08-14" };

/** The DOCX's paragraphs as text, read from word/document.xml (every run of a paragraph joined). */
async function docxParagraphs(bytes: ArrayBuffer): Promise<string[]> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file("word/document.xml")?.async("string");
  if (xml === undefined) throw new Error("no word/document.xml");
  const unescape = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
    .map((p) => [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => unescape(t[1] ?? "")).join(""))
    .filter((t) => t !== "");
}

/** The PDF's text with line breaks and justification gaps folded to single spaces. */
async function pdfText(bytes: ArrayBuffer): Promise<{ text: string; pages: number }> {
  // pdf.js takes the buffer over (detaches it): give it a copy.
  const pdf = await getDocumentProxy(new Uint8Array(bytes.slice(0)));
  const { text, totalPages } = await extractText(pdf, { mergePages: true });
  return { text: text.replace(/\s+/g, " "), pages: totalPages };
}

/** The status of an answer read to the end, as a server sends it: its heavy-work slot is held until then. */
async function sentStatus(response: Promise<Response>): Promise<number> {
  const sent = await response;
  await sent.arrayBuffer();
  return sent.status;
}

describeOnBothDatabases("dispatch", (open) => {
  let db: TestDatabase;
  let admin: SessionUser;
  let official: SessionUser;
  let otherOfficial: SessionUser;
  let chair: SessionUser;

  beforeAll(async () => {
    db = await open({ demo: true });
    // Hoàn Kiếm's own template (number 1178, its signer); loadDemo writes it too once it calls this.
    await loadDemoDispatchTemplates(db.prisma);
    ({ admin, official, otherOfficial, chair } = await createRoleUsers(db.prisma));
    serveDatabaseForTests(db);
  });
  afterAll(async () => {
    serveDatabaseForTests(null);
    await db?.dispose();
  });
  beforeEach(() => {
    state.headers = new Headers({ host: "localhost:3000", origin: ORIGIN });
    state.user = official;
  });

  it("DOCX: the golden sentences of dispatch 1178, word for word, with the header and the signature", async () => {
    const started = performance.now();
    const res = await GET(request({ ...GOLDEN, format: "docx" }));
    console.info(`[dispatch docx] ${res.headers.get("content-length")} bytes in ${Math.round(performance.now() - started)} ms`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="du-thao-cong-van-002-2021-08-17.docx"; filename*=UTF-8''${encodeURIComponent("dự-thảo-công-văn-002-2021-08-17.docx")}`,
    );
    expect(res.headers.get("cache-control")).toBe("no-store");
    const paragraphs = await docxParagraphs(await res.arrayBuffer());
    const all = paragraphs.join("\n");
    expect(all).toContain(DISTRICT_SENTENCE);
    expect(all).toContain(QR_SENTENCE);
    expect(all).toContain(CITY_SENTENCE);
    for (const line of [
      "ỦY BAN NHÂN DÂN",
      "QUẬN HOÀN KIẾM",
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc",
      "Số: 1178/UBND-VHTT",
      "Hoàn Kiếm, ngày 17 tháng 8 năm 2021",
      `V/v ${DEFAULT_DISPATCH_TEMPLATE.subject}`,
      "Nơi nhận:",
      "TM. ỦY BAN NHÂN DÂN",
      "Nguyễn Quốc Hoàn",
    ]) {
      expect(paragraphs).toContain(line);
    }
    expect(all).toContain("Kính gửi: - Trưởng các phòng, ban, ngành thuộc quận;");
    expect(paragraphs).toContain("- Chủ tịch UBND 18 phường.");
    expect(all).toContain("UBND quận yêu cầu các phòng, ban đơn vị và Chủ tịch UBND 18 phường thực hiện các nội dung sau:");
    expect(paragraphs).toContain("UBND quận yêu cầu các phòng, ban, đơn vị và UBND 18 phường thuộc quận nghiêm túc triển khai thực hiện./.");
    expect(paragraphs).toContain("- Thường trực Quận ủy;");
    expect(all).toContain("1. Tăng cường công tác tuyên truyền");
    // The document's font is Times New Roman, as the decree asks.
    const zip = await JSZip.loadAsync(await (await GET(request({ ...GOLDEN, format: "docx" }))).arrayBuffer());
    expect(await zip.file("word/styles.xml")?.async("string")).toContain('w:ascii="Times New Roman"');
  });

  it("PDF: the same golden sentences read back from the PDF's text, A4, with the font embedded", async () => {
    const started = performance.now();
    const res = await GET(request({ ...GOLDEN, format: "pdf" }));
    console.info(`[dispatch pdf] ${res.headers.get("content-length")} bytes in ${Math.round(performance.now() - started)} ms`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toContain('filename="du-thao-cong-van-002-2021-08-17.pdf"');
    const bytes = await res.arrayBuffer();
    const { text } = await pdfText(bytes);
    expect(text).toContain(DISTRICT_SENTENCE);
    expect(text).toContain(QR_SENTENCE);
    expect(text).toContain(CITY_SENTENCE);
    expect(text).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc");
    expect(text).toContain("Hoàn Kiếm, ngày 17 tháng 8 năm 2021");
    const raw = Buffer.from(bytes).toString("latin1");
    expect(raw).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    expect(raw).toMatch(/\/FontFile2/);
    expect(raw).toMatch(/Tinos/);
  });

  it("every figure in the document is the database's, formatted the Vietnamese way", async () => {
    const install = await loadDistrictDashboard(db.prisma, { districtCode: HOAN_KIEM, day: "2021-08-17", metric: "coverage", compare: [] });
    const qr = await loadDistrictDashboard(db.prisma, { districtCode: HOAN_KIEM, day: "2021-08-14", metric: "coverage", compare: [] });
    if (install.kind !== "ok" || qr.kind !== "ok") throw new Error("demo data missing");
    const d = install.dashboard.overview.district;
    const c = install.dashboard.overview.city;
    const qc = qr.dashboard.overview.city;
    const rank = await db.prisma.officialRank.findFirst({ where: { unitCode: install.city.code, metric: "BLUEZONE_INSTALLS_NATIONAL" }, select: { rank: true } });
    const expected = [
      formatCount(d.figure?.smartphones ?? null),
      formatCount(d.figure?.installs ?? null),
      formatPercent(d.coverage),
      `đứng thứ ${d.rankInCity} trên toàn Thành phố`,
      formatCount(c.figure?.installs ?? null),
      formatPercent(c.coverage),
      `đứng thứ ${rank?.rank} trên toàn quốc`,
      formatCount(qc.figure?.qrVenues ?? null),
      formatCount(qc.figure?.activeVenues ?? null),
      ...qr.dashboard.overview.wardsWithZeroScans.map((w) => w.name.replace(/^Phường/, "phường")),
    ];
    const docx = (await docxParagraphs(await (await GET(request({ ...GOLDEN, format: "docx" }))).arrayBuffer())).join("\n");
    const { text: pdf } = await pdfText(await (await GET(request({ ...GOLDEN, format: "pdf" }))).arrayBuffer());
    for (const value of expected) {
      expect(docx).toContain(value);
      expect(pdf).toContain(value);
    }
    // The lagging wards: each one below the target with what it still lacks, as the ranking computes it.
    const lagging = install.dashboard.wards.filter((w) => (w.installsToTarget ?? 0) > 0);
    for (const w of lagging) {
      const clause = `${w.name.replace(/^Phường/, "phường")} đạt ${formatPercent(w.coverage)}, còn thiếu ${formatCount(w.installsToTarget)} lượt cài đặt`;
      expect(docx).toContain(clause);
      expect(pdf).toContain(clause);
    }
  });

  it("admins download any district's dispatch; an official only the own district; ward chairs never", async () => {
    state.user = admin;
    expect(await sentStatus(GET(request({ ...GOLDEN, format: "docx" })))).toBe(200);
    expect(await sentStatus(GET(request({ district: BA_DINH, format: "pdf" })))).toBe(200);
    state.user = official;
    // Without a district, an official gets the own district's dispatch for the latest day.
    const own = await GET(request({}));
    expect(own.status).toBe(200);
    expect(own.headers.get("content-disposition")).toContain("du-thao-cong-van-002-2021-08-17.docx");
    await own.arrayBuffer();
    const other = await GET(request({ ...GOLDEN, district: BA_DINH }));
    expect(other.status).toBe(403);
    expect(other.headers.get("content-type")).toContain("application/json");
    state.user = otherOfficial;
    expect((await GET(request(GOLDEN))).status).toBe(403);
    state.user = chair;
    for (const format of ["docx", "pdf"]) expect((await GET(request({ ...GOLDEN, format }))).status).toBe(403);
    state.user = null;
    expect((await GET(request(GOLDEN))).status).toBe(401);
  });

  it("bad, unknown or out-of-range filters get a clear Vietnamese error, never a file", async () => {
    const cases: [Record<string, string>, number, RegExp][] = [
      [{ ...GOLDEN, installDay: "2021-02-30" }, 400, /ngày có thật/],
      [{ ...GOLDEN, qrDay: "14/8/2021" }, 400, /YYYY-MM-DD/],
      [{ ...GOLDEN, format: "xlsx" }, 400, /docx hoặc pdf/],
      [{ ...GOLDEN, district: "2" }, 400, /3 chữ số/],
      [{ ...GOLDEN, installDay: "2021-09-30" }, 404, /có từ 19\/07\/2021 đến 17\/08\/2021/],
      [{ ...GOLDEN, qrDay: "2020-01-01" }, 404, /quét mã QR ngày 01\/01\/2020/],
    ];
    for (const [query, status, message] of cases) {
      const res = await GET(request(query));
      expect(res.status, JSON.stringify(query)).toBe(status);
      expect(res.headers.get("content-type")).toContain("application/json");
      const body = (await res.json()) as { error: string; issues?: { message: string }[] };
      expect(`${body.error} ${(body.issues ?? []).map((i) => i.message).join(" ")}`).toMatch(message);
    }
    // An official asking for another (even unknown) district is refused before anything is looked up.
    expect((await GET(request({ ...GOLDEN, district: "999" }))).status).toBe(403);
    state.user = admin;
    const unknown = await GET(request({ ...GOLDEN, district: "999" }));
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: string }).error).toBe("Không có quận/huyện mã 999.");
    const noDistrict = await GET(request({ installDay: "2021-08-17" }));
    expect(noDistrict.status).toBe(400);
    expect(((await noDistrict.json()) as { error: string }).error).toMatch(/Hãy chọn quận\/huyện/);
  });

  it("refuses a day whose figures are partial (issue 11), naming what is missing: 15/8, Phường Hàng Bồ did not report", async () => {
    const install = await GET(request({ district: HOAN_KIEM, installDay: "2021-08-15", qrDay: "2021-08-14" }));
    expect(install.status).toBe(409);
    expect(((await install.json()) as { error: string }).error).toBe(
      "Chưa đủ số liệu để lập công văn (số liệu chưa đầy đủ không được dùng làm tổng): ngày 15/8/2021: " +
        "Quận Hoàn Kiếm mới có số liệu cài đặt Bluezone của 17/18 phường (chưa có: Phường Hàng Bồ); " +
        "Thành phố Hà Nội mới có số liệu cài đặt Bluezone của 29/30 quận, huyện (chưa đủ: Quận Hoàn Kiếm). " +
        "Ngày mới nhất có đủ số liệu cài đặt của Quận Hoàn Kiếm: 17/8/2021.",
    );
    const qr = await GET(request({ district: HOAN_KIEM, installDay: "2021-08-17", qrDay: "2021-08-15", format: "pdf" }));
    expect(qr.status).toBe(409);
    expect(((await qr.json()) as { error: string }).error).toContain("số liệu lượt quét mã QR của 17/18 phường (chưa có: Phường Hàng Bồ)");
  });

  describe("a district's own draft: Ba Đình (001)", () => {
    const BA_DINH_DAYS = { district: BA_DINH, installDay: "2021-08-17", qrDay: "2021-08-14" };
    let wardNames: string[] = [];

    beforeAll(async () => {
      // Ba Đình's 14 wards from the country's code list, each reporting on both days: Phúc Xá
      // with 0 scans on the QR day, the first three below the city's 60 % target.
      const wards = readReferenceUnits().units.filter((u) => u.parentCode === BA_DINH && u.level === "WARD");
      expect(wards).toHaveLength(14);
      await db.prisma.unit.createMany({
        data: wards.map((w) => ({ code: w.code, level: "WARD" as const, name: w.name, type: w.type, parentCode: BA_DINH })),
        skipDuplicates: true,
      });
      wardNames = wards.map((w) => w.name);
      for (const day of [BA_DINH_DAYS.qrDay, BA_DINH_DAYS.installDay]) {
        // this test's own figures replace the demo's reports of Ba Đình's wards on these days
        await db.prisma.dailyFigure.deleteMany({
          where: { unitCode: { in: wards.map((w) => w.code) }, day: isoDayToUtcDate(day), source: "WARD_REPORT" },
        });
        await db.prisma.dailyFigure.createMany({
          data: wards.map((w, i) => ({
            unitCode: w.code,
            day: isoDayToUtcDate(day),
            source: "WARD_REPORT" as const,
            smartphones: 10_000 + 100 * i,
            installs: i < 3 ? 5_000 + 100 * i : 7_000 + 100 * i,
            qrVenues: 300 + i,
            activeVenues: i === 0 ? 0 : 40 + i,
            scans: i === 0 ? 0 : 500 + 10 * i,
            status: "APPROVED" as const,
          })),
        });
      }
      await refreshRollups(db.prisma, { from: BA_DINH_DAYS.qrDay, to: BA_DINH_DAYS.installDay });
    });

    /** Hoàn Kiếm's words: none may appear in another district's draft. */
    const HOAN_KIEM_WORDS = /Hoàn Kiếm|HOÀN KIẾM|hoàn kiếm|18 phường|1178|Nguyễn Quốc Hoàn|Phúc Tân/;

    it("DOCX: Ba Đình's authority, place, 14 wards and figures, no number, never Hoàn Kiếm", async () => {
      state.user = otherOfficial;
      const res = await GET(request({ ...BA_DINH_DAYS, format: "docx" }));
      expect(res.status).toBe(200);
      expect(res.headers.get("content-disposition")).toContain('filename="du-thao-cong-van-001-2021-08-17.docx"');
      const paragraphs = await docxParagraphs(await res.arrayBuffer());
      const all = paragraphs.join("\n");
      for (const line of ["ỦY BAN NHÂN DÂN", "QUẬN BA ĐÌNH", "Ba Đình, ngày 17 tháng 8 năm 2021", "- Chủ tịch UBND 14 phường.", "- Thường trực Quận ủy;"]) {
        expect(paragraphs).toContain(line);
      }
      expect(paragraphs.some((p) => /^Số: +\/UBND-VHTT$/.test(p))).toBe(true);
      expect(all).toContain("Kính gửi: - Trưởng các phòng, ban, ngành thuộc quận;");
      expect(all).toContain("Chủ tịch UBND 14 phường thực hiện các nội dung sau:");
      expect(all).toContain("UBND 14 phường thuộc quận nghiêm túc triển khai thực hiện./.");
      expect(all).toMatch(/Quận Ba Đình có số lượng điện thoại thông minh là [\d.]+ chiếc/);
      expect(all).toContain(`${wardNames[0]?.replace(/^Phường/, "phường")} không phát sinh lượt quét mã QR trong ngày 14/8/2021.`);
      expect(all).toMatch(/Tính đến ngày 17\/8\/2021, 3 phường chưa đạt mục tiêu tỷ lệ cài đặt ứng dụng Bluezone 60,00%: /);
      // The city's sentences are the city's, whatever the district.
      expect(all).toContain(CITY_SENTENCE);
      expect(all).not.toMatch(HOAN_KIEM_WORDS);
    });

    it("PDF: the same, read back from the PDF's text", async () => {
      state.user = admin;
      const res = await GET(request({ ...BA_DINH_DAYS, format: "pdf" }));
      expect(res.status).toBe(200);
      const { text } = await pdfText(await res.arrayBuffer());
      for (const phrase of [
        "ỦY BAN NHÂN DÂN QUẬN BA ĐÌNH",
        "Ba Đình, ngày 17 tháng 8 năm 2021",
        "Chủ tịch UBND 14 phường.",
        "Chủ tịch UBND 14 phường thực hiện các nội dung sau:",
        "UBND 14 phường thuộc quận nghiêm túc triển khai thực hiện./.",
        `${wardNames[0]?.replace(/^Phường/, "phường")} không phát sinh lượt quét mã QR trong ngày 14/8/2021.`,
      ]) {
        expect(text).toContain(phrase);
      }
      expect(text).toMatch(/Quận Ba Đình có số lượng điện thoại thông minh là [\d.]+ chiếc/);
      expect(text).toMatch(/Số: +\/UBND-VHTT/);
      expect(text).not.toMatch(HOAN_KIEM_WORDS);
    });

    it("Ba Đình's official sets its own number and signer (audited under Ba Đình); Hoàn Kiếm's draft keeps its own", async () => {
      state.user = otherOfficial;
      const saved = await updateDistrictDispatchTemplateAction({ district: BA_DINH, documentNumber: "25", signerName: "Trần Văn Bình", place: "" });
      expect(saved).toEqual({ ok: true, data: { changed: ["documentNumber", "signerName"] } });
      const audit = await db.prisma.auditLog.findFirst({ where: { entity: DISTRICT_TEMPLATE_ENTITY, entityKey: BA_DINH }, orderBy: { id: "desc" } });
      expect(audit).toMatchObject({
        userId: otherOfficial.id,
        action: "setting.update",
        unitCode: BA_DINH,
        before: { documentNumber: null, signerName: null },
        after: { documentNumber: "25", signerName: "Trần Văn Bình" },
      });
      const baDinh = await docxParagraphs(await (await GET(request({ ...BA_DINH_DAYS, format: "docx" }))).arrayBuffer());
      expect(baDinh).toContain("Số: 25/UBND-VHTT");
      expect(baDinh).toContain("Trần Văn Bình");
      expect(baDinh).toContain("Ba Đình, ngày 17 tháng 8 năm 2021");

      state.user = official;
      const hoanKiem = await docxParagraphs(await (await GET(request({ ...GOLDEN, format: "docx" }))).arrayBuffer());
      expect(hoanKiem).toContain("Số: 1178/UBND-VHTT");
      expect(hoanKiem).toContain("Nguyễn Quốc Hoàn");

      // Emptying every field of its own gives the city's default back, and removes the row.
      state.user = admin;
      const cleared = await updateDistrictDispatchTemplateAction({ district: BA_DINH, documentNumber: "", signerName: " " });
      expect(cleared).toEqual({ ok: true, data: { changed: ["documentNumber", "signerName"] } });
      expect(await db.prisma.districtDispatchTemplate.findUnique({ where: { unitCode: BA_DINH } })).toBeNull();
    });

    it("a district's template: only its officials and admins, checked in the action and in the data layer", async () => {
      state.user = official; // Hoàn Kiếm's
      expect(await updateDistrictDispatchTemplateAction({ district: BA_DINH, signerName: "Ai Đó" })).toMatchObject({ ok: false, status: 403 });
      state.user = chair;
      expect(await updateDistrictDispatchTemplateAction({ district: HOAN_KIEM, signerName: "Ai Đó" })).toMatchObject({ ok: false, status: 403 });
      state.user = null;
      expect(await updateDistrictDispatchTemplateAction({ district: HOAN_KIEM, signerName: "Ai Đó" })).toMatchObject({ ok: false, status: 401 });
      state.user = admin;
      expect(await updateDistrictDispatchTemplateAction({ district: "999", signerName: "Ai Đó" })).toMatchObject({ ok: false, status: 404 });
      const invalid = await updateDistrictDispatchTemplateAction({ district: BA_DINH, documentNumber: "số 25", closing: "UBND {quan} yêu cầu" });
      expect(invalid).toMatchObject({ ok: false, status: 400 });
      if (!invalid.ok) expect(Object.keys(invalid.fieldErrors ?? {})).toEqual(expect.arrayContaining(["documentNumber", "closing"]));
      // The data layer refuses on its own, whatever the caller checked.
      await expect(setDistrictDispatchTemplate(official, BA_DINH, { signerName: "Ai Đó" })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(getDistrictDispatchTemplate(official, BA_DINH)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(getDistrictDispatchTemplate(chair, HOAN_KIEM)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(getDistrictDispatchTemplate(admin, "999")).rejects.toBeInstanceOf(NotFoundError);
      expect(await db.prisma.districtDispatchTemplate.findUnique({ where: { unitCode: BA_DINH } })).toBeNull();
    });

    it("the template page: an official sees the own district only; an admin every district and the city's default", async () => {
      const own = await getDispatchTemplatePage(otherOfficial, {});
      expect(own.canEditCity).toBe(false);
      expect(own.districts).toEqual([{ code: BA_DINH, name: "Quận Ba Đình" }]);
      expect(own.district).toMatchObject({
        code: BA_DINH,
        own: {},
        derived: { authorityName: "QUẬN BA ĐÌNH", place: "Ba Đình" },
        placeholders: { "cấp huyện": "quận", "cấp xã": "14 phường", "cấp ủy": "Quận ủy" },
      });
      expect(own.district?.resolved.addressees).toEqual(["Trưởng các phòng, ban, ngành thuộc quận;", "Chủ tịch UBND 14 phường."]);
      await expect(getDispatchTemplatePage(otherOfficial, { district: HOAN_KIEM })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(getDispatchTemplatePage(chair, {})).rejects.toBeInstanceOf(ForbiddenError);

      const all = await getDispatchTemplatePage(admin, {});
      expect(all.canEditCity).toBe(true);
      expect(all.districts).toHaveLength(30);
      expect(all.withOwnTemplate).toEqual([{ code: HOAN_KIEM, name: "Quận Hoàn Kiếm", fields: ["documentNumber", "signerName"] }]);
      // Opens on the first district with a template of its own.
      expect(all.district).toMatchObject({ code: HOAN_KIEM, own: { documentNumber: "1178", signerName: "Nguyễn Quốc Hoàn" } });
      expect(all.district?.resolved).toMatchObject({ authorityName: "QUẬN HOÀN KIẾM", place: "Hoàn Kiếm", documentNumber: "1178" });
    });
  });

  it("the city's default: admins edit it (audited), every district's next draft uses it, others are refused, bad input is refused", async () => {
    state.user = official;
    const refused = await updateDispatchTemplateAction({ ...DEFAULT_DISPATCH_TEMPLATE, installSource: "Ai Đó" });
    expect(refused).toMatchObject({ ok: false, status: 403 });

    state.user = admin;
    const invalid = await updateDispatchTemplateAction({ ...DEFAULT_DISPATCH_TEMPLATE, subject: "  ", recipients: "" });
    expect(invalid).toMatchObject({ ok: false, status: 400 });
    if (!invalid.ok) expect(Object.keys(invalid.fieldErrors ?? {})).toEqual(expect.arrayContaining(["subject", "recipients"]));

    const saved = await updateDispatchTemplateAction({
      ...DEFAULT_DISPATCH_TEMPLATE,
      signerName: "Lê Văn Chung",
      recipients: "Như trên;\nThường trực {cấp ủy};\nLưu: VT.",
    });
    expect(saved).toEqual({ ok: true, data: { changed: ["recipients", "signerName"] } });
    const audit = await db.prisma.auditLog.findFirst({ where: { action: "setting.update", entityKey: DISPATCH_TEMPLATE_KEY }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ userId: admin.id, entity: "setting", unitCode: null, after: { signerName: "Lê Văn Chung" } });
    expect(audit?.before).toMatchObject({ signerName: "" });

    // Hoàn Kiếm keeps its own signer and number; the recipients are the city's, with its own words.
    const hoanKiem = await docxParagraphs(await (await GET(request({ ...GOLDEN, format: "docx" }))).arrayBuffer());
    expect(hoanKiem).toContain("Nguyễn Quốc Hoàn");
    expect(hoanKiem).toContain("Số: 1178/UBND-VHTT");
    expect(hoanKiem).toContain("- Thường trực Quận ủy;");
    expect(hoanKiem).toContain("- Lưu: VT.");
    expect(hoanKiem.join("\n")).not.toContain("Sở Thông tin và Truyền thông Hà Nội;");
    // The figures do not depend on the template.
    expect(hoanKiem.join("\n")).toContain(DISTRICT_SENTENCE);
    // Ba Đình has no signer of its own: it gets the city's.
    const baDinh = await docxParagraphs(await (await GET(request({ district: BA_DINH, installDay: "2021-08-17", qrDay: "2021-08-14", format: "docx" }))).arrayBuffer());
    expect(baDinh).toContain("Lê Văn Chung");

    // A malformed stored value falls back to the default rather than breaking the download; so
    // does a malformed district template (the district then uses the default).
    await db.prisma.setting.update({ where: { key: DISPATCH_TEMPLATE_KEY }, data: { value: { signerName: 42 } } });
    expect(await getCityDispatchTemplate(db.prisma)).toEqual(DEFAULT_DISPATCH_TEMPLATE);
    await db.prisma.setting.delete({ where: { key: DISPATCH_TEMPLATE_KEY } });
    await db.prisma.districtDispatchTemplate.update({ where: { unitCode: HOAN_KIEM }, data: { fields: { documentNumber: ["1178"] } } });
    expect((await getDistrictDispatchTemplate(admin, HOAN_KIEM)).documentNumber).toBe("");
    await db.prisma.districtDispatchTemplate.delete({ where: { unitCode: HOAN_KIEM } });
    await loadDemoDispatchTemplates(db.prisma);
    expect((await getDistrictDispatchTemplate(admin, HOAN_KIEM)).documentNumber).toBe("1178");
  });
});
