/**
 * Builds db/packs/korea-china-trade.json from the sourced CSV files in the shared data folder
 * (../shared/data/korea-china-trade/ and its incoming/ folder, see its README.md):
 *
 *   npm run build:packs            (both built-in data packs)
 *   node build/packs/build-korea-china-trade.ts <shared data dir> [output file]
 *
 * Nothing is derived or estimated: every figure of the pack is a value of the CSV files, with
 * the source given on its row. The files are read with the importer's CSV reader. One pack source per distinct (publisher, title, date), labelled
 * T1..Tn in order of first appearance. The generated JSON is committed: the app never reads the
 * shared folder at run time.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePack } from '../../db/packs/load.ts';
import type { PackInput } from '../../db/packs/schema.ts';
import { need, readCsvRecords, usd, year, type CsvRecord } from './read-csv.ts';

type PackSourceInput = PackInput['sources'][number];

/** "2022-08-23" → day; "2020-11 (…)" → month + note; "2017 (…)" → year + note; anything else → note only. */
export function parseSourceDate(raw: string): Pick<PackSourceInput, 'published' | 'publishedNote'> {
  const text = raw.trim();
  const rest = (m: RegExpMatchArray): string | undefined => {
    const r = text
      .slice(m[0].length)
      .trim()
      .replace(/^[,;:]\s*/, '');
    return r ? r : undefined;
  };
  const day = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?!\d)/.exec(text);
  if (day) {
    const note = rest(day);
    return { published: { precision: 'day', value: day[0] }, ...(note ? { publishedNote: note } : {}) };
  }
  const month = /^(\d{4})-(0[1-9]|1[0-2])(?![\d-])/.exec(text);
  if (month) {
    const note = rest(month);
    return { published: { precision: 'month', value: month[0] }, ...(note ? { publishedNote: note } : {}) };
  }
  const yr = /^(\d{4})(?![\d-])/.exec(text);
  if (yr) {
    const note = rest(yr);
    return { published: { precision: 'year', value: yr[0] }, ...(note ? { publishedNote: note } : {}) };
  }
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

  ref(row: CsvRecord, file: string): string {
    const publisher = need(row, 'source_publisher', file);
    const title = need(row, 'source_title', file);
    const date = row.values['source_date'] ?? '';
    const id = JSON.stringify([publisher, title, date]);
    const known = this.#byKey.get(id);
    if (known) return known;
    const key = `T${this.list.length + 1}`;
    const { url, others } = splitUrls(row.values['source_url'] ?? '');
    this.list.push({
      key,
      label: key,
      publisher,
      title,
      ...parseSourceDate(date),
      ...(url ? { url } : {}),
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
  if (/auto parts/i.test(code)) return 'auto-parts';
  if (/840810|ship engines|marine propulsion/i.test(code)) return 'shipbuilding-equipment';
  if (/petrochemical/i.test(code)) return 'materials';
  if (/^(22|2202)\b/.test(code)) return 'beverages';
  if (/^(2106|121120)\b|ginseng|health functional food/i.test(code)) return 'health-food';
  return undefined;
}

/** "JAN-NOV 2018 ONLY" → "Jan–Nov only"; full-year figures have no period note. */
function periodOf(description: string): string | undefined {
  const m = /\b(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)-(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)\b[^,;]*?\bONLY\b/i.exec(
    description,
  );
  if (!m) return undefined;
  const cap = (s: string): string => s.charAt(0) + s.slice(1).toLowerCase();
  return `${cap(m[1]!)}–${cap(m[2]!)} only`;
}

/** Whether the description says the unit was not stated but inferred from the context ("unit (billion) inferred from context"). */
function unitInferred(description: string): boolean {
  return /\bunit\b[^,;.]*\binferred\b/i.test(description);
}

/** The sourced files, then the later research pass in incoming/ (same columns, kept apart in the keys). */
const BATCHES = [
  { folder: '', keyPrefix: '' },
  { folder: 'incoming', keyPrefix: 'more-' },
] as const;

interface Batch {
  file: string;
  rows: CsvRecord[];
  keyPrefix: string;
}

export function buildPack(dir: string): PackInput {
  const sources = new Sources();

  const flowsOf = ({ file, rows }: Batch): NonNullable<PackInput['tradeFlows']> =>
    rows.map((row) => {
      const note = row.values['note'] ?? '';
      const flow = need(row, 'flow', file);
      if (flow !== 'export' && flow !== 'import') throw new Error(`${file} line ${row.line}: flow "${flow}" is not export or import`);
      const series = /^CROSSCHECK\b/.test(note) ? 'crosscheck' : 'primary';
      return {
        reporter: need(row, 'reporter_iso3', file),
        partner: need(row, 'partner_iso3', file),
        year: year(row, 'year', file),
        flow,
        valueUsd: usd(row, 'value_usd', file),
        series,
        source: sources.ref(row, file),
        ...(note ? { note } : {}),
      };
    });

  const statedKeys = new Set<string>();
  const statedOf = ({ file, rows }: Batch): NonNullable<PackInput['statedFigures']> =>
    rows.map((row) => {
      const reporter = need(row, 'reporter_iso3', file);
      const raw = need(row, 'measure', file);
      // "balance_china_view" is China's exports − imports: the balance as reported by CHN.
      const measure =
        raw === 'total_trade'
          ? 'total_trade'
          : raw === 'balance' || (raw === 'balance_china_view' && reporter === 'CHN')
            ? 'balance'
            : null;
      if (!measure) throw new Error(`${file} line ${row.line}: measure "${raw}" is not total_trade or balance`);
      const source = sources.ref(row, file);
      const y = year(row, 'year', file);
      let key = `${reporter}-${need(row, 'partner_iso3', file)}-${y}-${measure}`.toLowerCase();
      if (statedKeys.has(key)) key = `${key}-${source}`;
      statedKeys.add(key);
      const note = row.values['note'] ?? '';
      return {
        key,
        reporter,
        partner: need(row, 'partner_iso3', file),
        year: y,
        measure,
        valueUsd: usd(row, 'value_usd', file),
        source,
        ...(note ? { note } : {}),
      };
    });

  const hsSource = {
    key: 'HS',
    label: 'HS',
    publisher: 'UN Comtrade HS reference (HS2022), via GitHub datasets/harmonized-system',
    title: 'Harmonized System codes and descriptions (data/harmonized-system.csv, commit 905e5a0f, 2024-10-25)',
    published: { precision: 'day' as const, value: '2024-10-25' },
    url: 'https://github.com/datasets/harmonized-system',
    note: "Official HS descriptions. The mapping of codes to export-plan sectors is an analyst's reading (see each code's note).",
  };
  const sectors = new Map<
    string,
    { key: string; name: string; description?: string; hs: NonNullable<NonNullable<PackInput['sectors']>[number]['hs']> }
  >();
  const hsFile = 'hs_sectors.csv';
  const readHsSectors = (): void =>
    readCsvRecords(join(dir, hsFile)).forEach((row) => {
      const category = need(row, 'sector', hsFile).toLowerCase();
      const code = need(row, 'hs_code', hsFile);
      const target = PLAN_SECTORS[category] ?? (category.startsWith('reference') ? REFERENCE_SECTORS[code] : undefined);
      if (!target) throw new Error(`${hsFile} line ${row.line}: sector "${category}" (HS ${code}) is not a known export-plan sector`);
      let sector = sectors.get(target.key);
      if (!sector) {
        sector = { key: target.key, name: target.name, hs: [] };
        if (!PLAN_SECTORS[category]) sector.description = 'Product group of the sector figures (not a priority of the export plan).';
        sectors.set(target.key, sector);
      }
      const citation = row.values['citation'] ?? '';
      const mapping = /Mapping to export-plan sector:\s*(.*)$/s.exec(citation)?.[1]?.trim();
      sector.hs.push({
        code,
        description: need(row, 'hs_description', hsFile),
        source: 'HS',
        ...(mapping ? { note: `Mapping: ${mapping}` } : {}),
      });
    });

  const sectorFiguresOf = ({ file, rows, keyPrefix }: Batch): NonNullable<PackInput['sectorFigures']> =>
    rows.map((row) => {
      const reporter = need(row, 'reporter_iso3', file);
      const description = need(row, 'description', file);
      const mirror = /^MIRROR\b/.test(description);
      // A second publication of a figure (another publisher's definition) stays out of the sector's
      // figures, so a sector never mixes two definitions; its label says CROSSCHECK.
      const crosscheck = /^CROSSCHECK\b/.test(description);
      const code = need(row, 'hs_code', file);
      const sector = crosscheck ? undefined : sectorOfFigure(code);
      const period = periodOf(description);
      const y = year(row, 'year', file);
      const key = `${keyPrefix}${reporter}-${need(row, 'partner_iso3', file)}-${y}-row${row.line}`.toLowerCase();
      return {
        key,
        reporter,
        partner: need(row, 'partner_iso3', file),
        year: y,
        // Korea-reported rows are Korea's exports; the MIRROR rows are China's imports from Korea.
        flow: mirror || reporter === 'CHN' ? 'import' : 'export',
        label: description,
        hsNote: code,
        ...(sector ? { sector } : {}),
        valueUsd: usd(row, 'value_usd', file),
        ...(period ? { periodNote: period } : {}),
        ...(unitInferred(description) ? { unitInferred: true as const } : {}),
        source: sources.ref(row, file),
      };
    });

  // Batch by batch, so the sources of the earlier files keep their keys (T1…) when files are added.
  const tradeFlows: NonNullable<PackInput['tradeFlows']> = [];
  const statedFigures: NonNullable<PackInput['statedFigures']> = [];
  const sectorFigures: NonNullable<PackInput['sectorFigures']> = [];
  for (const batch of BATCHES) {
    const read = (name: string, more: string): Batch => {
      const file = batch.folder ? join(batch.folder, more) : name;
      // The first files are required; incoming/ may be absent.
      return {
        file,
        keyPrefix: batch.keyPrefix,
        rows: batch.folder && !existsSync(join(dir, file)) ? [] : readCsvRecords(join(dir, file)),
      };
    };
    tradeFlows.push(...flowsOf(read('annual_bilateral.csv', 'annual_bilateral_more.csv')));
    statedFigures.push(...statedOf(read('annual_bilateral_totals.csv', 'annual_bilateral_totals_more.csv')));
    if (batch.folder === '') readHsSectors();
    sectorFigures.push(...sectorFiguresOf(read('sector_exports.csv', 'sector_exports_more.csv')));
  }

  return {
    format: 'tradebrief-pack',
    formatVersion: 1,
    id: 'korea-china-trade',
    version: '1.1.0',
    title: 'Korea–China annual trade, 1991–2024 (both reporters)',
    description:
      "Annual trade between South Korea and China as each side reports it (Korea Customs Service via KOSIS, China's customs as cited), " +
      "published totals and balances kept as stated, product-group export figures and the HS codes of the export plan's sectors. " +
      'Built from ../shared/data/korea-china-trade (and its incoming/ folder) by build/packs/build-korea-china-trade.ts. Missing years are missing: nothing is estimated.',
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
    console.error('Usage: node build/packs/build-korea-china-trade.ts <shared data dir> [output.json]');
    process.exit(2);
  }
  const out = process.argv[3] ?? fileURLToPath(new URL('../../db/packs/korea-china-trade.json', import.meta.url));
  // Either the data folder itself or the shared folder above it.
  const base = resolve(dir);
  const dataDir = existsSync(join(base, 'annual_bilateral.csv'))
    ? base
    : existsSync(join(base, 'korea-china-trade'))
      ? join(base, 'korea-china-trade')
      : join(base, 'data', 'korea-china-trade');
  const pack = buildPack(dataDir);
  parsePack(pack, 'korea-china-trade.json');
  writeFileSync(out, `${JSON.stringify(pack, null, 2)}\n`);
  console.log(
    `Wrote ${out}: ${pack.sources.length} sources, ${pack.tradeFlows?.length ?? 0} trade flows, ` +
      `${pack.statedFigures?.length ?? 0} stated figures, ${pack.sectors?.length ?? 0} sectors, ${pack.sectorFigures?.length ?? 0} sector figures.`,
  );
}
