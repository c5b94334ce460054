/**
 * Property-based fuzzing of the one entry point of every host, `dispatch` (db/dispatch.ts), with
 * fast-check: for every method of the contract, random and malformed payloads (anything at all,
 * each schema field given a wrong type, huge strings, prototype-pollution keys, deep nesting) must
 * come back as an envelope (data, or a structured `{code, message}` error), never throw, and never
 * write. Methods whose name starts with a write verb only get payloads their schema rejects, and
 * must refuse every one with `invalid-input`. Files reach the contract only as handles the host
 * registered: handle-shaped strings no host gave out must be refused with `not-found` by every method
 * that takes a file, writing nothing anywhere. Runs per method are printed for the report.
 */
import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract, methodNames, type MethodName } from '../../db/contract.ts';
import { dispatch } from '../../db/dispatch.ts';
import type { ErrorCode } from '../../db/common/errors.ts';
import { FILE_HANDLE_PATTERN } from '../../db/common/file-kinds.ts';
import type { Method } from '../../db/method.ts';
import { openSession, type Session } from '../../db/session.ts';
import { UNKNOWN_HANDLE } from '../support/chosen-files.ts';
import { snapshot } from '../support/db-snapshot.ts';
import { tempDir } from '../support/temp.ts';

const WRITE_VERBS =
  /^(create|update|duplicate|delete|remove|restore|add|move|save|set|start|cancel|undo|import|export|load|apply|rename|merge|reset|clear|write|put|insert|upsert|backup)/;
const ERROR_CODES: ErrorCode[] = [
  'invalid-input',
  'unknown-method',
  'not-found',
  'conflict',
  'invalid-pack',
  'invalid-file',
  'not-a-database',
  'newer-schema',
  'corrupt-database',
  'read-only',
  'disk-full',
  'cancelled',
  'internal',
];
/** Payload runs per method (random + per-field wrong types); kept so the whole file stays near 20 s. */
const RUNS_ANYTHING = 500;
const RUNS_FIELDS = 500;

const tmp = tempDir('tradebrief-fuzz-');
let session: Session;
const runs = new Map<string, number>();
/** Unknown-handle payloads per method that takes a file. */
const handleRuns = new Map<string, number>();

beforeAll(() => {
  session = openSession({ path: tmp.file('fuzz.sqlite'), today: '2026-11-29' });
});
afterAll(() => {
  session.close();
  tmp.cleanup();
  const total = [...runs.values()].reduce((a, b) => a + b, 0);
  console.log(`dispatch fuzz: ${total} payloads over ${runs.size} methods (${[...runs.values()].join('/')} per method)`);
  const handles = [...handleRuns.values()].reduce((a, b) => a + b, 0);
  console.log(`dispatch fuzz: ${handles} unknown file handles over ${handleRuns.size} methods that take a file`);
});

const schemaOf = (name: MethodName): z.ZodType => (contract[name] as Method<z.ZodType, unknown>).input;

/** The top-level field names of a method's input (from its JSON schema). */
function fieldsOf(name: MethodName): string[] {
  try {
    const json = z.toJSONSchema(schemaOf(name), { unrepresentable: 'any', io: 'input' }) as { properties?: Record<string, unknown> };
    return Object.keys(json.properties ?? {});
  } catch {
    return [];
  }
}

function nested(depth: number, leaf: unknown, asArray: boolean): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = asArray ? [value] : { a: value };
  return value;
}

/** Values of every wrong kind, including the nasty ones. */
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    undefined,
    true,
    false,
    0,
    -0,
    NaN,
    Infinity,
    -Infinity,
    Number.MAX_SAFE_INTEGER + 2,
    1e308,
    -1,
    0.5,
    '',
    ' ',
    '\u0000',
    '../../../../etc/passwd',
    'C:\\Windows\\win.ini',
    '\\\\server\\share',
    'javascript:alert(1)',
    "'; DROP TABLE source; --",
    '<script>alert(1)</script>',
    '%s%n%x',
    '\uD800',
    'NaN',
    '[]',
    '{}',
    [],
    {},
    new Date(0),
    new Date(NaN),
    // Where a file handle goes: one no host gave out, one almost well-formed, a file URL.
    UNKNOWN_HANDLE,
    `${UNKNOWN_HANDLE}A`,
    'fh_../../../../etc/passwd',
    'file:///etc/passwd',
  ),
  fc.string({ maxLength: 50 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.integer(),
  fc.double(),
  fc.bigInt(),
  fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 10 }), fc.anything({ maxDepth: 1 }), { maxKeys: 4 }),
  fc.integer({ min: 100_000, max: 1_000_000 }).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 500, max: 3_000 }).chain((d) => fc.boolean().map((arr) => nested(d, 'deep', arr))),
  fc.constant(JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}') as unknown),
);

