/**
 * The three i18n candidates compared (a benchmark, not a test: it prints figures, asserts nothing).
 *
 *   node tests/bench/i18n-libraries.ts
 *
 * Builds the same tiny probe with each library (Vite, minified, as the renderer is built): 24 messages in
 * English, Korean and Chinese, two with a value, English loaded at start and the other two on demand where the
 * library allows it. Prints the gzipped bytes of what loads at start in English and of what each further language adds.
 * The probes are written to a temporary folder inside the repository (so that node_modules resolves) and removed.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

type Lang = 'en' | 'ko' | 'zh';
const LANGS: Lang[] = ['en', 'ko', 'zh'];

/** Probe messages: the shell's and the briefings list's kind of strings; {n} and {title} are values. */
const MESSAGES: Record<string, Record<Lang, string>> = {
  skip: { en: 'Skip to content', ko: '본문으로 건너뛰기', zh: '跳到正文' },
  overview: { en: 'Overview', ko: '개요', zh: '概览' },
  trade: { en: 'Trade balance', ko: '무역수지', zh: '贸易差额' },
  monthly: { en: 'Monthly trade', ko: '월별 무역', zh: '月度贸易' },
  partners: { en: 'Partners', ko: '교역 상대국', zh: '贸易伙伴' },
  sectors: { en: 'Export sectors', ko: '수출 분야', zh: '出口领域' },
  projects: { en: 'Cooperation projects', ko: '협력 사업', zh: '合作项目' },
  events: { en: 'Events', ko: '행사', zh: '活动' },
  logistics: { en: 'Logistics', ko: '물류', zh: '物流' },
  sources: { en: 'Sources', ko: '출처', zh: '来源' },
  briefings: { en: 'Briefings', ko: '브리핑', zh: '简报' },
  data: { en: 'Data', ko: '데이터', zh: '数据' },
  exports: { en: 'Exports', ko: '수출', zh: '出口' },
  imports: { en: 'Imports', ko: '수입', zh: '进口' },
  balance: { en: 'Balance', ko: '무역수지', zh: '贸易差额' },
  surplus: { en: 'Surplus', ko: '흑자', zh: '顺差' },
  deficit: { en: 'Deficit', ko: '적자', zh: '逆差' },
  newBriefing: { en: 'New briefing', ko: '새 브리핑', zh: '新建简报' },
  open: { en: 'Open', ko: '열기', zh: '打开' },
  delete: { en: 'Delete', ko: '삭제', zh: '删除' },
  notFound: { en: 'Not found', ko: '찾을 수 없음', zh: '未找到' },
  language: { en: 'Language', ko: '언어', zh: '语言' },
  blocks: { en: '{n} blocks', ko: '블록 {n}개', zh: '{n} 个区块' },
  deleted: { en: 'Deleted “{title}”.', ko: '“{title}” 삭제함.', zh: '已删除“{title}”。' },
};
const KEYS = Object.keys(MESSAGES);

/** Each probe prints every message in the language chosen at run time, so no message is tree-shaken away. */
const useAll = (call: (key: string) => string) => KEYS.map((k) => call(k)).join('\n') + `\ndocument.body.textContent = out;`;

const root = resolve('.');
const tmp = mkdtempSync(join(root, '.i18n-probe-'));

function catalogue(lang: Lang, placeholder: (name: string) => string): Record<string, string> {
  return Object.fromEntries(KEYS.map((k) => [k, MESSAGES[k]![lang].replace(/\{(\w+)\}/g, (_m, name: string) => placeholder(name))]));
}

function writeCatalogues(dir: string, placeholder: (name: string) => string): void {
  for (const lang of LANGS) writeFileSync(join(dir, `${lang}.js`), `export default ${JSON.stringify(catalogue(lang, placeholder))};\n`);
}

async function probe(name: string, files: Record<string, string>): Promise<{ start: number; perLang: Record<string, number> }> {
  const dir = join(tmp, name);
  for (const [file, text] of Object.entries(files)) {
    writeFileSync(join(dir, file), text);
  }
  await build({
    root: dir,
    logLevel: 'silent',
    configFile: false,
    build: { outDir: join(dir, 'dist'), minify: true, modulePreload: false, rollupOptions: { input: join(dir, 'entry.js') } },
  });
  const assets = join(dir, 'dist', 'assets');
  let start = 0;
  const perLang: Record<string, number> = {};
  for (const file of readdirSync(assets)) {
    const bytes = gzipSync(readFileSync(join(assets, file)), { level: 9 }).length;
    const lang = LANGS.find((l) => file.startsWith(`${l}-`));
    if (lang) perLang[lang] = bytes;
    else start += bytes;
  }
  return { start, perLang };
}

