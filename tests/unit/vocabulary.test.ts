/**
 * One definition per word: the event kinds, project statuses, flows, dashboards and the economy-code
 * pattern live in db/common/vocabulary.ts, today's date in db/common/dates.ts and the validation-path writer in
 * db/common/errors.ts. This test reads the sources the app is built from and fails, naming file and line,
 * where one of them is spelled out again; and it checks that the database's CHECK constraints (in
 * migrations, which are never edited) still allow exactly the same words.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openSession } from '../../db/session.ts';
import { DASHBOARD_TITLES, DASHBOARDS } from '../../db/common/dashboards.ts';
import { ECONOMY_CODE, EVENT_KINDS, FLOWS, PROJECT_STATUSES } from '../../db/common/vocabulary.ts';
import { tempDir } from '../support/temp.ts';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
/** Where the app's code and the test harness's product code live (tests themselves may spell values out). */
const SCANNED = ['db', 'renderer/src', 'electron', 'tests/support', 'build'];
const SOURCE = /\.(ts|js|mjs|svelte)$/;

interface Copy {
  file: string;
  line: number;
  what: string;
}

interface Rule {
  what: string;
  /** The one file allowed to hold it. */
  home: string;
  find(text: string): number[];
}

/** Offsets of the matches of a pattern (global). */
function offsets(text: string, pattern: RegExp, keep: (match: string, at: number) => boolean = () => true): number[] {
  const found: number[] = [];
  for (const m of text.matchAll(pattern)) if (keep(m[0], m.index)) found.push(m.index);
  return found;
}

const escaped = (word: string): string => word.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');

/** How many of the words appear quoted in a piece of code. */
function quotedWords(code: string, words: readonly string[]): number {
  return words.filter((w) => new RegExp(`(['"\`])${escaped(w)}\\1`).test(code)).length;
}

/** How many of the words are keys of an object literal's text. */
function keyWords(code: string, words: readonly string[]): number {
  return words.filter((w) => new RegExp(`[{,]\\s*(['"]?)${escaped(w)}\\1\\s*:`).test(code)).length;
}

/**
 * A list of a vocabulary's words spelled out: an array literal of strings or a union of string types
 * holding three or more of them; with `keys`, also an object keyed by three or more of them that the
 * compiler does not hold to the vocabulary's type (a `Record<EventKind, …>` must name every kind, so it
 * cannot drift).
 */
