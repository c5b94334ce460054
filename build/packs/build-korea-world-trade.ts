/**
 * Builds db/packs/korea-world-trade.json from ../shared/data/korea-world-trade/ (see its README.md):
 * Korea's exports to and imports from every partner economy, and Korea's totals, as KOSIS publishes
 * them, read with the importer's CSV reader.
 *
 *   npm run build:packs            (both built-in data packs)
 *   node build/packs/build-korea-world-trade.ts <shared data dir> [output file]
 *
 * Every value is a cell of the CSV files; an empty cell (not reported) gives no row, never a zero.
 * Korea's totals are flows with the World (WLD, an economy group), so they stay apart from the
 * partner countries and the views can tell a stated total from a sum over partners.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePack } from '../../db/packs/load.ts';
import type { PackInput } from '../../db/packs/schema.ts';
import { need, optionalUsd, readCsvRecords, year, type CsvRecord } from './read-csv.ts';

const PARTNERS_FILE = 'korea_partners_kosis.csv';
const TOTALS_FILE = 'korea_totals_kosis.csv';
const REPORTER = 'KOR';
export const WORLD = 'WLD';

/**
 * Codes in the file that are not current ISO 3166-1 codes: former codes (ISO 3166-3) and one
 * exceptionally reserved code, as KOSIS still lists trade with them in early years. They are kept
 * as the source gives them (an economy of their own, never merged into a successor).
 */
export const FORMER_CODES: Record<string, string> = {
  ANT: 'Netherlands Antilles (dissolved 2010)',
  CTE: 'Canton and Enderbury Islands (part of Kiribati since 1979)',
  FXX: 'Metropolitan France (an exceptionally reserved code)',
  JTN: 'Johnston Island (part of UMI since 1986)',
  MID: 'Midway Islands (part of UMI since 1986)',
  NHB: 'New Hebrides (Vanuatu since 1980)',
  NTZ: 'Neutral Zone (divided 1991)',
  PCI: 'Pacific Islands Trust Territory (dissolved 1986)',
  PCZ: 'Panama Canal Zone (to Panama 1979)',
  WAK: 'Wake Island (part of UMI since 1986)',
  YMD: "Yemen People's Republic (South Yemen; Yemen since 1990)",
};

/** The names the other built-in packs give these economies: economies are shared, a pack must not rename them. */
const SHARED_NAMES: Record<string, string> = { KOR: 'South Korea', CHN: 'China' };

const SOURCES: PackInput['sources'] = [
  {
    key: 'KOSIS',
    label: 'W1',
    publisher: 'Korea Customs Service statistics published by KOSIS (Statistics Korea)',
    title: 'Exports/imports by country (국가별 수출입), table 360/DT_1R11006_FRM101',
    url: 'https://kosis.kr/statHtml/statHtml.do?orgId=360&tblId=DT_1R11006_FRM101',
    citedIn: 'KDIPLO',
    note:
      'Korea-reported, annual, USD (exports FOB, imports CIF). A cell left empty by the source is not reported and has no figure here, never a zero. ' +
      "The partner figures of a year add up to within 1 % (exports) and 2 % (imports) of Korea's totals: the rest is trade KOSIS does not allocate to a partner, " +
      "so the totals (Korea with the World) are the source's own figures, never the sum of the partners.",
  },
  {
    key: 'KDIPLO',
    label: 'W2',
    publisher: 'kdiplo R package (github.com/kjayhan/kdiplo, MIT licence)',
    title:
      'data-raw/trade_data.csv at commit effe959172fadc9f858a372a8fe6757c67089f22, columns export_kosis, import_kosis, total_export, total_import',
    url: 'https://github.com/kjayhan/kdiplo/blob/effe959172fadc9f858a372a8fe6757c67089f22/data-raw/trade_data.csv',
    note: "Redistributes the KOSIS table. The package's own export/import columns, which fill gaps from the Correlates of War project, were not used.",
  },
];

type Flow = NonNullable<PackInput['tradeFlows']>[number];

function flowsOf(row: CsvRecord, file: string, partner: string, columns: { exports: string; imports: string }, note?: string): Flow[] {
  const y = year(row, 'year', file);
  const out: Flow[] = [];
  for (const [flow, column] of [
    ['export', columns.exports],
    ['import', columns.imports],
  ] as const) {
    const value = optionalUsd(row, column, file);
    if (value !== null)
      out.push({ reporter: REPORTER, partner, year: y, flow, valueUsd: value, source: 'KOSIS', ...(note ? { note } : {}) });
  }
  return out;
}

