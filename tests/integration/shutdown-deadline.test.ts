import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { registerShutdownHandler, shutdown } from "@/lib/server/shutdown";

// The shutdown sequence on a real HTTP server in this process: abort steps first, then a request
// that finishes within the deadline gets its answer, one that does not is cut at the deadline,
// new connections are refused, and the close steps run last, before the exit code is given.

function get(port: number, path: string): Promise<{ status?: number; body?: string; error?: string }> {
  return new Promise((resolve) => {
    const req = http.get({ host: "127.0.0.1", port, path, agent: false }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString()));
      res.on("end", () => resolve({ status: res.statusCode, body }));
      res.on("error", (err) => resolve({ error: err.message }));
    });
    req.on("error", (err: NodeJS.ErrnoException) => resolve({ error: err.code ?? err.message }));
  });
}

describe("graceful shutdown", () => {
  it("lets requests finish within the deadline, cuts the rest, then closes and exits 0", async () => {
    let arrived = 0;
    let bothArrived: () => void = () => undefined;
    const inFlight = new Promise<void>((resolve) => (bothArrived = resolve));
    const server = http.createServer((req, res) => {
      if (++arrived === 2) bothArrived();
      if (req.url === "/quick") setTimeout(() => res.end("done"), 300);
      // "/stuck" never answers.
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;

    const steps: string[] = [];
    registerShutdownHandler("test-abort", "abort", (reason) => void steps.push(`abort:${reason}`));
    registerShutdownHandler("test-close", "close", () => void steps.push("close"));

    const quick = get(port, "/quick");
    const stuck = get(port, "/stuck");
    await inFlight;

    let exitCode: number | undefined;
    const started = Date.now();
    const done = shutdown("TEST", { deadlineMs: 1500, log: (m) => steps.push(`log:${m}`), exit: (code) => (exitCode = code) });
    const refused = await get(port, "/quick");
    await done;
    const elapsed = Date.now() - started;

    expect(await quick).toEqual({ status: 200, body: "done" });
    expect((await stuck).error).toBeDefined();
    expect(refused.error).toBe("ECONNREFUSED");
    expect(exitCode).toBe(0);
    expect(elapsed).toBeGreaterThanOrEqual(1400);
    expect(elapsed).toBeLessThan(5000);
    const order = steps.filter((s) => !s.startsWith("log:"));
    expect(order).toEqual(["abort:TEST", "close"]);
    expect(steps).toContain("log:Hết thời hạn: đã cắt các kết nối còn lại.");
    expect(server.listening).toBe(false);
  });
});
