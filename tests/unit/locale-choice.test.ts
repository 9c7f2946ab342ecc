import { describe, expect, it } from "vitest";
import { LocaleChoiceSchema, pathToReturnTo } from "../../lib/schemas/locale.ts";

// The language switch (POST /api/locale): which languages it accepts and where it sends the browser back.

describe("the language switch", () => {
  it("accepts the interface languages only", () => {
    expect(LocaleChoiceSchema.safeParse({ locale: "en" }).success).toBe(true);
    expect(LocaleChoiceSchema.safeParse({ locale: "vi" }).success).toBe(true);
    expect(LocaleChoiceSchema.safeParse({ locale: "fr" }).success).toBe(false);
    expect(LocaleChoiceSchema.safeParse({}).success).toBe(false);
  });

  it("goes back to the page of this site the form was on, and nowhere else", () => {
    const self = "127.0.0.1:3000";
    expect(pathToReturnTo("http://127.0.0.1:3000/reports?from=2021-08-10&to=2021-08-15", self)).toBe("/reports?from=2021-08-10&to=2021-08-15");
    expect(pathToReturnTo("https://evil.example/reports", self)).toBe("/");
    expect(pathToReturnTo("http://127.0.0.1:3000//evil.example/x", self)).toBe("/");
    expect(pathToReturnTo("http://127.0.0.1:3000/api/locale", self)).toBe("/");
    expect(pathToReturnTo(null, self)).toBe("/");
    expect(pathToReturnTo("not a url", self)).toBe("/");
    expect(pathToReturnTo("http://localhost:3000/reports", self)).toBe("/");
    expect(pathToReturnTo("http://127.0.0.1:3000/reports", null)).toBe("/");
  });
});
