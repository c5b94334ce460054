/**
 * Builds db/packs/korea-china-trade.json from the sourced CSV files in the shared data folder
 * (../shared/data/korea-china-trade/, see its README.md):
 *
 *   node db/packs/build-korea-china-trade.ts <shared data dir> [output file]
 *
 * Nothing is derived or estimated: every figure of the pack is a value of the CSV files, with
 * the source given on its row. One pack source per distinct (publisher, title, date), labelled
 * T1..Tn in order of first appearance. The generated JSON is committed: the app never reads the
 * shared folder at run time.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePack } from './load.ts';
import type { PackInput } from './schema.ts';

type Row = Record<string, string>;

/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks. */
export function parseCsv(text: string, fileName: string): Row[] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  let i = 0;
  const src = text.replace(/^\uFEFF/, '');
  while (i < src.length) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') { field += '"'; i += 2; continue; }
        quoted = false; i++; continue;
      }
      field += c; i++; continue;
    }
    if (c === '"' && field === '') { quoted = true; i++; continue; }
    if (c === ',') { record.push(field); field = ''; i++; continue; }
    if (c === '\r') { i++; continue; }
    if (c === '\n') { record.push(field); records.push(record); record = []; field = ''; i++; continue; }
    field += c; i++;
  }
  if (quoted) throw new Error(`${fileName}: a quoted field is not closed`);
  if (field !== '' || record.length > 0) { record.push(field); records.push(record); }
  const [header, ...body] = records.filter((r) => r.length > 1 || r[0] !== '');
  if (!header) throw new Error(`${fileName}: no header row`);
  return body.map((r, n) => {
    if (r.length !== header.length) throw new Error(`${fileName} row ${n + 2}: ${r.length} fields, the header has ${header.length}`);
    return Object.fromEntries(header.map((h, j) => [h, r[j]!.trim()]));
  });
}

function need(row: Row, column: string, where: string): string {
  const v = row[column];
  if (v === undefined || v === '') throw new Error(`${where}: column ${column} is empty`);
  return v;
}

function usd(row: Row, column: string, where: string): number {
  const raw = need(row, column, where);
  if (!/^-?\d+(\.\d+)?$/.test(raw)) throw new Error(`${where}: ${column} "${raw}" is not a number of USD`);
  return Number(raw);
}

function year(row: Row, column: string, where: string): number {
  const raw = need(row, column, where);
  if (!/^\d{4}$/.test(raw)) throw new Error(`${where}: ${column} "${raw}" is not a year`);
  return Number(raw);
}

type PackSourceInput = PackInput['sources'][number];

/** "2022-08-23" → day; "2020-11 (…)" → month + note; "2017 (…)" → year + note; anything else → note only. */
export function parseSourceDate(raw: string): Pick<PackSourceInput, 'published' | 'publishedNote'> {
  const text = raw.trim();
  const rest = (m: RegExpMatchArray): string | undefined => {
    const r = text.slice(m[0].length).trim().replace(/^[,;:]\s*/, '');
    return r ? r : undefined;
  };
  const day = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?!\d)/.exec(text);
  if (day) { const note = rest(day); return { published: { precision: 'day', value: day[0] }, ...(note ? { publishedNote: note } : {}) }; }
  const month = /^(\d{4})-(0[1-9]|1[0-2])(?![\d-])/.exec(text);
  if (month) { const note = rest(month); return { published: { precision: 'month', value: month[0] }, ...(note ? { publishedNote: note } : {}) }; }
  const yr = /^(\d{4})(?![\d-])/.exec(text);
  if (yr) { const note = rest(yr); return { published: { precision: 'year', value: yr[0] }, ...(note ? { publishedNote: note } : {}) }; }
  return text ? { publishedNote: text } : {};
}

/** The first http(s) address of a field that may list several ("a | b"); the others go to the note. */
export function splitUrls(raw: string): { url?: string; others: string[] } {
  const all = raw.match(/https?:\/\/[^\s|]+/g) ?? [];
  const [first, ...others] = all;
  return first ? { url: first, others } : { others };
}

class Sources {
  readonly list: PackSourceInput[] = [];
  readonly #byKey = new Map<string, string>();

  ref(row: Row, where: string): string {
    const publisher = need(row, 'source_publisher', where);
    const title = need(row, 'source_title', where);
    const date = row['source_date'] ?? '';
    const id = JSON.stringify([publisher, title, date]);
    const known = this.#byKey.get(id);
    if (known) return known;
    const key = `T${this.list.length + 1}`;
    const { url, others } = splitUrls(row['source_url'] ?? '');
    this.list.push({
      key, label: key, publisher, title, ...parseSourceDate(date), ...(url ? { url } : {}),
      ...(others.length ? { note: `Also at: ${others.join(' ; ')}` } : {}),
    });
    this.#byKey.set(id, key);
    return key;
  }
}

