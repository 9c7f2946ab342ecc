import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AuthenticationError, ForbiddenError, NotFoundError, OverloadedError } from "@/lib/errors";
import { DATABASE_UNAVAILABLE_MESSAGE } from "@/lib/db/unavailable";
import { ACTION_WORDING } from "@/lib/requests/action";
import { anyone, CROSS_ORIGIN, type RouteSource } from "@/lib/requests/guard";
import { localizeRefusal, refusalKeyOf } from "@/lib/requests/refusal-text";
import { route, ROUTE_WORDING } from "@/lib/requests/route";

// Refusals in the reader's language (docs/i18n.md): every Vietnamese refusal written in lib/ and
// app/ (thrown as a lib/errors.ts error, returned with failure(…) or answered with jsonError(…)) is
// in messages/<vi|en>/refusals.json, so a reader of English gets it in English; Vietnamese readers
// and machines without the language cookie get it unchanged, byte for byte.

const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹàáèéìíòóùúýĐ]/i;
const ROOT = path.resolve(__dirname, "../..");

/** The Vietnamese refusal literals of lib/ and app/, a template's values replaced by samples. */
function refusalLiterals(): { file: string; text: string }[] {
  const pattern =
    /(?:new\s+(?:ForbiddenError|NotFoundError|AuthenticationError|ExportRequestError|AlertRequestError)\(\s*|\b(?:failure|jsonError|localJsonError)\((?:\s*request,)?\s*\d{3},\s*)("(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`)/g;
  const out: { file: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "generated") walk(full);
      } else if (/\.tsx?$/.test(entry.name)) {
        const source = fs.readFileSync(full, "utf8");
        for (const m of source.matchAll(pattern)) {
          const literal = m[1] ?? "";
          const body = literal.slice(1, -1);
          if (!VIETNAMESE.test(body)) continue;
          const text = literal.startsWith("`") ? body.replace(/\$\{(?:[^{}]|\{[^{}]*\})*\}/g, "X1") : (JSON.parse(literal) as string);
          out.push({ file: path.relative(ROOT, full), text });
        }
      }
    }
  };
  walk(path.join(ROOT, "lib"));
  walk(path.join(ROOT, "app"));
  return out;
}

describe("refusals", () => {
  const literals = refusalLiterals();
  const wordings = [
    ACTION_WORDING.noSession,
    ACTION_WORDING.role,
    ACTION_WORDING.failed,
    ROUTE_WORDING.noSession,
    ROUTE_WORDING.role,
    ROUTE_WORDING.failed,
    new AuthenticationError().message,
    new ForbiddenError().message,
    new NotFoundError().message,
    new OverloadedError(5).message,
    DATABASE_UNAVAILABLE_MESSAGE,
    CROSS_ORIGIN,
  ];

  it("finds the refusals written in lib/ and app/", () => {
    expect(literals.length).toBeGreaterThan(60);
    expect(literals.map((l) => l.file)).toContain("lib/data/imports.ts");
  });

  it("has every one of them in the catalogs, in English with no Vietnamese but the values", () => {
    const missing = [...literals.map((l) => `${l.file}: ${l.text}`), ...wordings.map((w) => `wording: ${w}`)].filter((line) => {
      const text = line.slice(line.indexOf(": ") + 2);
      return refusalKeyOf(text) === null || VIETNAMESE.test(localizeRefusal(text, "en"));
    });
    expect(missing).toEqual([]);
  });

  it("keeps Vietnamese byte for byte, and a refusal not in the catalog as written", () => {
    for (const { text } of literals) expect(localizeRefusal(text, "vi")).toBe(text);
    expect(localizeRefusal("Một câu chưa có trong danh mục.", "en")).toBe("Một câu chưa có trong danh mục.");
  });

  it("puts the values of a refusal into its English sentence", () => {
    expect(localizeRefusal("Không có lần nhập #42.", "en")).toBe("There is no import #42.");
    expect(localizeRefusal("Không có phường mã 00037 trong Quận Hoàn Kiếm.", "en")).toBe("There is no ward with code 00037 in Quận Hoàn Kiếm.");
    expect(localizeRefusal("Không có phường mã 00037.", "en")).toBe("There is no ward with code 00037.");
    expect(localizeRefusal(new ForbiddenError().message, "en")).toBe("You are not allowed to do this.");
  });

  it("answers a route handler's refusal in the reader's language, Vietnamese without the cookie", async () => {
    const handler = route(anyone<RouteSource>(), async () => {
      throw new NotFoundError("Không có lần nhập #7.");
    });
    const ask = async (cookie: string | null) => {
      const response = await handler(new Request("http://localhost/api/x", { headers: cookie ? { cookie } : {} }));
      return { status: response.status, body: (await response.json()) as { error: string } };
    };
    expect(await ask("ww_locale=en")).toEqual({ status: 404, body: { error: "There is no import #7." } });
    expect(await ask("other=1; ww_locale=vi")).toEqual({ status: 404, body: { error: "Không có lần nhập #7." } });
    expect(await ask(null)).toEqual({ status: 404, body: { error: "Không có lần nhập #7." } });
  });
});
