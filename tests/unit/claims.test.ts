/**
 * Claims checked against the data (db/claims/check.ts): every kind and verdict on real SQLite files made
 * here, claims carried by packs (load, reload, export, refusals), and the seed pack's claims as the
 * overview, the sources list and a briefing block show them.
 */
import { english } from '../../db/common/core-messages.ts';
import { afterAll, describe, expect, it } from 'vitest';
import { checkClaims } from '../../db/claims/check.ts';
import { withinRounding } from '../../db/claims/rules.ts';
import type { CheckedClaim } from '../../db/claims/contract.ts';
import { ApiError } from '../../db/common/errors.ts';
import { buildPack } from '../../db/exports/pack.ts';
import { openDatabase, type Db } from '../../db/open.ts';
import { hashPack, loadPack, parsePack } from '../../db/packs/load.ts';
import type { PackClaim, PackInput } from '../../db/packs/schema.ts';
import { openSession } from '../../db/session.ts';
import { tempDir } from '../support/temp.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const BN = 1e9;
type Flow = {
  reporter: string;
  partner: string;
  year: number;
  flow: 'export' | 'import';
  bn: number;
  source: string;
  series?: 'primary' | 'crosscheck';
};

/** A pack of the given flows and one claim per entry of `claims` (statement key = claim index), all by source "C". */
function pack(flows: Flow[], claims: PackClaim[], extra: Partial<PackInput> = {}): PackInput {
  return {
    format: 'tradebrief-pack',
    formatVersion: 1,
    id: 'test',
    version: '1.0.0',
    title: 'Claims test',
    sources: [
      { key: 'C', label: 'C', publisher: 'The claimant', title: 'A report making claims' },
      { key: 'A', label: 'A', publisher: 'Customs A', title: 'Statistics A', published: { precision: 'year', value: '2023' } },
      { key: 'B', label: 'B', publisher: 'Agency B', title: 'Statistics B', published: { precision: 'year', value: '2022' } },
    ],
    economies: [
      { code: 'KOR', name: 'South Korea', kind: 'country' },
      { code: 'CHN', name: 'China', kind: 'country' },
      { code: 'USA', name: 'United States', kind: 'country' },
      { code: 'JPN', name: 'Japan', kind: 'country' },
      { code: 'WLD', name: 'World', kind: 'group' },
    ],
    tradeFlows: flows.map((f) => ({
      reporter: f.reporter,
      partner: f.partner,
      year: f.year,
      flow: f.flow,
      valueUsd: f.bn * BN,
      source: f.source,
      series: f.series ?? 'primary',
    })),
    statements: claims.map((c, i) => ({ key: `s${i}`, kind: 'claim' as const, text: `Claim ${i}`, source: 'C', claims: [c] })),
    ...extra,
  };
}

let n = 0;
function dbWith(input: PackInput): Db {
  const db = openDatabase(tmp.file(`claims-${++n}.sqlite`));
  loadPack(db, parsePack(input, 'test.json'));
  return db;
}

function only(db: Db): CheckedClaim {
  const { claims } = checkClaims(db);
  expect(claims).toHaveLength(1);
  return claims[0]!;
}

const kor = (partner: string, year: number, flow: 'export' | 'import', bn: number, source = 'A'): Flow => ({
  reporter: 'KOR',
  partner,
  year,
  flow,
  bn,
  source,
});
const total364: PackClaim = {
  kind: 'total-value',
  reporter: 'CHN',
  partner: 'KOR',
  year: 2021,
  measure: 'total',
  valueUsd: 364.1 * BN,
  precisionUsd: 0.1 * BN,
};
const chnKor = (flow: 'export' | 'import', bn: number, source: string): Flow => ({
  reporter: 'CHN',
  partner: 'KOR',
  year: 2021,
  flow,
  bn,
  source,
});

describe('the rounding rule', () => {
  it('holds within half a unit of the last stated digit, and not beyond', () => {
    expect(withinRounding(364.05 * BN, 364.1 * BN, 0.1 * BN)).toBe(true);
    expect(withinRounding(364.15 * BN, 364.1 * BN, 0.1 * BN)).toBe(true);
    expect(withinRounding(364.079 * BN, 364.1 * BN, 0.1 * BN)).toBe(true);
    expect(withinRounding(364.0 * BN, 364.1 * BN, 0.1 * BN)).toBe(false);
    expect(withinRounding(364.16 * BN, 364.1 * BN, 0.1 * BN)).toBe(false);
    expect(withinRounding(0.2685, 0.269, 0.001)).toBe(true);
    expect(withinRounding(0.2675, 0.269, 0.001)).toBe(false);
  });
});

