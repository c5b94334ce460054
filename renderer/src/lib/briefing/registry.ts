/**
 * The renderer's block registry: for every block kind, its name in the editor, the component that
 * draws it (on screen and on paper), the config a new block starts with, and the settings the editor
 * offers. The data core's half (config schema, query, sources) is db/briefings/. Adding a kind = one
 * entry here, one component in ./blocks/. Labels and descriptions are getters that call t() when read, so
 * the editor shows them in the language active at the time.
 */
import type { Component } from 'svelte';
import type { BlockKind, BlockSpecInput, ResolvedBlock } from '../../../../db/briefings/contract.ts';
import { EVENT_KINDS, PROJECT_STATUSES } from '../../../../db/common/vocabulary.ts';
import type { BlockProps } from './types.ts';
import { t } from '../../i18n/i18n.svelte.ts';
import { DASHBOARD_DEFINITIONS, type Dashboard, type PrintSummary } from '../../../../db/common/dashboards.ts';
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
  label: string;
  description: string;
  /** Whether the block holds a chart (printed whole, at print resolution). */
  chart: boolean;
  component: Component<BlockProps<K>>;
  defaults(): Extract<BlockSpecInput, { kind: K }>['config'];
  fields: FieldSpec[];
}

const pairFields = (optional: boolean): FieldSpec[] => [
  {
    key: 'reporter',
    get label() {
      return t('blockField.reporter');
    },
    type: 'economy',
    optional,
  },
  {
    key: 'partner',
    get label() {
      return t('blockField.partner');
    },
    type: 'economy',
    optional,
  },
];
const rangeFields: FieldSpec[] = [
  {
    key: 'from',
    get label() {
      return t('blockField.from');
    },
    type: 'year',
    optional: true,
  },
  {
    key: 'to',
    get label() {
      return t('blockField.to');
    },
    type: 'year',
    optional: true,
  },
];

const reporterField: FieldSpec = {
  key: 'reporter',
  get label() {
    return t('blockField.reporter');
  },
  type: 'economy',
  optional: false,
};
const yearField: FieldSpec = {
  key: 'year',
  get label() {
    return t('blockField.year');
  },
  type: 'year',
  optional: true,
};
const byField: FieldSpec = {
  key: 'by',
  get label() {
    return t('blockField.by');
  },
  type: 'choice',
  optional: false,
  options: PARTNER_MEASURES.map((v) => ({
    value: v,
    get label() {
      return t(`partners.measure.${v}`);
    },
  })),
};

