/**
 * Trade file layouts (layouts.ts, one record each) at work: detection by header, and the one row
 * mapper that, driven by a layout's record, turns a record of the file into a trade_flow row, a
 * skip (a legitimate row this app does not store, with a reason) or problems (invalid data: row,
 * column, value, what is wrong).
 *
 * Choices (see db/imports/README.md):
 * - The World partner (code 0, ISO W00/WLD, "World") is stored as the economy WLD of kind
 *   'group', a partner of its own: never dropped, never summed into countries.
 * - Product TOTAL is stored as product_code 'TOTAL', distinct from HS chapters.
 * - Comtrade breakdowns (partner2 ≠ World, customs procedure ≠ C00, mode of transport ≠ 0) are
 *   skipped with reason 'breakdown row': only the totals are stored (summing every row overcounts).
 * - Partner areas that are not economies (Comtrade "Areas, nes" _X, S19, …) are skipped with a reason.
 */
import type { ColumnMapping } from './contract.ts';
import {
  isWideMapping,
  LAYOUT_BY_ID,
  LAYOUTS,
  UNIT_SCALES,
  type ColumnRole,
  type Flow,
  type FlowCodes,
  type ImportFormat,
  type LayoutRecord,
} from '../common/import-layouts.ts';
import { parseNumber } from './numbers.ts';
import { controlCharacterAt } from './reading.ts';
import { said, saidAs, type Said } from '../common/core-messages.ts';

/** The mapped row, reused between records (copy what you keep). */
export interface MappedRow {
  reporter: string;
  partner: string;
  year: number;
  month: number | null;
  flow: Flow;
  product: string;
  value: number;
  /** A wide record's import figure when `flow` and `value` are its export figure; null otherwise (a long record gives one flow). */
  importValue: number | null;
}

/** What a mapper reports besides the row. */
export interface MapSink {
  skip(reason: Said): void;
  problem(column: string, value: string, message: Said): void;
  /** Names an economy the file describes (its first description wins). */
  economy(code: string, name: string): void;
}

export const OK = 0;
export const SKIPPED = 1;
export const INVALID = 2;
export type MapStatus = typeof OK | typeof SKIPPED | typeof INVALID;

export type RowMapper = (fields: string[], out: MappedRow, sink: MapSink) => MapStatus;

export const WORLD = 'WLD';
export const WORLD_NAME = 'World';

const norm = (name: string): string =>
  name
    .trim()
    .toLowerCase()
    .replace(/[\s_.()$]+/g, '');

/** Index of each header name, normalised (case, spaces, punctuation ignored). */
function columnIndex(header: string[]): (name: string) => number {
  const map = new Map<string, number>();
  header.forEach((h, i) => {
    const key = norm(h);
    if (!map.has(key)) map.set(key, i);
  });
  return (name) => map.get(norm(name)) ?? -1;
}

/** The first layout whose recognising columns are all in the header; else the mapped (generic) layout. */
export function detectFormat(header: string[]): ImportFormat {
  const col = columnIndex(header);
  for (const layout of LAYOUTS) {
    const columns: Partial<Record<ColumnRole, string>> | null = layout.columns;
    if (columns === null || layout.recognisedBy.length === 0) continue;
    if (layout.recognisedBy.every((role) => col(columns[role] ?? '') >= 0)) return layout.id;
  }
  return 'generic';
}

const ISO3 = /^[A-Z]{3}$/;

/** An economy code from the file's ISO field (and numeric code): WLD for World, null if not an economy. */
function economyCode(iso: string, numeric: string, desc: string): string | null {
  const code = iso.trim().toUpperCase();
  if (
    code === 'W00' ||
    code === 'WLD' ||
    code === 'WORLD' ||
    numeric.trim() === '0' ||
    (code === '' && desc.trim().toLowerCase() === 'world')
  )
    return WORLD;
  return ISO3.test(code) ? code : null;
}

const HS = /^\d+$/;

/**
 * A product code kept as text. A code with an odd number of digits lost its leading zero in a
 * spreadsheet; when the file's aggregation level says how long it should be, the zero is restored.
 */
