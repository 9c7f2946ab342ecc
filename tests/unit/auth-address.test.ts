import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { clientAddress, normalizeAddress } from "../../lib/auth/rate-limit.ts";
import { credentialsHaveControlCharacters } from "../../lib/auth/credentials-body.ts";
import { decide, minutesUntil, THROTTLE } from "../../lib/auth/throttle.ts";
import { canViewAuditEntry, type SessionUser } from "../../lib/permissions.ts";

const { stampPeerAddress } = createRequire(import.meta.url)("../../lib/auth/peer-address.cjs") as {
  stampPeerAddress: (req: { headers: Record<string, string | undefined>; socket?: { remoteAddress?: string } }, trustedProxies: number) => void;
};

describe("clientAddress: the address the sign-in limits count", () => {
  it("without a trusted proxy: the one entry the server wrote (the socket's address)", () => {
    expect(clientAddress("203.0.113.9", 0)).toBe("203.0.113.9");
    expect(clientAddress("::ffff:203.0.113.9", 0)).toBe("203.0.113.9");
    expect(clientAddress(null, 0)).toBe("unknown");
  });
  it("with N trusted proxies: the N-th entry from the right; what the client wrote further left is never used", () => {
    expect(clientAddress("6.6.6.6, 203.0.113.9", 1)).toBe("203.0.113.9");
    expect(clientAddress("6.6.6.6, 203.0.113.9, 10.0.0.2", 2)).toBe("203.0.113.9");
    expect(clientAddress("203.0.113.9", 2)).toBe("unknown"); // did not come through both proxies
    expect(clientAddress("", 1)).toBe("unknown");
  });
  it("anything that is not an IP address is 'unknown'; ports are dropped; IPv6 counts by its /64", () => {
    expect(clientAddress("evil, not-an-ip", 1)).toBe("unknown");
    expect(clientAddress("1.2.3.4, 203.0.113.9:5123", 1)).toBe("203.0.113.9");
    expect(normalizeAddress("[2001:db8::1]:443")).toBe("2001:db8:0:0::/64");
    expect(normalizeAddress("2001:DB8:0:0:ffff::2")).toBe("2001:db8:0:0::/64");
    expect(normalizeAddress("2001:db8:1:2:3:4:5:6")).toBe("2001:db8:1:2::/64");
    expect(normalizeAddress("::1")).toBe("0:0:0:0::/64");
    expect(normalizeAddress("999.1.1.1")).toBe("unknown");
    expect(normalizeAddress("1.2.3.4\u0000")).toBe("unknown");
  });
});

describe("stampPeerAddress (npm start's preload)", () => {
  it("without a trusted proxy, replaces a client-sent X-Forwarded-For with the socket's address and drops X-Forwarded-Host/-Proto/-Port", () => {
    const req = {
      headers: { "x-forwarded-for": "6.6.6.6", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https", "x-forwarded-port": "1", host: "ww.lan:3000" } as Record<
        string,
        string | undefined
      >,
      socket: { remoteAddress: "192.168.1.20" },
    };
    stampPeerAddress(req, 0);
    expect(req.headers).toEqual({ "x-forwarded-for": "192.168.1.20", host: "ww.lan:3000" });
    expect(clientAddress(req.headers["x-forwarded-for"], 0)).toBe("192.168.1.20");
  });
  it("with trusted proxies, leaves the proxies' headers alone", () => {
    const headers = { "x-forwarded-for": "6.6.6.6, 203.0.113.9", "x-forwarded-host": "wardwatch.example" };
    const req = { headers: { ...headers }, socket: { remoteAddress: "10.0.0.2" } };
    stampPeerAddress(req, 1);
    expect(req.headers).toEqual(headers);
  });
});

describe("credentialsHaveControlCharacters (400 before next-auth runs)", () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  it("finds NUL and other control characters in a form-encoded or JSON body", () => {
    expect(credentialsHaveControlCharacters("application/x-www-form-urlencoded", enc("username=admin%00&password=x"))).toBe(true);
    expect(credentialsHaveControlCharacters("application/x-www-form-urlencoded", enc("username=admin&password=a%1Bb"))).toBe(true);
    expect(credentialsHaveControlCharacters("application/json", enc(JSON.stringify({ username: "a\u0000", password: "x" })))).toBe(true);
    expect(credentialsHaveControlCharacters("application/x-www-form-urlencoded", enc("username=admin&password=M%E1%BA%ADt+kh%E1%BA%A9u"))).toBe(false);
    expect(credentialsHaveControlCharacters("application/json", enc("{not json"))).toBe(false);
  });
});