/** Names identical to the first pack's sector names, so the sectors view joins them across packs. */
const PLAN_SECTORS: Record<string, { key: string; name: string }> = {
  'environmental equipment': { key: 'environmental-equipment', name: 'Environmental equipment' },
  'auto parts': { key: 'auto-parts', name: 'Auto parts' },
  'shipbuilding equipment': { key: 'shipbuilding-equipment', name: 'Shipbuilding equipment' },
  materials: { key: 'materials', name: 'Materials' },
  cosmetics: { key: 'cosmetics', name: 'Cosmetics' },
  beverages: { key: 'beverages', name: 'Beverages' },
  'health food': { key: 'health-food', name: 'Health food' },
};

/** The "reference (sector_exports)" HS codes: sectors of the product-group figures, not of the export plan. */
const REFERENCE_SECTORS: Record<string, { key: string; name: string }> = {
  '8542': { key: 'semiconductors', name: 'Semiconductors' },
  '854232': { key: 'semiconductors', name: 'Semiconductors' },
  '8541': { key: 'semiconductors', name: 'Semiconductors' },
  '8524': { key: 'flat-panel-displays', name: 'Flat panel displays' },
  '2710': { key: 'petroleum-products', name: 'Petroleum products' },
};

/** Which sector a product-group figure belongs to, judged from its code field as the source words it. */
function sectorOfFigure(code: string): string | undefined {
  if (/^33\b|^3304\b/.test(code)) return 'cosmetics';
  if (/semiconductor/i.test(code) || /^854[12]$/.test(code)) return 'semiconductors';
  if (/flat panel/i.test(code)) return 'flat-panel-displays';
  if (/petroleum/i.test(code)) return 'petroleum-products';
  return undefined;
}

/** "JAN-NOV 2018 ONLY" → "Jan–Nov only"; full-year figures have no period note. */
function periodOf(description: string): string | undefined {
  const m = /\b(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)-(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)\b[^,;]*?\bONLY\b/i.exec(description);
  if (!m) return undefined;
  const cap = (s: string): string => s.charAt(0) + s.slice(1).toLowerCase();
  return `${cap(m[1]!)}–${cap(m[2]!)} only`;
}

