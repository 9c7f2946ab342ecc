import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatCount, formatPercent } from "@/lib/domain/format";
import { compareRatios } from "@/lib/domain/ratio";
import { generateDemo } from "@/prisma/seed/demo-data";
import { describeOnBothDatabases, type TestDatabase } from "../setup/databases";

// The morning digest and the reminders on the demo data, delivered through the real e-mail channel
// to an in-process SMTP server (smtp-server) and through the in-app list: the digest of 14/8/2021
// names Phúc Tân as the zero-scan ward with Hoàn Kiếm's figures of that day (computed here from the
// demo generator, not read back through the code under test); the reminders of 15/8 go only to the
// chair of Hàng Bồ, the one ward of the demo that did not report that day; every message is in the
// message log, and a retried run sends nothing twice.

const { serveDatabaseForTests } = await import("@/lib/db");
const { runDigest, runReminders } = await import("@/lib/jobs/runs");
const { signUnsubscribeToken, verifyUnsubscribeToken } = await import("@/lib/notifications/unsubscribe-token");
const { POST: unsubscribePost } = await import("@/app/api/unsubscribe/route");

process.env.NEXTAUTH_SECRET = "integration-test-secret-0123456789abcdef";
process.env.WARDWATCH_PUBLIC_URL = "https://wardwatch.example.vn";

type Captured = { to: string; mail: ParsedMail };

function startSmtp(): Promise<{ server: SMTPServer; port: number; mails: Captured[] }> {
  const mails: Captured[] = [];
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS", "AUTH"],
    authOptional: true,
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          for (const rcpt of session.envelope.rcptTo) mails.push({ to: rcpt.address, mail });
          callback();
        })
        .catch(callback);
    },
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, port: (server.server.address() as AddressInfo | null)?.port ?? 0, mails })));
}

/** Hoàn Kiếm's figures of a day from the demo generator: its wards' reports summed, its rank among the city's districts. */
function expectedFromDemo(day: string) {
  const demo = generateDemo();
  const hkWards = new Set(demo.units.filter((u) => u.parentCode === "002" && u.level === "WARD").map((u) => u.code));
  const wardRows = demo.figures.filter((f) => f.day === day && f.source === "WARD_REPORT" && hkWards.has(f.unitCode));
  const installs = wardRows.reduce((s, f) => s + f.installs, 0);
  const smartphones = wardRows.reduce((s, f) => s + f.smartphones, 0);
  const districts = demo.units.filter((u) => u.level === "DISTRICT" && u.parentCode === "01").map((u) => u.code);
  const ratioOf = (code: string, d: string) => {
    if (code === "002") {
      const rows = demo.figures.filter((f) => f.day === d && f.source === "WARD_REPORT" && hkWards.has(f.unitCode));
      return { num: rows.reduce((s, f) => s + f.installs, 0), den: rows.reduce((s, f) => s + f.smartphones, 0) };
    }
    const row = demo.figures.find((f) => f.day === d && f.unitCode === code && f.source === "IMPORT");
    if (!row) throw new Error(`no import for ${code} on ${d}`);
    return { num: row.installs, den: row.smartphones };
  };
  const rankOn = (d: string) => {
    const own = ratioOf("002", d);
    return 1 + districts.filter((c) => c !== "002" && (compareRatios(ratioOf(c, d), own) ?? 0) > 0).length;
  };
  const zeroScan = wardRows.filter((f) => f.scans === 0).map((f) => f.unitCode);
  return { installs, smartphones, rank: rankOn(day), rankBefore: rankOn("2021-08-13"), districts: districts.length, zeroScan, wards: hkWards.size };
}

