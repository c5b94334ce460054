/**
 * The Electronegativity report reader and the suppression finder (tests/support/electronegativity-check.ts),
 * which `npm run audit:electron` (tests/audit/) relies on to judge the scanner's report.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  findSuppressions,
  INSECURE_WINDOW_LINES,
  normaliseCode,
  parseCsv,
  readReport,
  runElectronegativity,
} from '../support/electronegativity-check.ts';
import { tempDir } from '../support/temp.ts';

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

describe('the scanner’s report', () => {
  const tmp = tempDir('tradebrief-eng-report-');
  afterAll(() => tmp.cleanup());

  // The scanner starts two writes of its report together, the header (truncating) and the findings; here the
  // header's write is held back, as a busy thread pool may do, so it would land last and leave no finding.
  it('keeps every finding when the header is written last', { timeout: 120_000 }, () => {
    const app = tmp.file('insecure');
    mkdirSync(app);
    writeFileSync(join(app, 'main.js'), INSECURE_WINDOW_LINES.join('\n'));
    const slowHeader = tmp.file('slow-header.mjs');
    writeFileSync(
      slowHeader,
      [
        "import { createRequire } from 'node:module';",
        "const fs = createRequire(import.meta.url)('node:fs');",
        'const writeFile = fs.writeFile;',
        'fs.writeFile = (path, data, options, callback) => {',
        "  const done = typeof options === 'function' ? options : callback;",
        "  const opts = typeof options === 'function' || options === undefined ? {} : options;",
        "  const truncating = typeof opts === 'string' || opts.flag === undefined || opts.flag === 'w';",
        '  if (truncating) setTimeout(() => writeFile(path, data, opts, done), 300);',
        '  else writeFile(path, data, opts, done);',
        '};',
      ].join('\n'),
    );
    runElectronegativity(app, tmp.file('report.csv'), [slowHeader]);
    const found = readReport(tmp.file('report.csv'), 'fixture').map((f) => `${f.issue} ${f.filename}`);
    expect(found).toEqual(expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK main.js', 'SANDBOX_JS_CHECK main.js']));
  });
});