async function main(): Promise<void> {
  for (const n of ['i18next', 'svelte-i18n', 'paraglide', 'none']) mkdirSync(join(tmp, n), { recursive: true });

  // Reference: the catalogues alone behind a plain lookup, so each library's own cost reads against it.
  writeCatalogues(join(tmp, 'none'), (n) => `{${n}}`);
  const none = await probe('none', {
    'entry.js': `import en from './en.js';
const loaders = { ko: () => import('./ko.js'), zh: () => import('./zh.js') };
const lang = new URLSearchParams(location.search).get('lang') ?? 'en';
const messages = lang === 'en' ? en : (await loaders[lang]()).default;
const t = (k, v = {}) => messages[k].replace(/\\{(\\w+)\\}/g, (_m, n) => String(v[n]));
let out = '';
${useAll((k) => `out += t(${JSON.stringify(k)}, { n: 3, title: 'x' });`)}`,
  });

  writeCatalogues(join(tmp, 'i18next'), (n) => `{{${n}}}`);
  const i18next = await probe('i18next', {
    'entry.js': `import i18next from 'i18next';
import en from './en.js';
const loaders = { ko: () => import('./ko.js'), zh: () => import('./zh.js') };
const lang = new URLSearchParams(location.search).get('lang') ?? 'en';
await i18next.init({ lng: lang, fallbackLng: false, resources: { en: { translation: en } }, keySeparator: false, nsSeparator: false });
if (lang !== 'en') i18next.addResourceBundle(lang, 'translation', (await loaders[lang]()).default);
let out = '';
${useAll((k) => `out += i18next.t(${JSON.stringify(k)}, { n: 3, title: 'x' });`)}`,
  });

  writeCatalogues(join(tmp, 'svelte-i18n'), (n) => `{${n}}`);
  const svelteI18n = await probe('svelte-i18n', {
    'entry.js': `import { init, register, addMessages, waitLocale, _ } from 'svelte-i18n';
import { get } from 'svelte/store';
import en from './en.js';
addMessages('en', en);
register('ko', () => import('./ko.js').then((m) => m.default));
register('zh', () => import('./zh.js').then((m) => m.default));
const lang = new URLSearchParams(location.search).get('lang') ?? 'en';
init({ fallbackLocale: 'en', initialLocale: lang });
await waitLocale();
const t = get(_);
let out = '';
${useAll((k) => `out += t(${JSON.stringify(k)}, { values: { n: 3, title: 'x' } });`)}`,
  });

  const paraglide = await paraglideProbe();

  const row = (name: string, r: { start: number; perLang: Record<string, number> }) =>
    `${name.padEnd(12)} start (en): ${String(r.start).padStart(6)} B gz   ko chunk: ${String(r.perLang['ko'] ?? 0).padStart(5)} B   zh chunk: ${String(r.perLang['zh'] ?? 0).padStart(5)} B`;
  console.log(`${KEYS.length} messages × 3 languages, Vite ${(await import('vite')).version}, minified, gzip -9`);
  console.log(row('plain', none));
  console.log(row('i18next', i18next));
  console.log(row('svelte-i18n', svelteI18n));
  if (paraglide) {
    console.log(row('paraglide', paraglide.sizes));
    console.log(`paraglide output files: ${paraglide.files} (all languages inside each message function)`);
  } else
    console.log('paraglide    not installed: `npm install --no-save @inlang/paraglide-js` to compare it (not a dependency of the app)');
}

/** What the probe uses of the inlang SDK and Paraglide's compiler (loaded only when installed: they are not the app's dependencies). */
interface InlangSdk {
  newProject(options: { settings: { baseLocale: string; locales: string[] } }): Promise<Blob>;
  loadProjectInMemory(options: { blob: Blob }): Promise<{ db: unknown; close(): Promise<void> }>;
  insertBundleNested(db: unknown, bundle: unknown): Promise<unknown>;
}
interface ParaglideCompiler {
  compileProject(options: { project: unknown; compilerOptions: { strategy: string[] } }): Promise<Record<string, string>>;
}

/** Paraglide's probe, or null when its packages are not installed. */
async function paraglideProbe(): Promise<{ sizes: { start: number; perLang: Record<string, number> }; files: number } | null> {
  const load = (name: string): Promise<unknown> => import(name).catch(() => null);
  const sdk = (await load('@inlang/sdk')) as InlangSdk | null;
  const pg = (await load('@inlang/paraglide-js')) as ParaglideCompiler | null;
  if (!sdk || !pg) return null;
  // Paraglide: an in-memory inlang project (its file-based projects load their message-format plugin from a CDN).
  const project = await sdk.loadProjectInMemory({ blob: await sdk.newProject({ settings: { baseLocale: 'en', locales: LANGS } }) });
  for (const key of KEYS) {
    const names = [...MESSAGES[key]!.en.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
    await sdk.insertBundleNested(project.db, {
      id: key,
      declarations: names.map((name) => ({ type: 'input-variable', name })),
      messages: LANGS.map((lang) => ({
        id: `${key}_${lang}`,
        bundleId: key,
        locale: lang,
        selectors: [],
        variants: [
          {
            id: `${key}_${lang}_v`,
            messageId: `${key}_${lang}`,
            matches: [],
            pattern: MESSAGES[key]![lang].split(/(\{\w+\})/)
              .filter(Boolean)
              .map((part) => {
                const v = /^\{(\w+)\}$/.exec(part);
                return v
                  ? { type: 'expression' as const, arg: { type: 'variable-reference' as const, name: v[1]! } }
                  : { type: 'text' as const, value: part };
              }),
          },
        ],
      })),
    });
  }
  const compiled = await pg.compileProject({ project, compilerOptions: { strategy: ['globalVariable', 'baseLocale'] } });
  const pgDir = join(tmp, 'paraglide', 'paraglide');
  for (const [file, text] of Object.entries(compiled)) {
    const path = join(pgDir, file);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
  }
  const sizes = await probe('paraglide', {
    'entry.js': `import { m } from './paraglide/messages.js';
import { setLocale } from './paraglide/runtime.js';
const lang = new URLSearchParams(location.search).get('lang') ?? 'en';
setLocale(lang, { reload: false });
let out = '';
${useAll((k) => `out += m[${JSON.stringify(k)}]({ n: 3, title: 'x' });`)}`,
  });
  await project.close();
  return { sizes, files: Object.keys(compiled).length };
}

try {
  await main();
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
