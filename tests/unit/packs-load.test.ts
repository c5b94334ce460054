/**
 * Loading briefing packs as the app does: in the import worker (size limits, progress, cancel), ids
 * the app keeps for its own rows refused, and what a load changes in existing rows in the edit log.
 */
import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listBackups } from '../../db/backup.ts';
import { dispatch } from '../../db/dispatch.ts';
import type { EditLogEntry } from '../../db/edit/contract.ts';
import { cancelJob, jobProgress, startJob } from '../../db/imports/jobs.ts';
import { countElements, MAX_PACK_BYTES, MAX_PACK_ELEMENTS, readPackFile } from '../../db/packs/load.ts';
import { defaultPacksDir, openSession, type Session } from '../../db/session.ts';
import { snapshot } from '../support/db-snapshot.ts';
import { tempDir } from '../support/temp.ts';
import { chosen } from '../support/chosen-files.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const firstPackPath = join(defaultPacksDir, 'korea-china-2022.json');
type RawPack = Record<string, unknown> & {
  sources: { key: string }[];
  tradeFlows: Record<string, unknown>[];
  economies: Record<string, unknown>[];
  statements: Record<string, unknown>[];
};
const firstPackRaw = (): RawPack => JSON.parse(readFileSync(firstPackPath, 'utf8')) as RawPack;

async function call<T>(session: Session, method: string, input: unknown): Promise<T> {
  const envelope = await dispatch(session.handlers, method, input);
  if (!envelope.ok) throw Object.assign(new Error(envelope.error.message), { code: envelope.error.code });
  return envelope.data as T;
}

function writePack(name: string, raw: unknown): string {
  const path = tmp.file(name);
  writeFileSync(path, JSON.stringify(raw));
  return path;
}

/** A pack of `n` trade flows (distinct years × products), for size and progress. */
function bigPack(id: string, n: number): RawPack {
  const raw = firstPackRaw();
  const flows: Record<string, unknown>[] = [];
  for (let i = 0; flows.length < n; i++) {
    flows.push({
      reporter: 'KOR',
      partner: 'CHN',
      year: 1900 + (i % 200),
      flow: 'export',
      productCode: String(100000 + Math.floor(i / 200)),
      valueUsd: i,
      source: 'S4',
    });
  }
  return { ...raw, id, tradeFlows: flows, briefings: [] };
}

describe('pack ids the app uses for its own rows', () => {
  it('are refused with a clear error, changing nothing', async () => {
    const session = openSession({ path: tmp.file('reserved.sqlite') });
    try {
      // A user-made source, and an import's source, that such packs would write over.
      const { id: userSource } = await call<{ id: string }>(session, 'saveSource', { label: 'U1', publisher: 'Me', title: 'My notes' });
      const before = snapshot(session.db);
      for (const [id, key] of [
        ['user', userSource.slice('user:'.length)],
        ['import', '1'],
      ] as const) {
        const raw = firstPackRaw();
        const path = writePack(`${id}.json`, { ...raw, id, sources: raw.sources.map((s, i) => (i === 0 ? { ...s, key } : s)) });
        const result = await dispatch(session.handlers, 'importPack', { file: chosen(session, path) });
        expect(result.ok).toBe(false);
        if (!result.ok) {
          expect(result.error.code).toBe('invalid-pack');
          expect(result.error.message).toContain(
            `${id}.json is not a valid briefing pack: id: "${id}" is an id the app uses for its own rows (import, user)`,
          );
        }
      }
      expect(snapshot(session.db)).toBe(before);
      expect(listBackups(session.path)).toEqual([]);
    } finally {
      session.close();
    }
  });
});

