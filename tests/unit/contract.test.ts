import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, methodNames } from '../../db/contract.ts';
import { dispatch } from '../../db/dispatch.ts';
import { ApiError } from '../../db/common/errors.ts';
import { openSession, type Session } from '../../db/session.ts';
import { chosen, saveTo, UNKNOWN_HANDLE } from '../support/chosen-files.ts';
import { tempDir } from '../support/temp.ts';

const tmp = tempDir();
let session: Session;
beforeAll(() => {
  session = openSession({ path: tmp.file('contract.sqlite'), today: '2026-11-29' });
});
afterAll(() => {
  session.close();
  tmp.cleanup();
});

describe('the contract', () => {
  it('has a handler for every method and a method for every handler', () => {
    expect(Object.keys(session.handlers).sort()).toEqual([...methodNames].sort());
    for (const name of methodNames) expect(typeof session.handlers[name]).toBe('function');
  });

  it('validates every method input with a zod schema', () => {
    for (const name of methodNames) {
      const schema = (contract[name] as { input: { safeParse: (v: unknown) => { success: boolean } } }).input;
      // Strict objects: an unknown field is refused.
      expect(schema.safeParse({ unexpectedField: 1 }).success, name).toBe(false);
    }
  });
});

describe('dispatch', () => {
  it('returns data for a valid call', async () => {
    const envelope = await dispatch(session.handlers, 'overview', {});
    expect(envelope.ok).toBe(true);
  });

  it('refuses an unknown method with a structured error', async () => {
    expect(await dispatch(session.handlers, 'dropAllTables', {})).toEqual({
      ok: false,
      error: { code: 'unknown-method', message: 'Unknown method: dropAllTables' },
    });
    // Inherited properties are not methods.
    expect((await dispatch(session.handlers, 'toString', {})).ok).toBe(false);
    expect((await dispatch(session.handlers, '__proto__', {})).ok).toBe(false);
  });

  it('refuses bad input naming the field, without calling the handler', async () => {
    const envelope = await dispatch(session.handlers, 'overview', { year: 1700 });
    expect(envelope.ok).toBe(false);
    if (envelope.ok) return;
    expect(envelope.error.code).toBe('invalid-input');
    expect(envelope.error.message).toMatch(/^Invalid input for overview: year: /);
    expect(envelope.error.details).toEqual({ issues: [expect.objectContaining({ path: 'year' })] });
  });

  it('turns a thrown ApiError into its envelope', async () => {
    const envelope = await dispatch(session.handlers, 'getSource', { id: 'nope' });
    expect(envelope).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'No source with id nope.', messageCode: 'sourceNotFound', params: { id: 'nope' } },
    });
  });

  it('takes files only as handles the host registered, and says why one cannot be used', async () => {
    // A path where a file goes is bad input, naming the field.
    const path = await dispatch(session.handlers, 'previewImport', { file: '/etc/passwd' });
    expect(path).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-input',
        message: expect.stringMatching(/^Invalid input for previewImport: file: a file chosen through the app/),
      },
    });
    // A handle nobody gave out, or one already used: choose the file again.
    const gone = {
      ok: false,
      error: { code: 'not-found', message: 'This file is no longer available: choose it again.', messageCode: 'fileGone', params: {} },
    };
    expect(await dispatch(session.handlers, 'previewImport', { file: UNKNOWN_HANDLE })).toEqual(gone);
    const target = saveTo(session, tmp.file('sources.csv'));
    expect(await dispatch(session.handlers, 'exportTableCsv', { target, table: 'source' })).toMatchObject({
      ok: true,
      data: { name: 'sources.csv' },
    });
    expect(await dispatch(session.handlers, 'exportTableCsv', { target, table: 'source' })).toEqual(gone);
    // The open database is never a place to save.
    expect(await dispatch(session.handlers, 'saveCopyAs', { target: saveTo(session, session.path) })).toEqual({
      ok: false,
      error: {
        code: 'conflict',
        message: 'contract.sqlite is the open database or one of its files: choose another name.',
        messageCode: 'writeIsDatabase',
        params: { file: 'contract.sqlite' },
      },
    });
    // The host learns at once that a chosen file cannot be read.
    expect(() => chosen(session, tmp.file('nope.csv'))).toThrowError(ApiError);
    expect(() => chosen(session, tmp.file('nope.csv'))).toThrowError(
      expect.objectContaining({ code: 'not-found', message: 'nope.csv cannot be read: ENOENT.' }),
    );
  });

  it('turns an unexpected error into an internal error, never a throw', async () => {
    const broken = {
      ...session.handlers,
      overview: () => {
        throw new TypeError('boom');
      },
    };
    expect(await dispatch(broken, 'overview', {})).toEqual({ ok: false, error: { code: 'internal', message: 'Unexpected error: boom' } });
  });
});
