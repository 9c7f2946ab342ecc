import type { ReactNode } from "react";

export function Notice({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <section role="status" className="mx-auto max-w-xl rounded-lg border border-amber-300 bg-amber-50 p-6 text-slate-900">
      <h1 className="text-xl font-semibold">{title}</h1>
      {children ? <div className="mt-2 space-y-2 text-slate-800">{children}</div> : null}
    </section>
  );
}
