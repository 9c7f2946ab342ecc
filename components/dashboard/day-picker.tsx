// A plain GET form: works without JavaScript and keeps the chosen day in the URL (?day=…), along
// with the page's other filters (hidden fields), so changing the day keeps the view.
export function DayPicker({
  day,
  min,
  max,
  district,
  hidden = [],
}: {
  day: string;
  min: string;
  max: string;
  district?: string;
  /** other filters to keep, as [name, value] pairs (a name may repeat) */
  hidden?: readonly (readonly [string, string])[];
}) {
  return (
    <form method="get" className="flex flex-wrap items-end gap-2">
      {district ? <input type="hidden" name="district" value={district} /> : null}
      {hidden.map(([name, value]) => (
        <input key={`${name}=${value}`} type="hidden" name={name} value={value} />
      ))}
      <label className="flex flex-col text-sm font-medium text-slate-700">
        Ngày
        <input
          type="date"
          name="day"
          defaultValue={day}
          min={min}
          max={max}
          required
          className="mt-1 rounded border border-slate-400 bg-white px-3 py-2 text-base text-slate-900"
        />
      </label>
      <button
        type="submit"
        className="rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-800"
      >
        Xem
      </button>
    </form>
  );
}
