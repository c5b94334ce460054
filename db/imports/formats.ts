/**
 * Trade file layouts: detection by header, and one row mapper per layout turning a CSV record
 * into a trade_flow row, a skip (a legitimate row this app does not store, with a reason) or
 * problems (invalid data: row, column, value, what is wrong).
 *
 * Choices (see db/imports/README.md):
 * - The World partner (code 0, ISO W00/WLD, "World") is stored as the economy WLD of kind
 *   'group', a partner of its own: never dropped, never summed into countries.
 * - Product TOTAL is stored as product_code 'TOTAL', distinct from HS chapters.
 * - Comtrade breakdowns (partner2 ≠ World, customs procedure ≠ C00, mode of transport ≠ 0) are
 *   skipped with reason 'breakdown row': only the totals are stored (summing every row overcounts).
 * - Partner areas that are not economies (Comtrade "Areas, nes" _X, S19, …) are skipped with a reason.
 */
import type { ImportFormat, ColumnMapping } from './contract.ts';
import { parseNumber } from './csv.ts';
import { controlCharacterAt } from './reading.ts';
import type { Flow } from '../vocabulary.ts';

/** The mapped row, reused between records (copy what you keep). */
export interface MappedRow {
  reporter: string;
  partner: string;
  year: number;
  month: number | null;
  flow: Flow;
  product: string;
  value: number;
}

export interface Problem {
  line: number;
  column: string;
  value: string;
  message: string;
}

/** What a mapper reports besides the row. */
export interface MapSink {
  skip(reason: string): void;
  problem(column: string, value: string, message: string): void;
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

export const FORMAT_LABELS: Record<ImportFormat, string> = {
  comtrade: 'UN Comtrade (current API/portal layout)',
  'comtrade-legacy': 'UN Comtrade (legacy layout)',
  wits: 'World Bank WITS raw trade data',
  generic: 'Other layout (column mapping)',
};

export const FORMAT_PUBLISHERS: Record<ImportFormat, string> = {
  comtrade: 'UN Comtrade',
  'comtrade-legacy': 'UN Comtrade',
  wits: 'World Bank WITS',
  generic: 'User file',
};

const norm = (name: string): string => name.trim().toLowerCase().replace(/[\s_.()$]+/g, '');

/** Index of each header name, normalised (case, spaces, punctuation ignored). */
function columnIndex(header: string[]): (name: string) => number {
  const map = new Map<string, number>();
  header.forEach((h, i) => {
    const key = norm(h);
    if (!map.has(key)) map.set(key, i);
  });
  return (name) => map.get(norm(name)) ?? -1;
}

export function detectFormat(header: string[]): ImportFormat {
  const col = columnIndex(header);
  const has = (...names: string[]): boolean => names.every((n) => col(n) >= 0);
  if (has('reporterISO', 'partnerISO', 'flowCode', 'cmdCode', 'primaryValue')) return 'comtrade';
  if (has('Reporter ISO', 'Partner ISO', 'Trade Flow Code', 'Commodity Code', 'Trade Value (US$)')) return 'comtrade-legacy';
  if (has('ReporterISO3', 'PartnerISO3', 'ProductCode', 'TradeFlowName', 'TradeValue in 1000 USD')) return 'wits';
  return 'generic';
}

/** Columns each layout needs (named as in its files). */
export const REQUIRED_COLUMNS: Record<Exclude<ImportFormat, 'generic'>, string[]> = {
  comtrade: ['refYear', 'reporterISO', 'partnerISO', 'flowCode', 'cmdCode', 'primaryValue'],
  'comtrade-legacy': ['Year', 'Reporter ISO', 'Partner ISO', 'Trade Flow Code', 'Commodity Code', 'Trade Value (US$)'],
  wits: ['Year', 'ReporterISO3', 'PartnerISO3', 'TradeFlowName', 'ProductCode', 'TradeValue in 1000 USD'],
};

const ISO3 = /^[A-Z]{3}$/;

/** An economy code from the file's ISO field (and numeric code): WLD for World, null if not an economy. */
function economyCode(iso: string, numeric: string, desc: string): string | null {
  const code = iso.trim().toUpperCase();
  if (code === 'W00' || code === 'WLD' || code === 'WORLD' || numeric.trim() === '0' || (code === '' && desc.trim().toLowerCase() === 'world')) return WORLD;
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
    sink.problem(column, raw, 'not an HS code (digits) nor TOTAL');
    return null;
  }
  if (code.length === 2 || code.length === 4 || code.length === 6) return code;
  const want = Number(level);
  if ((code.length === 1 || code.length === 3 || code.length === 5) && want === code.length + 1) return `0${code}`;
  sink.problem(column, raw, `an HS code has 2, 4 or 6 digits, not ${code.length}${code.length % 2 === 1 ? ' (a leading zero lost in a spreadsheet?)' : ''}`);
  return null;
}

