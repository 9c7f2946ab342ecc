import { describe, expect, it } from "vitest";
import { lsnValue } from "@/lib/db-read";

// WAL positions as PostgreSQL prints them ("hi/lo", hexadecimal, no leading zeros): compared as
// strings they would order "0/FFFFFFFF" after "1/0" and "0/9" after "0/10"; lib/db-read.ts
// compares them as 64-bit numbers, which is what read-your-writes depends on.
describe("lsnValue", () => {
  it("orders positions as PostgreSQL does, across the 32-bit boundary and different lengths", () => {
    expect(lsnValue("0/FFFFFFFF") < lsnValue("1/0")).toBe(true);
    expect(lsnValue("0/9") < lsnValue("0/10")).toBe(true);
    expect(lsnValue("16/B374D848")).toBe((0x16n << 32n) + 0xb374d848n);
    expect(lsnValue("16/b374d848")).toBe(lsnValue("16/B374D848"));
  });

  it("refuses anything that is not a position (a cookie is user input)", () => {
    for (const bad of ["", "16", "16/", "/1", "16/B374D848; DROP", "G/0", "123456789/0"]) expect(() => lsnValue(bad)).toThrow();
  });
});
