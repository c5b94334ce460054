import { describe, expect, it } from 'vitest';
import { CORE_MESSAGES } from '../../db/common/core-messages.ts';
import { IMPORT_FORMATS, importsContract } from '../../db/imports/contract.ts';
import { createMapper, detectFormat, MissingColumnError, OK, type MappedRow, type MapSink } from '../../db/imports/formats.ts';
import {
  FORMAT_LABELS,
  FORMAT_PUBLISHERS,
  LAYOUTS,
  MAPPED_LAYOUT,
  type ColumnRole,
  type LayoutRecord,
} from '../../db/common/import-layouts.ts';

const published = (LAYOUTS as readonly LayoutRecord[]).filter((layout) => layout.columns !== null);

/** A header naming every column of a layout, as its files write it. */
function headerOf(layout: LayoutRecord): string[] {
  return Object.values(layout.columns ?? {});
}

/** One row under `header` with the given cells by role, the rest blank. */
function rowOf(layout: LayoutRecord, header: string[], cells: Partial<Record<ColumnRole, string>>): string[] {
  return header.map((name) => {
    const role = (Object.entries(layout.columns ?? {}) as [ColumnRole, string][]).find(([, n]) => n === name)?.[0];
    return role ? (cells[role] ?? '') : '';
  });
}

function collecting(): MapSink & { skips: string[]; problems: string[] } {
  const skips: string[] = [];
  const problems: string[] = [];
  return {
    skips,
    problems,
    skip: (r) => void skips.push(r.message),
    problem: (c, v, m) => void problems.push(`${c}=${v}: ${m.message}`),
    economy: () => {},
  };
}

describe('import layouts as data', () => {
  it('the contract, the labels and the publishers list every record, in detection order', () => {
    expect(IMPORT_FORMATS).toEqual(LAYOUTS.map((l) => l.id));
    expect(Object.keys(FORMAT_LABELS)).toEqual(IMPORT_FORMATS);
    expect(Object.keys(FORMAT_PUBLISHERS)).toEqual(IMPORT_FORMATS);
    for (const id of IMPORT_FORMATS)
      expect(
        importsContract.previewImport.input
          .safeParse({ file: 'f'.repeat(32), format: id })
          .error?.issues.find((i) => i.path[0] === 'format'),
      ).toBeUndefined();
    expect(importsContract.previewImport.input.safeParse({ file: 'f'.repeat(32), format: 'nope' }).success).toBe(false);
    expect(MAPPED_LAYOUT.id).toBe(LAYOUTS.at(-1)?.id);
  });

  it('every role a record requires or recognises by is a column it names', () => {
    for (const layout of published) {
      for (const role of [...layout.required, ...layout.recognisedBy]) expect(layout.columns?.[role], `${layout.id} ${role}`).toBeTruthy();
    }
  });

  it("a header of a record's columns is detected as that layout, whatever the case and spacing; without a recognising column it is not", () => {
    for (const layout of published) {
      const header = headerOf(layout);
      expect(detectFormat(header)).toBe(layout.id);
      expect(detectFormat(header.map((h) => ` ${h.toUpperCase()} `))).toBe(layout.id);
      for (const role of layout.recognisedBy) {
        const without = header.filter((h) => h !== layout.columns?.[role]);
        expect(detectFormat(without), `${layout.id} without ${role}`).not.toBe(layout.id);
      }
    }
    expect(detectFormat(['Country', 'Partner', 'Year', 'Direction', 'Amount'])).toBe('generic');
  });

  it("a layout forced on a header names its missing required columns, in the record's order", () => {
    for (const layout of published) {
      const dropped = layout.required.slice(1, 3).map((role) => layout.columns?.[role] ?? '');
      const header = headerOf(layout).filter((h) => !dropped.includes(h));
      let error: unknown;
      try {
        createMapper(layout.id as never, header, { decimalComma: false });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(MissingColumnError);
      expect((error as MissingColumnError).columns).toEqual(dropped);
    }
  });

  it('the one mapper reads every flow code of every record, scaled by its unit', () => {
    for (const layout of [...published, MAPPED_LAYOUT]) {
      const mapped = layout.columns === null;
      const header = mapped ? ['Reporter', 'Partner', 'Year', 'Flow', 'Value'] : headerOf(layout);
      const mapping = mapped
        ? { reporter: 'Reporter', partner: 'Partner', year: 'Year', flow: 'Flow', value: 'Value', valueUnit: 'million USD' as const }
        : undefined;
      const mapper = createMapper(layout.id as never, header, { decimalComma: false, mapping });
      for (const [code, flow] of Object.entries(layout.flows.codes)) {
        const cells = { reporter: 'KOR', partner: 'CHN', year: '2021', flow: code, product: 'TOTAL', value: '2.5' };
        const fields = mapped ? [cells.reporter, cells.partner, cells.year, cells.flow, cells.value] : rowOf(layout, header, cells);
        const out = {} as MappedRow;
        const sink = collecting();
        expect(mapper(fields, out, sink), `${layout.id} ${code}: ${sink.problems.join('; ')}${sink.skips.join('; ')}`).toBe(OK);
        expect(out).toEqual({
          reporter: 'KOR',
          partner: 'CHN',
          year: 2021,
          month: null,
          flow,
          product: 'TOTAL',
          value: 2.5 * (layout.unitScale ?? 1_000_000),
          importValue: null,
        });
      }
      const sink = collecting();
      const bad = mapped
        ? ['KOR', 'CHN', '2021', 'transit', '1']
        : rowOf(layout, header, { reporter: 'KOR', partner: 'CHN', year: '2021', flow: 'transit', product: 'TOTAL', value: '1' });
      mapper(bad, {} as MappedRow, sink);
      // What the app cannot read: a skip in a published layout, a problem in the user's mapped file; either says what is stored.
      const said = layout.unreadable === 'skip' ? sink.skips : sink.problems;
      expect(said).toHaveLength(1);
      expect(said[0]).toContain(CORE_MESSAGES[layout.flows.expected]);
    }
  });
});
