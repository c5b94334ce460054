/**
 * The Partners dashboard's briefing blocks (partner ranking, rank history, a partner's share, the world map): their
 * settings checked by the block schemas, and their data resolved from the default packs (Korea's trade with every
 * partner, KOSIS) on a real SQLite file, each figure's source numbered. Also the dashboard's print summary.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope, MethodName, Result } from '../../db/contract.ts';
import { blockConfigSchemas, blockSpecSchema } from '../../db/common/briefing-blocks.ts';
import { printSummary } from '../../db/common/dashboard-filters.ts';
import { dispatch } from '../../db/dispatch.ts';
import { partnerRankHistory, partnerRanking, partnerSeries } from '../../db/partners/queries.ts';
import { openSession, type Session } from '../../db/session.ts';
import { tempDir } from '../support/temp.ts';

const tmp = tempDir();
let session: Session;
beforeAll(() => {
  session = openSession({ path: tmp.file('partner-blocks.sqlite'), today: '2026-11-30' });
});
afterAll(() => {
  session.close();
  tmp.cleanup();
});

async function call<M extends MethodName>(method: M, input: unknown): Promise<Result<M>> {
  const envelope = (await dispatch(session.handlers, method, input)) as Envelope<Result<M>>;
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.data;
}

/** The messages of a config the schema refuses, each with its field. */
function refused(kind: keyof typeof blockConfigSchemas, config: unknown): string[] {
  const parsed = blockConfigSchemas[kind].safeParse(config);
  if (parsed.success) throw new Error(`${kind} took ${JSON.stringify(config)}`);
  return parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('the partner block kinds: settings', () => {
  it('fill in their defaults: ranked by total, the top 10, China as the partner, exports on the map', () => {
    expect(blockConfigSchemas['partner-ranking'].parse({ reporter: 'KOR' })).toEqual({ reporter: 'KOR', by: 'total', top: 10 });
    expect(blockConfigSchemas['partner-ranks'].parse({ reporter: 'KOR', from: 2014, to: 2023 })).toEqual({
      reporter: 'KOR',
      by: 'total',
      top: 10,
      from: 2014,
      to: 2023,
    });
    expect(blockConfigSchemas['partner-share'].parse({ reporter: 'KOR' })).toEqual({ reporter: 'KOR', partner: 'CHN' });
    expect(blockConfigSchemas.map.parse({ reporter: 'KOR', year: 2023 })).toEqual({ reporter: 'KOR', year: 2023, measure: 'exports' });
    expect(blockSpecSchema.parse({ kind: 'map', config: { reporter: 'KOR', measure: 'balance' } })).toEqual({
      kind: 'map',
      config: { reporter: 'KOR', measure: 'balance' },
    });
  });

  it('refuse what they cannot draw, naming the field', () => {
    expect(refused('partner-ranking', {})).toEqual([expect.stringMatching(/^reporter: /)]);
    expect(refused('partner-ranking', { reporter: 'KOR', top: 0 })).toEqual([expect.stringMatching(/^top: /)]);
    expect(refused('partner-ranking', { reporter: 'KOR', top: 51 })).toEqual([expect.stringMatching(/^top: /)]);
    expect(refused('partner-ranking', { reporter: 'KOR', by: 'share' })).toEqual([expect.stringMatching(/^by: /)]);
    expect(refused('partner-ranking', { reporter: 'korea' })).toEqual([expect.stringMatching(/^reporter: /)]);
    expect(refused('partner-ranking', { reporter: 'KOR', year: 1850 })).toEqual(['year: a year from 1900']);
    expect(refused('partner-ranking', { reporter: 'KOR', colour: 'red' })).toEqual([expect.stringMatching(/colour/)]);
    expect(refused('partner-ranks', { reporter: 'KOR', from: 2023, to: 2014 })).toEqual(['from: from must not be after to']);
    expect(refused('partner-ranks', { reporter: 'KOR', from: 1950, to: 2023 })).toEqual(['from: at most 60 years']);
    expect(refused('partner-ranks', { reporter: 'KOR', top: 26 })).toEqual([expect.stringMatching(/^top: /)]);
    expect(refused('partner-share', { reporter: 'KOR', partner: 'china' })).toEqual([expect.stringMatching(/^partner: /)]);
    expect(refused('partner-share', { reporter: 'KOR', from: 1901, to: 2023 })).toEqual(['from: at most 80 years']);
    // A total hides the direction of trade: the map shows exports, imports or the balance.
    expect(refused('map', { reporter: 'KOR', measure: 'total' })).toEqual([expect.stringMatching(/^measure: /)]);
  });

  it('a stored block whose settings no longer fit is shown as invalid, naming the field, without failing the others', async () => {
    const got = await call('resolveBlocks', {
      blocks: [
        { kind: 'map', config: { reporter: 'KOR' } },
        { kind: 'partner-ranks', config: { reporter: 'KOR', from: 2023, to: 2014 } },
      ],
    }).catch((e: unknown) => e);
    // resolveBlocks checks what it is given as a whole: the reversed range is refused before anything is read.
    expect(String(got)).toMatch(/invalid-input: .*from must not be after to/);
    const b = await call('createBriefing', { title: 'Partners', blocks: [{ kind: 'map', config: { reporter: 'KOR' } }] });
    session.db
      .prepare(
        `INSERT INTO briefing_block (id, briefing_id, position, kind, config) VALUES ('p2', ?, 2, 'partner-ranking', '{"reporter":"KOR","top":500}')`,
      )
      .run(b.id);
    const stored = await call('getBriefing', { id: b.id });
    expect(stored.blocks.map((x) => x.kind)).toEqual(['map', 'invalid']);
    expect(stored.blocks[1]?.error).toMatch(/settings of this partner-ranking block are not valid: top/);
  });
});

describe('the partner block kinds: data from the default packs', () => {
  it('the ranking lists the top partners by its measure with the ranking view’s figures and shares, citing them and the totals', async () => {
    const got = await call('resolveBlocks', {
      blocks: [{ kind: 'partner-ranking', config: { reporter: 'KOR', year: 2023, by: 'exports', top: 5 } }],
    });
    const block = got.blocks[0];
    if (block?.kind !== 'partner-ranking') throw new Error(block?.error ?? 'no ranking');
    const full = partnerRanking(session.db, { reporter: 'KOR', year: 2023 });
    const expected = full.partners
      .filter((p) => p.rank.exports !== null)
      .sort((a, b) => a.rank.exports! - b.rank.exports!)
      .slice(0, 5);
    expect(block.data.partners.map((p) => p.partner.code)).toEqual(expected.map((p) => p.partner.code));
    expect(block.data.partners.map((p) => p.rank.exports)).toEqual([1, 2, 3, 4, 5]);
    expect(block.data.partners[0]?.exports?.value).toBe(expected[0]?.exports?.value);
    expect(block.data.partners[0]?.share.exports).toBe(expected[0]?.share.exports);
    expect(block.data.ranked.exports).toBe(full.ranked.exports);
    const cited = new Set(block.footnotes.map((n) => got.sources[n - 1]!.source.id));
    for (const p of block.data.partners) expect(cited).toContain(p.exports!.source.id);
    for (const s of full.totals.exports?.sources ?? []) expect(cited).toContain(s.id);
  });

  it('the rank history gives the ranks by year and the sources of the figures behind them', async () => {
    const got = await call('resolveBlocks', {
      blocks: [{ kind: 'partner-ranks', config: { reporter: 'KOR', by: 'total', top: 3, from: 2019, to: 2023 } }],
    });
    const block = got.blocks[0];
    if (block?.kind !== 'partner-ranks') throw new Error(block?.error ?? 'no ranks');
    const h = partnerRankHistory(session.db, { reporter: 'KOR', measure: 'total', top: 3, from: 2019, to: 2023 });
    expect(block.data.years).toEqual([2019, 2020, 2021, 2022, 2023]);
    expect(block.data.rows).toEqual(h.rows);
    expect(block.data.rows[0]?.ranks.at(-1)).toBe(1);
    expect(h.sources.length).toBeGreaterThan(0);
    expect(block.footnotes.map((n) => got.sources[n - 1]!.source.id).sort()).toEqual(h.sources.map((s) => s.id).sort());
  });

  it("China's share by year, with the totals it is of; a partner the reporter has no figures for says so instead of failing", async () => {
    const got = await call('resolveBlocks', {
      blocks: [
        { kind: 'partner-share', config: { reporter: 'KOR', from: 2021, to: 2023 } },
        { kind: 'partner-share', config: { reporter: 'KOR', partner: 'ZZZ', from: 2021, to: 2023 } },
      ],
    });
    const [china, none] = got.blocks;
    if (china?.kind !== 'partner-share' || none?.kind !== 'partner-share') throw new Error(china?.error ?? none?.error ?? 'no share');
    const s = partnerSeries(session.db, { reporter: 'KOR', partners: ['CHN'], from: 2021, to: 2023 });
    expect(china.data.partners[0]?.points.map((p) => p.share)).toEqual(s.partners[0]?.points.map((p) => p.share));
    expect(china.data.partners[0]?.points.every((p) => p.share.exports !== null && p.share.exports > 0.15)).toBe(true);
    const cited = china.footnotes.map((n) => got.sources[n - 1]!.source.id);
    for (const t of s.totals) for (const x of t.exports?.sources ?? []) expect(cited).toContain(x.id);
    expect(none.data.partners).toEqual([{ partner: expect.objectContaining({ code: 'ZZZ' }), points: [], alone: null }]);
    expect(none.footnotes).toEqual([]);
  });

  it('the map takes every partner of the year, citing the flow it colours by (both flows for a balance)', async () => {
    const got = await call('resolveBlocks', {
      blocks: [
        { kind: 'map', config: { reporter: 'KOR', year: 2023, measure: 'exports' } },
        { kind: 'map', config: { reporter: 'KOR', year: 2023, measure: 'balance' } },
      ],
    });
    const [exports, balance] = got.blocks;
    if (exports?.kind !== 'map' || balance?.kind !== 'map') throw new Error('no map');
    const full = partnerRanking(session.db, { reporter: 'KOR', year: 2023 });
    expect(exports.data.partners.length).toBe(full.partners.length);
    expect(exports.data.partners.length).toBeGreaterThan(200);
    const ids = (footnotes: number[]) => new Set(footnotes.map((n) => got.sources[n - 1]!.source.id));
    expect(ids(exports.footnotes)).toEqual(new Set(full.partners.flatMap((p) => (p.exports ? [p.exports.source.id] : []))));
    expect(ids(balance.footnotes)).toEqual(
      new Set(full.partners.flatMap((p) => (p.balance === null ? [] : [p.exports!.source.id, p.imports!.source.id]))),
    );
  });
});

describe("the Partners dashboard's print summary", () => {
  it('prints the ranking, the map, the ranks by year and China’s share, all valid blocks, from the URL’s filters', () => {
    const summary = printSummary('partners', { reporter: 'KOR', year: '2022', by: 'imports', from: '2015' });
    expect(summary.title).toBe('Partners: KOR, 2022');
    expect(summary.blocks.map((b) => b.kind)).toEqual(['partner-ranking', 'map', 'partner-ranks', 'partner-share']);
    const parsed = summary.blocks.map((b) => blockSpecSchema.parse(b));
    expect(parsed[0]?.config).toMatchObject({ reporter: 'KOR', year: 2022, by: 'imports', from: 2015 });
    expect(parsed[1]?.config).toMatchObject({ reporter: 'KOR', year: 2022, measure: 'imports' });
    expect(parsed[2]?.config).toMatchObject({ reporter: 'KOR', by: 'imports', from: 2015, to: 2022 });
    expect(parsed[3]?.config).toMatchObject({ reporter: 'KOR', partner: 'CHN', from: 2015 });
    // Total trade is not mapped: the map of a summary ranked by total shows exports.
    const byTotal = printSummary('partners', { by: 'total' });
    expect(byTotal.blocks.map((b) => blockSpecSchema.parse(b).config)).toContainEqual(expect.objectContaining({ measure: 'exports' }));
    expect(byTotal.title).toBe('Partners: KOR');
  });
});