describe('total-value claims', () => {
  it('hold when a source’s parts round to the stated total', () => {
    const c = only(dbWith(pack([chnKor('export', 150.524, 'A'), chnKor('import', 213.555, 'A')], [total364])));
    expect(c.verdict).toBe('holds');
    expect(c.readings).toHaveLength(1);
    expect(c.readings[0]!.basis).toBe('exports + imports');
    expect(c.readings[0]!.value).toBeCloseTo(364.079 * BN, -3);
    expect(c.readings[0]!.parts.map((p) => [p.label, p.source.label])).toEqual([
      ["China's exports to South Korea, 2021", 'A'],
      ["China's imports from South Korea, 2021", 'A'],
    ]);
    expect(c.source.label).toBe('C');
    expect(c.needs).toBeNull();
  });

  it('differ by the amount, absolute and relative, when they do not round to it', () => {
    const c = only(dbWith(pack([chnKor('export', 150, 'A'), chnKor('import', 212, 'A')], [total364])));
    expect(c.verdict).toBe('differs');
    expect(c.readings[0]!.difference).toBeCloseTo(-2.1 * BN, -3);
    expect(c.readings[0]!.relative).toBeCloseTo(-2.1 / 364.1, 9);
    expect(c.readings[0]!.note).toBeNull();
  });

  it('hold by one source and not the other, each reading with its sources; stated totals of other sources count', () => {
    const db = dbWith(
      pack(
        [chnKor('export', 150.524, 'A'), chnKor('import', 213.555, 'A'), chnKor('export', 150.5, 'B'), chnKor('import', 213.0, 'B')],
        [total364],
        {
          statedFigures: [
            { key: 't', reporter: 'CHN', partner: 'KOR', year: 2021, measure: 'total_trade', valueUsd: 362.4 * BN, source: 'B' },
          ],
        },
      ),
    );
    const c = only(db);
    expect(c.verdict).toBe('mixed');
    expect(c.readings.map((r) => [r.basis, r.verdict, r.parts.map((p) => p.source.label).join('+')])).toEqual([
      ['exports + imports', 'holds', 'A+A'],
      ['exports + imports', 'differs', 'B+B'],
      ['stated total', 'differs', 'B'],
    ]);
    expect(c.readings[2]!.difference).toBeCloseTo(-1.7 * BN, -3);
  });

  it('read sources that give only one flow together, and never check a figure against the claim’s own source', () => {
    const exportClaim: PackClaim = {
      kind: 'total-value',
      reporter: 'CHN',
      partner: 'KOR',
      year: 2021,
      measure: 'export',
      valueUsd: 150.5 * BN,
      precisionUsd: 0.1 * BN,
    };
    const db = dbWith(
      pack(
        [chnKor('export', 150.5, 'C'), chnKor('import', 213.5, 'C'), chnKor('export', 150.524, 'A'), chnKor('import', 213.555, 'B')],
        [total364, exportClaim],
      ),
    );
    const [total, exports] = checkClaims(db).claims;
    // Total: the claimant's own parts (364.0: a different figure from its stated 364.1) and A's exports with B's imports.
    expect(total!.readings.map((r) => [r.basis, r.verdict, r.parts.map((p) => p.source.label).join('+')])).toEqual([
      ["the source's own parts: exports + imports", 'differs', 'C+C'],
      ['exports + imports', 'holds', 'A+B'],
    ]);
    // Each basis also as a code and its values (the page writes it in its language); the English is that code's.
    expect(total!.readings.map((r) => r.basisText)).toEqual([
      {
        messageCode: 'claimOwnParts',
        params: { formula: { message: 'exports + imports', messageCode: 'claimExportsPlusImports', params: {} } },
      },
      { messageCode: 'claimExportsPlusImports', params: {} },
    ]);
    for (const r of total!.readings) expect(english(r.basisText!)).toBe(r.basis);
    expect(total!.verdict).toBe('mixed');
    // Exports: only A's figure; C's own export figure is the claim itself.
    expect(exports!.readings.map((r) => r.parts[0]!.source.label)).toEqual(['A']);
    expect(exports!.verdict).toBe('holds');
  });

  it('say when a difference is under one unit of the last digit (a figure cut, not rounded)', () => {
    const importClaim: PackClaim = {
      kind: 'total-value',
      reporter: 'CHN',
      partner: 'KOR',
      year: 2021,
      measure: 'import',
      valueUsd: 213.5 * BN,
      precisionUsd: 0.1 * BN,
    };
    const c = only(dbWith(pack([chnKor('import', 213.555, 'A')], [importClaim])));
    expect(c.verdict).toBe('differs');
    expect(c.readings[0]!.difference).toBeCloseTo(0.055 * BN, -3);
    expect(c.readings[0]!.note).toMatch(/less than one unit of the last digit/i);
    expect(c.readings[0]!.noteText).toEqual({ messageCode: 'claimUnderOneUnit', params: {} });
    expect(c.readings[0]!.basisText).toEqual({ messageCode: 'claimImports', params: {} });
  });

  it('cannot be checked without the reporter’s own figures, and say what would check them', () => {
    // Korea's report of the same trade is another reporter: it does not check China's figure.
    const c = only(dbWith(pack([kor('CHN', 2021, 'export', 162.9), kor('CHN', 2021, 'import', 138.6)], [total364])));
    expect(c.verdict).toBe('unchecked');
    expect(c.readings).toEqual([]);
    expect(c.needs).toContain("China's exports to and imports from South Korea in 2021");
  });
});