export function buildPack(dir: string): PackInput {
  const read = (name: string): Row[] => parseCsv(readFileSync(join(dir, name), 'utf8'), name);
  const sources = new Sources();

  const tradeFlows: PackInput['tradeFlows'] = read('annual_bilateral.csv').map((row, n) => {
    const where = `annual_bilateral.csv row ${n + 2}`;
    const note = row['note'] ?? '';
    const flow = need(row, 'flow', where);
    if (flow !== 'export' && flow !== 'import') throw new Error(`${where}: flow "${flow}" is not export or import`);
    const series = /^CROSSCHECK\b/.test(note) ? 'crosscheck' : 'primary';
    return {
      reporter: need(row, 'reporter_iso3', where), partner: need(row, 'partner_iso3', where), year: year(row, 'year', where),
      flow, valueUsd: usd(row, 'value_usd', where), series, source: sources.ref(row, where), ...(note ? { note } : {}),
    };
  });

  const statedKeys = new Set<string>();
  const statedFigures: PackInput['statedFigures'] = read('annual_bilateral_totals.csv').map((row, n) => {
    const where = `annual_bilateral_totals.csv row ${n + 2}`;
    const reporter = need(row, 'reporter_iso3', where);
    const raw = need(row, 'measure', where);
    // "balance_china_view" is China's exports − imports: the balance as reported by CHN.
    const measure = raw === 'total_trade' ? 'total_trade' : raw === 'balance' || (raw === 'balance_china_view' && reporter === 'CHN') ? 'balance' : null;
    if (!measure) throw new Error(`${where}: measure "${raw}" is not total_trade or balance`);
    const source = sources.ref(row, where);
    const y = year(row, 'year', where);
    let key = `${reporter}-${need(row, 'partner_iso3', where)}-${y}-${measure}`.toLowerCase();
    if (statedKeys.has(key)) key = `${key}-${source}`;
    statedKeys.add(key);
    const note = row['note'] ?? '';
    return {
      key, reporter, partner: need(row, 'partner_iso3', where), year: y, measure, valueUsd: usd(row, 'value_usd', where), source,
      ...(note ? { note } : {}),
    };
  });

  const hsSource = {
    key: 'HS', label: 'HS', publisher: 'UN Comtrade HS reference (HS2022), via GitHub datasets/harmonized-system',
    title: 'Harmonized System codes and descriptions (data/harmonized-system.csv, commit 905e5a0f, 2024-10-25)',
    published: { precision: 'day' as const, value: '2024-10-25' },
    url: 'https://github.com/datasets/harmonized-system',
    note: 'Official HS descriptions. The mapping of codes to export-plan sectors is an analyst\'s reading (see each code\'s note).',
  };
  const sectors = new Map<string, { key: string; name: string; description?: string; hs: NonNullable<NonNullable<PackInput['sectors']>[number]['hs']> }>();
  read('hs_sectors.csv').forEach((row, n) => {
    const where = `hs_sectors.csv row ${n + 2}`;
    const category = need(row, 'sector', where).toLowerCase();
    const code = need(row, 'hs_code', where);
    const target = PLAN_SECTORS[category] ?? (category.startsWith('reference') ? REFERENCE_SECTORS[code] : undefined);
    if (!target) throw new Error(`${where}: sector "${category}" (HS ${code}) is not a known export-plan sector`);
    let sector = sectors.get(target.key);
    if (!sector) {
      sector = { key: target.key, name: target.name, hs: [] };
      if (!PLAN_SECTORS[category]) sector.description = 'Product group of the sector figures (not a priority of the export plan).';
      sectors.set(target.key, sector);
    }
    const citation = row['citation'] ?? '';
    const mapping = /Mapping to export-plan sector:\s*(.*)$/s.exec(citation)?.[1]?.trim();
    sector.hs.push({ code, description: need(row, 'hs_description', where), source: 'HS', ...(mapping ? { note: `Mapping: ${mapping}` } : {}) });
  });

  const sectorFigures: NonNullable<PackInput['sectorFigures']> = read('sector_exports.csv').map((row, n) => {
    const where = `sector_exports.csv row ${n + 2}`;
    const reporter = need(row, 'reporter_iso3', where);
    const description = need(row, 'description', where);
    const mirror = /^MIRROR\b/.test(description);
    const code = need(row, 'hs_code', where);
    const sector = sectorOfFigure(code);
    const period = periodOf(description);
    const y = year(row, 'year', where);
    const key = `${reporter}-${need(row, 'partner_iso3', where)}-${y}-row${n + 2}`.toLowerCase();
    return {
      key, reporter, partner: need(row, 'partner_iso3', where), year: y,
      // Korea-reported rows are Korea's exports; the MIRROR rows are China's imports from Korea.
      flow: mirror || reporter === 'CHN' ? 'import' : 'export',
      label: description, hsNote: code, ...(sector ? { sector } : {}), valueUsd: usd(row, 'value_usd', where),
      ...(period ? { periodNote: period } : {}), source: sources.ref(row, where),
    };
  });

  return {
    format: 'tradebrief-pack',
    formatVersion: 1,
    id: 'korea-china-trade',
    version: '1.0.0',
    title: 'Korea–China annual trade, 1991–2024 (both reporters)',
    description:
      'Annual trade between South Korea and China as each side reports it (Korea Customs Service via KOSIS, China\'s customs as cited), ' +
      'published totals and balances kept as stated, product-group export figures and the HS codes of the export plan\'s sectors. ' +
      'Built from ../shared/data/korea-china-trade by db/packs/build-korea-china-trade.ts. Missing years are missing: nothing is estimated.',
    sources: [...sources.list, hsSource],
    economies: [
      { code: 'KOR', name: 'South Korea', kind: 'country' },
      { code: 'CHN', name: 'China', kind: 'country' },
    ],
    tradeFlows,
    statedFigures,
    sectors: [...sectors.values()],
    sectorFigures,
  };
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('Usage: node db/packs/build-korea-china-trade.ts <shared data dir> [output.json]');
    process.exit(2);
  }
  const out = process.argv[3] ?? fileURLToPath(new URL('./korea-china-trade.json', import.meta.url));
  // Either the data folder itself or the shared folder above it.
  const base = resolve(dir);
  const dataDir = existsSync(join(base, 'annual_bilateral.csv')) ? base
    : existsSync(join(base, 'korea-china-trade')) ? join(base, 'korea-china-trade') : join(base, 'data', 'korea-china-trade');
  const pack = buildPack(dataDir);
  parsePack(pack, 'korea-china-trade.json');
  writeFileSync(out, `${JSON.stringify(pack, null, 2)}\n`);
  console.log(`Wrote ${out}: ${pack.sources.length} sources, ${pack.tradeFlows?.length ?? 0} trade flows, ` +
    `${pack.statedFigures?.length ?? 0} stated figures, ${pack.sectors?.length ?? 0} sectors, ${pack.sectorFigures?.length ?? 0} sector figures.`);
}