function year(raw: string, column: string, sink: MapSink): number | null {
  const text = raw.trim();
  const y = /^\d{4}$/.test(text) ? Number(text) : Number.NaN;
  if (!(y >= 1900 && y <= 2100)) {
    sink.problem(column, raw, 'a year from 1900 to 2100');
    return null;
  }
  return y;
}

function usd(raw: string, scale: number, decimalComma: boolean, column: string, sink: MapSink): number | null {
  const v = parseNumber(raw, decimalComma);
  if (v === null) {
    sink.problem(column, raw, 'no value');
    return null;
  }
  if (Number.isNaN(v)) {
    sink.problem(column, raw, 'not a number');
    return null;
  }
  if (v < 0) {
    sink.problem(column, raw, 'a trade value cannot be negative');
    return null;
  }
  return v * scale;
}

/** False (and a problem) for a name holding a control character: such a name is never stored. */
function plainName(raw: string, column: string, sink: MapSink): boolean {
  const at = controlCharacterAt(raw);
  if (at < 0) return true;
  const code = raw.charCodeAt(at).toString(16).toUpperCase().padStart(4, '0');
  sink.problem(column, raw, `a control character (U+${code}) at position ${at + 1}: not part of a name`);
  return false;
}

const COMTRADE_FLOWS: Record<string, Flow> = { X: 'export', M: 'import', RX: 're-export', RM: 're-import' };
const LEGACY_FLOWS: Record<string, Flow> = { '1': 'import', '2': 'export', '3': 're-export', '4': 're-import' };
const NAMED_FLOWS: Record<string, Flow> = {
  x: 'export', export: 'export', exports: 'export',
  m: 'import', import: 'import', imports: 'import',
  rx: 're-export', 're-export': 're-export', 're-exports': 're-export', reexport: 're-export', reexports: 're-export',
  rm: 're-import', 're-import': 're-import', 're-imports': 're-import', reimport: 're-import', reimports: 're-import',
};

/** Cells that mean "total" in a breakdown column (empty = not broken down). */
const isTotal = (raw: string, total: string): boolean => {
  const t = raw.trim();
  return t === '' || t === total;
};

export interface MapperOptions {
  decimalComma: boolean;
  mapping?: ColumnMapping | undefined;
}

