/**
 * No method the page can call takes a place on disk: every input schema of the contract is walked,
 * and any field whose name says file, path, folder or the like must be a file handle (a file the
 * user chose through the host), never free text.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract, methodNames } from '../../db/contract.ts';
import { FILE_HANDLE_PATTERN } from '../../db/common/file-kinds.ts';
import type { Method } from '../../db/method.ts';

const PATH_LIKE = /path|file|dir|folder|location|target|dest|out(put)?$|save|uri|url$/i;
/** A source's web address: only http(s) is accepted (checked below), and nothing opens it as a file. */
const WEB_ADDRESSES = new Set(['saveSource.url']);

interface Field {
  where: string;
  schema: Record<string, unknown>;
}

/** Every named property anywhere in a JSON schema, with where it sits. */
function fields(schema: unknown, where: string, out: Field[] = []): Field[] {
  if (!schema || typeof schema !== 'object') return out;
  const s = schema as Record<string, unknown>;
  for (const [name, sub] of Object.entries((s['properties'] as Record<string, unknown> | undefined) ?? {})) {
    out.push({ where: `${where}.${name}`, schema: sub as Record<string, unknown> });
    fields(sub, `${where}.${name}`, out);
  }
  for (const key of ['items', 'additionalProperties']) if (s[key] && typeof s[key] === 'object') fields(s[key], `${where}[]`, out);
  for (const key of ['anyOf', 'oneOf', 'allOf']) for (const sub of (s[key] as unknown[] | undefined) ?? []) fields(sub, where, out);
  return out;
}

function isHandle(schema: Record<string, unknown>): boolean {
  return schema['type'] === 'string' && schema['pattern'] === FILE_HANDLE_PATTERN.source;
}

const schemas = methodNames.map((name) => ({
  name,
  json: z.toJSONSchema((contract[name] as Method<z.core.$ZodType, unknown>).input, { io: 'input', unrepresentable: 'any' }),
}));

describe('no contract method takes a file-system path', () => {
  it(`walks all ${methodNames.length} methods, and every file-like field is a handle`, () => {
    const offenders: string[] = [];
    let handles = 0;
    for (const { name, json } of schemas) {
      for (const field of fields(json, name)) {
        const last = field.where.split('.').pop() ?? '';
        if (isHandle(field.schema)) handles += 1;
        else if (PATH_LIKE.test(last) && field.schema['type'] === 'string' && !WEB_ADDRESSES.has(field.where)) offenders.push(field.where);
      }
    }
    expect(offenders).toEqual([]);
    // The check sees the handles it should: imports, packs, exports, the copy.
    expect(handles).toBeGreaterThanOrEqual(10);
  });

  it('refuses a path, a file URL and a Windows path where a file is expected', () => {
    const probes = ['/etc/passwd', '../tradebrief.sqlite', 'C:\\Users\\me\\x.csv', 'file:///etc/passwd', '\\\\server\\share\\x'];
    for (const method of ['previewImport', 'importPack', 'exportTableCsv', 'saveCopyAs', 'exportDashboardData'] as const) {
      const schema = (contract[method] as Method<z.core.$ZodType, unknown>).input;
      for (const probe of probes) {
        const input =
          method === 'previewImport' || method === 'importPack'
            ? { file: probe }
            : method === 'exportDashboardData'
              ? { dashboard: 'events', filters: {}, format: 'csv', target: probe }
              : { target: probe, table: 'source' };
        expect(z.safeParse(schema, method === 'saveCopyAs' ? { target: probe } : input).success, `${method} ${probe}`).toBe(false);
      }
    }
  });

  it('a web address field takes http(s) only, never file:', () => {
    const schema = (contract.saveSource as Method<z.core.$ZodType, unknown>).input;
    const base = { id: null, publisher: 'P', title: 'T', url: 'https://example.org' };
    const file = z.safeParse(schema, { ...base, url: 'file:///etc/passwd' });
    expect(file.success).toBe(false);
    expect(file.error?.issues.some((i) => i.path.join('.') === 'url')).toBe(true);
  });

  it('a field named like a path that is not a handle would be found (the check can fail)', () => {
    const bad = z.toJSONSchema(z.object({ nested: z.object({ outputPath: z.string() }) }), { io: 'input' });
    const found = fields(bad, 'probe').filter((f) => PATH_LIKE.test(f.where.split('.').pop() ?? '') && !isHandle(f.schema));
    expect(found.map((f) => f.where)).toEqual(['probe.nested.outputPath']);
  });
});