export function buildPack(dir: string): PackInput {
  const economies = new Map<string, string>();
  const tradeFlows: Flow[] = [];
  const seen = new Set<string>();
  for (const row of readCsvRecords(join(dir, PARTNERS_FILE))) {
    const where = `${PARTNERS_FILE} line ${row.line}`;
    if (need(row, 'reporter_iso3', PARTNERS_FILE) !== REPORTER) throw new Error(`${where}: reporter_iso3 is not ${REPORTER}`);
    const code = need(row, 'partner_iso3', PARTNERS_FILE);
    if (!/^[A-Z]{3}$/.test(code)) throw new Error(`${where}: partner_iso3 "${code}" is not a three-letter code`);
    if (code === REPORTER || code === WORLD) throw new Error(`${where}: partner_iso3 ${code} cannot be a partner of ${REPORTER}`);
    const name = need(row, 'partner_name', PARTNERS_FILE);
    const known = economies.get(code);
    if (known !== undefined && known !== name) throw new Error(`${where}: ${code} is named "${name}" here and "${known}" above`);
    economies.set(code, name);
    const id = `${code}-${row.values['year']}`;
    if (seen.has(id)) throw new Error(`${where}: a second row for ${code} in ${row.values['year']}`);
    seen.add(id);
    tradeFlows.push(...flowsOf(row, PARTNERS_FILE, code, { exports: 'exports_usd', imports: 'imports_usd' }));
  }
  for (const row of readCsvRecords(join(dir, TOTALS_FILE))) {
    if (need(row, 'reporter_iso3', TOTALS_FILE) !== REPORTER)
      throw new Error(`${TOTALS_FILE} line ${row.line}: reporter_iso3 is not ${REPORTER}`);
    tradeFlows.push(
      ...flowsOf(
        row,
        TOTALS_FILE,
        WORLD,
        { exports: 'total_exports_usd', imports: 'total_imports_usd' },
        "Korea's total as KOSIS states it, including trade not allocated to a partner.",
      ),
    );
  }
  const countries = [...economies.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, name]) => ({ code, name: SHARED_NAMES[code] ?? name, kind: 'country' as const }));
  const years = tradeFlows.map((f) => f.year);
  return {
    format: 'tradebrief-pack',
    formatVersion: 1,
    id: 'korea-world-trade',
    version: '1.0.0',
    title: `Korea's trade with every partner, ${Math.min(...years)}–${Math.max(...years)} (KOSIS)`,
    description:
      `South Korea's exports to and imports from each of ${countries.length} partner economies by year, and Korea's total exports and imports ` +
      '(as trade with the World), as the Korea Customs Service publishes them through KOSIS. Partner codes are three-letter ISO codes as the source gives them ' +
      `(Hong Kong, Taiwan and Macao apart from China; ${Object.keys(FORMER_CODES).length} former codes kept for early years). ` +
      'Built from ../shared/data/korea-world-trade by build/packs/build-korea-world-trade.ts. Years a source leaves empty are missing: nothing is estimated.',
    sources: SOURCES,
    economies: [
      { code: REPORTER, name: SHARED_NAMES[REPORTER]!, kind: 'country' },
      { code: WORLD, name: 'World', kind: 'group' },
      ...countries,
    ],
    tradeFlows,
  };
}

/**
 * The pack as JSON, one economy or trade flow per line: 20,000 flows indented field by field would
 * triple the file the app ships and parses at first start.
 */
export function packJson(pack: PackInput): string {
  const { economies, tradeFlows, ...rest } = pack;
  const lines = (items: readonly unknown[]): string => `[\n${items.map((x) => `    ${JSON.stringify(x)}`).join(',\n')}\n  ]`;
  return `${JSON.stringify({ ...rest, economies: '@economies', tradeFlows: '@tradeFlows' }, null, 2)
    .replace('"@economies"', () => lines(economies ?? []))
    .replace('"@tradeFlows"', () => lines(tradeFlows ?? []))}\n`;
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('Usage: node build/packs/build-korea-world-trade.ts <shared data dir> [output.json]');
    process.exit(2);
  }
  const out = process.argv[3] ?? fileURLToPath(new URL('../../db/packs/korea-world-trade.json', import.meta.url));
  const base = resolve(dir);
  const dataDir = existsSync(join(base, PARTNERS_FILE))
    ? base
    : existsSync(join(base, 'korea-world-trade'))
      ? join(base, 'korea-world-trade')
      : join(base, 'data', 'korea-world-trade');
  const pack = buildPack(dataDir);
  parsePack(pack, 'korea-world-trade.json');
  writeFileSync(out, packJson(pack));
  console.log(
    `Wrote ${out}: ${pack.sources.length} sources, ${pack.economies?.length ?? 0} economies, ${pack.tradeFlows?.length ?? 0} trade flows.`,
  );
}