describe('largest-partner claims', () => {
  const claim = (flow: 'export' | 'import' | 'total'): PackClaim => ({
    kind: 'largest-partner',
    reporter: 'KOR',
    partner: 'CHN',
    year: 2021,
    flow,
  });

  it('hold when every loaded partner and what the world total leaves unallocated are smaller', () => {
    const c = only(
      dbWith(
        pack(
          [
            kor('CHN', 2021, 'export', 160),
            kor('USA', 2021, 'export', 95),
            kor('JPN', 2021, 'export', 30),
            kor('WLD', 2021, 'export', 300),
          ],
          [claim('export')],
        ),
      ),
    );
    expect(c.verdict).toBe('holds');
    const r = c.readings[0]!;
    expect(r.leader?.economy.name).toBe('United States');
    expect(r.leader?.value).toBe(95 * BN);
    expect(r.basis).toBe('ranked against 2 other partners loaded');
    expect(r.note).toContain('USD 15.0 bn unallocated');
    expect(r.parts.map((p) => p.label)).toEqual(["South Korea's exports to China, 2021", "South Korea's total exports, 2021"]);
  });

  it('rank among countries only: a group (the EU) or a province is never a rival', () => {
    const input = pack(
      [
        kor('CHN', 2021, 'export', 160),
        kor('EUN', 2021, 'export', 170),
        kor('CN-SD', 2021, 'export', 165),
        kor('USA', 2021, 'export', 95),
        kor('WLD', 2021, 'export', 270),
      ],
      [claim('export')],
    );
    input.economies!.push(
      { code: 'EUN', name: 'European Union', kind: 'group' },
      { code: 'CN-SD', name: 'Shandong', kind: 'subnational', parent: 'CHN' },
    );
    const c = only(dbWith(input));
    expect(c.verdict).toBe('holds');
    expect(c.readings[0]!.leader?.economy.code).toBe('USA');
  });

  it('differ by how much a larger partner exceeds it', () => {
    const c = only(
      dbWith(pack([kor('CHN', 2021, 'import', 160), kor('USA', 2021, 'import', 170), kor('JPN', 2021, 'import', 30)], [claim('import')])),
    );
    expect(c.verdict).toBe('differs');
    const r = c.readings[0]!;
    expect(r.leader?.economy.code).toBe('USA');
    expect(r.difference).toBe(10 * BN);
    expect(r.relative).toBeCloseTo(10 / 160, 9);
    expect(r.note).toBe('United States is larger.');
    // A rival whose other flow is not loaded is at least what is loaded; a tie is not "largest".
    const partial = only(
      dbWith(pack([kor('CHN', 2021, 'export', 100), kor('CHN', 2021, 'import', 60), kor('USA', 2021, 'export', 170)], [claim('total')])),
    );
    expect(partial.verdict).toBe('differs');
    expect(partial.readings[0]!.note).toBe('United States is larger (its imports are not loaded: at least this).');
    expect(partial.readings[0]!.difference).toBe(10 * BN);
    const even = only(dbWith(pack([kor('CHN', 2021, 'import', 160), kor('USA', 2021, 'import', 160)], [claim('import')])));
    expect(even.verdict).toBe('differs');
    expect(even.readings[0]!.note).toBe('United States is as large.');
  });

  it('hold by one source and not the other when the sources give the partner different figures', () => {
    const c = only(
      dbWith(
        pack(
          [
            kor('CHN', 2021, 'export', 160, 'A'),
            kor('CHN', 2021, 'export', 90, 'B'),
            kor('USA', 2021, 'export', 95, 'A'),
            kor('WLD', 2021, 'export', 260, 'A'),
          ],
          [claim('export')],
        ),
      ),
    );
    expect(c.verdict).toBe('mixed');
    expect(c.readings.map((r) => [r.parts[0]!.source.label, r.verdict])).toEqual([
      ['A', 'holds'],
      ['B', 'differs'],
    ]);
  });

  it('cannot be checked when the reporter’s total is not loaded, or leaves room for a larger partner', () => {
    const noWorld = only(dbWith(pack([kor('CHN', 2021, 'export', 160), kor('USA', 2021, 'export', 95)], [claim('export')])));
    expect(noWorld.verdict).toBe('unchecked');
    expect(noWorld.needs).toContain("South Korea's total exports (trade with the world) in 2021");
    expect(noWorld.needs).toContain('only 1 other partner is loaded');

    const roomLeft = only(
      dbWith(pack([kor('CHN', 2021, 'export', 160), kor('USA', 2021, 'export', 95), kor('WLD', 2021, 'export', 600)], [claim('export')])),
    );
    expect(roomLeft.verdict).toBe('unchecked');
    expect(roomLeft.needs).toContain('USD 345.0 bn of its total is not allocated to a loaded partner');

    const noPartner = only(dbWith(pack([kor('USA', 2021, 'export', 95)], [claim('export')])));
    expect(noPartner.verdict).toBe('unchecked');
    expect(noPartner.readings).toEqual([]);
    expect(noPartner.needs).toContain("South Korea's exports with China and with every other partner in 2021");
  });

  it('rank by exports + imports, bounding a partner whose flow is missing by the unallocated total', () => {
    const flows = [
      kor('CHN', 2021, 'export', 160),
      kor('CHN', 2021, 'import', 140),
      kor('USA', 2021, 'export', 95), // USA's imports not loaded
      kor('WLD', 2021, 'export', 270),
      kor('WLD', 2021, 'import', 150),
    ];
    // Unallocated: exports 270 − 255 = 15, imports 150 − 140 = 10; USA at most 95 + 10 = 105 < 300.
    const c = only(dbWith(pack(flows, [claim('total')])));
    expect(c.verdict).toBe('holds');
    // With a world import total that leaves USA room to pass China, it cannot be decided.
    const open = only(dbWith(pack([...flows.slice(0, 4), kor('WLD', 2021, 'import', 400)], [claim('total')])));
    expect(open.verdict).toBe('unchecked');
    expect(open.needs).toContain("United States's imports with South Korea in 2021");
  });
});

