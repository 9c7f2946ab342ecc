import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, expect, it, vi } from "vitest";
import { createPushChannel } from "@/lib/notifications/push-channel";
import type { OutgoingMessage, Recipient } from "@/lib/notifications/channel";
import { resolveVapidKeys, type VapidKeys } from "@/lib/push/vapid";
import type { SessionUser } from "@/lib/permissions";
import { DELETE, PUT } from "@/app/api/push/subscription/route";
import { PHUC_TAN, seedUnits } from "../factories/units";
import { createTestUser } from "../factories/users";
import { describeOnBothDatabases, type TestDatabase } from "../setup/databases";
import { closeServedDatabase, openServedDatabase, resetTestRequest, testRequest } from "../setup/serve-database";

vi.mock("@/lib/auth/session", () => import("../setup/serve-database").then((m) => m.sessionModule()));
vi.mock("next/headers", () => import("../setup/serve-database").then((m) => m.headersModule()));

// Web Push proven at the web-push boundary (headless Chromium has no push service offline): a
// local HTTPS server plays the browser's push service. A subscription saved through the route is
// sent to by the push channel; the request that arrives carries a VAPID Authorization header whose
// JWT verifies with the server's public key, and an aes128gcm body this test decrypts with the
// "browser's" private key (RFC 8291, written out here, not with web-push's own code) to the
// payload the service worker shows. A 410 removes the subscription; a push service that never
// answers costs at most the channel's deadline.

type Arrived = { path: string; headers: Record<string, string | string[] | undefined>; body: Buffer };

class FakePushService {
  arrived: Arrived[] = [];
  /** What the push service answers for a device, by its path. */
  answer: (path: string) => "created" | "gone" | "hang" = () => "created";
  private server!: https.Server;
  port = 0;
  ca = "";

