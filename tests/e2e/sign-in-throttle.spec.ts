import http from "node:http";
import { expect, test } from "@playwright/test";
import { ACCOUNTS, signIn, signOut } from "./auth-helpers";

// Sign-in throttling on the running app (npm start, whose server stamps the socket address): failures from
// many addresses block an account for new addresses, but its owner still gets in from the address
// the account signed in from before; a forged X-Forwarded-For is not the address counted; a NUL
// is a 400. Other addresses are loopback aliases (127.0.0.2, …) bound as the local address.

type Attempt = { status: number; error: string | null };

function send(options: http.RequestOptions, body?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(options, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on("error", reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

async function attemptFrom(baseURL: string, localAddress: string, username: string, password: string, headers: Record<string, string> = {}): Promise<Attempt> {
  const { hostname, port } = new URL(baseURL);
  const csrf = await send({ hostname, port, path: "/api/auth/csrf", method: "GET", localAddress });
  const cookie = (csrf.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ");
  const { csrfToken } = JSON.parse(csrf.text) as { csrfToken: string };
  const body = new URLSearchParams({ csrfToken, username, password, callbackUrl: "/", json: "true" }).toString();
  const res = await send(
    {
      hostname,
      port,
      path: "/api/auth/callback/credentials",
      method: "POST",
      localAddress,
      headers: { "content-type": "application/x-www-form-urlencoded", "content-length": String(Buffer.byteLength(body)), cookie, ...headers },
    },
    body,
  );
  const url = (JSON.parse(res.text) as { url?: string }).url ?? "";
  return { status: res.status, error: url ? new URL(url).searchParams.get("error") : null };
}

test("a stranger's failures do not lock the owner out of the address it signed in from", async ({ page, baseURL }) => {
  const base = baseURL ?? "";
  const account = ACCOUNTS.hangDao;
  // a light page to land on: the first render of the overview on a cold server can be slow
  await signIn(page, account, "/account/password", { viaForm: true }); // from 127.0.0.1: the account now knows this address
  await signOut(page);

  // 10 wrong passwords from 10 other addresses, each claiming to be 127.0.0.1: the claim is ignored,
  // otherwise the owner's own pair would now be blocked
  for (let i = 2; i <= 11; i++) {
    const r = await attemptFrom(base, `127.0.0.${i}`, account.username, "mat-khau-sai-123", { "x-forwarded-for": "127.0.0.1" });
    expect(r.error).toBe("CredentialsSignin");
  }
  // a new address, even with the right password, is blocked and told when to retry
  const blocked = await attemptFrom(base, "127.0.0.12", account.username, account.password);
  expect(blocked.error).toMatch(/^RateLimited_\d+$/);

  // the owner, from the address the account signed in from before, gets in through the form
  await signIn(page, account, "/account/password", { viaForm: true });
  await expect(page.getByTestId("user-menu")).toContainText(/./);

  // a NUL in the username is a 400 with the form's error code, not a server error
  const nul = await attemptFrom(base, "127.0.0.13", "admin\u0000", "x");
  expect(nul).toEqual({ status: 400, error: "InvalidInput" });
});