describeOnBothDatabases("notifications digest", (open) => {
  let db: TestDatabase;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;

  beforeAll(async () => {
    db = await open({ demo: true });
    // The demo accounts have no e-mail: give every official and chair one.
    const users = await db.prisma.user.findMany({ select: { id: true, username: true } });
    for (const u of users) await db.prisma.user.update({ where: { id: u.id }, data: { email: `${u.username}@example.vn` } });
    serveDatabaseForTests(db);
    smtp = await startSmtp();
    process.env.SMTP_HOST = "127.0.0.1";
    process.env.SMTP_PORT = String(smtp.port);
    process.env.SMTP_FROM = "WardWatch <no-reply@example.vn>";
  });
  afterAll(async () => {
    serveDatabaseForTests(null);
    await new Promise<void>((resolve) => (smtp ? smtp.server.close(() => resolve()) : resolve()));
    await db?.dispose();
  });

  it("the digest of 14/8/2021 names Phúc Tân as the zero-scan ward, with Hoàn Kiếm's figures and rank", async () => {
    const expected = expectedFromDemo("2021-08-14");
    expect(expected.zeroScan).toEqual(["00037"]);
    // a city official of Hà Nội (the demo has none)
    await db.prisma.user.create({
      data: { username: "tp.hanoi", displayName: "Cán bộ Sở TT&TT Hà Nội", passwordHash: "not-used", role: "CITY_OFFICIAL", unitCode: "01", email: "tp.hanoi@example.vn" },
    });
    const result = await runDigest(db.prisma, { now: new Date("2021-08-15T03:30:00Z") });
    // the city official: one message with the digests of the districts whose wards report (Hoàn Kiếm, Ba Đình)
    const city = smtp.mails.find((m) => m.to === "tp.hanoi@example.vn");
    expect(city?.mail.subject).toBe("Bản tin sáng: số liệu ngày 14/8/2021 của 2 quận, huyện");
    expect(city?.mail.text).toContain("Bản tin sáng Quận Ba Đình: số liệu ngày 14/8/2021");
    expect(city?.mail.text).toContain("Phường Phúc Tân không phát sinh lượt quét mã QR trong ngày 14/8/2021.");
    const official = smtp.mails.find((m) => m.to === "quan.hoankiem@example.vn");
    expect(official, "the Hoàn Kiếm official got the digest by e-mail").toBeDefined();
    const mail = official!.mail;
    const text = mail.text ?? "";
    expect(mail.subject).toBe("Bản tin sáng Quận Hoàn Kiếm: số liệu ngày 14/8/2021");
    const rate = formatPercent({ num: expected.installs, den: expected.smartphones });
    expect(text).toContain(
      `Ngày 14/8/2021, Quận Hoàn Kiếm có ${formatCount(expected.smartphones)} điện thoại thông minh, trong đó ${formatCount(expected.installs)} chiếc đã cài đặt ứng dụng Bluezone, chiếm tỷ lệ ${rate}`,
    );
    expect(text).toContain(`đứng thứ ${expected.rank}/${expected.districts} trên toàn thành phố Hà Nội`);
    const move = expected.rankBefore - expected.rank;
    expect(text).toContain(move > 0 ? `tăng ${move} bậc` : move < 0 ? `giảm ${-move} bậc` : "giữ nguyên so với ngày trước");
    expect(text).toContain("Phường Phúc Tân không phát sinh lượt quét mã QR trong ngày 14/8/2021.");
    expect(text).toContain(`Tất cả ${expected.wards} phường đã báo cáo.`);
    expect(text).toContain("https://wardwatch.example.vn/?district=002&day=2021-08-14");
    expect(text).toContain("https://wardwatch.example.vn/wards/00037?day=2021-08-14");
    // HTML part, Vietnamese, with the same words and absolute links
    expect(mail.html).toContain("Phường Phúc Tân không phát sinh lượt quét mã QR");
    expect(mail.html).toContain('href="https://wardwatch.example.vn/alerts?district=002&amp;day=2021-08-14"');
    // the unsubscribe link: the official's own, signed
    const header = mail.headerLines.find((h) => h.key === "list-unsubscribe")?.line ?? "";
    expect(header).toContain("https://wardwatch.example.vn/unsubscribe?token=");
    expect(mail.headerLines.find((h) => h.key === "list-unsubscribe-post")?.line).toContain("List-Unsubscribe=One-Click");
    const token = decodeURIComponent(/unsubscribe\?token=(\S+)/.exec(text)?.[1] ?? "");
    const user = await db.prisma.user.findUniqueOrThrow({ where: { username: "quan.hoankiem" }, select: { id: true } });
    expect(verifyUnsubscribeToken(process.env.NEXTAUTH_SECRET!, token)).toEqual({ userId: user.id, channel: "email" });
    expect(text).toContain(`/unsubscribe?token=`);
    // in the app too, and logged per channel
    const inApp = await db.prisma.notification.findMany({ where: { userId: user.id }, select: { subject: true, body: true } });
    expect(inApp.map((n) => n.subject)).toEqual(["Bản tin sáng Quận Hoàn Kiếm: số liệu ngày 14/8/2021"]);
    const logs = await db.prisma.messageLog.findMany({ where: { jobRunId: result.runId }, select: { channel: true, ok: true, userId: true } });
    expect(logs.filter((l) => l.userId === user.id).map((l) => [l.channel, l.ok])).toEqual([
      ["email", true],
      ["in_app", true],
    ]);
    const run = await db.prisma.jobRun.findUniqueOrThrow({ where: { id: result.runId } });
    expect(run.status).toBe("succeeded");
    expect(run.sent).toBe(logs.filter((l) => l.ok).length);
  });

  it("reminders for 15/8 go only to the chair of Hàng Bồ (the ward that did not report), once", async () => {
    smtp.mails.length = 0;
    // 08:00 on 16/8 in Hà Nội
    const first = await runReminders(db.prisma, "first", { now: new Date("2021-08-16T01:00:00Z") });
    const chairs = await db.prisma.user.findMany({ where: { role: "WARD_CHAIR" }, select: { id: true, email: true, unitCode: true } });
    const hangBo = chairs.find((c) => c.unitCode === "00052");
    expect(hangBo).toBeDefined();
    expect(smtp.mails.map((m) => m.to)).toEqual([hangBo!.email]);
    expect(smtp.mails[0]!.mail.subject).toBe("Nhắc báo cáo ngày 15/8/2021: Phường Hàng Bồ chưa gửi số liệu");
    expect(first.summary).toContain("nhắc 1 đơn vị chưa báo cáo (Phường Hàng Bồ)");
    // the same run again (a retry): the dedupe keys keep it from sending twice
    await runReminders(db.prisma, "first", { now: new Date("2021-08-16T01:05:00Z") });
    expect(smtp.mails).toHaveLength(1);
    // a paused user gets nothing, and a chair whose ward reported never does
    await db.prisma.notificationPreference.create({ data: { userId: hangBo!.id, paused: true } });
    await runReminders(db.prisma, "deadline", { now: new Date("2021-08-16T02:30:00Z") });
    expect(smtp.mails).toHaveLength(1);
    // 10:30 on 16/8: past the deadline of 15/8, no reminder at all
    const late = await runReminders(db.prisma, "deadline", { now: new Date("2021-08-16T03:30:00Z"), day: "2021-08-15" });
    expect(late.summary).toContain("quá hạn");
  });

  it("the one-click unsubscribe turns e-mail off for its user only; a forged token changes nothing", async () => {
    const official = await db.prisma.user.findUniqueOrThrow({ where: { username: "quan.hoankiem" }, select: { id: true } });
    const forged = signUnsubscribeToken("another-secret-0123456789abcdef0123", official.id, "email");
    const refused = await unsubscribePost(new Request(`http://localhost:3000/api/unsubscribe?token=${encodeURIComponent(forged)}`, { method: "POST" }));
    expect(refused.status).toBe(403);
    expect(await db.prisma.notificationPreference.findUnique({ where: { userId: official.id } })).toBeNull();
    const token = signUnsubscribeToken(process.env.NEXTAUTH_SECRET!, official.id, "email");
    const ok = await unsubscribePost(new Request(`http://localhost:3000/api/unsubscribe?token=${encodeURIComponent(token)}`, { method: "POST" }));
    expect(ok.status).toBe(200);
    expect((await db.prisma.notificationPreference.findUniqueOrThrow({ where: { userId: official.id } })).disabledChannels).toEqual(["email"]);
    // the next digest reaches the official in the app only
    smtp.mails.length = 0;
    await runDigest(db.prisma, { now: new Date("2021-08-16T03:30:00Z") });
    expect(smtp.mails.map((m) => m.to)).not.toContain("quan.hoankiem@example.vn");
    expect(smtp.mails.map((m) => m.to)).toContain("quan.badinh@example.vn");
    expect(await db.prisma.notification.count({ where: { userId: official.id } })).toBe(2);
  });
});

describe("digest facts", () => {
  it("the expected figures come from the demo (sanity of the fixture itself)", () => {
    const e = expectedFromDemo("2021-08-14");
    expect(e.wards).toBe(18);
    expect(e.installs).toBeGreaterThan(0);
  });
});
