import { describe, expect, it } from "vitest";
import { CodeIndex, CodeIndexBuilder, MAX_PAYLOAD } from "@/lib/imports/code-index";
import { registrationPayload } from "@/lib/imports/scan-log";
import { epochDayOfIsoDay } from "@/lib/imports/values";

// The venue index of the scan-log import (issue 18): each code's slot carries a payload (the
// venue's registration day) so that a row's check reads it without another cache miss.

const bytes = (s: string) => new TextEncoder().encode(s);

describe("code index payloads", () => {
  it("finds each code with its payload, among many codes and colliding probes", () => {
    const codes = Array.from({ length: 5000 }, (_, i) => `V-${String(i).padStart(5, "0")}`);
    const payloads = codes.map((_, i) => (i * 7919) % (MAX_PAYLOAD + 1));
    const index = CodeIndex.fromStrings(codes, payloads);
    expect(index.hasPayloads).toBe(true);
    codes.forEach((code, i) => {
      const b = bytes(`,${code},`);
      expect(index.find(b, 1, b.length - 1)).toBe(i);
      expect(index.payload).toBe(payloads[i]);
    });
    expect(index.findString("V-99999")).toBe(-1);
    expect(index.findString("V-0000")).toBe(-1);
  });

  it("keeps a repeated code's first index and payload; an index built without payloads says so", () => {
    const index = CodeIndex.fromStrings(["A", "B", "A"], [3, 4, 5]);
    expect(index.findString("A")).toBe(0);
    expect(index.payload).toBe(3);
    expect(index.findString("B")).toBe(1);
    expect(index.payload).toBe(4);
    const plain = CodeIndex.fromStrings(["A", "B"]);
    expect(plain.hasPayloads).toBe(false);
    expect(plain.findString("B")).toBe(1);
    expect(plain.payload).toBe(0);
  });

  it("refuses a payload or a code it cannot hold in the slot", () => {
    expect(() => new CodeIndexBuilder().add("A", MAX_PAYLOAD + 1)).toThrow(RangeError);
    expect(() => new CodeIndexBuilder().add("A", -1)).toThrow(RangeError);
    expect(() => new CodeIndexBuilder().add("x".repeat(0x10000))).toThrow(RangeError);
    expect(new CodeIndexBuilder().withPayload().add("A", MAX_PAYLOAD)).toBe(0);
  });

  it("registration payloads order every scan day of a parsable time as the exact days do", () => {
    const scanDays = [epochDayOfIsoDay("2000-01-01"), epochDayOfIsoDay("2021-08-14"), epochDayOfIsoDay("2099-12-31")];
    const registered = [-400, 0, epochDayOfIsoDay("2021-08-14"), epochDayOfIsoDay("2021-08-15"), 70_000, 2_000_000];
    for (const day of scanDays) {
      for (const r of registered) expect(day >= registrationPayload(r), `${day} vs ${r}`).toBe(day >= r);
    }
    expect(registrationPayload(-5)).toBe(0);
    expect(registrationPayload(2_000_000)).toBe(MAX_PAYLOAD);
  });
});
