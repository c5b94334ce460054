/**
 * Electron's security checklist, as far as it can be checked without Electron's binary: the window
 * options and the CSP are imported and asserted; the URL policy (app URLs, external links, app://
 * paths) is run for real; the guards that need Electron's objects are checked in the source text of
 * electron/main and electron/preload. SECURITY.md says which item is met where.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../db/content-security-policy.ts';
import { externalLink, isAppUrl, rendererFileFor } from '../../electron/main/url-policy.ts';
import { APP_ORIGIN, mainWindowOptions } from '../../electron/main/window-options.ts';

const root = resolve(import.meta.dirname, '../..');
const read = (path: string): string => readFileSync(join(root, path), 'utf8');
/** Source text without comments, so a comment cannot satisfy or fail a check. */
const code = (path: string): string =>
  read(path)
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:])\/\/.*$/gm, '$1');

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...values] = d.split(/\s+/);
        return [name!, values];
      }),
  );
}

describe('the BrowserWindow', () => {
  const options = mainWindowOptions('/app/out/preload/index.cjs', ['overview', 'listSources']);
  const web = options.webPreferences!;

  it('isolates the page: context isolation, sandbox, no Node', () => {
    expect(web.contextIsolation).toBe(true);
    expect(web.sandbox).toBe(true);
    expect(web.nodeIntegration).toBe(false);
    expect(web.nodeIntegrationInWorker).toBe(false);
    expect(web.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on and every risky feature off', () => {
    expect(web.webSecurity).toBe(true);
    expect(web.allowRunningInsecureContent).toBe(false);
    expect(web.experimentalFeatures).toBe(false);
    expect(web.webviewTag).toBe(false);
    expect(web.navigateOnDragDrop).toBe(false);
    expect(web).not.toHaveProperty('enableBlinkFeatures');
    expect(web).not.toHaveProperty('nodeIntegrationInSubFrames', true);
    expect(web.preload).toBe('/app/out/preload/index.cjs');
  });

  it('passes the preload nothing but the method names and the window’s client name', () => {
    expect(web.additionalArguments).toEqual(['--tradebrief-methods=overview,listSources', '--tradebrief-client=']);
    const named = mainWindowOptions('/app/out/preload/index.cjs', ['overview'], 'c0ffee').webPreferences!;
    expect(named.additionalArguments).toEqual(['--tradebrief-methods=overview', '--tradebrief-client=c0ffee']);
  });
});

describe('the Content-Security-Policy', () => {
  const header = directives(CONTENT_SECURITY_POLICY);
  const html = read('renderer/index.html');
  const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];

  it("allows only the app's own scripts: script-src 'self', no eval, no inline", () => {
    expect(header.get('script-src')).toEqual(["'self'"]);
    expect(header.get('default-src')).toEqual(["'none'"]);
    expect(header.get('object-src')).toEqual(["'none'"]);
    expect(header.get('base-uri')).toEqual(["'none'"]);
    expect(header.get('frame-ancestors')).toEqual(["'none'"]);
    for (const [name, values] of header) {
      expect(values, name).not.toContain("'unsafe-eval'");
      if (name !== 'style-src') expect(values, name).not.toContain("'unsafe-inline'");
    }
  });

  it('loads nothing remote', () => {
    for (const [name, values] of header) {
      for (const value of values) expect(value, `${name} ${value}`).toMatch(/^('self'|'none'|'unsafe-inline'|data:|blob:)$/);
    }
  });

  it("renderer/index.html's meta CSP says the same as the header (the header adds frame-ancestors)", () => {
    expect(meta).toBeDefined();
    const fromMeta = directives(meta!);
    expect(fromMeta.get('script-src')).toEqual(header.get('script-src'));
    for (const [name, values] of fromMeta) expect(values, name).toEqual(header.get(name));
    expect([...header.keys()].filter((k) => !fromMeta.has(k))).toEqual(['frame-ancestors']);
  });

  it('is sent by both hosts', () => {
    expect(code('electron/main/protocol.ts')).toMatch(/headers\.set\('Content-Security-Policy', CONTENT_SECURITY_POLICY\)/);
    expect(code('db/http-host/respond.ts')).toMatch(/'Content-Security-Policy': CONTENT_SECURITY_POLICY/);
  });
});

