"use client";

// The compare form's checkboxes (compare-form.tsx), drawn from [code, short name, checked] triples:
// a district has dozens of wards, and as server-rendered elements each label and input travelled
// twice (HTML and the React payload, issue 15). No state: the form submits them as they are.
export function CompareChecks({ wards }: { wards: readonly (readonly [code: string, name: string, checked: boolean])[] }) {
  return (
    <div className="cmp-g">
      {wards.map(([code, name, checked]) => (
        <label key={code}>
          <input type="checkbox" name="compare" value={code} defaultChecked={checked} />
          {name}
        </label>
      ))}
    </div>
  );
}
