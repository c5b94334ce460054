/**
 * The edit forms validate with the contract's own schemas (db/common/edit-schemas.ts): what the
 * renderer reports before sending is what the dispatcher reports on receipt, path for path.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { $ZodType } from 'zod/v4/core';
import { eventInput, projectInput, routeInput, sectorInput, sourceInput } from '../../db/common/edit-schemas.ts';
import { ClientError } from '../../renderer/src/lib/client.ts';
import { dispatch } from '../../db/dispatch.ts';
import { openSession, type Session } from '../../db/session.ts';
import { check, serverFieldErrors } from '../../renderer/src/lib/validation.ts';
import { tempDir } from '../support/temp.ts';

const tmp = tempDir();
let session: Session;
let source: string;
beforeAll(() => {
  session = openSession({ path: tmp.file('edit-forms.sqlite') });
  source = session.db.prepare('SELECT id FROM source ORDER BY rowid LIMIT 1').pluck().get() as string;
});
afterAll(() => {
  session.close();
  tmp.cleanup();
});

/** The server's field errors for an input, as the form would show them. */
async function serverErrors(method: string, input: unknown): Promise<Record<string, string> | null> {
  const envelope = await dispatch(session.handlers, method, input);
  if (envelope.ok) return null;
  return serverFieldErrors(new ClientError(envelope.error));
}

describe('client-side validation is the contract’s', () => {
  const cases = [
    [
      'saveProject',
      projectInput,
      {
        title: ' ',
        count: 0,
        partnerCode: 'chn',
        status: 'signed',
        signed: { precision: 'month', value: '2022-13', part: 'late' },
        valueUsd: -5,
        fields: ['ok', ''],
        sourceId: '',
      },
    ],
    [
      'saveProject',
      projectInput,
      { title: 'Batch', count: 2.5, partnerCode: 'CHN', status: 'maybe', signed: { precision: 'week', value: '2022-W40' }, sourceId: 'x' },
    ],
    ['saveEvent', eventInput, { kind: 'party', title: '', sectors: [''], sourceId: 'x' }],
    [
      'saveEvent',
      eventInput,
      { kind: 'fair', title: 'Expo', date: { precision: 'day', value: '2022-02-30x' }, countryCode: 'China', sourceId: 'x' },
    ],
    [
      'saveRoute',
      routeInput,
      { name: 'R', transitDays: { min: 10, max: 5 }, legs: [{ mode: 'ship', fromPlaceId: '', toPlaceId: 'a' }], sourceId: 'x' },
    ],
    ['saveRoute', routeInput, { name: '', transitDays: { min: 3 }, legs: [], sourceId: '' }],
    ['saveSector', sectorInput, { name: 'Cosmetics', hs: [{ code: '3304' }, { code: '3304' }, { code: '330' }] }],
    ['saveSource', sourceInput, { label: 'A label longer than sixteen', publisher: '', title: 'T', url: 'ftp://x.org/' }],
  ] as const;
  for (const [method, schema, input] of cases) {
    it(`${method}: the same fields and messages before sending as on receipt (${Object.keys(input).join(', ')})`, async () => {
      const local = check(schema as $ZodType<unknown>, input);
      expect(local.ok).toBe(false);
      const fromServer = await serverErrors(method, input);
      expect(fromServer).not.toBeNull();
      expect(local.ok ? {} : local.errors).toEqual(fromServer);
    });
  }

  it('a valid input passes both, and the server stores what the form sent', async () => {
    const input = {
      title: 'Qingdao batch',
      count: 15,
      splitReported: false,
      partnerCode: 'CN-SD',
      counterpartCode: 'KOR',
      status: 'signed',
      signed: { precision: 'month', value: '2022-09', part: 'late' },
      fields: ['auto parts', 'cosmetics'],
      sourceId: source,
    } as const;
    expect(check(projectInput, input).ok).toBe(true);
    const envelope = await dispatch(session.handlers, 'saveProject', input);
    expect(envelope.ok).toBe(true);
  });
});

describe('what only the server can check, reported per field', () => {
  it('a reference to a row that does not exist names the field, and nothing is written', async () => {
    const before = session.db.prepare('SELECT count(*) FROM edit_log').pluck().get();
    expect(await serverErrors('saveProject', { title: 'P', partnerCode: 'ZZZ', status: 'planned', sourceId: 'gone' })).toEqual({
      partnerCode: 'no economy ZZZ in this database (deleted meanwhile?)',
      sourceId: 'no source gone in this database (deleted meanwhile?)',
    });
    const place = session.db.prepare('SELECT id FROM place LIMIT 1').pluck().get() as string;
    expect(
      await serverErrors('saveRoute', { name: 'R', legs: [{ mode: 'sea', fromPlaceId: place, toPlaceId: 'nowhere' }], sourceId: source }),
    ).toEqual({
      'legs[0].toPlaceId': 'no place nowhere in this database (deleted meanwhile?)',
    });
    expect(
      await serverErrors('saveEvent', {
        kind: 'fair',
        title: 'E',
        countryCode: 'XXX',
        date: { precision: 'year', value: '2023' },
        sourceId: source,
      }),
    ).toEqual({
      countryCode: 'no economy XXX in this database (deleted meanwhile?)',
    });
    expect(session.db.prepare('SELECT count(*) FROM edit_log').pluck().get()).toBe(before);
  });

  it('other errors are not field errors', () => {
    expect(serverFieldErrors(new ClientError({ code: 'conflict', message: 'in use' }))).toBeNull();
    expect(serverFieldErrors(new Error('x'))).toBeNull();
  });
});

describe('batches', () => {
  it('stores whether a batch’s split among its fields is reported, and changes it on edit', async () => {
    const { id } = await session.handlers.saveProject({
      title: 'Fifteen projects',
      count: 15,
      splitReported: false,
      partnerCode: 'CN-SD',
      status: 'signed',
      fields: ['a', 'b'],
      sourceId: source,
    });
    expect(session.db.prepare('SELECT project_count, split_reported FROM project WHERE id = ?').get(id)).toEqual({
      project_count: 15,
      split_reported: 0,
    });
    await session.handlers.saveProject({
      id,
      title: 'Fifteen projects',
      count: 15,
      splitReported: true,
      partnerCode: 'CN-SD',
      status: 'signed',
      fields: ['a', 'b'],
      sourceId: source,
    });
    expect(session.db.prepare('SELECT split_reported FROM project WHERE id = ?').pluck().get(id)).toBe(1);
    const listed = (await session.handlers.listProjects({})).projects.find((p) => p.id === id);
    expect(listed?.splitReported).toBe(true);
  });
});
