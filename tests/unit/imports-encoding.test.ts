import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { OverloadedError } from "@/lib/errors";
import { detectUtf16, ENCODING_MESSAGES, Utf8Checker } from "@/lib/imports/encoding";
import { classifyServerFailure, FAILURE_MESSAGES } from "@/lib/imports/failures";
import { ignoredColumnsText, readHeader, SHOWN_IGNORED } from "@/lib/imports/header";
import { IMPORT_COLUMNS } from "@/lib/imports/kinds";
import { phaseLabel } from "@/lib/domain/imports/progress";
import { importQueue } from "@/lib/imports/queue";
import { windows1258 } from "../factories/import-files";

// Issue 14: the checks that name why a file or the server failed, the header's unused columns,
// and the import queue's places and bound.

const REGISTER = "venue_code,name,address,category,ward_code,registered_on,status\nHK-1,Chợ Hàng Da,,MARKET,00049,2021-07-20,ACTIVE\n";

/** Feeds `bytes` to a checker in pieces cut at `cuts`; returns the first offset reported, or -1. */
function check(bytes: Uint8Array, cuts: number[]): number {
  const checker = new Utf8Checker();
  let at = 0;
  for (const cut of [...cuts.filter((c) => c > 0 && c < bytes.length)].sort((a, b) => a - b).concat(bytes.length)) {
    const found = checker.push(bytes.subarray(at, cut));
    if (found >= 0) return found;
    at = cut;
  }
  return checker.end();
}

describe("file encodings", () => {
  it("recognises UTF-16 by its BOM and, without one, by its NUL bytes; not UTF-8 or Windows-1258", () => {
    const le = Buffer.from(REGISTER, "utf16le");
    const be = Buffer.from(le).swap16();
    expect(detectUtf16(Buffer.concat([Buffer.from([0xff, 0xfe]), le]))).toBe("LE");
    expect(detectUtf16(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toBe("BE");
    expect(detectUtf16(le)).toBe("LE");
    expect(detectUtf16(be)).toBe("BE");
    expect(detectUtf16(Buffer.from(REGISTER, "utf8"))).toBeNull();
    expect(detectUtf16(Buffer.from(`\uFEFF${REGISTER}`, "utf8"))).toBeNull();
    expect(detectUtf16(windows1258("venue_code,name\nHK-1,Chợ Hàng Da\n"))).toBeNull();
  });

  it("accepts UTF-8 however it is cut into chunks, and finds the first byte of a Windows-1258 file that is not", () => {
    const utf8 = Buffer.from(`${REGISTER}Đường Lò Sũ 😷\n`, "utf8");
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: utf8.length }), { maxLength: 12 }), (cuts) => {
        expect(check(utf8, cuts)).toBe(-1);
      }),
    );
    const legacy = windows1258("venue_code,name\nHK-1,Chợ Hàng Da\n");
    const first = "venue_code,name\nHK-1,Ch".length;
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: legacy.length }), { maxLength: 8 }), (cuts) => {
        expect(check(legacy, cuts)).toBe(first);
      }),
    );
    // A character cut by the end of the file is not UTF-8 either.
    expect(check(utf8.subarray(0, utf8.length - 2), [])).toBe(utf8.length - 5);
    expect(ENCODING_MESSAGES.notUtf8(first)).toMatch(/không phải UTF-8.*byte thứ 24.*Windows-1258.*TCVN3.*CSV UTF-8/);
    expect(ENCODING_MESSAGES.utf16("LE")).toMatch(/UTF-16 LE.*CSV UTF-8.*Không có số liệu nào được ghi/);
  });
});

