/**
 * The trade file layouts the importer reads, one record each: its columns by role, how a header is
 * recognised as it, its flow codes, the unit of its values and how a row's month is found, its label
 * and publisher. formats.ts maps rows by these records; the contract's format list, the labels of
 * the preview, the errors and the Data view derive from them.
 *
 * Pure data (no Node): the renderer imports it for the layout choice and the mapping form.
 */

import type { CoreMessageCode } from './core-messages.ts';
import type { Flow } from './vocabulary.ts';

export type { Flow };

/** What a column holds; the generic layout's roles are the keys of its column mapping (contract.ts). */
export type ColumnRole =
  | 'year'
  | 'month'
  | 'frequency'
  | 'period'
  | 'reporter'
  | 'reporterCode'
  | 'reporterName'
  | 'partner'
  | 'partnerCode'
  | 'partnerName'
  /** Breakdown columns: a row whose cell is neither blank nor the layout's total is a breakdown, skipped. */
  | 'partner2'
  | 'customs'
  | 'transport'
  | 'flow'
  | 'product'
  | 'level'
  | 'value'
  /** A wide file's value columns: one flow each, in place of a flow and a value column. */
  | 'exports'
  | 'imports'
  | 'unit';

/**
 * How a row's month is found (a row without one is annual):
 * - annual: the layout has no months;
 * - frequency: the frequency column says M (or is blank and the period is YYYYMM), the month is the month column's, else the period's;
 * - period: a period of YYYYMM is a month, YYYY a year;
 * - column: a month column, blank for an annual row.
 */
export type MonthRule = 'annual' | 'frequency' | 'period' | 'column';

export interface FlowCodes {
  /** Each code as the file writes it (after `match`), and the flow it means. */
  readonly codes: Readonly<Record<string, Flow>>;
  /** How a cell is compared with the codes. */
  readonly match: 'upper-case' | 'lower-case' | 'exact';
  /** In words (a message's code), the codes stored: the reason of a skip or the message of a problem. */
  readonly expected: CoreMessageCode;
  /** A skip reason shows a code as written, a name in quotes (names may hold spaces). */
  readonly shown: 'code' | 'name';
}

export interface LayoutRecord {
  readonly id: string;
  /** The layout's name in the preview, in errors, in an import's source note and in the layout choice. */
  readonly label: string;
  /** Publisher of the source an import creates, unless the user names another. */
  readonly publisher: string;
  /** Header names by role, compared ignoring case, spaces and punctuation; null: the user's column mapping names them. */
  readonly columns: Readonly<Partial<Record<ColumnRole, string>>> | null;
  /** Roles without which nothing can be read (missing ones are named in this order). */
  readonly required: readonly ColumnRole[];
  /** Roles whose columns, all present, tell this layout from a header; none: never detected, chosen (the fallback). */
  readonly recognisedBy: readonly ColumnRole[];
  readonly flows: FlowCodes;
  /**
   * A published layout holds rows the app does not store (other flows, partner areas, breakdowns): those are skipped
   * with a reason. In a user's mapped file, a flow or partner the app cannot read is a problem on its row.
   */
  readonly unreadable: 'skip' | 'problem';
  /** Values are US dollars times this; null: the mapping's unit (per file, or a unit column). */
  readonly unitScale: number | null;
  readonly month: MonthRule;
}

const COMTRADE_FLOWS: Record<string, Flow> = { X: 'export', M: 'import', RX: 're-export', RM: 're-import' };
const LEGACY_FLOWS: Record<string, Flow> = { '1': 'import', '2': 'export', '3': 're-export', '4': 're-import' };
const NAMED_FLOWS: Record<string, Flow> = {
  x: 'export',
  export: 'export',
  exports: 'export',
  m: 'import',
  import: 'import',
  imports: 'import',
  rx: 're-export',
  're-export': 're-export',
  're-exports': 're-export',
  reexport: 're-export',
  reexports: 're-export',
  rm: 're-import',
  're-import': 're-import',
  're-imports': 're-import',
  reimport: 're-import',
  reimports: 're-import',
  // As Korean and Chinese customs tables and analysts' own sheets write them (a mapped file is often one of those).
  수출: 'export',
  수입: 'import',
  재수출: 're-export',
  재수입: 're-import',
  出口: 'export',
  进口: 'import',
  進口: 'import',
  复出口: 're-export',
  再出口: 're-export',
  復出口: 're-export',
  复进口: 're-import',
  再进口: 're-import',
  復進口: 're-import',
};

const PUBLISHED_REQUIRED = ['year', 'reporter', 'partner', 'flow', 'product', 'value'] as const;
/** A bare "Year" column is too common to tell a layout by. */
const PUBLISHED_RECOGNISED_BY = ['reporter', 'partner', 'flow', 'product', 'value'] as const;