/** A payload with the method's own field names, each holding a hostile value (or extra, polluting keys). */
function fieldPayloads(name: MethodName): fc.Arbitrary<unknown> {
  const fields = fieldsOf(name);
  const keys = fc.constantFrom(...fields, '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'then');
  return fc.array(fc.tuple(keys, hostile), { minLength: 1, maxLength: 4 }).map((pairs) => {
    const payload: Record<string, unknown> = {};
    // defineProperty: a "__proto__" key becomes an own property, as JSON.parse or structured clone would make it.
    for (const [key, value] of pairs) Object.defineProperty(payload, key, { value, enumerable: true, writable: true, configurable: true });
    return payload;
  });
}

const anythingPayload = fc.anything({
  maxDepth: 4,
  maxKeys: 6,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  withUnicodeString: true,
});

function counters(): { changes: number; schema: number } {
  return {
    changes: session.db.prepare('SELECT total_changes() AS n').pluck().get() as number,
    schema: session.db.pragma('schema_version', { simple: true }) as number,
  };
}

/** Plain checks in the hot loop (vitest's expect costs more than a dispatch). */
function fail(message: string): never {
  throw new Error(message);
}

function checkEnvelope(name: unknown, envelope: unknown): { ok: boolean; code?: string; message?: string } {
  if (typeof envelope !== 'object' || envelope === null) fail(`${String(name)}: not an envelope: ${String(envelope)}`);
  const e = envelope as { ok: unknown; data?: unknown; error?: { code: unknown; message: unknown } };
  if (e.ok === true) {
    if (Object.keys(e).sort().join() !== 'data,ok') fail(`${String(name)}: ok envelope with keys ${Object.keys(e).join()}`);
    return { ok: true };
  }
  if (e.ok !== false) fail(`${String(name)}: envelope without ok`);
  if (!ERROR_CODES.includes(e.error?.code as ErrorCode)) fail(`${String(name)}: unknown error code ${String(e.error?.code)}`);
  if (typeof e.error?.message !== 'string') fail(`${String(name)}: error without a message`);
  return { ok: false, code: e.error.code as string, message: e.error.message };
}

function sameCounters(a: { changes: number; schema: number }, b: { changes: number; schema: number }): boolean {
  return a.changes === b.changes && a.schema === b.schema;
}

async function check(name: MethodName, payload: unknown): Promise<void> {
  const isWrite = WRITE_VERBS.test(name);
  const valid = schemaOf(name).safeParse(payload).success;
  // Write methods only ever see payloads their schema rejects.
  fc.pre(!isWrite || !valid);
  const before = counters();
  let envelope: unknown;
  try {
    envelope = await dispatch(session.handlers, name, payload);
  } catch (error) {
    fail(`dispatch threw for ${name}: ${String(error)}`);
  }
  const e = checkEnvelope(name, envelope);
  if (!valid && (e.ok || e.code !== 'invalid-input'))
    fail(`${name} did not refuse an invalid payload with invalid-input (${e.code ?? 'ok'})`);
  if (valid && e.code === 'internal') fail(`${name} failed on a valid payload: ${e.message}`);
  if (!sameCounters(counters(), before)) fail(`${name} wrote to the database`);
  if (({} as Record<string, unknown>)['polluted'] !== undefined) fail('Object.prototype polluted');
  runs.set(name, (runs.get(name) ?? 0) + 1);
}

describe('dispatch under fuzzing', () => {
  it('covers every method of the contract', () => {
    expect(methodNames.length).toBeGreaterThan(5);
  });

  for (const name of methodNames) {
    it(`${name}: random and malformed payloads give envelopes, never a throw or a write`, async () => {
      const content = snapshot(session.db);
      await fc.assert(
        fc.asyncProperty(anythingPayload, (payload) => check(name, payload)),
        { numRuns: RUNS_ANYTHING, seed: 20261129 },
      );
      await fc.assert(
        fc.asyncProperty(fieldPayloads(name), (payload) => check(name, payload)),
        { numRuns: RUNS_FIELDS, seed: 20261130 },
      );
      expect(snapshot(session.db) === content, `${name} changed the database content`).toBe(true);
    }, 60_000);
  }

  it('every method that takes a file refuses handles no host gave out with not-found, writing nothing', async () => {
    /** A PNG's signature and header chunk (1×1, greyscale): what the chart image check looks at before the handle. */
    const ihdr = Buffer.from([0, 0, 0, 13, ...Buffer.from('IHDR'), 0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0, 0x3a, 0x7e, 0x9b, 0x55]);
    const SMALLEST_PNG_HEAD = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ihdr]).toString('base64');
    const handleArb = fc.stringMatching(FILE_HANDLE_PATTERN);
    /** The smallest valid input of each method that takes a file, around its handle. */
    const inputs: Record<string, (handle: string) => unknown> = {
      previewImport: (file) => ({ file }),
      startImport: (file) => ({ file, onlyValidRows: true }),
      importPack: (file) => ({ file }),
      exportPack: (target) => ({ target }),
      exportTradeCsv: (target) => ({ target }),
      exportTradeXlsx: (target) => ({ target }),
      exportTableCsv: (target) => ({ target, table: 'source' }),
      exportTableXlsx: (target) => ({ target, table: 'source' }),
      saveCopyAs: (target) => ({ target }),
      exportDashboardData: (target) => ({ dashboard: 'events', filters: {}, format: 'csv', target }),
      exportChartImage: (target) => ({ target, png: SMALLEST_PNG_HEAD }),
    };
    // Every method whose input holds a handle is here (a new one must be added).
    const takesHandle = (json: unknown): boolean => JSON.stringify(json).includes(JSON.stringify(FILE_HANDLE_PATTERN.source));
    const withHandles = methodNames.filter((name) => takesHandle(z.toJSONSchema(schemaOf(name), { unrepresentable: 'any', io: 'input' })));
    expect(withHandles.sort()).toEqual(Object.keys(inputs).sort());

    const content = snapshot(session.db);
    const files = readdirSync(tmp.dir).sort();
    for (const name of withHandles) {
      await fc.assert(
        fc.asyncProperty(handleArb, async (handle) => {
          const payload = inputs[name]!(handle);
          if (!schemaOf(name).safeParse(payload).success) fail(`${name}: the sample input is not valid`);
          const before = counters();
          const e = checkEnvelope(name, await dispatch(session.handlers, name, payload));
          if (e.code !== 'not-found' || !/no longer available/.test(e.message ?? ''))
            fail(`${name} with an unknown handle: ${e.code ?? 'ok'} ${e.message ?? ''}`);
          if (!sameCounters(counters(), before)) fail(`${name} wrote to the database`);
          handleRuns.set(name, (handleRuns.get(name) ?? 0) + 1);
        }),
        { numRuns: 100, seed: 20261201 },
      );
    }
    expect(snapshot(session.db) === content, 'the database content changed').toBe(true);
    // No file was written beside the database (a handle never becomes a path by itself).
    expect(readdirSync(tmp.dir).sort()).toEqual(files);
  }, 60_000);

  it('refuses unknown and hostile method names with unknown-method', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(anythingPayload, fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '')),
        async (name) => {
          fc.pre(!(typeof name === 'string' && (methodNames as string[]).includes(name)));
          const before = counters();
          const e = checkEnvelope(name, await dispatch(session.handlers, name, {}));
          if (e.code !== 'unknown-method') fail(`method name ${typeof name}: ${e.code ?? 'ok'} ${e.message ?? ''}`);
          if (!sameCounters(counters(), before)) fail('wrote to the database');
        },
      ),
      { numRuns: 1000, seed: 7 },
    );
  });
});