export const blockRegistry: { [K in BlockKind]: BlockKindEntry<K> } = {
  text: {
    get label() {
      return t('block.text.label');
    },
    get description() {
      return t('block.text.description');
    },
    chart: false,
    component: TextBlock,
    defaults: () => ({ markdown: '', sources: [] }),
    fields: [
      {
        key: 'markdown',
        get label() {
          return t('blockField.markdown');
        },
        type: 'markdown',
      },
      {
        key: 'sources',
        get label() {
          return t('blockField.sources');
        },
        type: 'sources',
      },
    ],
  },
  kpi: {
    get label() {
      return t('block.kpi.label');
    },
    get description() {
      return t('block.kpi.description');
    },
    chart: false,
    component: KpiBlock,
    defaults: () => ({ reporter: 'CHN', partner: 'KOR', year: 2021 }),
    fields: [
      ...pairFields(true),
      {
        key: 'year',
        get label() {
          return t('blockField.year');
        },
        type: 'year',
        optional: true,
      },
    ],
  },
  reconciliation: {
    get label() {
      return t('block.reconciliation.label');
    },
    get description() {
      return t('block.reconciliation.description');
    },
    chart: false,
    component: ReconciliationBlock,
    defaults: () => ({}),
    fields: pairFields(true),
  },
  statements: {
    get label() {
      return t('block.statements.label');
    },
    get description() {
      return t('block.statements.description');
    },
    chart: false,
    component: StatementsBlock,
    defaults: () => ({}),
    fields: [],
  },
  claims: {
    get label() {
      return t('block.claims.label');
    },
    get description() {
      return t('block.claims.description');
    },
    chart: false,
    component: ClaimsBlock,
    defaults: () => ({}),
    fields: pairFields(true),
  },
  'trade-chart': {
    get label() {
      return t('block.tradeChart.label');
    },
    get description() {
      return t('block.tradeChart.description');
    },
    chart: true,
    component: TradeChartBlock,
    defaults: () => ({ reporter: 'KOR', partner: 'CHN' }),
    fields: [...pairFields(false), ...rangeFields],
  },
  mirror: {
    get label() {
      return t('block.mirror.label');
    },
    get description() {
      return t('block.mirror.description');
    },
    chart: false,
    component: MirrorBlock,
    defaults: () => ({ reporter: 'KOR', partner: 'CHN' }),
    fields: [...pairFields(false), ...rangeFields],
  },
  'sectors-table': {
    get label() {
      return t('block.sectorsTable.label');
    },
    get description() {
      return t('block.sectorsTable.description');
    },
    chart: false,
    component: SectorsTableBlock,
    defaults: () => ({ reporter: 'KOR', partner: 'CHN' }),
    fields: [...pairFields(false), ...rangeFields],
  },
  'projects-table': {
    get label() {
      return t('block.projectsTable.label');
    },
    get description() {
      return t('block.projectsTable.description');
    },
    chart: false,
    component: ProjectsTableBlock,
    defaults: () => ({}),
    fields: [
      {
        key: 'region',
        get label() {
          return t('blockField.region');
        },
        type: 'economy',
        optional: true,
      },
      {
        key: 'status',
        get label() {
          return t('blockField.status');
        },
        type: 'choice',
        optional: true,
        options: PROJECT_STATUSES.map((v) => ({
          value: v,
          get label() {
            return t(`project.status.${v}`);
          },
        })),
      },
    ],
  },
  'events-table': {
    get label() {
      return t('block.eventsTable.label');
    },
    get description() {
      return t('block.eventsTable.description');
    },
    chart: false,
    component: EventsTableBlock,
    defaults: () => ({}),
    fields: [
      {
        key: 'kind',
        get label() {
          return t('blockField.kind');
        },
        type: 'choice',
        optional: true,
        options: EVENT_KINDS.map((v) => ({
          value: v,
          get label() {
            return t(`event.kind.${v}`);
          },
        })),
      },
    ],
  },
  route: {
    get label() {
      return t('block.route.label');
    },
    get description() {
      return t('block.route.description');
    },
    chart: false,
    component: RouteBlock,
    defaults: () => ({}),
    fields: [],
  },
  'partner-ranking': {
    get label() {
      return t('block.partnerRanking.label');
    },
    get description() {
      return t('block.partnerRanking.description');
    },
    chart: false,
    component: PartnerRankingBlock,
    defaults: () => ({ reporter: 'KOR', by: 'total', top: 10 }),
    fields: [reporterField, yearField, byField],
  },
  'partner-ranks': {
    get label() {
      return t('block.partnerRanks.label');
    },
    get description() {
      return t('block.partnerRanks.description');
    },
    chart: false,
    component: PartnerRanksBlock,
    defaults: () => ({ reporter: 'KOR', by: 'total', top: 10 }),
    fields: [reporterField, byField, ...rangeFields],
  },
  'partner-share': {
    get label() {
      return t('block.partnerShare.label');
    },
    get description() {
      return t('block.partnerShare.description');
    },
    chart: false,
    component: PartnerShareBlock,
    defaults: () => ({ reporter: 'KOR', partner: 'CHN' }),
    fields: [...pairFields(false), ...rangeFields],
  },
  map: {
    get label() {
      return t('block.map.label');
    },
    get description() {
      return t('block.map.description');
    },
    chart: true,
    component: MapBlock,
    defaults: () => ({ reporter: 'KOR', measure: 'exports' }),
    fields: [
      reporterField,
      yearField,
      {
        key: 'measure',
        get label() {
          return t('blockField.measure');
        },
        type: 'choice',
        optional: false,
        options: MAP_MEASURES.map((v) => ({
          value: v,
          get label() {
            return t(`partners.measure.${v}`);
          },
        })),
      },
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
  return block.kind === 'invalid' ? t('block.unknown', { kind: block.storedKind }) : blockRegistry[block.kind].label;
}

export function isChart(block: ResolvedBlock): boolean {
  return block.kind !== 'invalid' && blockRegistry[block.kind].chart;
}
