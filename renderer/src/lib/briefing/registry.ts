/**
 * The renderer's block registry: for every block kind, its name in the editor, the component that
 * draws it (on screen and on paper), the config a new block starts with, and the settings the editor
 * offers. The data core's half (config schema, query, sources) is db/briefings/. Adding a kind = one
 * entry here, one component in ./blocks/.
 */
import type { Component } from 'svelte';
import type { BlockKind, BlockSpecInput, ResolvedBlock } from '../../../../db/briefings/contract.ts';
import { EVENT_KINDS, PROJECT_STATUSES } from '../../../../db/common/vocabulary.ts';
import type { BlockProps } from './types.ts';
import { DASHBOARD_DEFINITIONS, type Dashboard, type PrintSummary } from '../../../../db/common/dashboards.ts';
import ClaimsBlock from './blocks/ClaimsBlock.svelte';
import EventsTableBlock from './blocks/EventsTableBlock.svelte';
import InvalidBlock from './blocks/InvalidBlock.svelte';
import KpiBlock from './blocks/KpiBlock.svelte';
import MirrorBlock from './blocks/MirrorBlock.svelte';
import ProjectsTableBlock from './blocks/ProjectsTableBlock.svelte';
import ReconciliationBlock from './blocks/ReconciliationBlock.svelte';
import RouteBlock from './blocks/RouteBlock.svelte';
import SectorsTableBlock from './blocks/SectorsTableBlock.svelte';
import StatementsBlock from './blocks/StatementsBlock.svelte';
import TextBlock from './blocks/TextBlock.svelte';
import TradeChartBlock from './blocks/TradeChartBlock.svelte';

/** One setting of a block, as the editor shows it. */
export type FieldSpec =
  | { key: string; label: string; type: 'economy'; optional: boolean }
  | { key: string; label: string; type: 'year'; optional: boolean }
  | { key: string; label: string; type: 'choice'; optional: boolean; options: readonly { value: string; label: string }[] }
  | { key: string; label: string; type: 'sources' }
  | { key: string; label: string; type: 'markdown' };

export interface BlockKindEntry<K extends BlockKind> {
  label: string;
  description: string;
  /** Whether the block holds a chart (printed whole, at print resolution). */
  chart: boolean;
  component: Component<BlockProps<K>>;
  defaults(): Extract<BlockSpecInput, { kind: K }>['config'];
  fields: FieldSpec[];
}

const pairFields = (optional: boolean): FieldSpec[] => [
  { key: 'reporter', label: 'Reporter', type: 'economy', optional },
  { key: 'partner', label: 'Partner', type: 'economy', optional },
];
const rangeFields: FieldSpec[] = [
  { key: 'from', label: 'From year', type: 'year', optional: true },
  { key: 'to', label: 'To year', type: 'year', optional: true },
];

