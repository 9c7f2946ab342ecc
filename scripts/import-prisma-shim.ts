// Stands in for lib/generated/prisma/client.ts in the command line's bundle (scripts/import-launch.mjs):
// the import needs only Prisma's SQL templates (Prisma.sql, join, raw, empty, the Sql class) and
// its error classes, all from @prisma/client-runtime-utils, not Prisma's whole client runtime
// (~0,1-0,25 s and ~10 MB to load) nor the generated model classes. The bundle does not build if
// a module it holds imports anything else from the generated client.
import {
  empty,
  join,
  PrismaClientInitializationError,
  PrismaClientKnownRequestError,
  PrismaClientRustPanicError,
  PrismaClientUnknownRequestError,
  PrismaClientValidationError,
  raw,
  Sql,
  sql,
} from "@prisma/client-runtime-utils";

export const Prisma = {
  sql,
  join,
  raw,
  empty,
  Sql,
  PrismaClientInitializationError,
  PrismaClientKnownRequestError,
  PrismaClientRustPanicError,
  PrismaClientUnknownRequestError,
  PrismaClientValidationError,
};

/** lib/db/open.ts's openDatabase makes clients; the command line opens its database without one. */
export class PrismaClient {
  constructor() {
    throw new Error("PrismaClient is not part of the command line's bundle (scripts/import-prisma-shim.ts)");
  }
}