describe('what a pack load changes in existing rows', () => {
  it("goes into the edit log: the user's edit overwritten, a renamed economy, a changed figure, a removed statement", async () => {
    const session = openSession({ path: tmp.file('log.sqlite') });
    try {
      const eventId = 'korea-china-2022:export-fair-china';
      const event = session.db.prepare('SELECT source_id FROM event WHERE id = ?').get(eventId) as { source_id: string };
      await call(session, 'saveEvent', {
        id: eventId,
        kind: 'fair',
        title: 'Export fair (my title)',
        date: { precision: 'month', value: '2022-10' },
        sourceId: event.source_id,
      });
      const logBefore = (session.db.prepare('SELECT max(id) FROM edit_log').pluck().get() as number | null) ?? 0;

      const raw = firstPackRaw();
      const kor = raw.economies.find((e) => e['code'] === 'KOR')!;
      const next = {
        ...raw,
        version: '1.1.0',
        economies: raw.economies.map((e) => (e === kor ? { ...e, name: 'Republic of Korea' } : e)),
        tradeFlows: raw.tradeFlows.map((f, i) => (i === 0 ? { ...f, valueUsd: 151e9 } : f)),
        statements: raw.statements.slice(1),
      };
      const loaded = await call<{ changed: boolean }>(session, 'importPack', { file: chosen(session, writePack('next.json', next)) });
      expect(loaded.changed).toBe(true);
      expect(session.db.pragma('foreign_key_check')).toEqual([]);

      const entries = (await call<EditLogEntry[]>(session, 'listEditLog', { limit: 1000 })).filter((e) => e.id > logBefore);
      const byEntity = (entity: string) => entries.filter((e) => e.entity === entity);
      expect(entries.every((e) => e.userName === session.context.userName)).toBe(true);
      expect(byEntity('event')).toHaveLength(1);
      expect(byEntity('event')[0]).toMatchObject({ action: 'update', entityId: eventId, before: { title: 'Export fair (my title)' } });
      expect((byEntity('event')[0]!.after as { title: string }).title).not.toBe('Export fair (my title)');
      expect(byEntity('economy')).toEqual([
        expect.objectContaining({
          action: 'update',
          entityId: 'KOR',
          before: expect.objectContaining({ name: kor['name'] }),
          after: expect.objectContaining({ name: 'Republic of Korea' }),
        }),
      ]);
      expect(byEntity('trade_flow')).toHaveLength(1);
      expect(byEntity('trade_flow')[0]).toMatchObject({
        action: 'update',
        before: { value_usd: raw.tradeFlows[0]!['valueUsd'] },
        after: { value_usd: 151e9 },
      });
      expect(byEntity('statement')).toEqual([
        expect.objectContaining({ action: 'delete', entityId: `korea-china-2022:${String(raw.statements[0]!['key'])}`, after: null }),
      ]);
      expect(byEntity('pack')).toEqual([
        expect.objectContaining({
          action: 'update',
          entityId: 'korea-china-2022',
          before: expect.objectContaining({ version: raw['version'] }),
          after: expect.objectContaining({ version: '1.1.0' }),
        }),
      ]);
      // Nothing else: rows the load left as they were are not logged.
      expect(entries).toHaveLength(5);
    } finally {
      session.close();
    }
  });
});

