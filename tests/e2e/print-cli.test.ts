/**
 * `npm run print` as a user runs it: the command (db/http-host/print.ts) in a process of its own, on
 * a database made here, through the real HTTP host and Chromium. It lists the briefings, prints one
 * named by its title (the PDF's text read back), prints a dashboard in the unit `--unit` names, refuses a title
 * two briefings share, an unknown unit and a database that is not there, opens the app's own database when none is named, and does not rebuild a current build.
 * It prints in the language `--language` names, else in the system's; `--help` says how to call it, and a mistyped option shows that too.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererDir } from '../../db/http-host/host.ts';
import { PROJECT_ROOT, rendererBuildOutdated } from '../../db/http-host/renderer-build.ts';
import { openSession } from '../../db/session.ts';
import { requireBuiltRenderer } from '../support/build-output.ts';
import { tempDir } from '../support/temp.ts';

const DEFAULT_ID = 'korea-china-2022:korea-china-trade-push-2022';
const TITLE = 'Quarterly note: Korea–China';
const tmp = tempDir();
const dbPath = tmp.file('analyst.sqlite');
let noteId = '';
const sameTitleIds: string[] = [];

/** Makes a database the way the app does (default packs), with the briefings `add` creates. */
async function makeDatabase(
  path: string,
  add: (create: (title: string, markdown: string) => Promise<string>) => Promise<void>,
): Promise<void> {
  const session = openSession({ path });
  try {
    await add(
      async (title, markdown) =>
        (
          await session.handlers.createBriefing({
            title,
            audience: '',
            classification: 'For internal use',
            blocks: [{ kind: 'text', config: { heading: 'Why now', markdown, sources: [] } }],
          })
        ).id,
    );
  } finally {
    session.close();
  }
}