describe("decide: the throttle's verdict on the counts an attempt got back", () => {
  const now = new Date("2021-08-20T02:00:00Z");
  const start = new Date(now.getTime() - 60_000);
  const rows = (pair: number, account: number, address: number, lastSuccessAt: Date | null = null) => [
    { scope: "pair" as const, failures: pair, windowStart: start, lastSuccessAt },
    { scope: "account" as const, failures: account, windowStart: start, lastSuccessAt: null },
    { scope: "address" as const, failures: address, windowStart: start, lastSuccessAt: null },
  ];
  it("allows up to each limit, refuses past it until the window ends", () => {
    expect(decide(rows(THROTTLE.perPair, THROTTLE.perAccount, THROTTLE.perAddress), now)).toEqual({ allowed: true, knownAddress: false });
    expect(decide(rows(THROTTLE.perPair + 1, 1, 1), now)).toEqual({ allowed: false, scope: "pair", retryAt: new Date(start.getTime() + THROTTLE.windowMs) });
    expect(decide(rows(1, THROTTLE.perAccount + 1, 1), now)).toMatchObject({ allowed: false, scope: "account" });
    expect(decide(rows(1, 1, THROTTLE.perAddress + 1), now)).toMatchObject({ allowed: false, scope: "address" });
  });
  it("an address that signed in to the account before is held by its pair limit only", () => {
    const recent = new Date(now.getTime() - 24 * 3_600_000);
    expect(decide(rows(1, 999, 999, recent), now)).toEqual({ allowed: true, knownAddress: true });
    expect(decide(rows(THROTTLE.perPair + 1, 1, 1, recent), now)).toMatchObject({ allowed: false, scope: "pair" });
    const old = new Date(now.getTime() - THROTTLE.knownAddressMs - 1);
    expect(decide(rows(1, 999, 1, old), now)).toMatchObject({ allowed: false, scope: "account" });
  });
  it("minutesUntil rounds up, at least 1", () => {
    expect(minutesUntil(new Date(now.getTime() + 1000), now)).toBe(1);
    expect(minutesUntil(new Date(now.getTime() + 14 * 60_000 + 1), now)).toBe(15);
    expect(minutesUntil(new Date(now.getTime() - 1000), now)).toBe(1);
  });
});

describe("canViewAuditEntry: account management is admins' business", () => {
  const official: SessionUser = { id: 2, username: "quan", displayName: "Q", role: "DISTRICT_OFFICIAL", unitCode: "002", districtCode: "002" };
  const admin: SessionUser = { id: 1, username: "admin", displayName: "A", role: "ADMIN", unitCode: null, districtCode: null };
  const ward = { code: "00037", level: "WARD" as const, parentCode: "002" };
  it("a district official sees the own wards' report entries, not their accounts' password resets or sign-in blocks", () => {
    expect(canViewAuditEntry(official, ward, "daily_figure")).toBe(true);
    expect(canViewAuditEntry(official, ward, "user")).toBe(false);
    expect(canViewAuditEntry(official, { code: "002", level: "DISTRICT", parentCode: "01" }, "user")).toBe(false);
    expect(canViewAuditEntry(official, null, "sign_in_block")).toBe(false);
    expect(canViewAuditEntry(admin, ward, "user")).toBe(true);
    expect(canViewAuditEntry(admin, null, "sign_in_block")).toBe(true);
  });
});
