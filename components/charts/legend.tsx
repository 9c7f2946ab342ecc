import { AXIS_TEXT_COLOR } from "./palette";

/**
 * Legend labels in dark text: Recharts colours them like their series by default, and a light
 * series colour (the pale new-installs bars) would fail text contrast.
 */
export const LEGEND_PROPS = {
  itemSorter: null,
  wrapperStyle: { fontSize: 13 },
  formatter: (value: string) => <span style={{ color: AXIS_TEXT_COLOR }}>{value}</span>,
} as const;
