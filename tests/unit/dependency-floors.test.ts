import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// `npm audit` does not work offline here, so known advisories are guarded by version floors:
// Next.js middleware/proxy bypasses (CVE-2025-29927 and 2026 variants), React Server Components
// RCE (CVE-2025-55182 and follow-ups), an RSC issue fixed in Next 16.4.1.
const FLOORS: Record<string, string> = {
  next: "16.4.6",
  react: "19.3.1",
  "react-dom": "19.3.1",
  "next-auth": "4.24.15",
};

function installedVersion(name: string): string | null {
  const file = path.resolve("node_modules", name, "package.json");
  if (!fs.existsSync(file)) return null;
  return (JSON.parse(fs.readFileSync(file, "utf8")) as { version: string }).version;
}

function atLeast(version: string, floor: string): boolean {
  const a = version.split(/[.-]/).map(Number);
  const b = floor.split(/[.-]/).map(Number);
  for (let i = 0; i < 3; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

describe("security version floors", () => {
  it("compares versions numerically", () => {
    expect(atLeast("16.10.0", "16.4.6")).toBe(true);
    expect(atLeast("16.4.5", "16.4.6")).toBe(false);
    expect(atLeast("19.3.1", "19.3.1")).toBe(true);
  });

  for (const [name, floor] of Object.entries(FLOORS)) {
    it(`${name} is at least ${floor}`, () => {
      const version = installedVersion(name);
      expect(version).not.toBeNull();
      expect(atLeast(version as string, floor)).toBe(true);
    });
  }
});
