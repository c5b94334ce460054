import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../db/dispatch.ts';
import type { EditLogEntry } from '../../db/edit/contract.ts';
import type { EventItem } from '../../db/events/contract.ts';
import { openSession, type Session } from '../../db/session.ts';
import { snapshot } from '../support/db-snapshot.ts';
import { tempDir } from '../support/temp.ts';

const tmp = tempDir();
let session: Session;
beforeAll(() => {
  session = openSession({ path: tmp.file('edit.sqlite') });
});
afterAll(() => {
  session.close();
  tmp.cleanup();
});

async function call<T>(method: string, input: unknown): Promise<T> {
  const envelope = await dispatch(session.handlers, method, input);
  if (!envelope.ok) throw Object.assign(new Error(envelope.error.message), { code: envelope.error.code });
  return envelope.data as T;
}
const log = () => call<EditLogEntry[]>('listEditLog', {});

describe('editing through the contract, with an edit log', () => {
  it('creates, updates and deletes a source, logging who, what and the states before and after', async () => {
    const { id } = await call<{ id: string }>('saveSource', {
      label: 'K1',
      publisher: 'Korea Customs Service',
      title: 'Trade statistics 2023',
      published: { precision: 'month', value: '2024-01' },
    });
    expect(id).toMatch(/^user:source-/);
    await call('saveSource', {
      id,
      label: 'K1',
      publisher: 'Korea Customs Service',
      title: 'Trade statistics 2023 (revised)',
      url: 'https://unipass.customs.go.kr/',
    });
    expect(session.db.prepare('SELECT title, url, published_precision FROM source WHERE id = ?').get(id)).toEqual({
      title: 'Trade statistics 2023 (revised)',
      url: 'https://unipass.customs.go.kr/',
      published_precision: null,
    });
    expect(await call('deleteSource', { id })).toEqual({ deleted: true });
    const entries = (await log()).filter((e) => e.entityId === id);
    expect(entries.map((e) => e.action)).toEqual(['delete', 'update', 'create']);
    expect(entries.every((e) => e.userName === session.context.userName)).toBe(true);
    expect(entries[1]?.before).toMatchObject({ title: 'Trade statistics 2023' });
    expect(entries[1]?.after).toMatchObject({ title: 'Trade statistics 2023 (revised)' });
    expect(entries[0]?.after).toBeNull();
  });

  it('refuses to delete a source that figures still cite, changing nothing (not even the log)', async () => {
    const cited = session.db.prepare('SELECT source_id FROM trade_flow LIMIT 1').pluck().get() as string;
    const before = snapshot(session.db);
    await expect(call('deleteSource', { id: cited })).rejects.toMatchObject({ code: 'conflict' });
    expect(snapshot(session.db)).toBe(before);
  });

  it('validates input with the contract: wrong HS code, date, route without legs', async () => {
    await expect(call('saveSector', { name: 'Cosmetics', hs: [{ code: '330' }] })).rejects.toThrow(
      /hs\[0\]\.code: an HS code of 2, 4 or 6 digits/,
    );
    await expect(call('saveSector', { name: 'Cosmetics', hs: [{ code: '3304' }, { code: '3304' }] })).rejects.toThrow(/each HS code once/);
    const source = session.db.prepare('SELECT id FROM source LIMIT 1').pluck().get();
    await expect(
      call('saveEvent', { kind: 'fair', title: 'Expo', date: { precision: 'month', value: '2023-13' }, sourceId: source }),
    ).rejects.toThrow(/a month as YYYY-MM/);
    await expect(call('saveRoute', { name: 'R', legs: [], sourceId: source })).rejects.toThrow(/at least one leg/);
    await expect(call('saveSource', { id: 'nope', label: 'X', publisher: 'P', title: 'T' })).rejects.toThrow(/No source with id nope/);
  });

  it('edits sectors with their HS mappings, projects (batches), events and routes', async () => {
    const source = session.db.prepare('SELECT id FROM source ORDER BY rowid LIMIT 1').pluck().get() as string;
    const { id: sector } = await call<{ id: string }>('saveSector', {
      name: 'Cosmetics',
      hs: [{ code: '3304', description: 'Beauty preparations', sourceId: source }, { code: '33' }],
    });
    await call('saveSector', { id: sector, name: 'Cosmetics and toiletries', hs: [{ code: '3304' }, { code: '3305' }] });
    const mapped = (await call<{ id: string; hs: { code: string }[] }[]>('listSectorMappings', {})).find((s) => s.id === sector);
    expect(mapped?.hs.map((h) => h.code)).toEqual(['3304', '3305']);

    const { id: project } = await call<{ id: string }>('saveProject', {
      title: 'Qingdao batch',
      count: 15,
      partnerCode: 'CHN',
      counterpartCode: 'KOR',
      status: 'signed',
      signed: { precision: 'month', value: '2022-09', part: 'late' },
      fields: ['auto parts', 'cosmetics'],
      sourceId: source,
    });
    expect(session.db.prepare('SELECT project_count, signed_part FROM project WHERE id = ?').get(project)).toEqual({
      project_count: 15,
      signed_part: 'late',
    });
    expect(session.db.prepare('SELECT field FROM project_field WHERE project_id = ? ORDER BY position').pluck().all(project)).toEqual([
      'auto parts',
      'cosmetics',
    ]);

    const { id: event } = await call<{ id: string }>('saveEvent', {
      kind: 'fair',
      title: 'Import Expo',
      countryCode: 'CHN',
      date: { precision: 'day', value: '2023-11-05' },
      sectors: ['food'],
      sourceId: source,
    });
    expect(session.db.prepare('SELECT label FROM event_sector WHERE event_id = ?').pluck().all(event)).toEqual(['food']);
    // No place stated: the core says so with null (the page words it in its language), never with English text.
    const listed = await call<{ upcoming: EventItem[]; past: EventItem[] }>('listEvents', {});
    expect([...listed.upcoming, ...listed.past].find((e) => e.id === event)?.place).toEqual({ id: null, name: null });

    const places = await call<{ id: string }[]>('listPlaces', {});
    expect(places.length).toBeGreaterThanOrEqual(2);
    const { id: route } = await call<{ id: string }>('saveRoute', {
      name: 'Sea then rail',
      transitDays: { min: 20, max: 25 },
      legs: [{ mode: 'sea', fromPlaceId: places[0]!.id, toPlaceId: places[1]!.id }],
      sourceId: source,
    });
    expect(session.db.prepare('SELECT count(*) FROM route_leg WHERE route_id = ?').pluck().get(route)).toBe(1);
    await expect(
      call('saveRoute', { name: 'Bad', legs: [{ mode: 'sea', fromPlaceId: 'nowhere', toPlaceId: places[1]!.id }], sourceId: source }),
    ).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringMatching(/legs\[0\]\.fromPlaceId: no place nowhere/) });

    for (const [m, id] of [
      ['deleteProject', project],
      ['deleteEvent', event],
      ['deleteRoute', route],
      ['deleteSector', sector],
    ] as const) {
      expect(await call(m, { id })).toEqual({ deleted: true });
    }
    const entities = (await log()).slice(0, 9).map((e) => `${e.action} ${e.entity}`);
    expect(entities).toEqual([
      'delete sector',
      'delete route',
      'delete event',
      'delete project',
      'create route',
      'create event',
      'create project',
      'update sector',
      'create sector',
    ]);
  });
});
