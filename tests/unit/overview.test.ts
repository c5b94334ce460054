import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open.ts';
import { headline } from '../../db/overview/queries.ts';
import { openSession } from '../../db/session.ts';
import { reconcile } from '../../db/trade/queries.ts';
import { tempDir } from '../support/temp.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('overview on a new database', () => {
  const session = openSession({ path: tmp.file('new.sqlite'), today: '2026-11-29' });
  afterAll(() => session.close());

  it('shows the first pack headline: 150.5 / 213.5, balance derived as −63.0, stated total 364.1 beside 364.0', async () => {
    const o = await session.handlers.overview({});
    const h = o.headline!;
    expect(h.reporter.code).toBe('CHN');
    expect(h.partner.code).toBe('KOR');
    expect(h.year).toBe(2021);
    expect(h.exports.value).toBe(150.5e9);
    expect(h.imports.value).toBe(213.5e9);
    expect(h.balance.value).toBe(-63.0e9);
    expect(h.balance.formula).toBe('exports − imports');
    expect(h.sumOfParts.value).toBe(364.0e9);
    expect(h.statedTotal?.value).toBe(364.1e9);
    expect(h.totalDifference).toBeCloseTo(0.1e9, -3);
    expect(h.exports.source.label).toBe('S4');
    expect(h.exports.source.citedIn?.publisher).toBe('Global Times');
    expect(o.counts.projects).toBe(15);
    expect(o.counts.projectBatches).toBe(1);
    expect(o.statements.map((s) => s.kind)).toEqual(['claim', 'claim', 'claim', 'claim', 'context']);
  });

  it('without a stated total for the pair, the headline is the latest year one source gives both flows of', () => {
    const h = headline(session.db, { reporter: 'KOR', partner: 'USA' })!;
    expect([h.reporter.code, h.partner.code, h.year, h.exports.value, h.imports.value, h.exports.source.label]).toEqual([
      'KOR',
      'USA',
      2023,
      115696334000,
      71272030000,
      'W1',
    ]);
    expect(h.statedTotal).toBeNull();
    expect(headline(session.db, { reporter: 'KOR', partner: 'USA', year: 1962 })).toBeNull();
  });

  it('reconciliation reports the stated total against the sum of its parts', () => {
    const rows = reconcile(session.db, { tolerance: 0 });
    const stated = rows.find((r) => r.kind === 'stated-vs-parts' && r.year === 2021 && r.reporter.code === 'CHN');
    expect(stated).toMatchObject({ measure: 'total_trade', stated: 364.1e9, computed: 364.0e9 });
    expect(stated && stated.kind === 'stated-vs-parts' ? stated.difference : 0).toBeCloseTo(0.1e9, -3);
    // A tolerance above the 0.03 % gap hides it.
    expect(
      reconcile(session.db, { tolerance: 0.001 }).some((r) => r.kind === 'stated-vs-parts' && r.year === 2021 && r.reporter.code === 'CHN'),
    ).toBe(false);
  });
});

describe('overview on an empty database', () => {
  it('has no headline and zero counts, without failing', () => {
    const db = openDatabase(tmp.file('empty.sqlite'));
    expect(headline(db, {})).toBeNull();
    expect(reconcile(db, { tolerance: 0 })).toEqual([]);
    db.close();
  });
});
