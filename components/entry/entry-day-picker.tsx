// Changes the day (and, for admins, the ward) of the entry form: a plain GET form, so the choice
// stays in the URL and works without JavaScript.
export function EntryDayPicker({ day, max, ward }: { day: string; max: string; ward?: string }) {
  return (
    <form method="get" action="/entry" className="flex flex-wrap items-end gap-2">
      {ward ? <input type="hidden" name="ward" value={ward} /> : null}
      <label className="flex flex-col text-sm font-semibold text-slate-800">
        Ngày báo cáo
        <input
          type="date"
          name="day"
          defaultValue={day}
          max={max}
          required
          className="mt-1 min-h-11 rounded border border-slate-500 bg-white px-3 py-2 text-base text-slate-900"
        />
      </label>
      <button
        type="submit"
        className="min-h-11 rounded border border-brand-700 bg-white px-4 py-2 font-semibold text-brand-700 hover:bg-slate-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-800"
      >
        Chọn ngày
      </button>
    </form>
  );
}
