import { describe, expect, it } from "vitest";
import { authSettingsFromEnv, parseSessionUser } from "../../lib/auth/config.ts";

describe("auth settings from the environment", () => {
  it("uses Secure cookies in production, unless explicitly turned off for a plain-http demo", () => {
    expect(authSettingsFromEnv({ NODE_ENV: "production" }).secureCookies).toBe(true);
    expect(authSettingsFromEnv({ NODE_ENV: "production", WARDWATCH_INSECURE_COOKIES: "1" }).secureCookies).toBe(false);
    expect(authSettingsFromEnv({ NODE_ENV: "development" }).secureCookies).toBe(false);
    expect(authSettingsFromEnv({ NODE_ENV: "development", NEXTAUTH_URL: "https://wardwatch.example" }).secureCookies).toBe(true);
  });

  it("reads the number of trusted proxies and refuses nonsense", () => {
    expect(authSettingsFromEnv({}).trustedProxies).toBe(0);
    expect(authSettingsFromEnv({ WARDWATCH_TRUSTED_PROXIES: "1" }).trustedProxies).toBe(1);
    expect(() => authSettingsFromEnv({ WARDWATCH_TRUSTED_PROXIES: "-1" })).toThrow(/WARDWATCH_TRUSTED_PROXIES/);
    expect(() => authSettingsFromEnv({ WARDWATCH_INSECURE_COOKIES: "yes" })).toThrow(/WARDWATCH_INSECURE_COOKIES/);
  });
});

describe("parseSessionUser", () => {
  it("accepts only a well-formed user and drops anything else", () => {
    const user = { id: 3, username: "a", displayName: "A", role: "WARD_CHAIR", unitCode: "00037", districtCode: "002" };
    expect(parseSessionUser({ ...user, name: "A", passwordHash: "x" })).toEqual(user);
    expect(parseSessionUser({ ...user, role: "ROOT" })).toBeNull();
    expect(parseSessionUser(undefined)).toBeNull();
    expect(parseSessionUser({ ...user, id: "3" })).toBeNull();
  });
});
