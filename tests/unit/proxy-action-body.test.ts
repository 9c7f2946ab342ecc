import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isAcceptableFormPost, isDecodableActionBody, isPlainActionArguments } from "@/lib/server/action-body-screen";

// lib/server/action-body-screen.ts: server action bodies proxy.ts refuses with 400 because Next.js
// would fail to decode them (a 500), while everything the app's own client sends passes.

function textBody(text: string, contentType = "text/plain;charset=UTF-8") {
  return { contentType, text: async () => text, formData: async () => new Response(text, { headers: { "content-type": contentType } }).formData() };
}
function formBody(form: FormData) {
  const request = new Request("http://x/", { method: "POST", body: form });
  const contentType = request.headers.get("content-type") ?? "";
  return { contentType, text: () => request.clone().text(), formData: () => request.clone().formData() };
}

describe("what the app's client sends passes", () => {
  it("a list of plain objects, with React's plain markers", async () => {
    const bodies = [
      [{ hour: "10", minute: "00", daysAfter: 1 }],
      [{ userId: "u1", disabled: true }],
      [{ unitCode: "00043", note: "$$ giá $5", phone: "$undefined", day: "$D2021-08-17T00:00:00.000Z", big: "$n123", nan: "$NaN", inf: "$-Infinity" }],
      [],
    ];
    for (const args of bodies) expect(await isDecodableActionBody(textBody(JSON.stringify(args))), JSON.stringify(args)).toBe(true);
  });

  it("a FormData argument as React encodes it (multipart, root [\"$K1\"], entries 1_…)", async () => {
    const form = new FormData();
    form.set("0", JSON.stringify(["$K1"]));
    form.set("1_file", new File(["ma,ten\n00043,Hàng Mã\n"], "units.csv", { type: "text/csv" }));
    form.set("1_effectiveOn", "2021-08-17");
    expect(await isDecodableActionBody(formBody(form))).toBe(true);
  });
});

describe("what Next could not decode is refused", () => {
  it("a body that is not a JSON list", async () => {
    for (const text of ["", "[", "{}", '""', "null", "5", '{"__proto__":{"role":"ADMIN"}}', "\u0000"]) {
      expect(await isDecodableActionBody(textBody(text)), text).toBe(false);
    }
  });

  it("references to parts the body does not carry, server references, streams and bad BigInts", async () => {
    for (const marker of ["$@1", "$1", "$Q1", "$W1", "$F1", "$T", "$B1", "$i1", "$R1", "$nabc", "$K1", "$"]) {
      expect(await isDecodableActionBody(textBody(JSON.stringify([{ a: [marker] }]))), marker).toBe(false);
    }
  });

  it("a multipart body that does not parse, or whose root is missing, a file or not a list", async () => {
    expect(await isDecodableActionBody(textBody("--x\r\nContent-Disposition: form-data; name=\"0\"\r\n\r\n[]", "multipart/form-data; boundary=x"))).toBe(false);
    expect(await isDecodableActionBody(textBody('{"a":1}', "multipart/form-data; boundary=x"))).toBe(false);
    const noRoot = new FormData();
    noRoot.set("1_x", "y");
    expect(await isDecodableActionBody(formBody(noRoot))).toBe(false);
    const fileRoot = new FormData();
    fileRoot.set("0", new File(["[]"], "0.json"));
    expect(await isDecodableActionBody(formBody(fileRoot))).toBe(false);
    const chunkRef = new FormData();
    chunkRef.set("0", JSON.stringify(["$@2"]));
    expect(await isDecodableActionBody(formBody(chunkRef))).toBe(false);
  });

  it("survives a deeply nested list without overflowing the stack", () => {
    const deep = JSON.parse(`${"[".repeat(100_000)}${"]".repeat(100_000)}`) as unknown;
    expect(isPlainActionArguments(deep, false)).toBe(true);
  });
});

describe("POSTs without Next-Action (what Next reads as a form posted without JavaScript)", () => {
  it("refuse a multipart body that does not parse, or one that names a server action; pass the rest", async () => {
    expect(await isAcceptableFormPost(textBody("null", "multipart/form-data; boundary=x"))).toBe(false);
    const named = new FormData();
    named.set("$ACTION_ID_40f4af71ce4d6cb85625178bade990e2eb15c5f552", "");
    expect(await isAcceptableFormPost(formBody(named))).toBe(false);
    const ref = new FormData();
    ref.set("$ACTION_REF_1", "");
    ref.set("$ACTION_1:0", '{"id":"x","bound":"$@1"}');
    expect(await isAcceptableFormPost(formBody(ref))).toBe(false);
    const plain = new FormData();
    plain.set("q", "Hàng Mã");
    expect(await isAcceptableFormPost(formBody(plain))).toBe(true);
    expect(await isAcceptableFormPost(textBody("a=1&b=2", "application/x-www-form-urlencoded"))).toBe(true);
    expect(await isAcceptableFormPost(textBody("{", "application/json"))).toBe(true);
  });
});

describe("property", () => {
  it("plain JSON arguments without $-strings always pass; any disallowed marker anywhere fails", () => {
    const plain = fc.jsonValue({ maxDepth: 4 }).filter((v) => !JSON.stringify(v).includes('"$'));
    const bad = fc.constantFrom("$@1", "$1", "$Q0", "$F2", "$T", "$Z", "$nx", "$K1");
    fc.assert(
      fc.property(fc.array(plain, { maxLength: 4 }), bad, fc.nat(), (args, marker, at) => {
        expect(isPlainActionArguments(args, false)).toBe(true);
        const withMarker = [...args];
        withMarker.splice(at % (args.length + 1), 0, { nested: [marker] });
        expect(isPlainActionArguments(withMarker, false)).toBe(false);
      }),
      { seed: 20213, numRuns: 200 },
    );
  });
});
