import { serveDatabaseForTests } from "@/lib/db";
import type { getPasswordChangeAccount } from "@/lib/auth/session";
import type { SessionUser } from "@/lib/permissions";
import type { TestDatabase } from "./databases";

// The one way an integration test serves the data layer from its own real database: the gate
// (lib/data) gets its client itself through lib/db.ts, which tests point at the suite's database
// with serveDatabaseForTests instead of mocking the module. And the one shared request a test
// plays, for the modules Next.js would give a real request (session, headers), which tests still
// mock, all in the same way:
//
//   vi.mock("@/lib/auth/session", () => import("../setup/serve-database").then((m) => m.sessionModule()));
//   vi.mock("next/headers", () => import("../setup/serve-database").then((m) => m.headersModule()));
//   vi.mock("next/cache", () => import("../setup/serve-database").then((m) => m.cacheModule()));
//
// then `testRequest.user = chair`, `testRequest.headers = sameOrigin()` in the test.

/** Who is signed in and the request's headers, as the mocked session and next/headers answer them. */
export const testRequest = {
  user: null as SessionUser | null,
  /** the account of a user who must change the password first (no SessionUser then) */
  passwordChangeAccount: null as Awaited<ReturnType<typeof getPasswordChangeAccount>>,
  headers: new Headers(),
  /** how many times a server action asked Next.js to revalidate the pages */
  revalidated: 0,
};

/** Headers of a request from the app's own pages (server actions check the origin). */
export function sameOrigin(): Headers {
  return new Headers({ host: "localhost:3000", origin: "http://localhost:3000" });
}

/** Resets the shared request: nobody signed in, same-origin headers, nothing revalidated. */
export function resetTestRequest(): void {
  testRequest.user = null;
  testRequest.passwordChangeAccount = null;
  testRequest.headers = sameOrigin();
  testRequest.revalidated = 0;
}

/** Opens the suite's database and serves the data layer from it. */
export async function openServedDatabase(open: () => Promise<TestDatabase>): Promise<TestDatabase> {
  const db = await open();
  serveDatabaseForTests(db);
  return db;
}

/** Stops serving the suite's database and closes it. */
export async function closeServedDatabase(db: TestDatabase | undefined): Promise<void> {
  serveDatabaseForTests(null);
  await db?.dispose();
}

/**
 * Runs `work` while the database is unreachable: every query fails as a lost connection would.
 * For tests of what a request answers then (a plain 500 message, never the error's text); the
 * suite's database is served again afterwards.
 */
export async function withDatabaseDown<T>(db: TestDatabase, work: () => Promise<T>): Promise<T> {
  const down = new Proxy({} as TestDatabase["prisma"], {
    get() {
      throw new Error("database unreachable (test)");
    },
  });
  serveDatabaseForTests({ ...db, prisma: down });
  try {
    return await work();
  } finally {
    serveDatabaseForTests(db);
  }
}

/** `@/lib/auth/session` as a request of testRequest sees it. */
export function sessionModule() {
  return {
    getSessionUser: async () => testRequest.user,
    getPasswordChangeAccount: async () => testRequest.passwordChangeAccount,
  };
}

/** `next/headers` for testRequest. */
export function headersModule() {
  return { headers: async () => testRequest.headers };
}

/** `next/cache`: counts revalidations (nothing to revalidate outside Next.js). */
export function cacheModule() {
  return {
    revalidatePath: () => {
      testRequest.revalidated += 1;
    },
  };
}