/** In the order detection tries them; the generic layout, recognised by nothing, comes last. */
export const LAYOUTS = [
  {
    id: 'comtrade',
    label: 'UN Comtrade (current API/portal layout)',
    publisher: 'UN Comtrade',
    columns: {
      year: 'refYear',
      month: 'refMonth',
      frequency: 'freqCode',
      period: 'period',
      reporter: 'reporterISO',
      reporterCode: 'reporterCode',
      reporterName: 'reporterDesc',
      partner: 'partnerISO',
      partnerCode: 'partnerCode',
      partnerName: 'partnerDesc',
      partner2: 'partner2Code',
      customs: 'customsCode',
      transport: 'motCode',
      flow: 'flowCode',
      product: 'cmdCode',
      level: 'aggrLevel',
      value: 'primaryValue',
    },
    required: PUBLISHED_REQUIRED,
    recognisedBy: PUBLISHED_RECOGNISED_BY,
    flows: { codes: COMTRADE_FLOWS, match: 'upper-case', expected: 'flowsComtrade', shown: 'code' },
    unreadable: 'skip',
    unitScale: 1,
    month: 'frequency',
  },
  {
    id: 'comtrade-legacy',
    label: 'UN Comtrade (legacy layout)',
    publisher: 'UN Comtrade',
    columns: {
      year: 'Year',
      period: 'Period',
      reporter: 'Reporter ISO',
      reporterCode: 'Reporter Code',
      reporterName: 'Reporter',
      partner: 'Partner ISO',
      partnerCode: 'Partner Code',
      partnerName: 'Partner',
      partner2: '2nd Partner Code',
      customs: 'Customs Proc. Code',
      transport: 'Mode of Transport Code',
      flow: 'Trade Flow Code',
      product: 'Commodity Code',
      level: 'Aggregate Level',
      value: 'Trade Value (US$)',
    },
    required: PUBLISHED_REQUIRED,
    recognisedBy: PUBLISHED_RECOGNISED_BY,
    flows: { codes: LEGACY_FLOWS, match: 'exact', expected: 'flowsComtradeLegacy', shown: 'code' },
    unreadable: 'skip',
    unitScale: 1,
    month: 'period',
  },
  {
    id: 'wits',
    label: 'World Bank WITS raw trade data',
    publisher: 'World Bank WITS',
    columns: {
      year: 'Year',
      reporter: 'ReporterISO3',
      reporterName: 'ReporterName',
      partner: 'PartnerISO3',
      partnerName: 'PartnerName',
      flow: 'TradeFlowName',
      product: 'ProductCode',
      value: 'TradeValue in 1000 USD',
    },
    required: PUBLISHED_REQUIRED,
    recognisedBy: PUBLISHED_RECOGNISED_BY,
    flows: { codes: NAMED_FLOWS, match: 'lower-case', expected: 'flowsWits', shown: 'name' },
    unreadable: 'skip',
    // WITS states values in thousands of US dollars.
    unitScale: 1000,
    month: 'annual',
  },
  {
    id: 'generic',
    label: 'Other layout (column mapping)',
    publisher: 'User file',
    columns: null,
    // Without a product column every row is a total. The flows are mapped in one of two shapes, a flow and a value
    // column or an exports and/or an imports column (the column mapping's schema, contract.ts, says which is whole).
    required: ['reporter', 'partner', 'year'],
    recognisedBy: [],
    flows: { codes: NAMED_FLOWS, match: 'lower-case', expected: 'flowsGeneric', shown: 'name' },
    unreadable: 'problem',
    unitScale: null,
    month: 'column',
  },
] as const satisfies readonly LayoutRecord[];

export type ImportFormat = (typeof LAYOUTS)[number]['id'];

/** Every layout's id, in detection order (the contract's enum). */
export const IMPORT_FORMATS = LAYOUTS.map((layout) => layout.id) as [ImportFormat, ...ImportFormat[]];

/** One value per layout, by id. */
export function byLayout<T>(value: (layout: LayoutRecord) => T): Readonly<Record<ImportFormat, T>> {
  const layouts: readonly LayoutRecord[] = LAYOUTS;
  return Object.fromEntries(layouts.map((layout) => [layout.id, value(layout)])) as Record<ImportFormat, T>;
}

export const LAYOUT_BY_ID = byLayout((layout) => layout);

export const FORMAT_LABELS = byLayout((layout) => layout.label);

export const FORMAT_PUBLISHERS = byLayout((layout) => layout.publisher);

/**
 * Whether a column mapping is a wide file's: its exports and imports in two value columns (either or both), in place of a
 * flow and a value column. The one rule for the contract's check, the reader and the Data view's form.
 */
export function isWideMapping(mapping: { exports?: unknown; imports?: unknown } | null | undefined): boolean {
  return mapping != null && (mapping.exports !== undefined || mapping.imports !== undefined);
}

/** The layout a file of unknown columns is read in: the user maps them. */
export const MAPPED_LAYOUT: LayoutRecord = LAYOUT_BY_ID.generic;

/**
 * The units a mapped file's values may be stated in, for every value when there is no unit column: besides thousands and
 * millions, the ten thousands (万美元, 만 달러) and hundred millions (亿美元, 억 달러) of Chinese and Korean tables.
 */
export const UNIT_SCALES = {
  USD: 1,
  'thousand USD': 1000,
  '10 thousand USD': 10_000,
  'million USD': 1_000_000,
  '100 million USD': 100_000_000,
} as const;