  async start(dir: string): Promise<void> {
    const key = path.join(dir, "key.pem");
    const cert = path.join(dir, "cert.pem");
    execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
      "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", cert], { stdio: "ignore" });
    this.ca = fs.readFileSync(cert, "utf8");
    this.server = https.createServer({ key: fs.readFileSync(key), cert: this.ca }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        this.arrived.push({ path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks) });
        const answer = this.answer(req.url ?? "");
        if (answer === "hang") return; // never answers
        res.writeHead(answer === "gone" ? 410 : 201).end(answer === "gone" ? "push subscription has unsubscribed or expired." : "");
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as { port: number }).port;
  }

  endpoint(id: string): string {
    return `https://127.0.0.1:${this.port}/push/${id}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** A browser's side of a subscription: its P-256 key pair and auth secret. */
function browserKeys() {
  const ecdh = crypto.createECDH("prime256v1");
  ecdh.generateKeys();
  const auth = crypto.randomBytes(16);
  return { ecdh, auth, p256dh: ecdh.getPublicKey().toString("base64url"), authB64: auth.toString("base64url") };
}

const hkdf = (salt: Buffer, ikm: Buffer, info: Buffer, length: number) => Buffer.from(crypto.hkdfSync("sha256", ikm, salt, info, length));

/** RFC 8291 / RFC 8188: the user agent's decryption of one aes128gcm record. */
function decryptAes128gcm(body: Buffer, browser: ReturnType<typeof browserKeys>): string {
  const salt = body.subarray(0, 16);
  const idlen = body.readUInt8(20);
  const senderPublic = body.subarray(21, 21 + idlen);
  const record = body.subarray(21 + idlen);
  const shared = browser.ecdh.computeSecret(senderPublic);
  const keyInfo = Buffer.concat([Buffer.from("WebPush: info\0"), browser.ecdh.getPublicKey(), senderPublic]);
  const ikm = hkdf(browser.auth, shared, keyInfo, 32);
  const cek = hkdf(salt, ikm, Buffer.from("Content-Encoding: aes128gcm\0"), 16);
  const nonce = hkdf(salt, ikm, Buffer.from("Content-Encoding: nonce\0"), 12);
  const decipher = crypto.createDecipheriv("aes-128-gcm", cek, nonce);
  decipher.setAuthTag(record.subarray(record.length - 16));
  const padded = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end -= 1;
  expect(padded[end]).toBe(2); // the last record's delimiter
  return padded.subarray(0, end).toString("utf8");
}

/** Checks the VAPID header (RFC 8292): "vapid t=<ES256 JWT>, k=<public key>" for this push service's origin. */
function verifyVapid(header: string, keys: VapidKeys, origin: string): void {
  const match = /^vapid t=([^,]+), k=(.+)$/.exec(header);
  expect(match).not.toBeNull();
  const [, jwt = "", k] = match as RegExpExecArray;
  expect(k).toBe(keys.publicKey);
  const [h = "", p = "", s = ""] = jwt.split(".");
  expect(JSON.parse(Buffer.from(h, "base64url").toString())).toMatchObject({ alg: "ES256", typ: "JWT" });
  const claims = JSON.parse(Buffer.from(p, "base64url").toString());
  expect(claims.aud).toBe(origin);
  expect(claims.sub).toBe(keys.subject);
  expect(claims.exp).toBeGreaterThan(Date.now() / 1000);
  const raw = Buffer.from(keys.publicKey, "base64url");
  const publicKey = crypto.createPublicKey({ key: { kty: "EC", crv: "P-256", x: raw.subarray(1, 33).toString("base64url"), y: raw.subarray(33).toString("base64url") }, format: "jwk" });
  const valid = crypto.verify("sha256", Buffer.from(`${h}.${p}`), { key: publicKey, dsaEncoding: "ieee-p1363" }, Buffer.from(s, "base64url"));
  expect(valid).toBe(true);
}

function request(method: "PUT" | "DELETE", body: unknown, origin = "http://localhost:3000"): Request {
  return new Request("http://localhost:3000/api/push/subscription", {
    method,
    headers: { host: "localhost:3000", origin, "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

const message: OutgoingMessage = {
  kind: "reminder",
  subject: "Nhắc báo cáo ngày 14/08/2021",
  text: "Phường Phúc Tân chưa gửi báo cáo ngày 14/08/2021.\nHạn nộp: 10:00 ngày 15/08/2021.",
  url: "/entry?day=2021-08-14",
};

describeOnBothDatabases("web push channel", (open) => {
  let db: TestDatabase;
  let chair: SessionUser;
  let other: SessionUser;
  let recipient: Recipient;
  let keys: VapidKeys;
  const service = new FakePushService();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "wardwatch-pwa-push-"));
  const savedCa = https.globalAgent.options.ca;

  beforeAll(async () => {
    db = await openServedDatabase(open);
    await seedUnits(db.prisma);
    chair = await createTestUser(db.prisma, { role: "WARD_CHAIR", unitCode: PHUC_TAN });
    other = await createTestUser(db.prisma, { role: "WARD_CHAIR", unitCode: PHUC_TAN });
    recipient = { userId: String(chair.id), displayName: chair.displayName, email: null, locale: "vi" };
    keys = resolveVapidKeys({ env: {}, dataDir: tmp });
    await service.start(tmp);
    // The test's push service has a self-signed certificate: trusted by this process's https agent only.
    https.globalAgent.options.ca = service.ca;
  });
  afterAll(async () => {
    https.globalAgent.options.ca = savedCa;
    await service.stop();
    await closeServedDatabase(db);
    fs.rmSync(tmp, { recursive: true, force: true });
  });
  beforeEach(() => {
    resetTestRequest();
    service.arrived = [];
    service.answer = () => "created";
  });

  it("refuses a subscription without a session, from another site, or that is not an https endpoint with keys", async () => {
    const browser = browserKeys();
    const sub = { endpoint: service.endpoint("x"), keys: { p256dh: browser.p256dh, auth: browser.authB64 } };
    expect((await PUT(request("PUT", sub))).status).toBe(401);
    testRequest.user = chair;
    expect((await PUT(request("PUT", sub, "https://evil.example"))).status).toBe(403);
    expect((await PUT(request("PUT", { ...sub, endpoint: "http://127.0.0.1/push/x" }))).status).toBe(400);
    expect((await PUT(request("PUT", { endpoint: sub.endpoint }))).status).toBe(400);
    expect((await PUT(request("PUT", "{not json"))).status).toBe(400);
    expect(await db.prisma.pushSubscription.count()).toBe(0);
  });

  it("delivers an encrypted, VAPID-signed message to the device subscribed through the route", async () => {
    const browser = browserKeys();
    testRequest.user = chair;
    const res = await PUT(request("PUT", { endpoint: service.endpoint("phone"), expirationTime: null, keys: { p256dh: browser.p256dh, auth: browser.authB64 } }));
    expect(res.status).toBe(200);

    const outcome = await createPushChannel({ vapid: () => keys }).send(message, recipient);
    expect(outcome).toEqual({ ok: true, detail: "1/1 device(s)" });
    expect(service.arrived).toHaveLength(1);
    const arrived = service.arrived[0] as Arrived;
    expect(arrived.path).toBe("/push/phone");
    expect(arrived.headers["content-encoding"]).toBe("aes128gcm");
    expect(Number(arrived.headers.ttl)).toBe(86_400);
    verifyVapid(String(arrived.headers.authorization), keys, `https://127.0.0.1:${service.port}`);
    expect(JSON.parse(decryptAes128gcm(arrived.body, browser))).toEqual({
      title: "Nhắc báo cáo ngày 14/08/2021",
      body: "Phường Phúc Tân chưa gửi báo cáo ngày 14/08/2021.",
      url: "/entry?day=2021-08-14",
    });
    const row = await db.prisma.pushSubscription.findUniqueOrThrow({ where: { endpoint: service.endpoint("phone") } });
    expect(row.userId).toBe(chair.id);
    expect(row.lastSuccessAt).not.toBeNull();

    // Nobody else's devices: the other chair has none.
    const none = await createPushChannel({ vapid: () => keys }).send(message, { ...recipient, userId: String(other.id) });
    expect(none).toMatchObject({ ok: false, retryable: false });
    expect(service.arrived).toHaveLength(1);
  });

  it("removes a subscription the push service says is gone (410)", async () => {
    const browser = browserKeys();
    testRequest.user = chair;
    expect((await PUT(request("PUT", { endpoint: service.endpoint("old"), keys: { p256dh: browser.p256dh, auth: browser.authB64 } }))).status).toBe(200);
    service.answer = (p) => (p.endsWith("/old") ? "gone" : "created");
    const outcome = await createPushChannel({ vapid: () => keys }).send(message, recipient);
    expect(outcome.ok).toBe(true); // the phone of the previous test still received it
    expect(outcome.ok && outcome.detail).toMatch(/1\/2 device\(s\), 1 expired and removed/);
    expect(await db.prisma.pushSubscription.count({ where: { endpoint: service.endpoint("old") } })).toBe(0);
    expect(await db.prisma.pushSubscription.count({ where: { endpoint: service.endpoint("phone") } })).toBe(1);
    await db.prisma.pushSubscription.deleteMany({ where: { endpoint: service.endpoint("phone") } });
  });

  it("gives up on a push service that never answers at the deadline, keeps the subscription and records the failure", async () => {
    const browser = browserKeys();
    testRequest.user = chair;
    expect((await PUT(request("PUT", { endpoint: service.endpoint("slow"), keys: { p256dh: browser.p256dh, auth: browser.authB64 } }))).status).toBe(200);
    service.answer = () => "hang";
    const outcome = await createPushChannel({ vapid: () => keys, deadlineMs: 500 }).send(message, recipient);
    expect(outcome).toMatchObject({ ok: false, retryable: true });
    const row = await db.prisma.pushSubscription.findUniqueOrThrow({ where: { endpoint: service.endpoint("slow") } });
    expect(row.lastFailureAt).not.toBeNull();
    expect(row.lastError).toMatch(/timeout/i);
  });

  it("unsubscribes only the signed-in user's own device", async () => {
    testRequest.user = other;
    expect(await (await DELETE(request("DELETE", { endpoint: service.endpoint("slow") }))).json()).toEqual({ subscribed: false, removed: false });
    testRequest.user = chair;
    expect(await (await DELETE(request("DELETE", { endpoint: service.endpoint("slow") }))).json()).toEqual({ subscribed: false, removed: true });
    expect(await db.prisma.pushSubscription.count()).toBe(0);
  });
});
