/**
 * The sectors' HS sums where several sources give the same flows (db/sectors/sql.ts chosenSums, kept until trade
 * figures may change) against the same sums read afresh: on a real SQLite file with the default packs and two
 * overlapping Comtrade imports, every sector's overview and detail as a connection that keeps answers reads them,
 * as a new connection reads them, and as a sum over the pair's chosen rows (db/trade/chosen.ts) gives them; after
 * each write: an import, a preferred source, an undo and the same file imported again.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { importFile, undoImport } from '../../db/imports/importer.ts';
import { openDatabase, type Db } from '../../db/open.ts';
import { listSectors, sectorDetail } from '../../db/sectors/queries.ts';
import { disjointPrefixes } from '../../db/sectors/rules.ts';
import { openSession } from '../../db/session.ts';
import { chosenFlowsSql, setPreferredSource } from '../../db/trade/chosen.ts';
import { HEADER } from '../support/comtrade-like.ts';
import { tempDir } from '../support/temp.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const pair = { reporter: 'KOR', partner: 'CHN' };

/** HS-6 codes under several sectors' prefixes (cosmetics, beverages, auto parts, materials, shipbuilding) and one under none. */
const CODES = ['330499', '330410', '330720', '220299', '220890', '200911', '870840', '870899', '390110', '290110', '890190', '010121'];

/**
 * Korea's exports (and some imports) to China of the codes above, 2019–2023, whole dollars (sums are exact in any
 * order). `shift` moves the values so two files disagree; `exportsOnly` codes have no imports in the file.
 */
function comtradeFile(name: string, shift: number, exportsOnly: readonly string[] = []): string {
  const path = tmp.file(name);
  const lines = [HEADER.join(',')];
  CODES.forEach((code, c) => {
    for (let year = 2019; year <= 2023; year++) {
      for (const flow of exportsOnly.includes(code) ? ['X'] : ['X', 'M']) {
        const value = 1000 * (c + 1) + 10 * (year - 2000) + shift + (flow === 'M' ? 1 : 0);
        lines.push(
          `C,A,${year},52,${year},410,KOR,Rep. of Korea,${flow},156,CHN,China,0,H6,${code},6,True,C00,0,,,,${value},${value},True,False`,
        );
      }
    }
  });
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

/** A sector's yearly values as a sum over every chosen export row of the pair under its codes. */
function summedOverChosenRows(db: Db, hsCodes: readonly string[]): [number, number][] {
  const prefixes = disjointPrefixes(hsCodes);
  const rows = db
    .prepare(
      `SELECT year, product_code, value_usd FROM (${chosenFlowsSql(
        "f.reporter = :reporter AND f.partner = :partner AND f.flow = 'export' AND f.month IS NULL AND f.series = 'primary' AND length(f.product_code) = 6",
      )})`,
    )
    .all(pair) as { year: number; product_code: string; value_usd: number }[];
  const byYear = new Map<number, number>();
  for (const r of rows) {
    if (prefixes.some((p) => r.product_code.startsWith(p))) byYear.set(r.year, (byYear.get(r.year) ?? 0) + r.value_usd);
  }
  return [...byYear].sort((a, b) => a[0] - b[0]);
}

/** Every sector read by the connection that keeps answers, by a new connection, and summed over the chosen rows. */
function agree(db: Db, path: string): void {
  const fresh = openDatabase(path);
  try {
    const overview = listSectors(db, pair);
    expect(overview).toEqual(listSectors(fresh, pair));
    let withValues = 0;
    for (const sector of overview.sectors) {
      const detail = sectorDetail(db, { ...pair, name: sector.name });
      expect(detail).toEqual(sectorDetail(fresh, { ...pair, name: sector.name }));
      const summed = summedOverChosenRows(
        fresh,
        detail.hsCodes.map((h) => h.code),
      );
      expect(detail.values.map((v) => [v.year, v.value])).toEqual(summed);
      // The overview's latest value: the sector's last year, read for the pair's last two years only.
      expect(sector.latest ? [sector.latest.year, sector.latest.value] : null).toEqual(summed[summed.length - 1] ?? null);
      if (summed.length > 0) withValues++;
    }
    expect(withValues).toBeGreaterThanOrEqual(5);
  } finally {
    fresh.close();
  }
}

describe("the sectors' sums where sources overlap, kept between trade writes", () => {
  it('equal the sums read afresh after an import, a second overlapping import, a preferred source, an undo and a re-import', () => {
    const path = tmp.file('sectors.sqlite');
    const session = openSession({ path, today: '2024-06-01' });
    const { db } = session;
    try {
      const first = importFile(db, { path: comtradeFile('first.csv', 0), onlyValidRows: true, userName: 't' });
      agree(db, path);
      const cosmetics = (): number | undefined => listSectors(db, pair).sectors.find((s) => s.name === 'Cosmetics')?.latest?.value;
      const before = cosmetics();
      // The same flows from a newer file with other values: where both give imports too, the newer one counts;
      // where it gives only exports, the first file's (it gives both flows) still counts.
      const secondFile = comtradeFile('second.csv', 5, ['330410', '220299']);
      const second = importFile(db, { path: secondFile, onlyValidRows: true, userName: 't' });
      expect(db.prepare('SELECT count(DISTINCT source_id) FROM trade_flow WHERE length(product_code) = 6').pluck().get()).toBe(2);
      agree(db, path);
      const after = cosmetics();
      expect(after).not.toBe(before);
      setPreferredSource(db, first.sourceId!, pair);
      agree(db, path);
      expect(cosmetics()).toBe(before);
      setPreferredSource(db, null, pair);
      expect(cosmetics()).toBe(after);
      undoImport(db, second.importId!);
      agree(db, path);
      expect(cosmetics()).toBe(before);
      importFile(db, { path: secondFile, onlyValidRows: true, userName: 't' });
      agree(db, path);
      expect(cosmetics()).toBe(after);
    } finally {
      session.close();
    }
  }, 60_000);
});
