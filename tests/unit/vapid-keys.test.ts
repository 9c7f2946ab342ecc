import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import webpush from "web-push";
import { resolveVapidKeys, VAPID_FILE_NAME, VapidKeyError } from "@/lib/push/vapid";

// The VAPID key pair is kept like the session key: from the environment, else created once in the
// data folder (mode 0600) and read back unchanged on every later start.

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wardwatch-pwa-vapid-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe("VAPID keys", () => {
  it("are created once in the data folder, private to the server's user, and read back on the next start", () => {
    const dir = path.join(tempDir(), "not-yet");
    const first = resolveVapidKeys({ env: {}, dataDir: dir });
    expect(first.source).toBe("file");
    const file = path.join(dir, VAPID_FILE_NAME);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const again = resolveVapidKeys({ env: {}, dataDir: dir });
    expect(again.publicKey).toBe(first.publicKey);
    expect(again.privateKey).toBe(first.privateKey);
    expect(first.subject).toMatch(/^mailto:/);
    // A pair web-push accepts: it signs a VAPID header with it.
    expect(() => webpush.getVapidHeaders("https://push.example", first.subject, first.publicKey, first.privateKey, "aes128gcm")).not.toThrow();
  });

  it("come from the environment when both are set, and a half or malformed pair is refused", () => {
    const pair = webpush.generateVAPIDKeys();
    const dir = tempDir();
    const env = { WARDWATCH_VAPID_PUBLIC_KEY: pair.publicKey, WARDWATCH_VAPID_PRIVATE_KEY: pair.privateKey, WARDWATCH_VAPID_SUBJECT: "https://wardwatch.example.vn" };
    expect(resolveVapidKeys({ env, dataDir: dir })).toEqual({ ...pair, subject: "https://wardwatch.example.vn", source: "env" });
    expect(fs.existsSync(path.join(dir, VAPID_FILE_NAME))).toBe(false);
    expect(() => resolveVapidKeys({ env: { WARDWATCH_VAPID_PUBLIC_KEY: pair.publicKey }, dataDir: dir })).toThrow(VapidKeyError);
    expect(() => resolveVapidKeys({ env: { ...env, WARDWATCH_VAPID_SUBJECT: "http://x" }, dataDir: dir })).toThrow(/mailto/);
  });

  it("refuse a damaged key file instead of silently replacing it (that would orphan every subscription)", () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, VAPID_FILE_NAME), "short\n", { mode: 0o600 });
    expect(() => resolveVapidKeys({ env: {}, dataDir: dir })).toThrow(/bị hỏng/);
  });
});
