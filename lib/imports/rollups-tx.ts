import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import { refreshRollupsInTransaction, type DayRange } from "../figures/rollups.ts";
import type { FigureSource } from "../domain/figures.ts";
import type { SqlExecutor } from "./session.ts";

// The district, city and country rollups (lib/figures/rollups.ts) refreshed inside an import's own
// transaction, so that they commit together with the figures they sum: a crash can never leave a
// sum that disagrees with its wards. The transaction runs on the import's connection (node-postgres
// with COPY on PostgreSQL, Prisma on the embedded database); refreshRollupsInTransaction takes a
// Prisma-shaped `$executeRaw`, which this adapter provides on top of that connection.

/**
 * A PrismaPromise that runs its statement only when awaited, like Prisma's own: the rollups build
 * all their statements first and run them one by one, and a failure must leave the later ones
 * unrun (not rejected with nobody listening).
 */
function lazyPromise(run: () => Promise<number>): Prisma.PrismaPromise<number> {
  let started: Promise<number> | null = null;
  const start = () => (started ??= run());
  const promise: Prisma.PrismaPromise<number> = {
    then: (onFulfilled, onRejected) => start().then(onFulfilled, onRejected),
    catch: (onRejected) => start().catch(onRejected),
    finally: (onFinally) => start().finally(onFinally),
    [Symbol.toStringTag]: "PrismaPromise",
  };
  return promise;
}

/** `$executeRaw` (tagged template or Prisma.Sql) running on the transaction `tx`. */
export function executeRawOn(tx: SqlExecutor): Pick<PrismaClient, "$executeRaw"> {
  return {
    $executeRaw: (query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) => {
      const sql = query instanceof Prisma.Sql ? query : Prisma.sql(query, ...values);
      return lazyPromise(() => tx.execute(sql));
    },
  };
}

/** Rewrites the COMPUTED rows of `range` inside the transaction `tx`. */
export function refreshRollupsOn(tx: SqlExecutor, priority: readonly FigureSource[], range: DayRange): Promise<void> {
  return refreshRollupsInTransaction(executeRawOn(tx), priority, range);
}
