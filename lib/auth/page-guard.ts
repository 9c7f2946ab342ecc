import "server-only";
import { forbidden, notFound } from "next/navigation";
import { ForbiddenError, NotFoundError } from "../errors.ts";

/**
 * For pages: runs a data-layer read and turns its refusals into the 403 page (ForbiddenError) or
 * the 404 page (NotFoundError). Anything else propagates to the error page.
 */
export async function orDeny<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (err) {
    if (err instanceof ForbiddenError) forbidden();
    if (err instanceof NotFoundError) notFound();
    throw err;
  }
}
