/**
 * The renderer's block registry: for every block kind, its name in the editor, the component that
 * draws it (on screen and on paper), the config a new block starts with, and the settings the editor
 * offers. The data core's half (config schema, query, sources) is db/briefings/. Adding a kind = one
 * entry here, one component in ./blocks/. A kind's name and description are catalogue keys, and a setting's label
 * and choices getters that call t() when read, so the editor shows them in the language active at the time.
 */
import type { Component } from 'svelte';
import type { BlockKind, BlockSpecInput, ResolvedBlock } from '../../../../db/briefings/contract.ts';
import { EVENT_KINDS, PROJECT_STATUSES } from '../../../../db/common/vocabulary.ts';
import type { BlockProps } from './types.ts';
import { t, type MessageKey } from '../../i18n/i18n.svelte.ts';
import { byCode, DASHBOARD_DEFINITIONS, type Dashboard, type EconomyNamer, type PrintSummary } from '../../../../db/common/dashboards.ts';
import { MAP_MEASURES, PARTNER_MEASURES } from '../../../../db/common/vocabulary.ts';
import ClaimsBlock from './blocks/ClaimsBlock.svelte';
import EventsTableBlock from './blocks/EventsTableBlock.svelte';
import InvalidBlock from './blocks/InvalidBlock.svelte';
import KpiBlock from './blocks/KpiBlock.svelte';
import MapBlock from './blocks/MapBlock.svelte';
import MirrorBlock from './blocks/MirrorBlock.svelte';
import PartnerRankingBlock from './blocks/PartnerRankingBlock.svelte';
import PartnerRanksBlock from './blocks/PartnerRanksBlock.svelte';
import PartnerShareBlock from './blocks/PartnerShareBlock.svelte';
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
  /** Catalogue keys of the kind's name and description in the editor (shown with t()). */
  label: MessageKey;
  description: MessageKey;
  /** Whether the block holds a chart (printed whole, at print resolution). */
  chart: boolean;
  component: Component<BlockProps<K>>;
  defaults(): Extract<BlockSpecInput, { kind: K }>['config'];
  fields: FieldSpec[];
}

/** The settings' names in the catalogue: `blockField.<key>`. */
type FieldKey = { [M in MessageKey]: M extends `blockField.${infer K}` ? K : never }[MessageKey];
type Spec<T extends FieldSpec['type']> = Omit<Extract<FieldSpec, { type: T }>, 'key' | 'label'>;

/** A setting labelled by its key (`blockField.<key>`), read in the active language when shown. */
function field<T extends FieldSpec['type']>(key: FieldKey, spec: Spec<T> & { type: T }): FieldSpec {
  return {
    key,
    get label() {
      return t(`blockField.${key}`);
    },
    ...spec,
  } as FieldSpec;
}

/** A choice's values with their labels, read in the active language when shown. */
const choices = <V extends string>(values: readonly V[], label: (value: V) => string): { value: V; label: string }[] =>
  values.map((value) => ({
    value,
    get label() {
      return label(value);
    },
  }));

const pairFields = (optional: boolean): FieldSpec[] => [
  field('reporter', { type: 'economy', optional }),
  field('partner', { type: 'economy', optional }),
];
const rangeFields: FieldSpec[] = [field('from', { type: 'year', optional: true }), field('to', { type: 'year', optional: true })];
const reporterField = field('reporter', { type: 'economy', optional: false });
const yearField = field('year', { type: 'year', optional: true });
const byField = field('by', {
  type: 'choice',
  optional: false,
  options: choices(PARTNER_MEASURES, (v) => t(`partners.measure.${v}`)),
});

