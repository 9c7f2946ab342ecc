import { z } from "zod";

// Runs in the browser before the app becomes interactive (Next.js instrumentation-client).
// Zod 4 compiles object parsers with `new Function` when it may, and finds out by trying one: under
// the nonce CSP (proxy.ts, no 'unsafe-eval') that probe is refused and reported as a violation on
// every page with a form. Parsing without it is as correct, only a little slower on huge objects.
z.config({ jitless: true });
