import { describe, expect, it } from "vitest";
import { signUnsubscribeToken, verifyUnsubscribeToken } from "../../lib/notifications/unsubscribe-token.ts";
import { enabledChannels } from "../../lib/notifications/preferences.ts";
import { readSmtpConfig } from "../../lib/notifications/config.ts";

const env = (vars: Record<string, string>) => vars as unknown as NodeJS.ProcessEnv;

const SECRET = "x".repeat(40);

describe("unsubscribe token", () => {
  it("round-trips and names the user and the channel", () => {
    const token = signUnsubscribeToken(SECRET, 42, "email");
    expect(verifyUnsubscribeToken(SECRET, token)).toEqual({ userId: 42, channel: "email" });
  });
  it("refuses another user's id, another secret, a changed channel and garbage", () => {
    const token = signUnsubscribeToken(SECRET, 42, "email");
    expect(verifyUnsubscribeToken(SECRET, token.replace(/^42\./, "43."))).toBeNull();
    expect(verifyUnsubscribeToken("y".repeat(40), token)).toBeNull();
    expect(verifyUnsubscribeToken(SECRET, token.replace(".email.", ".push."))).toBeNull();
    expect(verifyUnsubscribeToken(SECRET, "")).toBeNull();
    expect(verifyUnsubscribeToken(SECRET, "42.email.short")).toBeNull();
  });
});

describe("channel preferences", () => {
  const channels = [{ name: "email" as const }, { name: "in_app" as const }, { name: "push" as const }];
  it("every registered channel is on unless turned off; pause stops all", () => {
    expect(enabledChannels(channels, null).map((c) => c.name)).toEqual(["email", "in_app", "push"]);
    expect(enabledChannels(channels, { disabledChannels: ["email"], paused: false }).map((c) => c.name)).toEqual(["in_app", "push"]);
    expect(enabledChannels(channels, { disabledChannels: [], paused: true })).toEqual([]);
  });
});

describe("SMTP settings", () => {
  it("off without a host; parsed and checked otherwise", () => {
    expect(readSmtpConfig(env({}))).toBeNull();
    expect(readSmtpConfig(env({ SMTP_HOST: "mail.example.vn", SMTP_PORT: "2525", SMTP_USER: "u", SMTP_PASSWORD: "p" }))).toMatchObject({
      host: "mail.example.vn",
      port: 2525,
      secure: false,
      auth: { user: "u", pass: "p" },
    });
    expect(() => readSmtpConfig(env({ SMTP_HOST: "h", SMTP_PORT: "abc" }))).toThrow(/SMTP_PORT/);
  });
});
