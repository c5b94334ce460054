import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { Envelope, MethodName, Result } from '../../db/contract.ts';
import { dispatch } from '../../db/dispatch.ts';
import { loadPack, readPackFile } from '../../db/packs/load.ts';
import { defaultPacksDir, openSession, type Session } from '../../db/session.ts';
import { tempDir } from '../support/temp.ts';
import { join } from 'node:path';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

let session: Session;
let n = 0;
beforeEach(() => {
  session?.close();
  session = openSession({ path: tmp.file(`briefings-${++n}.sqlite`), today: '2026-11-29' });
});

/** Calls a method through the dispatcher (validation included), as a host does. */
async function call<M extends MethodName>(method: M, input: unknown): Promise<Result<M>> {
  const envelope = (await dispatch(session.handlers, method, input)) as Envelope<Result<M>>;
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.data;
}

async function fail(method: MethodName, input: unknown): Promise<{ code: string; message: string }> {
  const envelope = await dispatch(session.handlers, method, input);
  if (envelope.ok) throw new Error(`${method} should have failed`);
  return envelope.error;
}

const DEFAULT_ID = 'korea-china-2022:korea-china-trade-push-2022';

describe('the default briefing of the first pack', () => {
  it('exists in a new database with its blocks in order', async () => {
    const list = await call('listBriefings', {});
    expect(list.map((b) => b.title)).toEqual(['Korea–China trade push, August 2022']);
    const b = await call('getBriefing', { id: DEFAULT_ID });
    expect(b.classification).toBe('For internal use');
    expect(b.blocks.map((x) => x.kind)).toEqual([
      'text',
      'kpi',
      'reconciliation',
      'trade-chart',
      'mirror',
      'statements',
      'claims',
      'sectors-table',
      'projects-table',
      'events-table',
      'route',
    ]);
    expect(b.blocks.every((x) => x.error === null)).toBe(true);
  });

  it("resolves the KPI block to the 2021 figures of China's customs", async () => {
    const b = await call('getBriefing', { id: DEFAULT_ID });
    const kpi = b.blocks.find((x) => x.kind === 'kpi');
    if (kpi?.kind !== 'kpi' || !kpi.data) throw new Error('no kpi data');
    expect(kpi.data.exports.value).toBe(150.5e9);
    expect(kpi.data.imports.value).toBe(213.5e9);
    expect(kpi.data.balance.value).toBe(-63e9);
    expect(kpi.data.statedTotal?.value).toBe(364.1e9);
  });

  it('numbers sources by first use; every block carries the numbers of its own sources', async () => {
    const b = await call('getBriefing', { id: DEFAULT_ID });
    expect(b.sources.map((s) => s.number)).toEqual(b.sources.map((_, i) => i + 1));
    expect(b.sources.slice(0, 4).map((s) => s.source.label)).toEqual(['S1', 'S2', 'S3', 'S4']);
    const byId = new Map(b.sources.map((s) => [s.source.id, s.number]));
    expect(b.blocks[0]?.footnotes).toEqual([1, 2, 3]);
    const kpi = b.blocks[1];
    expect(kpi?.footnotes).toEqual([byId.get('korea-china-2022:S4')]);
    const events = b.blocks.find((x) => x.kind === 'events-table');
    if (events?.kind !== 'events-table') throw new Error('no events');
    expect(events.data.map((e) => e.title)).toContain('Green industry business meeting');
    const route = b.blocks.find((x) => x.kind === 'route');
    expect(route?.footnotes).toEqual([byId.get('korea-china-2022:S5')]);
    // Every numbered source is cited by at least one block.
    const cited = new Set(b.blocks.flatMap((x) => x.footnotes));
    expect([...cited].sort((x, y) => x - y)).toEqual(b.sources.map((s) => s.number));
  });

  it("is created once: reloading the pack never overwrites the user's edits", async () => {
    await call('updateBriefing', { id: DEFAULT_ID, title: 'My edited title' });
    const { pack } = readPackFile(join(defaultPacksDir, 'korea-china-2022.json'));
    const result = loadPack(session.db, { ...pack, version: '9.9.9' });
    expect(result.changed).toBe(true);
    const b = await call('getBriefing', { id: DEFAULT_ID });
    expect(b.title).toBe('My edited title');
    expect(b.blocks).toHaveLength(11);
  });
});