function runPrint(args: string[], env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [join(PROJECT_ROOT, 'db/http-host/print.ts'), ...args], {
    cwd: PROJECT_ROOT,
    // The system's language is English unless a test names another (the command prints in the system's language).
    env: { ...process.env, LC_ALL: 'C.UTF-8', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

beforeAll(async () => {
  requireBuiltRenderer();
  const outdated = rendererBuildOutdated(PROJECT_ROOT, rendererDir);
  if (outdated) throw new Error(`The built renderer is older than its sources (${outdated}): run \`npm run build\` first (npm test does).`);
  await makeDatabase(dbPath, async (create) => {
    noteId = await create(TITLE, 'Semiconductor exports to China fell by a fifth in the year.');
    sameTitleIds.push(await create('Draft', 'first'), await create('Draft', 'second'));
  });
});
afterAll(() => tmp.cleanup());

describe('npm run print', () => {
  it('--list prints every briefing of the database: id, title, last change', () => {
    const { status, stdout, stderr } = runPrint(['--db', dbPath, '--list']);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${noteId}\\t${TITLE}\\t\\(changed \\d{4}-\\d{2}-\\d{2}\\)$`)));
    expect(
      lines
        .filter((l) => l.split('\t')[1] === 'Draft')
        .map((l) => l.split('\t')[0])
        .sort(),
    ).toEqual([...sameTitleIds].sort());
    expect(lines.some((l) => l.startsWith(`${DEFAULT_ID}\t`))).toBe(true);
  });

  it('prints a briefing named by its title (any case) to a PDF that holds its text, without building again', async () => {
    const built = statSync(join(rendererDir, 'index.html')).mtimeMs;
    const out = tmp.file('note.pdf');
    const { status, stdout, stderr } = runPrint(['--db', dbPath, '--briefing', ` ${TITLE.toUpperCase()} `, '--out', out]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).not.toMatch(/Building/);
    expect(stdout).toContain(`Printed “${TITLE}” (#/print/briefing/${encodeURIComponent(noteId)})`);
    expect(statSync(join(rendererDir, 'index.html')).mtimeMs).toBe(built);
    const doc = await getDocumentProxy(new Uint8Array(readFileSync(out)));
    const { text } = await extractText(doc, { mergePages: true });
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain(TITLE);
    expect(flat).toContain('Why now');
    expect(flat).toContain('Semiconductor exports to China fell by a fifth in the year.');
  });

  it('--unit prints in the unit named (a dashboard in USD mn); an unknown unit is refused and nothing is written', async () => {
    const out = tmp.file('trade-mn.pdf');
    const { status, stdout, stderr } = runPrint(['--db', dbPath, '--dashboard', 'trade', '--unit', 'mn', '--out', out]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toMatch(/\(#\/print\/dashboard\/trade\?unit=mn\)/);
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(readFileSync(out))), { mergePages: true });
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('USD mn');
    expect(flat).not.toContain('USD bn');

    const refused = tmp.file('trade-trillion.pdf');
    const wrong = runPrint(['--db', dbPath, '--dashboard', 'trade', '--unit', 'trillion', '--out', refused]);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('--unit must be one of bn, mn, thousand; not "trillion"');
    expect(existsSync(refused)).toBe(false);
  });

  it('--print takes a title too; a title two briefings share is refused naming their ids, and nothing is written', () => {
    const out = tmp.file('draft.pdf');
    const { status, stderr } = runPrint(['--db', dbPath, '--print', 'Draft', '--out', out]);
    expect(status).toBe(2);
    expect(stderr).toContain('2 briefings are titled "Draft"');
    for (const id of sameTitleIds) expect(stderr).toContain(id);
    expect(existsSync(out)).toBe(false);
    const unknown = runPrint(['--db', dbPath, '--briefing', 'No such note', '--out', out]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('no briefing has the id or title "No such note" (--list shows them)');
    expect(existsSync(out)).toBe(false);
  });

  it('prints in the language --language names, else in the system’s; an unknown language is refused and nothing is written', async () => {
    const text = async (file: string): Promise<string> =>
      (await extractText(await getDocumentProxy(new Uint8Array(readFileSync(file))), { mergePages: true })).text
        // The PDF's text layer writes some ideographs as their Kangxi radicals (⼗ for 十): NFKC folds them back.
        .normalize('NFKC')
        .replace(/\s+/g, ' ');
    const named = tmp.file('trade-ko.pdf');
    const ko = runPrint(['--db', dbPath, '--dashboard', 'trade', '--language', 'ko', '--out', named]);
    expect(ko.stderr).toBe('');
    expect(ko.status).toBe(0);
    const korean = await text(named);
    expect(korean).toContain('십억 달러');
    expect(korean).not.toContain('USD bn');

    const system = tmp.file('trade-system-zh.pdf');
    const zh = runPrint(['--db', dbPath, '--dashboard', 'trade', '--out', system], { LC_ALL: 'zh_CN.UTF-8' });
    expect(zh.status).toBe(0);
    const chinese = await text(system);
    expect(chinese).toContain('十亿美元');
    expect(chinese).not.toContain('USD bn');

    const refused = tmp.file('trade-fr.pdf');
    const wrong = runPrint(['--db', dbPath, '--dashboard', 'trade', '--language', 'fr', '--out', refused]);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('--language must be one of en, ko, zh; not "fr"');
    expect(existsSync(refused)).toBe(false);
  });

  it('--help says how to call it; a mistyped option is refused with the same usage line', () => {
    const help = runPrint(['--help']);
    expect(help.status).toBe(0);
    expect(help.stderr).toBe('');
    expect(help.stdout).toMatch(/^Usage: npm run print -- /);
    for (const option of ['--list', '--briefing', '--dashboard', '--out', '--db', '--unit', '--language'])
      expect(help.stdout).toContain(option);
    const typo = runPrint(['--db', dbPath, '--dashbord', 'trade', '--out', tmp.file('typo.pdf')]);
    expect(typo.status).toBe(2);
    expect(typo.stderr).toContain("Unknown option '--dashbord'");
    expect(typo.stderr).toContain('Usage: npm run print -- ');
    expect(existsSync(tmp.file('typo.pdf'))).toBe(false);
  });

  it("opens the app's own database when no --db is given, and never creates one", async () => {
    const config = tmp.file('config');
    const appDb = join(config, 'Tradebrief', 'tradebrief.sqlite');
    const missing = runPrint(['--list'], { XDG_CONFIG_HOME: config });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain(`no database at ${appDb}`);
    expect(existsSync(appDb)).toBe(false);
    const named = runPrint(['--list', '--db', tmp.file('typo.sqlite')]);
    expect(named.status).toBe(2);
    expect(named.stderr).toContain(`no database at ${tmp.file('typo.sqlite')}`);

    mkdirSync(join(config, 'Tradebrief'), { recursive: true });
    let ownId = '';
    await makeDatabase(appDb, async (create) => {
      ownId = await create("Only in the app's database", 'kept here');
    });
    const listed = runPrint(['--list'], { XDG_CONFIG_HOME: config });
    expect(listed.status).toBe(0);
    expect(listed.stdout).toContain(`${ownId}\tOnly in the app's database`);
    expect(listed.stdout).not.toContain(noteId);
  });
});
