"use client";

import { useSyncExternalStore } from "react";

const noSubscription = () => () => undefined;

/**
 * False in the server's HTML and until React has taken the page over, then true. A form that
 * sends through a server action from its onSubmit keeps its button disabled until then: a tap
 * before that would submit the form natively (a GET of the page with the fields in its URL)
 * instead of through the checked action.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