describe('editing briefings', () => {
  it('creates, updates and lists a briefing, most recent first', async () => {
    const created = await call('createBriefing', { title: 'Delegation to Qingdao', audience: 'Minister', datedOn: '2026-12-01' });
    expect(created.blocks).toEqual([]);
    const updated = await call('updateBriefing', { id: created.id, classification: 'Restricted', datedOn: null });
    expect(updated.classification).toBe('Restricted');
    expect(updated.datedOn).toBeNull();
    expect(updated.audience).toBe('Minister');
    const list = await call('listBriefings', {});
    expect(list[0]?.id).toBe(created.id);
    const log = session.db
      .prepare("SELECT action FROM edit_log WHERE entity = 'briefing' AND entity_id = ? ORDER BY id")
      .pluck()
      .all(created.id);
    expect(log).toEqual(['create', 'update']);
  });

  it('keeps a print language with the briefing: null (the interface language) by default, set, copied, cleared; others refused', async () => {
    const created = await call('createBriefing', { title: 'For Seoul' });
    expect(created.printLanguage).toBeNull();
    expect((await call('updateBriefing', { id: created.id, printLanguage: 'ko' })).printLanguage).toBe('ko');
    expect((await call('getBriefing', { id: created.id })).printLanguage).toBe('ko');
    expect((await call('duplicateBriefing', { id: created.id })).printLanguage).toBe('ko');
    // A change of another field keeps it.
    expect((await call('updateBriefing', { id: created.id, audience: 'Delegation' })).printLanguage).toBe('ko');
    expect((await call('createBriefing', { title: 'For Beijing', printLanguage: 'zh' })).printLanguage).toBe('zh');
    expect((await fail('updateBriefing', { id: created.id, printLanguage: 'ja' })).message).toMatch(/printLanguage/);
    expect((await call('getBriefing', { id: created.id })).printLanguage).toBe('ko');
    expect((await call('updateBriefing', { id: created.id, printLanguage: null })).printLanguage).toBeNull();
    // The column refuses what the contract refuses, whoever writes.
    expect(() => session.db.prepare("UPDATE briefing SET print_language = 'fr' WHERE id = ?").run(created.id)).toThrow(/CHECK/);
  });

  it('refuses an empty title and an invalid date, naming the field', async () => {
    const created = await call('createBriefing', {});
    expect((await fail('updateBriefing', { id: created.id, title: '   ' })).message).toMatch(/title/);
    expect((await fail('updateBriefing', { id: created.id, datedOn: '2026-13-01' })).message).toMatch(/datedOn/);
    expect((await fail('getBriefing', { id: 'nope' })).code).toBe('not-found');
  });

  it('duplicates a briefing with all its blocks; the copy is independent', async () => {
    const copy = await call('duplicateBriefing', { id: DEFAULT_ID });
    expect(copy.title).toBe('Korea–China trade push, August 2022 (copy)');
    expect(copy.packId).toBeNull();
    expect(copy.blocks.map((b) => b.kind)).toEqual((await call('getBriefing', { id: DEFAULT_ID })).blocks.map((b) => b.kind));
    const first = copy.blocks[0];
    if (!first?.id) throw new Error('no block');
    await call('removeBlock', { id: first.id });
    expect((await call('getBriefing', { id: DEFAULT_ID })).blocks).toHaveLength(11);
  });

  it('deletes to the trash and restores (undo)', async () => {
    const created = await call('createBriefing', { title: 'To delete' });
    await call('deleteBriefing', { id: created.id });
    expect((await call('listBriefings', {})).map((b) => b.id)).not.toContain(created.id);
    expect((await fail('getBriefing', { id: created.id })).message).toMatch(/trash/);
    await call('restoreBriefing', { id: created.id });
    expect((await call('listBriefings', {})).map((b) => b.id)).toContain(created.id);
  });

  it('adds, moves, updates and removes blocks, keeping positions 1..n', async () => {
    const b = await call('createBriefing', { title: 'Blocks' });
    await call('addBlock', { briefingId: b.id, block: { kind: 'text', config: { markdown: 'one' } } });
    await call('addBlock', { briefingId: b.id, block: { kind: 'text', config: { markdown: 'two' } } });
    let got = await call('addBlock', {
      briefingId: b.id,
      block: { kind: 'kpi', config: { reporter: 'CHN', partner: 'KOR', year: 2021 } },
      position: 1,
    });
    const text = (x: (typeof got.blocks)[number]): string => (x.kind === 'text' ? x.config.markdown : x.kind);
    expect(got.blocks.map(text)).toEqual(['kpi', 'one', 'two']);
    expect(got.blocks.map((x) => x.position)).toEqual([1, 2, 3]);
    got = await call('moveBlock', { id: got.blocks[0]!.id!, position: 3 });
    expect(got.blocks.map(text)).toEqual(['one', 'two', 'kpi']);
    got = await call('moveBlock', { id: got.blocks[2]!.id!, position: 99 });
    expect(got.blocks.map(text)).toEqual(['one', 'two', 'kpi']);
    got = await call('updateBlock', { id: got.blocks[1]!.id!, block: { kind: 'text', config: { markdown: 'TWO' } } });
    expect(got.blocks.map(text)).toEqual(['one', 'TWO', 'kpi']);
    const removed = await call('removeBlock', { id: got.blocks[1]!.id! });
    expect(removed.blocks.map(text)).toEqual(['one', 'kpi']);
    expect(removed.removed).toEqual({ kind: 'text', config: { heading: undefined, markdown: 'TWO', sources: [] }, position: 2 });
    const undone = await call('addBlock', {
      briefingId: b.id,
      block: { kind: 'text', config: { markdown: 'TWO' } },
      position: removed.removed.position,
    });
    expect(undone.blocks.map(text)).toEqual(['one', 'TWO', 'kpi']);
    expect(undone.blocks.map((x) => x.position)).toEqual([1, 2, 3]);
  });

  it('refuses a block config that does not fit its kind, and a change of kind', async () => {
    const b = await call('createBriefing', { title: 'Bad blocks' });
    const e = await fail('addBlock', { briefingId: b.id, block: { kind: 'kpi', config: { reporter: 'korea' } } });
    expect(e.code).toBe('invalid-input');
    expect(e.message).toMatch(/block\.config\.reporter/);
    expect((await fail('addBlock', { briefingId: b.id, block: { kind: 'video', config: {} } })).code).toBe('invalid-input');
    const got = await call('addBlock', { briefingId: b.id, block: { kind: 'text', config: { markdown: 'x' } } });
    expect((await fail('updateBlock', { id: got.blocks[0]!.id!, block: { kind: 'statements', config: {} } })).code).toBe('conflict');
  });

  it('shows a stored block of an unknown kind or with broken settings as invalid, without failing the briefing', async () => {
    const b = await call('createBriefing', { title: 'Future blocks', blocks: [{ kind: 'text', config: { markdown: 'fine' } }] });
    session.db
      .prepare("INSERT INTO briefing_block (id, briefing_id, position, kind, config) VALUES ('x1', ?, 2, 'sankey', '{}')")
      .run(b.id);
    session.db
      .prepare(`INSERT INTO briefing_block (id, briefing_id, position, kind, config) VALUES ('x2', ?, 3, 'kpi', '{"reporter":1}')`)
      .run(b.id);
    const got = await call('getBriefing', { id: b.id });
    expect(got.blocks.map((x) => x.kind)).toEqual(['text', 'invalid', 'invalid']);
    const [, unknown, broken] = got.blocks;
    expect(unknown?.error).toMatch(/does not know blocks of kind “sankey”/);
    expect(broken?.error).toMatch(/settings of this kpi block are not valid: reporter/);
  });

  it('a text block citing a source that does not exist is shown as invalid, naming the source', async () => {
    const got = await call('resolveBlocks', { blocks: [{ kind: 'text', config: { markdown: 'x', sources: ['no-such-source'] } }] });
    expect(got.blocks[0]?.error).toMatch(/No source with id no-such-source/);
  });

  it('resolves blocks without storing them (dashboard summaries)', async () => {
    const got = await call('resolveBlocks', {
      blocks: [
        { kind: 'trade-chart', config: { reporter: 'KOR', partner: 'CHN', from: 2020, to: 2022 } },
        { kind: 'events-table', config: { kind: 'fair' } },
      ],
    });
    const chart = got.blocks[0];
    if (chart?.kind !== 'trade-chart') throw new Error(chart?.error ?? 'no chart');
    expect(chart.data.years.map((y) => y.year)).toEqual([2020, 2021, 2022]);
    expect(chart.data.years.every((y) => y.exports !== null && y.imports !== null)).toBe(true);
    const events = got.blocks[1];
    if (events?.kind !== 'events-table') throw new Error('no events');
    expect(events.data.map((e) => e.title)).toEqual(['Export fair']);
    expect(got.sources.length).toBeGreaterThan(0);
    expect(session.db.prepare('SELECT count(*) FROM briefing_block').pluck().get()).toBe(11);
  });

  it("gives the KPI block each flow's growth as the Trade tiles give it for the same pair and year, citing the world totals its shares rest on", async () => {
    const got = await call('resolveBlocks', {
      blocks: [
        { kind: 'kpi', config: { reporter: 'KOR', partner: 'CHN', year: 2021 } },
        { kind: 'kpi', config: { reporter: 'CHN', partner: 'KOR', year: 2021 } },
      ],
    });
    const [korea, china] = got.blocks;
    if (korea?.kind !== 'kpi' || !korea.data || china?.kind !== 'kpi' || !china.data) throw new Error('no kpi blocks');
    const tiles = await call('tradeKpi', { reporter: 'KOR', partner: 'CHN', to: 2021 });
    expect(tiles.year).toBe(2021);
    expect(korea.data.exports.value).toBe(tiles.exports?.value);
    expect(korea.data.growth).toEqual(tiles.growth);
    expect(korea.data.growth?.exports.yoy).toMatchObject({ year: 2021, previousYear: 2020 });
    expect(korea.data.growth?.exports.share.value).toBeCloseTo(162912974000 / 644400368000, 12);
    // The shares rest on KOSIS's totals with the world, so that source is among the block's footnotes.
    const cited = korea.footnotes.map((n) => got.sources[n - 1]!.source.id);
    for (const s of tiles.share!.ofTotal.sources) expect(cited).toContain(s.id);
    // China's customs: 2020 is not loaded, so no year-on-year change, and the reason is given.
    expect(china.data.growth?.exports.yoy).toEqual({ change: null, reason: 'previous-not-reported' });
    expect(china.data.growth?.total.share).toEqual({ value: null, reason: 'total-not-loaded' });
  });
});