function productCode(raw: string, level: string, column: string, sink: MapSink): string | null {
  const code = raw.trim();
  if (/^(total|all|all products)$/i.test(code)) return 'TOTAL';
  if (!HS.test(code)) {
    sink.problem(column, raw, said('hsNotCode'));
    return null;
  }
  if (code.length === 2 || code.length === 4 || code.length === 6) return code;
  const want = Number(level);
  if ((code.length === 1 || code.length === 3 || code.length === 5) && want === code.length + 1) return `0${code}`;
  sink.problem(column, raw, said(code.length % 2 === 1 ? 'hsDigitsLostZero' : 'hsDigits', { digits: code.length }));
  return null;
}

const YEAR_RANGE = said('yearRange', { min: '1900', max: '2100' });

function year(raw: string, column: string, sink: MapSink): number | null {
  const text = raw.trim();
  const y = /^\d{4}$/.test(text) ? Number(text) : Number.NaN;
  if (!(y >= 1900 && y <= 2100)) {
    sink.problem(column, raw, YEAR_RANGE);
    return null;
  }
  return y;
}

function usd(raw: string, scale: number, decimalComma: boolean, column: string, sink: MapSink): number | null {
  const v = parseNumber(raw, decimalComma);
  if (v === null) {
    sink.problem(column, raw, said('valueMissing'));
    return null;
  }
  if (Number.isNaN(v)) {
    sink.problem(column, raw, said('valueNotNumber'));
    return null;
  }
  if (v < 0) {
    sink.problem(column, raw, said('valueNegative'));
    return null;
  }
  return v * scale;
}

/** False (and a problem) for a name holding a control character: such a name is never stored. */
function plainName(raw: string, column: string, sink: MapSink): boolean {
  const at = controlCharacterAt(raw);
  if (at < 0) return true;
  const code = raw.charCodeAt(at).toString(16).toUpperCase().padStart(4, '0');
  sink.problem(column, raw, said('nameControlCharacter', { code, position: String(at + 1) }));
  return false;
}

/** Cells that mean "total" in a breakdown column (empty = not broken down). */
const isTotal = (raw: string, total: string): boolean => {
  const t = raw.trim();
  return t === '' || t === total;
};

/** The flow a cell means under a layout's codes, or undefined. */
function flowReader(flows: FlowCodes): (cell: string) => Flow | undefined {
  const codes = new Map(Object.entries(flows.codes));
  if (flows.match === 'upper-case') return (cell) => codes.get(cell.toUpperCase());
  if (flows.match === 'lower-case') return (cell) => codes.get(cell.toLowerCase());
  return (cell) => codes.get(cell);
}

/** A month from 1 to 12, or null. */
function monthOf(text: string): number | null {
  const m = Number(text);
  return Number.isInteger(m) && m >= 1 && m <= 12 ? m : null;
}

const NO_MONTH = -1;

const SKIP_BREAKDOWN = said('skipBreakdown');
const SKIP_AREA = said('skipArea');
const PARTNER_CODE = said('partnerCode');
const UNIT_USD = said('unitUsd');
const SKIP_NOT_REPORTED = said('skipNotReported');
/** A wide cell with a problem (reported); null is an empty cell: not reported. */
const BAD_VALUE = -1;

export interface MapperOptions {
  decimalComma: boolean;
  mapping?: ColumnMapping | undefined;
}

type Columns = Record<ColumnRole, number>;
const ROLES: readonly ColumnRole[] = [
  'year',
  'month',
  'frequency',
  'period',
  'reporter',
  'reporterCode',
  'reporterName',
  'partner',
  'partnerCode',
  'partnerName',
  'partner2',
  'customs',
  'transport',
  'flow',
  'product',
  'level',
  'value',
  'exports',
  'imports',
  'unit',
];
/** The mapping's fields in the order a missing one is looked for. */
const MAPPED_ROLES = [
  'reporter',
  'reporterName',
  'partner',
  'partnerName',
  'year',
  'flow',
  'product',
  'value',
  'exports',
  'imports',
  'unit',
  'month',
] as const satisfies readonly (keyof ColumnMapping & ColumnRole)[];