/** Builds the row mapper of a layout over a header; throws with the missing columns named. */
export function createMapper(format: ImportFormat, header: string[], options: MapperOptions): RowMapper {
  const col = columnIndex(header);
  const dc = options.decimalComma;
  const need = (name: string): number => {
    const i = col(name);
    if (i < 0) throw new MissingColumnError([name]);
    return i;
  };
  const get = (f: string[], i: number): string => (i >= 0 ? (f[i] ?? '') : '');

  /**
   * Both Comtrade layouts: only total rows (partner 2, customs procedure and mode of transport all
   * "total") are taken; other flows and non-economy partners are skipped with a reason.
   */
  const comtradeMapper = (
    c: { year: number; rep: number; repCode: number; repDesc: number; par: number; parCode: number; parDesc: number;
      par2: number; customs: number; mot: number; flow: number; cmd: number; level: number; value: number },
    layout: {
      flows: Record<string, Flow>;
      flowNote: string;
      normaliseFlow: (raw: string) => string;
      /** The row's month, null for an annual row, 'bad' after reporting a problem. */
      month: (f: string[], sink: MapSink) => number | null | 'bad';
    },
  ): RowMapper => (f, out, sink) => {
    if (!isTotal(get(f, c.par2), '0') || !isTotal(get(f, c.customs), 'C00') || !isTotal(get(f, c.mot), '0')) {
      sink.skip('breakdown row (partner 2, customs procedure or mode of transport is not the total)');
      return SKIPPED;
    }
    const flowRaw = layout.normaliseFlow(get(f, c.flow).trim());
    const flow = layout.flows[flowRaw];
    if (!flow) {
      sink.skip(`flow ${flowRaw || '(empty)'} not stored (${layout.flowNote})`);
      return SKIPPED;
    }
    const reporter = economyCode(get(f, c.rep), get(f, c.repCode), get(f, c.repDesc));
    const partner = economyCode(get(f, c.par), get(f, c.parCode), get(f, c.parDesc));
    if (partner === null) {
      sink.skip('partner is an area, not an economy');
      return SKIPPED;
    }
    let bad = false;
    if (reporter === null) {
      sink.problem(header[c.rep] ?? 'reporter ISO', get(f, c.rep), 'not an ISO 3166 alpha-3 code');
      bad = true;
    }
    const y = year(get(f, c.year), header[c.year] ?? 'year', sink);
    const month = layout.month(f, sink);
    if (month === 'bad') bad = true;
    const product = productCode(get(f, c.cmd), get(f, c.level), header[c.cmd] ?? 'commodity code', sink);
    const value = usd(get(f, c.value), 1, dc, header[c.value] ?? 'value', sink);
    if (c.repDesc >= 0 && !plainName(get(f, c.repDesc), header[c.repDesc] ?? 'reporter', sink)) bad = true;
    if (c.parDesc >= 0 && !plainName(get(f, c.parDesc), header[c.parDesc] ?? 'partner', sink)) bad = true;
    if (bad || y === null || product === null || value === null || reporter === null || month === 'bad') return INVALID;
    if (c.repDesc >= 0) sink.economy(reporter, get(f, c.repDesc));
    if (c.parDesc >= 0) sink.economy(partner, get(f, c.parDesc));
    out.reporter = reporter; out.partner = partner; out.year = y; out.month = month;
    out.flow = flow; out.product = product; out.value = value;
    return OK;
  };

  if (format !== 'generic') {
    const missing = REQUIRED_COLUMNS[format].filter((n) => col(n) < 0);
    if (missing.length > 0) throw new MissingColumnError(missing);
  }

  if (format === 'comtrade') {
    const cMonth = col('refMonth'), cFreq = col('freqCode'), cPeriod = col('period');
    return comtradeMapper({
      year: need('refYear'), rep: need('reporterISO'), repCode: col('reporterCode'), repDesc: col('reporterDesc'),
      par: need('partnerISO'), parCode: col('partnerCode'), parDesc: col('partnerDesc'),
      par2: col('partner2Code'), customs: col('customsCode'), mot: col('motCode'),
      flow: need('flowCode'), cmd: need('cmdCode'), level: col('aggrLevel'), value: need('primaryValue'),
    }, {
      flows: COMTRADE_FLOWS,
      flowNote: 'only X, M, RX, RM',
      normaliseFlow: (raw) => raw.toUpperCase(),
      month: (f, sink) => {
        const freq = get(f, cFreq).trim().toUpperCase();
        const period = get(f, cPeriod).trim();
        if (freq !== 'M' && !(freq === '' && period.length === 6)) return null;
        const m = cMonth >= 0 ? Number(get(f, cMonth)) : Number(period.slice(4));
        if (Number.isInteger(m) && m >= 1 && m <= 12) return m;
        sink.problem(header[cMonth >= 0 ? cMonth : cPeriod] ?? 'refMonth', cMonth >= 0 ? get(f, cMonth) : period, 'a month from 1 to 12');
        return 'bad';
      },
    });
  }

  if (format === 'comtrade-legacy') {
    const cPeriod = col('Period');
    return comtradeMapper({
      year: need('Year'), rep: need('Reporter ISO'), repCode: col('Reporter Code'), repDesc: col('Reporter'),
      par: need('Partner ISO'), parCode: col('Partner Code'), parDesc: col('Partner'),
      par2: col('2nd Partner Code'), customs: col('Customs Proc. Code'), mot: col('Mode of Transport Code'),
      flow: need('Trade Flow Code'), cmd: need('Commodity Code'), level: col('Aggregate Level'), value: need('Trade Value (US$)'),
    }, {
      flows: LEGACY_FLOWS,
      flowNote: 'only 1–4: import, export, re-export, re-import',
      normaliseFlow: (raw) => raw,
      month: (f, sink) => {
        const period = get(f, cPeriod).trim();
        if (period.length !== 6) return null;
        const m = Number(period.slice(4));
        if (Number.isInteger(m) && m >= 1 && m <= 12) return m;
        sink.problem(header[cPeriod] ?? 'Period', period, 'a period YYYY or YYYYMM');
        return 'bad';
      },
    });
  }

  if (format === 'wits') {
    const cYear = need('Year'), cRep = need('ReporterISO3'), cRepDesc = col('ReporterName');
    const cPar = need('PartnerISO3'), cParDesc = col('PartnerName');
    const cFlow = need('TradeFlowName'), cCmd = need('ProductCode'), cValue = need('TradeValue in 1000 USD');
    return (f, out, sink) => {
      const flowRaw = get(f, cFlow).trim();
      const flow = NAMED_FLOWS[flowRaw.toLowerCase()];
      if (!flow) {
        sink.skip(`flow "${flowRaw}" not stored (only Export, Import, Re-Export, Re-Import)`);
        return SKIPPED;
      }
      const reporter = economyCode(get(f, cRep), '', get(f, cRepDesc));
      const partner = economyCode(get(f, cPar), '', get(f, cParDesc));
      if (partner === null) {
        sink.skip('partner is an area, not an economy');
        return SKIPPED;
      }
      let bad = false;
      if (reporter === null) {
        sink.problem(header[cRep] ?? 'ReporterISO3', get(f, cRep), 'not an ISO 3166 alpha-3 code');
        bad = true;
      }
      const y = year(get(f, cYear), header[cYear] ?? 'Year', sink);
      const product = productCode(get(f, cCmd), '', header[cCmd] ?? 'ProductCode', sink);
      // WITS states values in thousands of US dollars.
      const value = usd(get(f, cValue), 1000, dc, header[cValue] ?? 'TradeValue in 1000 USD', sink);
      if (cRepDesc >= 0 && !plainName(get(f, cRepDesc), header[cRepDesc] ?? 'ReporterName', sink)) bad = true;
      if (cParDesc >= 0 && !plainName(get(f, cParDesc), header[cParDesc] ?? 'PartnerName', sink)) bad = true;
      if (bad || y === null || product === null || value === null || reporter === null) return INVALID;
      if (cRepDesc >= 0) sink.economy(reporter, get(f, cRepDesc));
      if (cParDesc >= 0) sink.economy(partner, get(f, cParDesc));
      out.reporter = reporter; out.partner = partner; out.year = y; out.month = null;
      out.flow = flow; out.product = product; out.value = value;
      return OK;
    };
  }

  // Generic: the user's mapping names the columns.
  const m = options.mapping;
  if (!m) throw new MissingColumnError(['(a column mapping)']);
  const at = (name: string | undefined): number => {
    if (name === undefined || name === '') return -1;
    const i = header.indexOf(name);
    if (i < 0) throw new MissingColumnError([name]);
    return i;
  };
  const cRep = at(m.reporter), cPar = at(m.partner), cYear = at(m.year), cFlow = at(m.flow);
  const cCmd = at(m.product), cValue = at(m.value), cUnit = at(m.unit), cMonth = at(m.month);
  const fixedScale: number = UNIT_SCALES[m.valueUnit ?? 'USD'];
  return (f, out, sink) => {
    let bad = false;
    const repRaw = get(f, cRep), parRaw = get(f, cPar);
    const reporter = economyCode(repRaw, '', repRaw);
    const partner = economyCode(parRaw, '', parRaw);
    if (reporter === null) {
      sink.problem(m.reporter, repRaw, 'an ISO 3166 alpha-3 code (KOR) or World');
      bad = true;
    }
    if (partner === null) {
      sink.problem(m.partner, parRaw, 'an ISO 3166 alpha-3 code (CHN) or World');
      bad = true;
    }
    const flowRaw = get(f, cFlow).trim();
    const flow = NAMED_FLOWS[flowRaw.toLowerCase()];
    if (!flow) {
      sink.problem(m.flow, flowRaw, 'export, import, re-export or re-import (or X, M, RX, RM)');
      bad = true;
    }
    const y = year(get(f, cYear), m.year, sink);
    let month: number | null = null;
    if (cMonth >= 0 && get(f, cMonth).trim() !== '') {
      const mo = Number(get(f, cMonth).trim());
      if (Number.isInteger(mo) && mo >= 1 && mo <= 12) month = mo;
      else {
        sink.problem(m.month ?? 'month', get(f, cMonth), 'a month from 1 to 12');
        bad = true;
      }
    }
    const product = cCmd >= 0 ? productCode(get(f, cCmd), '', m.product ?? 'product', sink) : 'TOTAL';
    let scale = fixedScale;
    if (cUnit >= 0) {
      const unit = unitScale(get(f, cUnit));
      if (unit === null) {
        sink.problem(m.unit ?? 'unit', get(f, cUnit), 'a unit in US dollars: USD, thousand USD or million USD');
        bad = true;
      } else scale = unit;
    }
    const value = usd(get(f, cValue), scale, dc, m.value, sink);
    if (bad || reporter === null || partner === null || !flow || y === null || product === null || value === null) return INVALID;
    out.reporter = reporter; out.partner = partner; out.year = y; out.month = month;
    out.flow = flow; out.product = product; out.value = value;
    return OK;
  };
}