describe('share and growth claims', () => {
  it('check a partner’s share of the reporter’s total with the world', () => {
    const share: PackClaim = { kind: 'share', reporter: 'KOR', partner: 'CHN', year: 2021, flow: 'export', share: 0.25, precision: 0.01 };
    const held = only(dbWith(pack([kor('CHN', 2021, 'export', 162.9), kor('WLD', 2021, 'export', 644.4)], [share])));
    expect(held.verdict).toBe('holds');
    expect(held.readings[0]!.value).toBeCloseTo(162.9 / 644.4, 9);
    const differs = only(dbWith(pack([kor('CHN', 2021, 'export', 162.9), kor('WLD', 2021, 'export', 540)], [share])));
    expect(differs.verdict).toBe('differs');
    expect(differs.readings[0]!.difference).toBeCloseTo(162.9 / 540 - 0.25, 9);
    const unchecked = only(dbWith(pack([kor('CHN', 2021, 'export', 162.9)], [share])));
    expect(unchecked.verdict).toBe('unchecked');
    expect(unchecked.needs).toContain('its total exports (trade with the world)');
  });

  it('check a change on the year before', () => {
    const growth: PackClaim = {
      kind: 'growth',
      reporter: 'CHN',
      partner: 'KOR',
      year: 2021,
      measure: 'total',
      rate: 0.269,
      precision: 0.001,
    };
    const flows = [
      chnKor('export', 150.524, 'A'),
      chnKor('import', 213.555, 'A'),
      { ...chnKor('export', 112.5, 'A'), year: 2020 },
      { ...chnKor('import', 174.4, 'A'), year: 2020 },
    ];
    const c = only(dbWith(pack(flows, [growth])));
    expect(c.readings[0]!.value).toBeCloseTo(364.079 / 286.9 - 1, 9);
    expect(c.verdict).toBe('holds');
    expect(c.readings[0]!.basis).toBe('2021 against 2020');
    const missing = only(dbWith(pack(flows.slice(0, 2), [growth])));
    expect(missing.verdict).toBe('unchecked');
    expect(missing.needs).toContain('in 2020 and 2021');
  });
});