/** Each role's column index in the header (-1: absent); throws with the missing columns named. */
function locateColumns(layout: LayoutRecord, header: string[], mapping: ColumnMapping | undefined): Columns {
  const columns = Object.fromEntries(ROLES.map((role) => [role, -1])) as Columns;
  const named = layout.columns;
  if (named !== null) {
    const col = columnIndex(header);
    const missing = layout.required.filter((role) => col(named[role] ?? '') < 0).map((role) => named[role] ?? role);
    if (missing.length > 0) throw new MissingColumnError(missing);
    for (const role of ROLES) if (named[role] !== undefined) columns[role] = col(named[role]);
    return columns;
  }
  // The user's mapping names the columns exactly as the header does.
  if (!mapping) throw new MissingColumnError(['(a column mapping)']);
  for (const role of MAPPED_ROLES) {
    const name = mapping[role];
    if (name === undefined || name === '') continue;
    const i = header.indexOf(name);
    if (i < 0) throw new MissingColumnError([name]);
    columns[role] = i;
  }
  return columns;
}

/**
 * Builds the row mapper of a layout over a header; throws with the missing columns named. A wide file's record gives
 * up to two flows, export and import, from its two value columns; an empty cell is not reported (no flow, never 0).
 */
export function createMapper(format: ImportFormat, header: string[], options: MapperOptions): RowMapper {
  const layout = LAYOUT_BY_ID[format];
  const c = locateColumns(layout, header, options.mapping);
  const dc = options.decimalComma;
  const get = (f: string[], i: number): string => (i >= 0 ? (f[i] ?? '') : '');
  const name = (i: number, role: ColumnRole): string => header[i] ?? role;

  const skipUnreadable = layout.unreadable === 'skip';
  const readFlow = flowReader(layout.flows);
  const flowShown = layout.flows.shown === 'code' ? (raw: string) => raw || '(empty)' : (raw: string) => `"${raw}"`;
  const breakdowns = c.partner2 >= 0 || c.customs >= 0 || c.transport >= 0;
  const fixedScale: number = layout.unitScale ?? UNIT_SCALES[options.mapping?.valueUnit ?? 'USD'];
  const reporterExpected = said(skipUnreadable ? 'reporterNotCode' : 'reporterCode');
  const expectedFlows = saidAs(layout.flows.expected);
  const wide = isWideMapping(options.mapping);
  // A unit column repeats one cell down the file: it is read again only when it changes.
  let lastUnitCell: string | undefined;
  let lastUnit: number | null = null;
  const unitOf = (cell: string): number | null => {
    if (cell !== lastUnitCell) {
      lastUnitCell = cell;
      lastUnit = unitScale(cell);
    }
    return lastUnit;
  };
  // A file of a reporter's totals without a partner column: every row is its trade with the world.
  const worldPartner = options.mapping?.partnerWorld === true && c.partner < 0;
  /** A wide file's value cell: USD, null when empty (not reported), BAD_VALUE after reporting a problem. */
  const figure = (f: string[], i: number, role: ColumnRole, scale: number, sink: MapSink): number | null => {
    if (i < 0) return null;
    const raw = get(f, i);
    if (raw.trim() === '') return null;
    return usd(raw, scale, dc, name(i, role), sink) ?? BAD_VALUE;
  };

  /** The row's month, null for an annual row, NO_MONTH after reporting a problem. */
  const month: (f: string[], sink: MapSink) => number | null = {
    annual: () => null,
    frequency: (f: string[], sink: MapSink) => {
      const freq = get(f, c.frequency).trim().toUpperCase();
      const period = get(f, c.period).trim();
      if (freq !== 'M' && !(freq === '' && period.length === 6)) return null;
      const raw = c.month >= 0 ? get(f, c.month) : period;
      const m = monthOf(c.month >= 0 ? raw : period.slice(4));
      if (m !== null) return m;
      sink.problem(header[c.month >= 0 ? c.month : c.period] ?? 'refMonth', raw, said('monthRange'));
      return NO_MONTH;
    },
    period: (f: string[], sink: MapSink) => {
      const period = get(f, c.period).trim();
      if (period.length !== 6) return null;
      const m = monthOf(period.slice(4));
      if (m !== null) return m;
      sink.problem(name(c.period, 'period'), period, said('periodForm'));
      return NO_MONTH;
    },
    column: (f: string[], sink: MapSink) => {
      const raw = get(f, c.month);
      if (c.month < 0 || raw.trim() === '') return null;
      const m = monthOf(raw.trim());
      if (m !== null) return m;
      sink.problem(name(c.month, 'month'), raw, said('monthRange'));
      return NO_MONTH;
    },
  }[layout.month];

  return (f, out, sink) => {
    if (breakdowns && (!isTotal(get(f, c.partner2), '0') || !isTotal(get(f, c.customs), 'C00') || !isTotal(get(f, c.transport), '0'))) {
      sink.skip(SKIP_BREAKDOWN);
      return SKIPPED;
    }
    const flowRaw = wide ? '' : get(f, c.flow).trim();
    // A wide record's flows are its value columns'; 'export' stands for them until its cells are read.
    const flow = wide ? 'export' : readFlow(flowRaw);
    if (!flow && skipUnreadable) {
      sink.skip(
        said('skipFlow', {
          flow: flowShown(layout.flows.match === 'upper-case' ? flowRaw.toUpperCase() : flowRaw),
          expected: expectedFlows,
        }),
      );
      return SKIPPED;
    }
    // Without a name column, the code cell itself may say "World".
    const repRaw = get(f, c.reporter),
      parRaw = worldPartner ? WORLD : get(f, c.partner);
    const reporter = economyCode(repRaw, get(f, c.reporterCode), c.reporterName >= 0 ? get(f, c.reporterName) : repRaw);
    const partner = economyCode(parRaw, get(f, c.partnerCode), c.partnerName >= 0 ? get(f, c.partnerName) : parRaw);
    if (partner === null && skipUnreadable) {
      sink.skip(SKIP_AREA);
      return SKIPPED;
    }
    let bad = false;
    if (reporter === null) {
      sink.problem(name(c.reporter, 'reporter'), repRaw, reporterExpected);
      bad = true;
    }
    if (partner === null) {
      sink.problem(name(c.partner, 'partner'), parRaw, PARTNER_CODE);
      bad = true;
    }
    if (!flow) {
      sink.problem(name(c.flow, 'flow'), flowRaw, expectedFlows);
      bad = true;
    }
    const y = year(get(f, c.year), name(c.year, 'year'), sink);
    const m = month(f, sink);
    if (m === NO_MONTH) bad = true;
    const product = c.product >= 0 ? productCode(get(f, c.product), get(f, c.level), name(c.product, 'product'), sink) : 'TOTAL';
    let scale = fixedScale;
    if (c.unit >= 0) {
      const unit = unitOf(get(f, c.unit));
      if (unit === null) {
        sink.problem(name(c.unit, 'unit'), get(f, c.unit), UNIT_USD);
        bad = true;
      } else scale = unit;
    }
    let value: number | null;
    let valueFlow = flow;
    let importValue: number | null = null;
    if (wide) {
      const exported = figure(f, c.exports, 'exports', scale, sink);
      const imported = figure(f, c.imports, 'imports', scale, sink);
      if (exported === BAD_VALUE || imported === BAD_VALUE) bad = true;
      if (exported !== null) {
        value = exported;
        importValue = imported;
      } else {
        value = imported;
        valueFlow = 'import';
      }
    } else value = usd(get(f, c.value), scale, dc, name(c.value, 'value'), sink);
    if (c.reporterName >= 0 && !plainName(get(f, c.reporterName), name(c.reporterName, 'reporter'), sink)) bad = true;
    if (c.partnerName >= 0 && !plainName(get(f, c.partnerName), name(c.partnerName, 'partner'), sink)) bad = true;
    if (bad || reporter === null || partner === null || !valueFlow || y === null || product === null) return INVALID;
    if (value === null) {
      // A long record without a value has had its problem reported; a wide one with both cells empty reports nothing.
      if (!wide) return INVALID;
      sink.skip(SKIP_NOT_REPORTED);
      return SKIPPED;
    }
    if (c.reporterName >= 0) sink.economy(reporter, get(f, c.reporterName));
    if (c.partnerName >= 0) sink.economy(partner, get(f, c.partnerName));
    out.reporter = reporter;
    out.partner = partner;
    out.year = y;
    out.month = m;
    out.flow = valueFlow;
    out.product = product;
    out.value = value;
    out.importValue = importValue;
    return OK;
  };
}