describe('the URL policy (electron/main/url-policy.ts)', () => {
  it('knows only app://tradebrief as the app', () => {
    // Node's URL (the main process's) gives a custom scheme the origin "null": the check must not rely on it.
    expect(new URL(`${APP_ORIGIN}/index.html`).origin).toBe('null');
    expect(isAppUrl(`${APP_ORIGIN}/index.html#/overview`)).toBe(true);
    expect(isAppUrl(`${APP_ORIGIN}/`)).toBe(true);
    for (const url of [
      'app://evil/index.html',
      'app://tradebrief.evil/',
      'app://x@tradebrief/',
      'app://tradebrief:81/',
      'ap://tradebrief/',
      'file:///etc/passwd',
      'https://tradebrief',
      'http://127.0.0.1:5199/',
      'javascript:alert(1)',
      '',
      'app:/tradebrief',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });

  it('hands only parsed http(s) links to the OS browser', () => {
    expect(externalLink('https://www.customs.gov.cn/report?id=1')).toBe('https://www.customs.gov.cn/report?id=1');
    expect(externalLink('http://example.org')).toBe('http://example.org/');
    for (const url of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'file:///C:/Windows/system32/calc.exe',
      'smb://host/share',
      'ms-msdt:/id',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox',
      'https://user:pw@example.org/',
      'not a url',
      '//example.org',
      'app://tradebrief/',
    ]) {
      expect(externalLink(url), url).toBeNull();
    }
  });

  it('serves only files inside the renderer folder', () => {
    const dir = join(root, 'out', 'renderer');
    expect(rendererFileFor(dir, 'app://tradebrief/')).toBe(join(dir, 'index.html'));
    expect(rendererFileFor(dir, 'app://tradebrief/assets/index.js')).toBe(join(dir, 'assets', 'index.js'));
    for (const url of [
      'app://tradebrief/../../package.json',
      'app://tradebrief/%2e%2e/%2e%2e/package.json',
      'app://tradebrief/assets/..%2f..%2f..%2fpackage.json',
      'app://tradebrief/%00index.html',
      'app://other/index.html',
      'app://tradebrief/%E0%A4%A',
    ]) {
      const file = rendererFileFor(dir, url);
      expect(file === null || file.startsWith(dir + sep), `${url} -> ${file}`).toBe(true);
    }
    expect(rendererFileFor(dir, 'app://tradebrief/assets/..%2f..%2f..%2fpackage.json')).toBeNull();
    expect(rendererFileFor(dir, 'app://other/index.html')).toBeNull();
  });
});

describe('guards in the main process (source text of electron/main)', () => {
  const security = code('electron/main/security.ts');
  const index = code('electron/main/index.ts');

  it('denies every new window, opening only http(s) links outside after parsing them', () => {
    const handler = /setWindowOpenHandler\(\(\{ url \}\) => \{([\s\S]*?)\n {4}\}\);/.exec(security)?.[1] ?? '';
    expect(handler).toMatch(/openExternalSafely\(url\);\s*return \{ action: 'deny' \};\s*$/);
    expect(handler).not.toMatch(/'allow'/);
    expect(security).toMatch(/const link = externalLink\(raw\);\s*if \(link !== null\) void shell\.openExternal\(link\);/);
    // shell.openExternal is called nowhere else.
    const all = readdirSync(join(root, 'electron/main'))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => code(`electron/main/${f}`))
      .join('\n');
    expect(all.match(/openExternal\(/g)?.length).toBe(1);
  });

  it('blocks navigation and redirects away from the app, and webviews', () => {
    expect(security).toMatch(/on\('will-navigate', \(event, url\) => \{\s*if \(!isAppUrl\(url\)\) event\.preventDefault\(\);/);
    expect(security).toMatch(/on\('will-redirect', \(event, url\) => \{\s*if \(!isAppUrl\(url\)\) event\.preventDefault\(\);/);
    expect(security).toMatch(/on\('will-attach-webview', \(event\) => event\.preventDefault\(\)\)/);
  });

  it('denies every permission request and check', () => {
    expect(security).toMatch(/setPermissionRequestHandler\(\(_wc, _permission, callback\) => callback\(false\)\)/);
    expect(security).toMatch(/setPermissionCheckHandler\(\(\) => false\)/);
  });

  it('applies the guards to every web contents, before any window exists', () => {
    expect(security).toMatch(/app\.on\('web-contents-created'/);
    expect(index.indexOf('hardenContents();')).toBeGreaterThan(-1);
    expect(index.indexOf('hardenContents();')).toBeLessThan(index.search(/app\s*\.whenReady\(\)/));
  });

  it('checks the sender frame of every IPC message before doing anything', () => {
    const all = readdirSync(join(root, 'electron/main'))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => code(`electron/main/${f}`))
      .join('\n');
    // Three registrations in the whole main process: the contract's channel, handleFromApp's for the file channels, and
    // the page's language.
    expect([...all.matchAll(/ipcMain\.(\w+)\(/g)].map((h) => h[1])).toEqual(['handle', 'handle', 'handle']);
    const check = /function fromAppPage\(event: IpcMainInvokeEvent\): boolean \{([\s\S]*?)\n\}/.exec(index)?.[1] ?? '';
    expect(check).toMatch(/const frame = event\.senderFrame;/);
    expect(check).toMatch(/return !!frame && frame === event\.sender\.mainFrame && isAppUrl\(frame\.url\);/);
    const invoke =
      /ipcMain\.handle\(INVOKE_CHANNEL, \(event, method: unknown, input: unknown\) => \{([\s\S]*?)\n {2}\}\);/.exec(index)?.[1] ?? '';
    expect(invoke).toMatch(/^\s*if \(!fromAppPage\(event\) \|\| !binding\) return REFUSED;/);
    // The caller is the window main made the client name for, never a name the page sends.
    expect(invoke).toMatch(/return binding\.call\(method, input, clientOf\.get\(event\.sender\.id\) \?\? ''\);/);
    const wrapper =
      /ipcMain\.handle\(channel, async \(event, \.\.\.args: unknown\[\]\): Promise<Envelope<unknown>> => \{([\s\S]*?)\n {2}\}\);/.exec(
        index,
      )?.[1] ?? '';
    expect(wrapper).toMatch(/if \(!fromAppPage\(event\) \|\| !session \|\| !win\) return REFUSED;/);
    expect(wrapper.indexOf('fromAppPage(event)')).toBeLessThan(wrapper.indexOf('handler('));
    // Every file channel goes through that wrapper.
    for (const channel of ['OPEN_FILE_CHANNEL', 'SAVE_FILE_CHANNEL', 'DROP_FILE_CHANNEL', 'RELEASE_FILE_CHANNEL'])
      expect(index).toContain(`handleFromApp(${channel}, `);
    // The language channel checks the sender, then the value (languageFromPage), before it touches the menu.
    const language =
      /ipcMain\.handle\(LANGUAGE_CHANNEL, \(event, language: unknown\): Envelope<null> => \{([\s\S]*?)\n {2}\}\);/.exec(index)?.[1] ?? '';
    expect(language).toMatch(
      /^\s*if \(!fromAppPage\(event\)\) return REFUSED;\s*const chosen = languageFromPage\(language\);\s*if \(!chosen\.ok\) return chosen;/,
    );
    expect(language.indexOf('if (!chosen.ok) return chosen;')).toBeLessThan(language.indexOf('setMainLanguage('));
    expect(language).toMatch(/setMainLanguage\(chosen\.data\);\s*installMenu\(\);/);
    // Then the other windows are told the checked value (never what the page sent), the chooser left out.
    expect(language).toMatch(/tellWindowsLanguage\(chosen\.data, event\.sender\);/);
    expect(language.indexOf('if (!chosen.ok) return chosen;')).toBeLessThan(language.indexOf('tellWindowsLanguage('));
  });

  it('sends the page handles, never paths: the Data view is opened with a handle', () => {
    expect(index).toMatch(
      /loadURL\(`\$\{APP_ORIGIN\}\/index\.html#\/data\?file=\$\{picked\.handle\}&name=\$\{encodeURIComponent\(picked\.name\)\}`\)/,
    );
    expect(index).not.toMatch(/encodeURIComponent\(path\)/);
    // What goes to windows over webContents.send is the session's events only; a language chosen elsewhere goes
    // over its own channel, to the windows windowsToTell keeps (page-language.ts: the app's, the chooser left out).
    const sends = [...index.matchAll(/webContents\.send\(([^)]*)\)/g)].map((m) => m[1]);
    expect(sends).toEqual(['EVENT_CHANNEL, event']);
    const tell = /function tellWindowsLanguage\(language: Language, chooser\?: WebContents\): void \{([\s\S]*?)\n\}/.exec(index)?.[1] ?? '';
    expect(tell).toMatch(/for \(const contents of windowsToTell\(shown, chooser\)\) contents\.send\(LANGUAGE_CHOSEN_CHANNEL, language\);/);
    expect([...index.matchAll(/\.send\(LANGUAGE_CHOSEN_CHANNEL/g)]).toHaveLength(1);
  });

  it('loads the app from app://, never file://', () => {
    expect(index).toMatch(/loadURL\(`\$\{APP_ORIGIN\}\/index\.html`\)/);
    expect(index).not.toMatch(/loadFile\(|loadURL\([^)]*file:/);
    expect(code('electron/main/protocol.ts')).toMatch(
      /registerSchemesAsPrivileged\(\[\s*\{ scheme: APP_SCHEME, privileges: \{ standard: true, secure: true, supportFetchAPI: true, codeCache: true \} \}/,
    );
    expect(code('electron/main/protocol.ts')).toMatch(/rendererFileFor\(root, request\.url\)/);
  });

  it('keeps dev tools and reload out of packaged builds', () => {
    expect(index).toMatch(/const isDev = !app\.isPackaged && /);
    expect(code('electron/main/menu-template.ts')).toMatch(/if \(isDev\) view\.push\([^)]*'reload'[^)]*'toggleDevTools'/);
  });
});

describe('the preload (electron/preload/index.ts)', () => {
  const preload = code('electron/preload/index.ts');

  it('exposes exactly one key, window.tradebrief', () => {
    const calls = [...preload.matchAll(/contextBridge\.(\w+)\(/g)].map((m) => m[1]);
    expect(calls).toEqual(['exposeInMainWorld']);
    expect(preload).toMatch(/contextBridge\.exposeInMainWorld\('tradebrief', bridge\);/);
  });

  it('passes no raw Electron API through: ipcRenderer only inside the bridge, on its channels', () => {
    const uses = [...preload.matchAll(/ipcRenderer(\.\w+)?/g)].map((m) => m[0]);
    // The import, six invokes, and two subscriptions: the session's events and the language chosen elsewhere.
    expect(uses.sort()).toEqual(['ipcRenderer', ...Array<string>(6).fill('ipcRenderer.invoke'), 'ipcRenderer.on', 'ipcRenderer.on'].sort());
    expect(preload).toMatch(/invoke: \(method, input\) => ipcRenderer\.invoke\(INVOKE_CHANNEL, method, input\)/);
    expect(preload).toMatch(/ipcRenderer\.invoke\(OPEN_FILE_CHANNEL, kind\)/);
    expect(preload).toMatch(/ipcRenderer\.invoke\(SAVE_FILE_CHANNEL, kind, suggestedName\)/);
    expect(preload).toMatch(/ipcRenderer\.invoke\(DROP_FILE_CHANNEL, path, kind\)/);
    expect(preload).toMatch(/ipcRenderer\.invoke\(RELEASE_FILE_CHANNEL, handle\)/);
    // The page's language, as a value only: main checks it (languageFromPage).
    expect(preload).toMatch(/showingLanguage: \(language: Language\) => ipcRenderer\.invoke\(LANGUAGE_CHANNEL, language\)/);
    expect(preload).toMatch(/ipcRenderer\.on\(EVENT_CHANNEL, forwardEvent\)/);
    expect(preload).toMatch(/ipcRenderer\.on\(LANGUAGE_CHOSEN_CHANNEL, forwardLanguage\)/);
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer|require\(|process\.env|webFrame|shell/);
  });

  it('hands listeners the event only, never the IPC event object', () => {
    expect(preload).toMatch(/function forwardEvent\(_ipc: unknown, event: HostEvent\): void \{/);
    expect(preload).toMatch(/listener\(event\);/);
    expect(preload).not.toMatch(/listener\(_ipc/);
    // A language from main reaches the page only as one of the interface's languages, checked first.
    const language = /function forwardLanguage\(_ipc: unknown, language: unknown\): void \{([\s\S]*?)\n\}/.exec(preload)?.[1] ?? '';
    expect(language).toMatch(/^\s*if \(!isChosenLanguage\(language\)\) return;/);
    expect(language).toMatch(/listener\(language\);/);
  });

  it('keeps a dropped file’s path in the preload: read with webUtils and sent to main only', () => {
    expect(preload).toMatch(/path = webUtils\.getPathForFile\(file\);/);
    const dropFile = /dropFile: \(file: File, kind: OpenKind\) => \{([\s\S]*?)\n {2}\},/.exec(preload)?.[1] ?? '';
    expect(dropFile).toMatch(/return ipcRenderer\.invoke\(DROP_FILE_CHANNEL, path, kind\) as Promise<Envelope<PickedFile>>;\s*$/);
  });

  it('is the only preload', () => {
    expect(readdirSync(join(root, 'electron/preload')).filter((f) => f.endsWith('.ts'))).toEqual(['index.ts']);
  });
});
