/**
 * The Sources list in two set-based queries: the same usage as counting each source's citations one
 * by one, after imports, undo and pack reloads (source_flow_count kept in step by each), at any number of sources.
 */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importFile, undoImport } from '../../db/imports/importer.ts';
import type { Db } from '../../db/open.ts';
import { loadPack, readPackFile } from '../../db/packs/load.ts';
import { defaultPacksDir, openSession } from '../../db/session.ts';
import { listSources } from '../../db/sources/queries.ts';
import { tempDir } from '../support/temp.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/imports/${name}`, import.meta.url));

/** What each source is cited by, counted source by source straight from the tables (lists sorted: ties have no order). */
function countedOneByOne(db: Db): unknown[] {
  const ids = db.prepare('SELECT id FROM source ORDER BY id').pluck().all() as string[];
  const n = (sql: string, id: string) => db.prepare(sql).pluck().get(id) as number;
  const names = (sql: string, id: string) => (db.prepare(sql).all(id) as Record<string, string>[]).map((r) => JSON.stringify(r)).sort();
  return ids.map((id) => ({
    id,
    tradeFlows: n('SELECT count(*) FROM trade_flow WHERE source_id = ?', id),
    statedFigures: n('SELECT count(*) FROM stated_figure WHERE source_id = ?', id),
    sectorMappings: n('SELECT count(*) FROM sector_hs WHERE source_id = ?', id),
    sectorFigures: n('SELECT count(*) FROM sector_figure WHERE source_id = ?', id),
    events: names('SELECT id, title FROM event WHERE source_id = ?', id),
    projects: names('SELECT id, title FROM project WHERE source_id = ?', id),
    routes: names('SELECT id, name FROM route WHERE source_id = ?', id),
    statements: names('SELECT id, text FROM statement WHERE source_id = ?', id),
    exportPlans: names('SELECT id, title FROM export_plan WHERE source_id = ?', id),
  }));
}

function listed(db: Db): unknown[] {
  const sorted = (xs: unknown[]) => xs.map((x) => JSON.stringify(x)).sort();
  return listSources(db)
    .map((u) => ({
      id: u.source.id,
      tradeFlows: u.tradeFlows,
      statedFigures: u.statedFigures,
      sectorMappings: u.sectorMappings,
      sectorFigures: u.sectorFigures,
      events: sorted(u.events),
      projects: sorted(u.projects),
      routes: sorted(u.routes),
      statements: sorted(u.statements),
      exportPlans: sorted(u.exportPlans),
    }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

function expectInStep(db: Db): void {
  expect(listed(db)).toEqual(countedOneByOne(db));
  expect(db.prepare('SELECT source_id, rows FROM source_flow_count ORDER BY source_id').all()).toEqual(
    db.prepare('SELECT source_id, count(*) AS rows FROM trade_flow GROUP BY source_id ORDER BY source_id').all(),
  );
}

describe('the Sources list', () => {
  it('gives each source what cites it, after imports, a pack reload and undo', () => {
    const session = openSession({ path: tmp.file('sources.sqlite') });
    const { db } = session;
    try {
      expectInStep(db);
      const usage = listSources(db);
      expect(usage.some((u) => u.tradeFlows > 0 && u.events.length + u.statements.length > 0)).toBe(true);
      const first = importFile(db, { path: fixture('comtrade-current.csv'), onlyValidRows: true, userName: 't' });
      const second = importFile(db, { path: fixture('wits-raw.csv'), onlyValidRows: true, userName: 't' });
      expect(first.rowsAdded).toBeGreaterThan(0);
      expect(second.rowsAdded).toBeGreaterThan(0);
      expectInStep(db);
      expect(listSources(db).find((u) => u.source.id === first.sourceId)?.tradeFlows).toBe(first.rowsAdded);

      // A new version of the trade pack with half its rows, then with its rows moved to another of its sources.
      const { pack } = readPackFile(join(defaultPacksDir, 'korea-china-trade.json'));
      loadPack(db, { ...pack, version: '9.0.0', tradeFlows: pack.tradeFlows.slice(0, Math.floor(pack.tradeFlows.length / 2)) });
      expectInStep(db);
      const moved = pack.tradeFlows[0]!.source;
      loadPack(db, {
        ...pack,
        version: '9.1.0',
        sources: [...pack.sources, { key: 'NEW', label: 'N1', publisher: 'Revised', title: 'Revised figures' }],
        tradeFlows: pack.tradeFlows.map((f) => (f.source === moved ? { ...f, source: 'NEW' } : f)),
      });
      expect(listSources(db).find((u) => u.source.id === `${pack.id}:NEW`)?.tradeFlows).toBe(
        pack.tradeFlows.filter((f) => f.source === moved).length,
      );
      expectInStep(db);
      loadPack(db, pack);
      expectInStep(db);

      undoImport(db, first.importId!);
      expectInStep(db);
      expect(listSources(db).some((u) => u.source.id === first.sourceId)).toBe(false);
      expect(db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      session.close();
    }
  });

  it('lists a thousand sources, each with what cites it', () => {
    const session = openSession({ path: tmp.file('many.sqlite') });
    const { db } = session;
    try {
      const { pack } = readPackFile(join(defaultPacksDir, 'korea-china-2022.json'));
      const sources = Array.from({ length: 1000 }, (_, i) => ({ key: `M${i}`, label: `M${i}`, publisher: 'Many', title: `Source ${i}` }));
      loadPack(db, {
        ...pack,
        id: 'many',
        sources: [...pack.sources, ...sources],
        briefings: [],
        statements: [
          ...pack.statements,
          ...sources.map((s, i) => ({ key: `st${i}`, kind: 'context' as const, text: `Said by ${s.title}`, source: s.key })),
        ],
        tradeFlows: [
          ...pack.tradeFlows,
          ...sources.map((s, i) => ({
            reporter: 'KOR',
            partner: 'CHN',
            year: 1900 + (i % 200),
            flow: 'export' as const,
            productCode: String(100000 + i),
            valueUsd: i,
            series: 'primary' as const,
            source: s.key,
          })),
        ],
      });
      const usage = listSources(db);
      expect(usage.filter((u) => u.source.publisher === 'Many')).toHaveLength(1000);
      expect(usage.filter((u) => u.source.publisher === 'Many').every((u) => u.tradeFlows === 1 && u.statements.length === 1)).toBe(true);
      expectInStep(db);
    } finally {
      session.close();
    }
  });
});