describe('claims in packs', () => {
  it('are stored as rows of their statement, replaced by a new version and carried by an exported pack', () => {
    const unstatedYear = {
      kind: 'largest-partner',
      reporter: 'KOR',
      partner: 'CHN',
      year: 2021,
      yearStated: false,
      flow: 'import',
      note: 'year assumed',
    } as const;
    const input = pack([chnKor('export', 150.5, 'A')], [total364, unstatedYear]);
    const db = dbWith(input);
    expect(
      db.prepare('SELECT id, statement_id, kind, year_stated, measure, value, value_precision, note FROM claim ORDER BY id').all(),
    ).toEqual([
      {
        id: 'test:s0:1',
        statement_id: 'test:s0',
        kind: 'total-value',
        year_stated: 1,
        measure: 'total',
        value: 364.1 * BN,
        value_precision: 0.1 * BN,
        note: null,
      },
      {
        id: 'test:s1:1',
        statement_id: 'test:s1',
        kind: 'largest-partner',
        year_stated: 0,
        measure: 'import',
        value: null,
        value_precision: null,
        note: 'year assumed',
      },
    ]);
    // The checker tells the page whether the year is the source's own.
    expect(checkClaims(db).claims.map((c) => [c.id, c.claim.yearStated])).toEqual([
      ['test:s0:1', true],
      ['test:s1:1', false],
    ]);
    const exported = parsePack(buildPack(db, { id: 'test', title: 'Claims test', version: '1.0.0' }), 'export.json');
    expect(exported.statements.map((s) => s.claims)).toEqual([[total364], [unstatedYear]]);
    loadPack(db, parsePack({ ...input, version: '1.0.1', statements: input.statements!.slice(0, 1) }, 'test.json'));
    expect(db.prepare('SELECT id FROM claim').pluck().all()).toEqual(['test:s0:1']);
  });

  it('leave a pack without claims as it was (same content hash)', () => {
    const input = pack([], []);
    input.statements = [{ key: 'x', kind: 'claim', text: 'No checkable part', source: 'C' }];
    const parsed = parsePack(input, 'old.json');
    expect(parsed.statements[0]).toEqual({ key: 'x', kind: 'claim', text: 'No checkable part', source: 'C' });
    expect(hashPack(parsed)).toBe(hashPack(parsePack(JSON.parse(JSON.stringify(input)), 'old.json')));
  });

  it('are refused with the field at fault: on a context statement, with an unknown economy or a bad precision', () => {
    const refuse = (input: PackInput): string[] => {
      try {
        parsePack(input, 'bad.json');
      } catch (error) {
        expect(error).toBeInstanceOf(ApiError);
        return ((error as ApiError).details as { issues: { path: string; message: string }[] }).issues.map(
          (i) => `${i.path}: ${i.message}`,
        );
      }
      throw new Error('accepted');
    };
    const context = pack([], [total364]);
    context.statements![0]!.kind = 'context';
    expect(refuse(context)).toEqual(['statements[0].claims: only a statement of kind "claim" carries claims']);
    expect(refuse(pack([], [{ ...total364, partner: 'DEU' }]))).toEqual(['statements[0].claims[0].partner: unknown economy "DEU"']);
    expect(refuse(pack([], [{ ...total364, precisionUsd: 0 }]))[0]).toMatch(/^statements\[0\]\.claims\[0\]\.precisionUsd: /);
  });
});