export const blockRegistry: { [K in BlockKind]: BlockKindEntry<K> } = {
  text: {
    label: 'Text',
    description: 'Markdown text, with the sources it rests on',
    chart: false,
    component: TextBlock,
    defaults: () => ({ markdown: '', sources: [] }),
    fields: [
      { key: 'markdown', label: 'Text (Markdown)', type: 'markdown' },
      { key: 'sources', label: 'Sources', type: 'sources' },
    ],
  },
  kpi: {
    label: 'Headline figures',
    description: 'Exports, imports, balance and total of one year',
    chart: false,
    component: KpiBlock,
    defaults: () => ({ reporter: 'CHN', partner: 'KOR', year: 2021 }),
    fields: [...pairFields(true), { key: 'year', label: 'Year', type: 'year', optional: true }],
  },
  reconciliation: {
    label: 'Figures that disagree',
    description: 'Stated totals against their parts, sources against sources',
    chart: false,
    component: ReconciliationBlock,
    defaults: () => ({}),
    fields: pairFields(true),
  },
  statements: {
    label: 'What the sources say',
    description: 'Claims and context, each with its source',
    chart: false,
    component: StatementsBlock,
    defaults: () => ({}),
    fields: [],
  },
  claims: {
    label: 'Claims checked',
    description: 'What the sources claim, with the data’s verdict and each side’s source',
    chart: false,
    component: ClaimsBlock,
    defaults: () => ({}),
    fields: pairFields(true),
  },
  'trade-chart': {
    label: 'Trade balance chart',
    description: 'Exports, imports and balance by year',
    chart: true,
    component: TradeChartBlock,
    defaults: () => ({ reporter: 'KOR', partner: 'CHN' }),
    fields: [...pairFields(false), ...rangeFields],
  },
  mirror: {
    label: 'Mirror comparison',
    description: 'The same trade as each side reports it',
    chart: false,
    component: MirrorBlock,
    defaults: () => ({ reporter: 'KOR', partner: 'CHN' }),
    fields: [...pairFields(false), ...rangeFields],
  },
  'sectors-table': {
    label: 'Export sectors table',
    description: 'Sectors of an export plan, with values where loaded',
    chart: false,
    component: SectorsTableBlock,
    defaults: () => ({ reporter: 'KOR', partner: 'CHN' }),
    fields: [...pairFields(false), ...rangeFields],
  },
  'projects-table': {
    label: 'Projects table',
    description: 'Cooperation projects (a batch stays one row)',
    chart: false,
    component: ProjectsTableBlock,
    defaults: () => ({}),
    fields: [
      { key: 'region', label: 'Region', type: 'economy', optional: true },
      { key: 'status', label: 'Status', type: 'choice', optional: true, options: PROJECT_STATUSES.map((v) => ({ value: v, label: v })) },
    ],
  },
  'events-table': {
    label: 'Events table',
    description: 'Meetings, forums, fairs in date order',
    chart: false,
    component: EventsTableBlock,
    defaults: () => ({}),
    fields: [{ key: 'kind', label: 'Kind', type: 'choice', optional: true, options: EVENT_KINDS.map((v) => ({ value: v, label: v })) }],
  },
  route: {
    label: 'Logistics route',
    description: 'Legs and transit times',
    chart: false,
    component: RouteBlock,
    defaults: () => ({}),
    fields: [],
  },
};

export const addableKinds = Object.keys(blockRegistry) as BlockKind[];

/**
 * The kinds the editor offers, grouped by the dashboard whose print summary holds them (derived from the
 * dashboards' definitions: a new dashboard's blocks are offered under its name), then the others (dashboard null).
 */
export const addableGroups: { dashboard: Dashboard | null; kinds: BlockKind[] }[] = (() => {
  const offered = new Set<BlockKind>();
  const groups: { dashboard: Dashboard | null; kinds: BlockKind[] }[] = [];
  for (const definition of DASHBOARD_DEFINITIONS) {
    if (!definition.print) continue;
    const summary = (definition.print as (filters: object, label: string) => PrintSummary)({}, definition.label);
    const kinds = [...new Set(summary.blocks.map((b) => b.kind as BlockKind))].filter((k) => !offered.has(k));
    kinds.forEach((k) => offered.add(k));
    if (kinds.length > 0) groups.push({ dashboard: definition.id, kinds });
  }
  const rest = addableKinds.filter((k) => !offered.has(k));
  return rest.length > 0 ? [...groups, { dashboard: null, kinds: rest }] : groups;
})();

/** The component drawing a resolved block (an invalid block gets the error box). */
export function componentFor(
  block: ResolvedBlock,
): Component<{ block: ResolvedBlock; print: boolean; numbers: ReadonlyMap<string, number> }> {
  const component = block.kind === 'invalid' ? InvalidBlock : blockRegistry[block.kind].component;
  return component as unknown as Component<{ block: ResolvedBlock; print: boolean; numbers: ReadonlyMap<string, number> }>;
}

export function kindLabel(block: ResolvedBlock): string {
  return block.kind === 'invalid' ? `Unknown block (${block.storedKind})` : blockRegistry[block.kind].label;
}

export function isChart(block: ResolvedBlock): boolean {
  return block.kind !== 'invalid' && blockRegistry[block.kind].chart;
}
