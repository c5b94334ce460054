/**
 * What every dashboard's data file shares: the shape of an entry (its view model and the export tables built
 * from that model) and the cells the export tables write the same way everywhere. Values in the tables are exact
 * (USD, not rounded billions); every figure carries its source ("S1 — Publisher: Title"); a figure not reported
 * is an empty cell, never a zero.
 */
import type { Context } from '../context.ts';
import type { DashboardFilters } from '../common/dashboard-filters.ts';
import type { Dashboard } from '../common/dashboards.ts';
import { formatPreciseDate, type PreciseDate } from '../common/dates.ts';
import { growthNote, NO_SHARE_REASONS, type ShareOf, type YearOnYear } from '../common/growth.ts';
import type { SourceRef } from '../shared-types.ts';
import type { Cell } from '../exports/csv-writer.ts';
import type { TableData } from '../exports/table-writer.ts';

export type { Cell, TableData };

export type Filters<D extends Dashboard> = DashboardFilters<D>;

/** A dashboard's model, and the tables of its export built from that model, so the screen, the export and the print cannot disagree. */
export interface Entry<D extends Dashboard, M> {
  model(ctx: Context, filters: Filters<D>): M | Promise<M>;
  tables(model: M, filters: Filters<D>): TableData[];
}

/**
 * What each dashboard's view shows, by its id. Each data file (db/dashboards/data/<id>.ts) adds its own dashboard's
 * model, so that no list names them: `declare module '../shared.ts' { interface DashboardModels { <id>: ModelOf<…> } }`
 * (db/dashboards/data.ts fails to compile when a dashboard has none).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface DashboardModels {}

/** The model an entry's `tables` is built from: the type its `model` gives. */
export type ModelOf<E> = E extends { tables(model: infer M, filters: never): TableData[] } ? M : never;

/** A dashboard's entry, checked against its own filters; its model's type is inferred from `model`. */
export const entry =
  <D extends Dashboard>() =>
  <M>(e: Entry<D, M>): Entry<D, M> =>
    e;

/** "S1 — Korea Customs Service: Trade statistics 2023". */
export function sourceText(s: SourceRef | null | undefined): string {
  return s ? `${s.label} — ${s.publisher}: ${s.title}` : '';
}

/** A year's period in an export: "annual" for the year's own figure, else the period ("sum of 12 months", "Jan–Jul only"); empty when not reported. */
export function periodCell(v: { periodNote: string | null } | null | undefined): string {
  return v ? (v.periodNote ?? 'annual') : '';
}

/** Several sources, by label: the same cell whatever order a query found them in (a pack round trip renumbers rows). */
export const sourcesText = (list: readonly SourceRef[]): string =>
  [...list]
    .sort((a, b) => a.label.localeCompare(b.label, 'en'))
    .map(sourceText)
    .join('; ');

/** The sources of a pair of figures (a year's exports and imports), each once. */
export const pairSourcesText = (...figures: ({ source: SourceRef } | null | undefined)[]): string =>
  sourcesText([...new Map(figures.filter((f) => f != null).map((f) => [f.source.id, f.source])).values()]);

export const dateText = (d: PreciseDate | null | undefined): string => (d ? formatPreciseDate(d) : '');

export const table = (name: string, header: string[], rows: Cell[][]): TableData => ({ name, header, rows: () => rows });

/** A change on the year before as its relative figure and a note: empty where given, else why not. */
export const yoyCells = (g: YearOnYear): Cell[] => [
  g.change?.relative ?? null,
  g.change && g.change.relative !== null ? '' : 'reason' in g ? growthNote(g) : 'no relative change on a zero base',
];

/** A share and a note: what it is a share of where given (`of`), else why there is none. */
export const shareCells = (s: ShareOf, of: string): Cell[] => [s.value, s.reason === null ? of : NO_SHARE_REASONS[s.reason]];
