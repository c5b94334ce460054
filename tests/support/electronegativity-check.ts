/**
 * Electronegativity (Doyensec's static scanner for Electron apps) over the built app and over the
 * sources, judged by its report rather than its exit code: offline, the tool exits 1 (or crashes
 * after writing its report) because it cannot fetch translations. A finding fails the audit when
 * its severity is HIGH or MEDIUM and its confidence FIRM or CERTAIN, unless it is suppressed next to
 * the code with `// eng-disable CHECK_ID` and a reason (see SECURITY.md for the ones we hit).
 *
 *   node tests/support/electronegativity-check.ts [built-dir]    (npm run audit:electron)
 *
 * Writes the combined findings to report.csv (git-ignored) and exits 1 on any blocking finding.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { transformWithOxc } from 'vite';

export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface Finding {
  scan: string;
  issue: string;
  severity: string;
  confidence: string;
  filename: string;
  location: string;
  sample: string;
  description: string;
}

export interface Suppression {
  id: string;
  file: string;
  line: number;
  /** The statement the comment sits on, normalised (see normaliseCode). */
  code: string;
}

export interface AuditResult {
  findings: Finding[];
  /** HIGH/MEDIUM with FIRM/CERTAIN confidence and not suppressed: these fail the audit. */
  blocking: Finding[];
  /** Findings of the built output matched to an eng-disable comment in the sources. */
  suppressed: Finding[];
  suppressions: Suppression[];
  /** Files the scanner could not parse (a silent gap otherwise): any of them fails the audit. */
  unparsed: string[];
}

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, commas and newlines inside quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

export function readReport(path: string, scan: string): Finding[] {
  const [header, ...rows] = parseCsv(readFileSync(path, 'utf8'));
  const columns = (header ?? []).map((h) => h.trim());
  if (columns[0] !== 'issue' || !columns.includes('confidence')) throw new Error(`${path} is not an Electronegativity report`);
  const at = (row: string[], name: string): string => (row[columns.indexOf(name)] ?? '').trim();
  return rows.map((row) => ({
    scan,
    issue: at(row, 'issue'),
    severity: at(row, 'severity').toUpperCase(),
    confidence: at(row, 'confidence').toUpperCase(),
    filename: at(row, 'filename'),
    location: at(row, 'location'),
    sample: at(row, 'sample'),
    description: at(row, 'description'),
  }));
}

export function isBlockingLevel(f: Pick<Finding, 'severity' | 'confidence'>): boolean {
  return ['HIGH', 'MEDIUM'].includes(f.severity) && ['FIRM', 'CERTAIN'].includes(f.confidence);
}

/** Code as text, comparable between a source line and its bundled form: no comments, one quote style, no spaces. */
export function normaliseCode(line: string): string {
  return line
    .replace(/\/\*.*?\*\//g, '')
    .replace(/(^|[^:])\/\/.*$/, '$1')
    .replace(/['`]/g, '"')
    .replace(/\s+/g, '')
    .replace(/;$/, '');
}

function walk(dir: string, ext: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return walk(path, ext);
    return ext.test(name) ? [path] : [];
  });
}

/** Every `eng-disable` comment in the Electron sources, with the statement it sits on. */
export function findSuppressions(root: string = projectRoot): Suppression[] {
  const out: Suppression[] = [];
  for (const file of walk(join(root, 'electron'), /\.ts$/)) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((text, i) => {
        const match = /(?:\/\/|\/\*)\s*eng-disable\s+([\w \t]+)/.exec(text);
        if (!match) return;
        for (const id of match[1]!.trim().split(/[\s,]+/)) {
          out.push({ id, file: relative(root, file), line: i + 1, code: normaliseCode(text) });
        }
      });
  }
  return out;
}

/**
 * Runs the scanner on `input`, writing its CSV report to `output`; throws if no report was written.
 * Returns the files it could not parse (it reports those only on its console, then skips them).
 * `preload`: modules the scanner's process loads after the offline hook (a test's, to slow one step down).
 */
