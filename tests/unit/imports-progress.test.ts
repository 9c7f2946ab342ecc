import { describe, expect, it } from "vitest";
import { readImportConfig } from "@/lib/imports/config";
import { canImport } from "@/lib/permissions";
import { formatBytes, formatDuration, formatInstantVi, formatSeconds, progressView, type ImportProgress } from "@/lib/domain/imports/progress";
import { ImportResultSchema, RollbackInputSchema, UploadQuerySchema } from "@/lib/schemas/imports";
import type { SessionUser } from "@/lib/permissions";

const base: ImportProgress = { phase: "reading", bytesRead: 0, bytesTotal: 1000, rows: 0, rowsRejected: 0, elapsedMs: 0, importId: 1 };

describe("progress", () => {
  it("gives the share read, rows per second and time left while reading", () => {
    expect(progressView({ ...base, bytesRead: 250, rows: 5000, elapsedMs: 1000 })).toEqual({ percent: 22, rowsPerSecond: 5000, secondsLeft: 3 });
    expect(progressView({ ...base, bytesRead: 1000, rows: 20000, elapsedMs: 4000 })).toEqual({ percent: 90, rowsPerSecond: 5000, secondsLeft: 0 });
  });

  it("knows nothing before it has measured, and nothing of the size when it is not given", () => {
    expect(progressView({ ...base, bytesRead: 10, elapsedMs: 50 })).toEqual({ percent: 0, rowsPerSecond: null, secondsLeft: null });
    expect(progressView({ ...base, bytesTotal: null, bytesRead: 10, rows: 10, elapsedMs: 1000 }).percent).toBeNull();
  });

  it("fills the rest of the bar while publishing", () => {
    expect(progressView({ ...base, phase: "publishing", elapsedMs: 1000 }).percent).toBe(93);
    expect(progressView({ ...base, phase: "done", elapsedMs: 1000 })).toMatchObject({ percent: 100, secondsLeft: 0 });
  });

  it("formats sizes, durations and instants the Vietnamese way", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(87_500_919)).toBe("83,4 MB");
    expect(formatBytes(1024 ** 3)).toBe("1,0 GB");
    expect(formatDuration(5)).toBe("5 giây");
    expect(formatDuration(125)).toBe("2 phút 5 giây");
    expect(formatDuration(3725)).toBe("1 giờ 2 phút");
    expect(formatSeconds(1234)).toBe("1,23 s");
    expect(formatInstantVi(Date.parse("2021-08-14T17:00:00Z"))).toBe("15/08/2021 00:00");
  });
});

describe("import boundaries", () => {
  it("parses the upload's query string", () => {
    const ok = UploadQuerySchema.safeParse({ kind: "qr-scan-log", fileName: "C:\\Downloads\\quét 14-8.csv", size: "1234", token: "3f0a7c52-9d2e-4b8a-8f3e-2c1d0b9a8e7f" });
    expect(ok.success && ok.data).toEqual({ kind: "QR_SCAN_LOG", fileName: "quét 14-8.csv", size: 1234, token: "3f0a7c52-9d2e-4b8a-8f3e-2c1d0b9a8e7f" });
    for (const bad of [
      { kind: "users", fileName: "a.csv", size: "1", token: "3f0a7c52-9d2e-4b8a-8f3e-2c1d0b9a8e7f" },
      { kind: "QR_SCAN_LOG", fileName: "", size: "1", token: "3f0a7c52-9d2e-4b8a-8f3e-2c1d0b9a8e7f" },
      { kind: "QR_SCAN_LOG", fileName: "a.csv", size: "-1", token: "3f0a7c52-9d2e-4b8a-8f3e-2c1d0b9a8e7f" },
      { kind: "QR_SCAN_LOG", fileName: "a.csv", size: "1", token: "nope" },
      { kind: ["QR_SCAN_LOG", "INSTALL_STATS"], fileName: "a.csv", size: "1", token: "3f0a7c52-9d2e-4b8a-8f3e-2c1d0b9a8e7f" },
    ]) {
      expect(UploadQuerySchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it("parses the rollback form", () => {
    expect(RollbackInputSchema.parse({ id: "12", reason: "  " })).toEqual({ id: 12, reason: null });
    expect(RollbackInputSchema.safeParse({ id: 0 }).success).toBe(false);
    expect(RollbackInputSchema.safeParse({ id: 1, reason: "x".repeat(501) }).success).toBe(false);
  });

  it("checks the result the browser receives", () => {
    const result = {
      id: 1, kind: "QR_SCAN_LOG", fileName: "a.csv", status: "SUCCEEDED", bytes: 10, rows: 1, rowsRejected: 0, dayFrom: "2021-08-14", dayTo: "2021-08-14",
      message: "ok", details: [], errors: [], errorCount: 0, hasErrorReport: false, durationMs: 5, duplicateOf: null, fileHash: "x", timings: {},
    };
    expect(ImportResultSchema.safeParse(result).success).toBe(true);
    expect(ImportResultSchema.safeParse({ ...result, dayFrom: "14/08/2021" }).success).toBe(false);
  });

  it("reads the limits from the environment", () => {
    expect(readImportConfig({ WARDWATCH_IMPORT_MAX_ROWS: "5" }).maxRows).toBe(5);
    expect(readImportConfig({}).maxBytes).toBe(1024 ** 3);
    expect(() => readImportConfig({ WARDWATCH_IMPORT_MAX_BYTES: "nhiều" })).toThrow("Cấu hình nhập dữ liệu không hợp lệ");
  });

  it("lets only admins import", () => {
    const user = (role: SessionUser["role"]): SessionUser => ({ id: 1, username: "u", displayName: "U", role, unitCode: null, districtCode: null });
    expect(canImport(user("ADMIN"))).toBe(true);
    expect(canImport(user("DISTRICT_OFFICIAL"))).toBe(false);
    expect(canImport(user("WARD_CHAIR"))).toBe(false);
  });
});