describe('packs load in the import worker, within limits', () => {
  it('refuses a file over the size limit before reading it, and a pack over the element limit, changing nothing', async () => {
    const session = openSession({ path: tmp.file('limits.sqlite') });
    try {
      const before = snapshot(session.db);
      const huge = tmp.file('huge.json');
      writeFileSync(huge, '{');
      truncateSync(huge, MAX_PACK_BYTES + 1);
      await expect(call(session, 'importPack', { file: chosen(session, huge) })).rejects.toMatchObject({
        code: 'invalid-pack',
        message: expect.stringMatching(/^huge\.json is too large to load as a briefing pack: 12\.0 MB \(at most 12\.0 MB\)/),
      });
      const many = writePack('many.json', bigPack('many', MAX_PACK_ELEMENTS + 1));
      await expect(call(session, 'importPack', { file: chosen(session, many) })).rejects.toMatchObject({
        code: 'invalid-pack',
        message: expect.stringMatching(/^many\.json is too large to load as a briefing pack: 80,\d{3} elements \(at most 80,000\)/),
      });
      // Small files whose parsed form would be huge (millions of empty objects) or deep are refused before parsing.
      const empties = tmp.file('empties.json');
      writeFileSync(empties, `{"format":"tradebrief-pack","statements":[${'{},'.repeat(MAX_PACK_ELEMENTS * 4)}{}]}`);
      await expect(call(session, 'importPack', { file: chosen(session, empties) })).rejects.toMatchObject({
        code: 'invalid-pack',
        message: expect.stringMatching(
          /^empties\.json is too large to load as a briefing pack: 320,00\d objects and arrays \(at most 320,000\)/,
        ),
      });
      const deep = writePack('deep.json', JSON.parse(`${'['.repeat(40)}${']'.repeat(40)}`));
      await expect(call(session, 'importPack', { file: chosen(session, deep) })).rejects.toThrow(
        /deep\.json is too large to load as a briefing pack: objects and arrays nested more than 32 deep/,
      );
      const latin1 = tmp.file('latin1.json');
      writeFileSync(latin1, Buffer.from(JSON.stringify({ ...firstPackRaw(), title: "Côte d'Ivoire" }), 'latin1'));
      await expect(call(session, 'importPack', { file: chosen(session, latin1) })).rejects.toThrow(/latin1\.json is not UTF-8 text/);
      expect(snapshot(session.db)).toBe(before);
      expect(listBackups(session.path)).toEqual([]);
      expect(countElements(firstPackRaw())).toBeLessThan(MAX_PACK_ELEMENTS);
      expect(() => readPackFile(firstPackPath, { maxElements: 10 })).toThrow(
        /korea-china-2022\.json is too large to load as a briefing pack: \d+ elements \(at most 10\)/,
      );
    } finally {
      session.close();
    }
  });

  it('reports progress, can be cancelled (nothing changed), and loads a large pack off the host thread', async () => {
    const session = openSession({ path: tmp.file('worker.sqlite') });
    try {
      const path = writePack('large.json', bigPack('large', MAX_PACK_ELEMENTS - 1_000));
      const before = snapshot(session.db);
      const cancelled = startJob('pack', session.path, { path, userName: 'tester' });
      await expect.poll(() => jobProgress(cancelled.id).rowsAdded, { timeout: 30_000, interval: 20 }).toBeGreaterThan(0);
      expect(cancelJob(cancelled.id)).toEqual({ cancelled: true });
      await cancelled.done;
      expect(jobProgress(cancelled.id)).toMatchObject({ state: 'cancelled', error: { code: 'cancelled' } });
      expect(snapshot(session.db)).toBe(before);

      const job = startJob('pack', session.path, { path, userName: 'tester' });
      const seen = new Set<string>();
      let ticks = 0;
      const timer = setInterval(() => {
        ticks++;
        const p = jobProgress(job.id);
        if (p.state === 'running') seen.add(p.phase);
      }, 5);
      await job.done;
      clearInterval(timer);
      const done = jobProgress(job.id);
      expect(done.state).toBe('done');
      expect(seen.has('committing')).toBe(true);
      // The host's event loop kept running while the worker loaded the pack.
      expect(ticks).toBeGreaterThan(5);
      expect(session.db.prepare("SELECT count(*) FROM trade_flow WHERE pack_id = 'large'").pluck().get()).toBe(MAX_PACK_ELEMENTS - 1_000);
      expect(session.db.pragma('foreign_key_check')).toEqual([]);
      // One backup per load that was to write (the cancelled one had started writing), none other.
      expect(listBackups(session.path).map((b) => b.reason)).toEqual(['before-import-pack', 'before-import-pack']);
    } finally {
      session.close();
    }
  }, 60_000);
});
