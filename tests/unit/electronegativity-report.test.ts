/**
 * The Electronegativity report reader and the suppression finder (tests/support/electronegativity-check.ts),
 * which `npm run audit:electron` (tests/audit/) relies on to judge the scanner's report.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findSuppressions, normaliseCode, parseCsv } from '../support/electronegativity-check.ts';

describe('the report reader', () => {
  it('parses quoted CSV fields with commas and doubled quotes', () => {
    expect(parseCsv('a, b\n"x, ""y""",2\n')).toEqual([
      ['a', ' b'],
      ['x, "y"', '2'],
    ]);
  });

  it('compares a source line and its bundled form by code only', () => {
    expect(normaliseCode("  const w = new BrowserWindow(f(join(here, '../p.cjs'), m)); // eng-disable X")).toBe(
      normaliseCode('const w = new BrowserWindow(f(join(here, "../p.cjs"), m));'),
    );
  });

  it('finds each suppression in the sources, with the statement it sits on', () => {
    const found = findSuppressions();
    expect(found.map((s) => s.id).sort()).toEqual(['AUXCLICK_JS_CHECK', 'CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK']);
    for (const s of found) {
      expect(s.file).toBe(join('electron', 'main', 'index.ts'));
      expect(s.code).toMatch(/newBrowserWindow\(mainWindowOptions\(/);
    }
  });
});
