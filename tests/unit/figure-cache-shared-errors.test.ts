import { describe, expect, it } from "vitest";
import { cachedFigures } from "@/lib/figures/figure-cache";
import { DatabaseUnavailableError, isDatabaseUnavailable } from "@/lib/db/unavailable";
import type { PrismaClient } from "@/lib/generated/prisma/client";

// Two requests that miss the figure cache at once share one computation. When it fails, each
// request must get an error object of its own: the server marks a request "database unavailable"
// (503) from the error reported for it, and one object thrown into two renders is reported once.
// The cache's only query is the data version: a stand-in client answers it.

function versionOnly(version = "7"): PrismaClient {
  return { $queryRaw: async () => [{ version }] } as unknown as PrismaClient;
}

describe("figure cache: a shared computation that fails", () => {
  it("gives the waiting request its own 'database unavailable' error", async () => {
    const prisma = versionOnly();
    const closed = Object.assign(new Error("Server has closed the connection."), { code: "P1017" });
    let fail: (err: unknown) => void = () => undefined;
    const compute = () => new Promise<number>((_, reject) => (fail = reject));
    const first = cachedFigures(prisma, "city", { day: "2021-08-17" }, compute);
    // let the first request register its computation before the second asks
    await new Promise((r) => setTimeout(r, 0));
    const second = cachedFigures(prisma, "city", { day: "2021-08-17" }, () => Promise.resolve(1));
    await new Promise((r) => setTimeout(r, 0)); // the second request now waits on the first's computation
    fail(closed);
    const [a, b] = await Promise.allSettled([first, second]);
    expect(a).toMatchObject({ status: "rejected", reason: closed });
    expect(b.status).toBe("rejected");
    const reason = (b as PromiseRejectedResult).reason as unknown;
    expect(reason).not.toBe(closed);
    expect(reason).toBeInstanceOf(DatabaseUnavailableError);
    expect(isDatabaseUnavailable(reason)).toBe(true);
  });

  it("forgets the failed computation: the next request computes again", async () => {
    const prisma = versionOnly();
    await expect(cachedFigures(prisma, "alerts", { d: 1 }, () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(cachedFigures(prisma, "alerts", { d: 1 }, () => Promise.resolve(42))).resolves.toBe(42);
  });

  it("wraps any other shared failure in a new error that keeps the cause", async () => {
    const prisma = versionOnly();
    const boom = new Error("boom");
    let fail: (err: unknown) => void = () => undefined;
    const first = cachedFigures(prisma, "x", {}, () => new Promise<number>((_, reject) => (fail = reject)));
    await new Promise((r) => setTimeout(r, 0));
    const second = cachedFigures(prisma, "x", {}, () => Promise.resolve(1));
    await new Promise((r) => setTimeout(r, 0));
    fail(boom);
    await expect(first).rejects.toBe(boom);
    const err = await second.then(() => null, (e: unknown) => e);
    expect(err).not.toBe(boom);
    expect((err as Error).cause).toBe(boom);
  });
});