function listRule(what: string, words: readonly string[], keys: boolean): Rule {
  const least = Math.min(3, words.length);
  // A record of the vocabulary's type is held to it by the compiler: keyed by it, every word and no other;
  // valued by it (a file layout's own spellings of the flows), only words of it. Not so `Record<string, string>`.
  const typed = (text: string, at: number, end: number): boolean =>
    /Record<(?!string,\s*string>)[^<>]*>\s*=\s*$/.test(text.slice(Math.max(0, at - 120), at)) ||
    /^\s*(as const\s*)?satisfies Record<(?!string,\s*string>)/.test(text.slice(end, end + 60));
  return {
    what,
    home: 'db/common/vocabulary.ts',
    find: (text) => [
      ...offsets(text, /\[\s*(['"][^'"\n]*['"]\s*,\s*)*['"][^'"\n]*['"]\s*,?\s*\]/g, (m) => quotedWords(m, words) >= least),
      ...offsets(text, /(['"])[^'"\n]*\1(\s*\|\s*(['"])[^'"\n]*\3)+/g, (m) => quotedWords(m, words) >= least),
      ...(keys ? offsets(text, /\{[^{}]*\}/g, (m, at) => keyWords(m, words) >= least && !typed(text, at, at + m.length)) : []),
    ],
  };
}

const RULES: Rule[] = [
  listRule('event kinds', EVENT_KINDS, true),
  listRule('project statuses', PROJECT_STATUSES, true),
  // Three of the four: exports and imports alone are a pair (sector figures, claims), not the list of flows.
  listRule('flows', FLOWS, true),
  // Objects keyed by section names (a pack's `sectors`, `events`) are not dashboards: lists only, and entries
  // naming three or more dashboards by id (a registry of views, routes or exports kept beside the definitions).
  {
    ...listRule('dashboards', DASHBOARDS, false),
    home: 'db/common/dashboards.ts',
    find: (text) => {
      const ids = offsets(text, /\bid:\s*(['"])([^'"\n]*)\1/g, (m) => quotedWords(m, DASHBOARDS) === 1);
      return [...listRule('dashboards', DASHBOARDS, false).find(text), ...(ids.length >= Math.min(3, DASHBOARDS.length) ? ids : [])];
    },
  },
  {
    what: 'dashboard titles',
    home: 'db/common/dashboards.ts',
    // The titles of more than one word are unmistakable: quoted, or as the text of an element.
    find: (text) =>
      Object.values(DASHBOARD_TITLES)
        .filter((t) => t.includes(' '))
        .flatMap((t) => offsets(text, new RegExp(`(['"\`]${t}['"\`]|>\\s*${t}\\s*<)`, 'g'))),
  },
  {
    what: 'the economy-code pattern',
    home: 'db/common/vocabulary.ts',
    // Its subdivision half (`[A-Z]{2}-[A-Z0-9]{1,3}`) as written in any regex literal or string.
    find: (text) =>
      offsets(
        text,
        new RegExp(
          ECONOMY_CODE.source.slice(ECONOMY_CODE.source.indexOf('|') + 1, ECONOMY_CODE.source.indexOf(')')).replace(/[[\]{}]/g, '\\$&'),
          'g',
        ),
      ),
  },
  {
    what: "today's date (localToday)",
    home: 'db/common/dates.ts',
    find: (text) => offsets(text, /getFullYear\(\)[^;\n]*getMonth\(\)\s*\+\s*1/g),
  },
  {
    what: 'a validation-path writer (issuePath)',
    home: 'db/common/errors.ts',
    find: (text) => [
      ...offsets(text, /\(\s*\w+\s*:\s*readonly PropertyKey\[\]/g),
      ...offsets(text, /\.path\.(join|reduce)\(/g),
      ...offsets(text, /typeof \w+ === 'number' \? `(\$\{\w+\}\[|\[)\$\{/g),
    ],
  },
];

function lineOf(text: string, at: number): number {
  return text.slice(0, at).split('\n').length;
}

export function copiesIn(file: string, text: string): Copy[] {
  return RULES.filter((r) => r.home !== file).flatMap((r) =>
    [...new Set(r.find(text).map((at) => lineOf(text, at)))].sort((a, b) => a - b).map((line) => ({ file, line, what: r.what })),
  );
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && SOURCE.test(e.name))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)).split('\\').join('/'))
    .filter((f) => !f.includes('node_modules/'));
}

describe('each word of the vocabulary is defined once', () => {
  it('finds no copy in the sources', () => {
    const files = SCANNED.flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(100);
    expect(files).toContain('db/common/vocabulary.ts');
    const copies = files.flatMap((f) => copiesIn(f, readFileSync(join(ROOT, f), 'utf8')));
    expect(copies.map((c) => `${c.file}:${c.line}: ${c.what} spelled out again; import them instead`)).toEqual([]);
  });

  it('finds the definitions in their homes (so the rules can match at all)', () => {
    const found = (file: string): string[] =>
      RULES.filter((r) => r.home === file && r.find(readFileSync(join(ROOT, file), 'utf8')).length > 0).map((r) => r.what);
    expect(found('db/common/vocabulary.ts')).toEqual(['event kinds', 'project statuses', 'flows', 'the economy-code pattern']);
    expect(found('db/common/dashboards.ts')).toEqual(['dashboards', 'dashboard titles']);
    expect(found('db/common/dates.ts')).toEqual(["today's date (localToday)"]);
    expect(found('db/common/errors.ts')).toEqual(['a validation-path writer (issuePath)']);
  });

  it('fails on a copy, naming the file and line', () => {
    const quoted = (words: readonly string[]): string => words.map((w) => `'${w}'`).join(', ');
    const sample = [
      "import { z } from 'zod';",
      `const KINDS = [${quoted(EVENT_KINDS)}];`,
      `type Status = ${PROJECT_STATUSES.map((s) => `'${s}'`).join(' | ')};`,
      `const flow = z.enum([\n  ${quoted(FLOWS)},\n]);`,
      `const printable = [${quoted(DASHBOARDS.slice(0, 3))}] as const;`,
      `const label: Record<string, string> = { ${EVENT_KINDS.map((k) => `'${k}': '${k}'`).join(', ')} };`,
      `const title = '${DASHBOARD_TITLES.projects}';`,
      `const CODE = ${String(ECONOMY_CODE)};`,
      'const today = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}`;',
      "const where = (path: readonly PropertyKey[]) => path.map(String).join('.');",
      "const message = error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);",
      `const views = [${DASHBOARDS.slice(0, 3)
        .map((d) => `{ id: '${d}' }`)
        .join(', ')}];`,
    ].join('\n');
    expect(
      copiesIn('renderer/src/sample.ts', sample)
        .map((c) => `${c.file}:${c.line} ${c.what}`)
        .sort(),
    ).toEqual(
      [
        'renderer/src/sample.ts:2 event kinds',
        'renderer/src/sample.ts:3 project statuses',
        'renderer/src/sample.ts:4 flows',
        'renderer/src/sample.ts:7 dashboards',
        'renderer/src/sample.ts:8 event kinds',
        'renderer/src/sample.ts:9 dashboard titles',
        'renderer/src/sample.ts:10 the economy-code pattern',
        "renderer/src/sample.ts:11 today's date (localToday)",
        'renderer/src/sample.ts:12 a validation-path writer (issuePath)',
        'renderer/src/sample.ts:13 a validation-path writer (issuePath)',
        'renderer/src/sample.ts:14 dashboards',
      ].sort(),
    );
  });

  it('lets through what is not a copy', () => {
    const typed = [
      `const names: Record<EventKind, string> = { ${EVENT_KINDS.map((k) => `'${k}': '${k}'`).join(', ')} };`,
      `const phrase = { ${FLOWS.map((f) => `'${f}': '${f}s'`).join(', ')} } as const satisfies Record<Flow, string>;`,
      "const main = ['export', 'import'];",
      "const twoFlows: Record<string, string> = { export: 'exports to', import: 'imports from' };",
      "const spelled: Record<string, Flow> = { x: 'export', export: 'export', 're-export': 're-export', 're-import': 're-import' };",
      "const tables = ['sectors', 'figures'];",
      'const printedOn = printDateLabel(localToday());',
      "const title = 'Export sectors table';",
    ].join('\n');
    expect(copiesIn('renderer/src/sample.ts', typed)).toEqual([]);
  });
});

it("the database's CHECK constraints allow the same event kinds, project statuses and flows", () => {
  const tmp = tempDir();
  const session = openSession({ path: tmp.file('vocabulary.sqlite'), today: '2026-11-30' });
  try {
    const allowed = (table: string, column: string): string[] => {
      const { sql } = session.db.prepare('SELECT sql FROM sqlite_master WHERE type = ? AND name = ?').get('table', table) as {
        sql: string;
      };
      const list = new RegExp(`CHECK \\(${column} IN \\(([^)]*)\\)\\)`).exec(sql)?.[1];
      if (list === undefined) throw new Error(`No CHECK on ${table}.${column}`);
      return list.split(',').map((w) => w.trim().replace(/^'|'$/g, ''));
    };
    expect(allowed('event', 'kind')).toEqual([...EVENT_KINDS]);
    expect(allowed('project', 'status')).toEqual([...PROJECT_STATUSES]);
    expect(allowed('trade_flow', 'flow')).toEqual([...FLOWS]);
  } finally {
    session.close();
    tmp.cleanup();
  }
});
