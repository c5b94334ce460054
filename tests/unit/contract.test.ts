import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, methodNames } from '../../db/contract.ts';
import { dispatch } from '../../db/dispatch.ts';
import { openSession, type Session } from '../../db/session.ts';
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
      ok: false, error: { code: 'unknown-method', message: 'Unknown method: dropAllTables' },
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
    expect(envelope).toEqual({ ok: false, error: { code: 'not-found', message: 'No source with id nope' } });
  });

  it('turns an unexpected error into an internal error, never a throw', async () => {
    const broken = { ...session.handlers, overview: () => { throw new TypeError('boom'); } };
    expect(await dispatch(broken, 'overview', {})).toEqual({ ok: false, error: { code: 'internal', message: 'Unexpected error: boom' } });
  });
});