/** The multiplier words of Korean and Chinese units before 달러 / 美元 ('' for plain dollars). */
const CJK_SCALES: Readonly<Record<string, number>> = {
  '': 1,
  천: 1000,
  만: 10_000,
  백만: 1_000_000,
  억: 100_000_000,
  千: 1000,
  万: 10_000,
  百万: 1_000_000,
  亿: 100_000_000,
};

/**
 * Reads a unit cell: USD, US$, 1000 USD, USD thousands, thousand US$, USD mn, million USD …; in Korean 달러, 천 달러,
 * 만 달러, 백만 달러, 억 달러; in Chinese 美元, 千美元, 万美元, 百万美元, 亿美元.
 */
export function unitScale(raw: string): number | null {
  const t = raw.trim().toLowerCase().replace(/\s+/g, ' ');
  const korean = /(달러|불)$/.test(t.replace(/[()（）\s]/g, '')) ? t.replace(/[()（）\s]|달러|불/g, '') : null;
  if (korean !== null) return CJK_SCALES[korean.replace(/^(us|미)/, '')] ?? null;
  const chinese = /美元$/.test(t.replace(/[()（）\s]/g, '')) ? t.replace(/[()（）\s]|美元/g, '') : null;
  if (chinese !== null) return CJK_SCALES[chinese] ?? null;
  if (!/(usd|us\$|us dollars?|\$)/.test(t)) return null;
  if (/(1[ ,.]?000 ?000|million|mn|mio|\bm\b)/.test(t)) return 1_000_000;
  if (/(1[ ,.]?000|thousand|\bk\b|'000|000s)/.test(t)) return 1000;
  return 1;
}

/** The multiplier words of one script's units, as a regular expression's alternatives (천|만|백만|억). */
function multiplierWords(script: RegExp): string {
  return Object.keys(CJK_SCALES)
    .filter((word) => script.test(word))
    .join('|');
}

/**
 * The names a wide file gives the value column of one flow, kept to what can mean nothing else: the flow's word, then
 * at most "value" or "amount" and a unit the app reads (US dollars, thousands or millions of them: exports, Export value
 * (US$ thousand), exports_usd; 수출액, 수출금액(천달러), 수출액(억달러); 出口额, 出口金额（万美元）). Not "export share",
 * "수출(건수)", "수출입", "进出口" nor 出口额（万元）, whose unit (yuan) the app has not.
 */
function flowValueColumn(english: string, korean: string, chinese: string): RegExp[] {
  const scale = String.raw`(thousands?|millions?|mn|k|'?000s?|1,?000)`;
  const unit = String.raw`([\s_,]*[(\[]?(in[\s_]+)?(${scale}[\s_]*)?(usd|us\$|\$|us[\s_]+dollars?)([\s_]*${scale})?[)\]]?)?`;
  return [
    new RegExp(String.raw`^(total[\s_]*)?${english}([\s_]*(value|values|amount))?${unit}$`, 'i'),
    new RegExp(String.raw`^${korean}\s*(액|금액)?(\s*[(（](${multiplierWords(/\p{Script=Hangul}/u)})?\s*(달러|불|usd|us\$)[)）])?$`, 'i'),
    new RegExp(
      String.raw`^${chinese}\s*(额|金额|总额|总值)?(\s*[(（](${multiplierWords(/\p{Script=Han}/u)})?\s*(美元|usd|us\$)[)）])?$`,
      'i',
    ),
  ];
}

/** A guess of the mapping from header names (the user confirms it): a flow and a value column, or a wide file's two. */
export function suggestMapping(header: string[]): Partial<ColumnMapping> {
  const find = (...patterns: RegExp[]): string | undefined => {
    for (const p of patterns) {
      const hit = header.find((h) => p.test(h.trim()));
      if (hit !== undefined) return hit;
    }
    return undefined;
  };
  const guess: Partial<ColumnMapping> = {};
  const set = <K extends keyof ColumnMapping>(key: K, value: ColumnMapping[K] | undefined): void => {
    if (value !== undefined) guess[key] = value;
  };
  // English names first, then the Korean and Chinese ones of customs tables and analysts' own sheets.
  set('reporter', find(/^reporter.*(iso|code)/i, /^reporter/i, /^(country|economy)$/i, /^(보고국|신고국)/, /^(报告国|报告方|申报国)/));
  set('partner', find(/^partner.*(iso|code)/i, /^partner/i, /^(교역\s*)?상대국/, /^(贸易)?伙伴/));
  // A column of names beside the code: it names the economies the database does not know yet.
  const named = (code: string | undefined, ...patterns: RegExp[]): string | undefined => {
    const column = find(...patterns);
    return column !== code ? column : undefined;
  };
  set(
    'reporterName',
    named(guess.reporter, /^reporter.*(name|desc)/i, /^(보고국|신고국)\s*(명|이름)$/, /^(报告国|报告方|申报国)(名称|名)$/),
  );
  set('partnerName', named(guess.partner, /^partner.*(name|desc)/i, /^(교역\s*)?상대국\s*(명|이름)$/, /^(贸易)?伙伴(名称|名)$/));
  set('year', find(/^(ref)?year$/i, /year/i, /^period$/i, /^(연도|년도)$/, /^年(份|度)?$/));
  set('month', find(/^(ref)?month$/i, /^월$/, /^月份?$/));
  set('product', find(/^(hs|product|commodity|cmd).*code/i, /^(hs|product|commodity)$/i, /^(hs\s*|품목\s*)코드/i, /^(hs\s*|商品)编码/i));
  const flow = find(/flow/i, /^direction$/i, /^(수출입\s*)?구분$/, /^进出口(类别|方向)?$/);
  const exports = find(...flowValueColumn('exports?', '수출', '出口'));
  const imports = find(...flowValueColumn('imports?', '수입', '(进口|進口)'));
  if (flow === undefined && (exports !== undefined || imports !== undefined)) {
    // A wide file: its exports and imports in two value columns, and no flow column.
    set('exports', exports);
    set('imports', imports);
    // Without a partner column, columns named as totals (total_exports, 出口总额) are the reporter's trade with the world.
    if (guess.partner === undefined && [exports, imports].some((c) => c !== undefined && /^total|总额|总值/i.test(c.trim())))
      guess.partnerWorld = true;
  } else {
    set('flow', flow);
    set('value', find(/value.*usd|usd.*value/i, /^(trade )?value/i, /^amount$/i, /^(수출입\s*)?금액/, /^(金额|贸易额)/));
  }
  set('unit', find(/^unit$/i, /^currency$/i, /^(단위|통화)$/, /^(单位|币种)$/));
  // Without a unit column, the value columns' names may state their unit (수출액(천달러), Export value (US$ thousand)).
  if (guess.unit === undefined) set('valueUnit', unitNamed([guess.value, guess.exports, guess.imports]));
  return guess;
}

/** The unit the value columns' names state, when they all state the same one other than plain dollars. */
function unitNamed(columns: (string | undefined)[]): keyof typeof UNIT_SCALES | undefined {
  const scales = new Set(columns.filter((c) => c !== undefined).map((c) => unitScale(/[(（[]([^)）\]]*)[)）\]]\s*$/.exec(c)?.[1] ?? c)));
  const [scale] = scales;
  if (scales.size !== 1 || scale === null || scale === undefined || scale === 1) return undefined;
  return (Object.keys(UNIT_SCALES) as (keyof typeof UNIT_SCALES)[]).find((u) => UNIT_SCALES[u] === scale);
}

export class MissingColumnError extends Error {
  readonly columns: string[];
  constructor(columns: string[]) {
    super(`missing column${columns.length > 1 ? 's' : ''}: ${columns.join(', ')}`);
    this.columns = columns;
  }
}