export const blockRegistry: { [K in BlockKind]: BlockKindEntry<K> } = {
  text: {
    label: 'block.text.label',
    description: 'block.text.description',
    chart: false,
    component: TextBlock,
    defaults: () => ({ markdown: '', sources: [] }),
    fields: [field('markdown', { type: 'markdown' }), field('sources', { type: 'sources' })],
  },
  kpi: {
    label: 'block.kpi.label',
    description: 'block.kpi.description',
    chart: false,
    component: KpiBlock,
    defaults: () => ({ reporter: 'CHN', partner: 'KOR', year: 2021 }),
    fields: [...pairFields(true), yearField],
  },
  reconciliation: {
    label: 'block.reconciliation.label',
    description: 'block.reconciliation.description',
    chart: false,
    component: ReconciliationBlock,
    defaults: () => ({}),
    fields: pairFields(true),
  },
  statements: {
    label: 'block.statements.label',
    description: 'block.statements.description',
    chart: false,
    component: StatementsBlock,
    defaults: () => ({}),
    fields: [],
  },
  claims: {
    label: 'block.claims.label',
    description: 'block.claims.description',
    chart: false,
    component: ClaimsBlock,
    defaults: () => ({}),
    fields: pairFields(true),
  },
  'trade-chart': {
    label: 'block.tradeChart.label',
    description: 'block.tradeChart.description',
    chart: true,
    component: TradeChartBlock,
    defaults: () => ({ reporter: 'KOR', partner: 'CHN' }),
    fields: [...pairFields(false), ...rangeFields],
  },
  mirror: {
    label: 'block.mirror.label',
    description: 'block.mirror.description',
    chart: false,
    component: MirrorBlock,
    defaults: () => ({ reporter: 'KOR', partner: 'CHN' }),
    fields: [...pairFields(false), ...rangeFields],
  },
  'sectors-table': {
    label: 'block.sectorsTable.label',
    description: 'block.sectorsTable.description',
    chart: false,
    component: SectorsTableBlock,
    defaults: () => ({ reporter: 'KOR', partner: 'CHN' }),
    fields: [...pairFields(false), ...rangeFields],
  },
  'projects-table': {
    label: 'block.projectsTable.label',
    description: 'block.projectsTable.description',
    chart: false,
    component: ProjectsTableBlock,
    defaults: () => ({}),
    fields: [
      field('region', { type: 'economy', optional: true }),
      field('status', { type: 'choice', optional: true, options: choices(PROJECT_STATUSES, (v) => t(`project.status.${v}`)) }),
    ],
  },
  'events-table': {
    label: 'block.eventsTable.label',
    description: 'block.eventsTable.description',
    chart: false,
    component: EventsTableBlock,
    defaults: () => ({}),
    fields: [field('kind', { type: 'choice', optional: true, options: choices(EVENT_KINDS, (v) => t(`event.kind.${v}`)) })],
  },
  route: {
    label: 'block.route.label',
    description: 'block.route.description',
    chart: false,
    component: RouteBlock,
    defaults: () => ({}),
    fields: [],
  },
  'partner-ranking': {
    label: 'block.partnerRanking.label',
    description: 'block.partnerRanking.description',
    chart: false,
    component: PartnerRankingBlock,
    defaults: () => ({ reporter: 'KOR', by: 'total', top: 10 }),
    fields: [reporterField, yearField, byField],
  },
  'partner-ranks': {
    label: 'block.partnerRanks.label',
    description: 'block.partnerRanks.description',
    chart: false,
    component: PartnerRanksBlock,
    defaults: () => ({ reporter: 'KOR', by: 'total', top: 10 }),
    fields: [reporterField, byField, ...rangeFields],
  },
  'partner-share': {
    label: 'block.partnerShare.label',
    description: 'block.partnerShare.description',
    chart: false,
    component: PartnerShareBlock,
    defaults: () => ({ reporter: 'KOR', partner: 'CHN' }),
    fields: [...pairFields(false), ...rangeFields],
  },
  map: {
    label: 'block.map.label',
    description: 'block.map.description',
    chart: true,
    component: MapBlock,
    defaults: () => ({ reporter: 'KOR', measure: 'exports' }),
    fields: [
      reporterField,
      yearField,
      field('measure', { type: 'choice', optional: false, options: choices(MAP_MEASURES, (v) => t(`partners.measure.${v}`)) }),
    ],
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
    const summary = (definition.print as (filters: object, label: string, name: EconomyNamer) => PrintSummary)(
      {},
      definition.label,
      byCode,
    );
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
  return block.kind === 'invalid' ? t('block.unknown', { kind: block.storedKind }) : t(blockRegistry[block.kind].label);
}

export function isChart(block: ResolvedBlock): boolean {
  return block.kind !== 'invalid' && blockRegistry[block.kind].chart;
}