export const UNIT_SCALES = { USD: 1, 'thousand USD': 1000, 'million USD': 1_000_000 } as const;

/** Reads a unit cell: USD, US$, 1000 USD, USD thousands, thousand US$, USD mn, million USD … */
export function unitScale(raw: string): number | null {
  const t = raw.trim().toLowerCase().replace(/\s+/g, ' ');
  if (!/(usd|us\$|us dollars?|\$)/.test(t)) return null;
  if (/(1[ ,.]?000 ?000|million|mn|mio|\bm\b)/.test(t)) return 1_000_000;
  if (/(1[ ,.]?000|thousand|\bk\b|'000|000s)/.test(t)) return 1000;
  return 1;
}

/** A guess of the mapping from header names (the user confirms it). */
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
  set('reporter', find(/^reporter.*(iso|code)/i, /^reporter/i, /^(country|economy)$/i));
  set('partner', find(/^partner.*(iso|code)/i, /^partner/i));
  set('year', find(/^(ref)?year$/i, /year/i, /^period$/i));
  set('month', find(/^(ref)?month$/i));
  set('flow', find(/flow/i, /^direction$/i));
  set('product', find(/^(hs|product|commodity|cmd).*code/i, /^(hs|product|commodity)$/i));
  set('value', find(/value.*usd|usd.*value/i, /^(trade )?value/i, /^amount$/i));
  set('unit', find(/^unit$/i, /^currency$/i));
  return guess;
}

export class MissingColumnError extends Error {
  readonly columns: string[];
  constructor(columns: string[]) {
    super(`missing column${columns.length > 1 ? 's' : ''}: ${columns.join(', ')}`);
    this.columns = columns;
  }
}
