// The content of a chart tooltip: a title and labelled lines, formatted beforehand (vi-VN).
export type TooltipLine = { readonly label: string; readonly value: string; readonly color?: string };

export function TooltipBox({ title, lines }: { title: string; lines: readonly TooltipLine[] }) {
  return (
    <div className="rounded border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow">
      <p className="font-semibold">{title}</p>
      <ul>
        {lines.map((l) => (
          <li key={l.label} className="tabular flex items-center gap-2">
            {l.color ? <span aria-hidden="true" className="inline-block h-2 w-3 rounded-sm" style={{ backgroundColor: l.color }} /> : null}
            <span>{l.label}:</span> <span className="font-semibold">{l.value}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