describe('the seed pack’s claims in a new database', () => {
  const session = openSession({ path: tmp.file('seed.sqlite'), today: '2026-11-29' });
  afterAll(() => session.close());

  it('checks the stated 364.1 bn against every source of China’s 2021 figures, and ranks Korea’s partners with the KOSIS pack', async () => {
    const { claims, rule } = await session.handlers.checkClaims({});
    expect(rule).toContain('half a unit');
    const byId = new Map(claims.map((c) => [c.id, c]));
    const total = byId.get('korea-china-2022:trade-2021:1')!;
    expect(total.verdict).toBe('mixed');
    expect(total.readings.map((r) => [r.verdict, r.parts.map((p) => p.source.label).join('+')])).toEqual([
      ['differs', 'S4+S4'],
      ['holds', 'T23+T24'],
      ['differs', 'T30'],
    ]);
    expect(total.claim.yearStated).toBe(true);
    expect(byId.get('korea-china-2022:trade-2021:2')!.verdict).toBe('holds');
    expect(byId.get('korea-china-2022:trade-2021:3')!.verdict).toBe('differs');
    // The korea-world-trade pack holds Korea's trade with every partner and the World in 2021: each reading ranks China first.
    for (const [id, partners] of [
      ['largest-partner', 244],
      ['largest-import-source', 242],
      ['largest-export-destination', 235],
    ] as const) {
      const c = byId.get(`korea-china-2022:${id}:1`)!;
      expect(c.verdict, id).toBe('holds');
      expect(c.claim.reporter.code).toBe('KOR');
      // The report gives no year for these standings: the pack says so as a flag the page words, not as an English note.
      expect([c.claim.yearStated, c.claim.note]).toEqual([false, null]);
      expect(c.readings.length).toBeGreaterThan(0);
      expect(c.readings.map((r) => [r.verdict, r.basis])).toEqual(
        c.readings.map(() => ['holds', `ranked against ${partners} other partners loaded`]),
      );
      expect(c.readings.some((r) => r.parts.some((p) => p.source.label === 'W1'))).toBe(true);
    }
  });

  it('cite in one reading every source that gives the same figures, rather than one identical line each', async () => {
    const { claims } = await session.handlers.checkClaims({});
    const readings = (id: string): [number | null, string[]][] =>
      claims.find((c) => c.id === id)!.readings.map((r) => [r.value, [...new Set(r.parts.map((p) => p.source.label))]]);
    // KCS via KOSIS (T1) and the KOSIS world pack (W1) give China's figures alike; the other sources round them.
    expect(readings('korea-china-2022:largest-partner:1')).toEqual([
      [301541101000, ['T1', 'W1']],
      [301513000000, ['T13', 'T6', 'W1']],
    ]);
    expect(readings('korea-china-2022:largest-import-source:1')).toEqual([
      [138628127000, ['T1', 'W1']],
      [138600000000, ['T6', 'W1']],
    ]);
    for (const c of claims) expect(new Set(c.readings.map((r) => `${r.verdict} ${r.value} ${r.basis}`)).size, c.id).toBe(c.readings.length);
  });

  it('shows them on the overview, under their source, and in a claims block with footnotes', async () => {
    const o = await session.handlers.overview({});
    expect(o.claims.claims).toHaveLength(6);
    const sources = await session.handlers.listSources({});
    expect(sources.find((u) => u.source.id === 'korea-china-2022:S4')!.claims.map((c) => c.id)).toHaveLength(6);
    expect(sources.find((u) => u.source.id === 'korea-china-2022:S1')!.claims).toEqual([]);
    const { blocks, sources: numbered } = await session.handlers.resolveBlocks({
      blocks: [{ kind: 'claims', config: { reporter: 'CHN' } }],
    });
    const block = blocks[0]!;
    expect(block.kind).toBe('claims');
    if (block.kind !== 'claims') return;
    expect(block.data.claims.map((c) => c.claim.reporter.code)).toEqual(['CHN', 'CHN', 'CHN']);
    expect(numbered.map((s) => s.source.label)).toEqual(['S4', 'T23', 'T24', 'T30']);
    expect((await session.handlers.checkClaims({ sourceId: 'korea-china-2022:S1' })).claims).toEqual([]);
    expect(
      (await session.handlers.checkClaims({ sourceId: 'korea-china-2022:S4', reporter: 'KOR' })).claims.map((c) => c.claim.kind),
    ).toEqual(['largest-partner', 'largest-partner', 'largest-partner']);
    expect(block.footnotes).toEqual([1, 2, 3, 4]);
  });
});

