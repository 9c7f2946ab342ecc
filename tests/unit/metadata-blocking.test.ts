import path from "node:path";
import { describe, expect, it } from "vitest";
import loadConfigModule from "next/dist/server/config";
import { PHASE_PRODUCTION_SERVER } from "next/constants";
import { shouldServeStreamingMetadata } from "next/dist/server/lib/streaming-metadata";

// next.config.js htmlLimitedBots: every browser gets the page's title with the page, never
// streamed after it (a streamed title goes missing for ~300 ms after each refresh: see the
// config's comment and tests/e2e/page-title.spec.ts). The decision is Next's own function, fed
// the config as Next loads it.

// The CommonJS module's default export, however the import interop presents it.
const loadConfig = ((loadConfigModule as unknown as { default?: typeof loadConfigModule }).default ?? loadConfigModule);

const AGENTS = {
  "Chromium on Linux": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36",
  "Safari on an iPhone": "Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1",
  "Chrome on Android": "Mozilla/5.0 (Linux; Android 14; SM-A155F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Mobile Safari/537.36",
  "Firefox on Windows": "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:143.0) Gecko/20100101 Firefox/143.0",
  "Zalo's in-app browser": "Mozilla/5.0 (Linux; Android 13; V2207) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/120.0.0.0 Mobile Safari/537.36 Zalo android/12090 ZaloTheme/light ZaloLanguage/vi",
};

describe("page metadata is sent with the page", () => {
  it("for every browser a ward chair or an official uses, Next serves blocking (not streamed) metadata", async () => {
    const config = await loadConfig(PHASE_PRODUCTION_SERVER, path.resolve("."), { silent: true });
    for (const [name, agent] of Object.entries(AGENTS)) {
      expect(shouldServeStreamingMetadata(agent, config.htmlLimitedBots), name).toBe(false);
    }
  });
});