export function runElectronegativity(input: string, output: string, preload: string[] = []): string[] {
  rmSync(output, { force: true });
  const errorLog = `${output}.errors.jsonl`;
  rmSync(errorLog, { force: true });
  const cli = join(projectRoot, 'node_modules/@doyensec/electronegativity/dist/index.js');
  const electronVersion = (JSON.parse(readFileSync(join(projectRoot, 'node_modules/electron/package.json'), 'utf8')) as { version: string })
    .version;
  const result = spawnSync(
    process.execPath,
    [
      '--import',
      pathToFileURL(join(projectRoot, 'tests/support/electronegativity-offline.ts')).href,
      ...preload.flatMap((module) => ['--import', pathToFileURL(module).href]),
      cli,
      '-i',
      input,
      '-o',
      output,
      '-r',
      '-v',
      'false',
      '-e',
      electronVersion,
    ],
    { encoding: 'utf8', timeout: 120_000, env: { ...process.env, LANG: 'en-US', ENG_PARSE_ERRORS: errorLog } },
  );
  if (!existsSync(output)) {
    throw new Error(`Electronegativity wrote no report for ${input} (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  if (!existsSync(errorLog)) return [];
  const lines = readFileSync(errorLog, 'utf8').split('\n').filter(Boolean);
  return lines.map((line) => {
    const { file, message } = JSON.parse(line) as { file: string; message: string };
    return `${relative(input, file) || file}: ${message}`;
  });
}

/**
 * A copy of the built app the scanner can parse: its parser (2019) predates class private fields and
 * other syntax the bundle keeps for Electron's current V8, so every script is lowered to ES2019 first
 * (same code, older syntax; statements keep their text, which the suppression matching relies on).
 */
async function lowerBuiltCopy(builtDir: string, into: string): Promise<void> {
  cpSync(builtDir, into, { recursive: true });
  for (const file of walk(into, /\.(c|m)?js$/)) {
    const { code } = await transformWithOxc(readFileSync(file, 'utf8'), file, { lang: 'js', target: 'es2019', sourcemap: false });
    writeFileSync(file, code);
  }
}

/** The sources the scanner reads: the Electron main and preload, and the renderer's page and code. */
function stageSources(root: string, into: string): void {
  cpSync(join(root, 'electron'), join(into, 'electron'), { recursive: true });
  cpSync(join(root, 'renderer/index.html'), join(into, 'renderer/index.html'));
  cpSync(join(root, 'renderer/src'), join(into, 'renderer/src'), { recursive: true });
  cpSync(join(root, 'package.json'), join(into, 'package.json'));
}

/**
 * Scans the built output and the sources. A finding of the built output is suppressed when a
 * source line with the same statement carries `eng-disable` for that check (the bundler drops
 * line comments); in the sources the scanner honours the comment itself.
 */
export async function audit(options: { root?: string; builtDir: string }): Promise<AuditResult> {
  const root = options.root ?? projectRoot;
  const work = mkdtempSync(join(tmpdir(), 'tradebrief-electronegativity-'));
  try {
    const sources = join(work, 'sources');
    const built = join(work, 'built');
    stageSources(root, sources);
    await lowerBuiltCopy(resolve(options.builtDir), built);
    const unparsed = [
      ...runElectronegativity(built, join(work, 'built.csv')).map((f) => `built: ${f}`),
      ...runElectronegativity(sources, join(work, 'sources.csv')).map((f) => `sources: ${f}`),
    ];
    const findings = [...readReport(join(work, 'built.csv'), 'built'), ...readReport(join(work, 'sources.csv'), 'sources')];
    const suppressions = findSuppressions(root);
    const isSuppressed = (f: Finding): boolean =>
      f.scan === 'built' && suppressions.some((s) => s.id === f.issue && s.code !== '' && s.code === normaliseCode(f.sample));
    const suppressed = findings.filter((f) => isBlockingLevel(f) && isSuppressed(f));
    const blocking = findings.filter((f) => isBlockingLevel(f) && !isSuppressed(f));
    return { findings, blocking, suppressed, suppressions, unparsed };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function csvField(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function writeCombinedReport(result: AuditResult, path: string): void {
  const status = (f: Finding): string =>
    result.blocking.includes(f) ? 'BLOCKING' : result.suppressed.includes(f) ? 'suppressed' : 'below threshold';
  const lines = ['scan,issue,severity,confidence,status,filename,location,sample'];
  for (const f of result.findings) {
    lines.push([f.scan, f.issue, f.severity, f.confidence, status(f), f.filename, f.location, f.sample].map(csvField).join(','));
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const builtDir = resolve(process.argv[2] ?? process.env['TRADEBRIEF_OUT'] ?? join(projectRoot, 'out'));
  if (!existsSync(join(builtDir, 'main/index.js'))) {
    console.error(`No built app in ${builtDir}: run \`npm run build\` first.`);
    process.exit(2);
  }
  const result = await audit({ builtDir });
  const report = join(projectRoot, 'report.csv');
  writeCombinedReport(result, report);
  for (const f of result.findings) {
    const mark = result.blocking.includes(f) ? 'BLOCKING  ' : result.suppressed.includes(f) ? 'suppressed' : 'info      ';
    console.log(`${mark} ${f.scan.padEnd(7)} ${f.issue} ${f.severity}/${f.confidence} ${f.filename}:${f.location}`);
  }
  console.log(
    `\n${result.findings.length} findings: ${result.blocking.length} blocking, ${result.suppressed.length} suppressed (eng-disable), ` +
      `${result.findings.length - result.blocking.length - result.suppressed.length} below HIGH/MEDIUM + FIRM/CERTAIN. Report: ${report}`,
  );
  for (const file of result.unparsed) console.log(`NOT SCANNED (parse error): ${file}`);
  process.exit(result.blocking.length > 0 || result.unparsed.length > 0 ? 1 : 0);
}

/** A main-process file the scanner must flag: a window with context isolation, sandbox and Node integration all wrong. */
export const INSECURE_WINDOW_LINES = [
  "const { BrowserWindow } = require('electron');",
  'const win = new BrowserWindow({ webPreferences: { contextIsolation: false, nodeIntegration: true, sandbox: false } });',
];