describe('readings that name economies, coded for the page', () => {
  const largest = (flow: 'export' | 'import' | 'total'): PackClaim => ({
    kind: 'largest-partner',
    reporter: 'KOR',
    partner: 'CHN',
    year: 2021,
    flow,
  });
  const share: PackClaim = { kind: 'share', reporter: 'KOR', partner: 'CHN', year: 2021, flow: 'export', share: 0.25, precision: 0.01 };
  const KOR = { economy: 'KOR', name: 'South Korea' };
  const CHN = { economy: 'CHN', name: 'China' };

  /** Every reading's and claim's coded text against its English, which it must write exactly. */
  function sameAsEnglish(c: CheckedClaim): void {
    for (const r of c.readings) {
      expect(r.basisText, r.basis).not.toBeNull();
      expect(english(r.basisText!)).toBe(r.basis);
      expect(r.noteText === null ? null : english(r.noteText)).toBe(r.note);
      expect(r.needsText === null ? null : english(r.needsText)).toBe(r.needs);
    }
    expect(c.needsText === null ? null : english(c.needsText)).toBe(c.needs);
  }

  it('a rank, the larger partner, what would decide it and a share carry their economies as codes, their English unchanged', () => {
    const held = only(
      dbWith(pack([kor('CHN', 2021, 'export', 160), kor('USA', 2021, 'export', 95), kor('WLD', 2021, 'export', 270)], [largest('export')])),
    );
    sameAsEnglish(held);
    expect(held.readings[0]!.basisText).toEqual({ messageCode: 'claimRankedOne', params: { count: 1 } });
    expect(held.readings[0]!.noteText).toMatchObject({
      messageCode: 'claimWorldLeaves',
      params: { reporter: KOR, partner: CHN, unseen: { usd: 15e9 } },
    });

    const differs = only(dbWith(pack([kor('CHN', 2021, 'export', 160), kor('USA', 2021, 'export', 170)], [largest('export')])));
    sameAsEnglish(differs);
    expect(differs.readings[0]!.noteText).toEqual({
      messageCode: 'claimLeaderLarger',
      params: { leader: { economy: 'USA', name: 'United States' } },
    });

    const noWorld = only(dbWith(pack([kor('CHN', 2021, 'export', 160), kor('USA', 2021, 'export', 95)], [largest('export')])));
    sameAsEnglish(noWorld);
    expect(noWorld.needsText).toMatchObject({
      messageCode: 'claimNeedsWorld',
      params: { reporter: KOR, year: '2021', loaded: { messageCode: 'claimOnlyOthersOne', params: { count: 1 } } },
    });

    // USA's imports are not loaded and the world's imports leave it room: named with the flow it lacks.
    const blocked = only(
      dbWith(
        pack(
          [
            kor('CHN', 2021, 'export', 160),
            kor('CHN', 2021, 'import', 140),
            kor('USA', 2021, 'export', 95),
            kor('WLD', 2021, 'export', 270),
            kor('WLD', 2021, 'import', 400),
          ],
          [largest('total')],
        ),
      ),
    );
    sameAsEnglish(blocked);
    expect(blocked.needsText).toMatchObject({
      messageCode: 'claimNeedsPartners',
      params: { partners: [{ messageCode: 'claimPartnerFlows', params: { partner: { economy: 'USA', name: 'United States' } } }] },
    });

    const none = only(dbWith(pack([kor('USA', 2021, 'export', 95)], [largest('export')])));
    sameAsEnglish(none);
    expect(none.needsText).toMatchObject({ messageCode: 'claimNeedsLargest', params: { reporter: KOR, partner: CHN } });

    const shares = only(dbWith(pack([kor('CHN', 2021, 'export', 162.9), kor('WLD', 2021, 'export', 644.4)], [share])));
    sameAsEnglish(shares);
    expect(shares.readings[0]!.basisText).toMatchObject({ messageCode: 'claimShareOf', params: { reporter: KOR } });
    const unchecked = only(dbWith(pack([kor('CHN', 2021, 'export', 162.9)], [share])));
    sameAsEnglish(unchecked);
    expect(unchecked.needsText).toMatchObject({ messageCode: 'claimNeedsShare', params: { reporter: KOR, year: '2021' } });
  });
});
