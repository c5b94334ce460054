/** The "show as table" view of a chart: the same numbers, as text. */
export interface ChartTable {
  caption: string;
  columns: string[];
  /** The first cell of a row is its header (a year, a sector); the others are formatted values. */
  rows: (string | number)[][];
  /** A note under the table (units, missing values). */
  note?: string;
}