describe("server failures", () => {
  it("tells a full disk, a timeout and a check violation from other errors, as each driver reports them", () => {
    const enospc = Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC", errno: -28, syscall: "write" });
    const pgDiskFull = Object.assign(new Error('could not extend file "base/16384/16385": No space left on device'), { code: "53100" });
    const prismaWrapped = Object.assign(new Error("Invalid `prisma.$executeRaw()` invocation"), {
      code: "P2010",
      meta: { code: "53100", message: "could not extend file" },
    });
    const adapterCause = new Error("Driver adapter error", { cause: { originalCode: "53100", originalMessage: "could not write to file" } });
    const lock = Object.assign(new Error("canceling statement due to lock timeout"), { code: "55P03" });
    const statement = Object.assign(new Error("canceling statement due to statement timeout"), { code: "57014" });
    const cancelled = Object.assign(new Error("canceling statement due to user request"), { code: "57014" });
    const check = Object.assign(new Error('new row for relation "daily_figure" violates check constraint "installs_le_smartphones"'), { code: "23514" });
    for (const err of [enospc, pgDiskFull, prismaWrapped, adapterCause]) expect(classifyServerFailure(err)).toBe("disk-full");
    for (const err of [lock, statement]) expect(classifyServerFailure(err)).toBe("timeout");
    expect(classifyServerFailure(check)).toBe("check-violation");
    expect(classifyServerFailure(cancelled)).toBeNull();
    expect(classifyServerFailure(new Error("boom"))).toBeNull();
    expect(classifyServerFailure("ENOSPC as a string is not an error object")).toBeNull();
    expect(FAILURE_MESSAGES["disk-full"]).toMatch(/Ổ đĩa của máy chủ đã đầy.*không thay đổi.*quản trị hệ thống/);
    expect(FAILURE_MESSAGES.timeout).toMatch(/quá thời gian chờ.*không thay đổi/);
  });
});

describe("unused columns", () => {
  it("names the first 20 unused columns and counts the rest, however many there are", () => {
    const extra = Array.from({ length: 120_000 }, (_, i) => `cot_thua_${i + 1}`);
    const result = readHeader(["venue_code", ...extra, "scanned_at"], IMPORT_COLUMNS.QR_SCAN_LOG);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.header.ignoredCount).toBe(120_000);
    expect(result.header.ignored).toEqual(extra.slice(0, SHOWN_IGNORED));
    expect(result.header.index.get("scanned_at")).toBe(120_001);
    const text = ignoredColumnsText(result.header);
    expect(text).toContain("Bỏ qua 120.000 cột không dùng");
    expect(text).toContain("cot_thua_20,");
    expect(text).not.toContain("cot_thua_21");
    expect(text.length).toBeLessThan(1000);
  });
});

describe("import queue", () => {
  it("runs one import at a time, tells the waiting their place as it moves up, and refuses beyond its bound", async () => {
    const queue = importQueue();
    const places: Record<string, number[]> = { b: [], c: [] };
    const releaseA = await queue.enter({ limit: 1, bound: 2 });
    const b = queue.enter({ limit: 1, bound: 2, onPosition: (p) => places.b?.push(p) });
    const c = queue.enter({ limit: 1, bound: 2, onPosition: (p) => places.c?.push(p) });
    const refused = await queue.enter({ limit: 1, bound: 2 }).then(
      () => null,
      (err: unknown) => err,
    );
    expect(refused).toBeInstanceOf(OverloadedError);
    expect((refused as OverloadedError).status).toBe(503);
    expect((refused as OverloadedError).retryAfterSeconds).toBeGreaterThan(0);
    expect((refused as OverloadedError).message).toMatch(/đã có 2 tệp chờ/);
    expect(places).toEqual({ b: [1], c: [2] });
    releaseA();
    const releaseB = await b;
    expect(places).toEqual({ b: [1], c: [2, 1] });
    releaseB();
    const releaseC = await c;
    releaseC();
    expect(queue.stats).toEqual({ running: 0, waiting: 0 });
    expect(phaseLabel({ phase: "queued", queuePosition: 2 })).toBe("Đang chờ: thứ 2 trong hàng đợi");
    expect(phaseLabel({ phase: "queued", queuePosition: null })).toBe("Đang chờ lần nhập khác xong");
  });
});
