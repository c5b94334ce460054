/**
 * The browser host is reachable only by the page it served. Each attack seen against the earlier host
 * is replayed here with real HTTP requests against a real host and database, and shown refused with
 * the database and the file system unchanged.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request, type IncomingMessage } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { SECRET_COOKIE, startHttpHost, type HttpHost } from '../../db/http-host/host.ts';
import { startJob } from '../../db/imports/jobs.ts';
import { generate } from '../support/comtrade-like.ts';
import { snapshot } from '../support/db-snapshot.ts';
import { tempDir } from '../support/temp.ts';

const tmp = tempDir();
const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/imports/${name}`, import.meta.url));
let host: HttpHost;
let port: number;
let cookie: string;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A raw request, so that Host, Origin and the body are exactly what an attacker would send. */
function send(method: string, path: string, options: { headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: { Host: `127.0.0.1:${port}`, ...options.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

const json = (a: Answer): { ok: boolean; data?: unknown; error?: { code: string; message: string } } => JSON.parse(a.body.toString('utf8'));
const authed = (extra: Record<string, string> = {}): Record<string, string> => ({ Cookie: `${SECRET_COOKIE}=${host.secret}`, ...extra });
const api = (method: string, input: unknown, extra: Record<string, string> = {}): Promise<Answer> =>
  send('POST', `/api/${method}`, { headers: authed({ 'Content-Type': 'application/json', ...extra }), body: JSON.stringify(input) });

/** Everything an attack could have changed: the database's rows and the files beside it. */
function state(): string {
  return JSON.stringify([snapshot(host.session.db), readdirSync(tmp.dir).sort()]);
}

beforeAll(async () => {
  host = await startHttpHost({
    path: tmp.file('tradebrief.sqlite'),
    staticDir: tmp.dir,
    today: '2026-11-29',
    limits: { uploadBytes: 64 * 1024 },
    clientGoneAfterMs: 100,
  });
  port = Number(new URL(host.url).port);
  cookie = `${SECRET_COOKIE}=${host.secret}`;
  writeFileSync(tmp.file('index.html'), '<!doctype html><title>t</title>');
});
afterAll(async () => {
  await host.close();
  tmp.cleanup();
});

describe('who may call the host', () => {
  it('binds to 127.0.0.1 and prints an address that holds a 256-bit secret', () => {
    expect(new URL(host.url).hostname).toBe('127.0.0.1');
    expect(host.openUrl).toBe(`${host.url}?key=${host.secret}`);
    expect(Buffer.from(host.secret, 'base64url')).toHaveLength(32);
  });

  it('turns the printed key into an HttpOnly SameSite=Strict cookie, and refuses a wrong key', async () => {
    const right = await send('GET', `/?key=${host.secret}`);
    expect(right.status).toBe(303);
    expect(right.headers.location).toBe('/');
    expect(String(right.headers['set-cookie'])).toMatch(new RegExp(`^${SECRET_COOKIE}=${host.secret}; HttpOnly; SameSite=Strict; Path=/$`));
    const wrong = await send('GET', `/?key=${'A'.repeat(43)}`);
    expect(wrong.status).toBe(403);
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('serves nothing without the key: page, API, methods, files, events', async () => {
    for (const [method, path] of [
      ['GET', '/'],
      ['GET', '/index.html'],
      ['GET', '/api/methods'],
      ['POST', '/api/overview'],
      ['POST', '/files/save'],
      ['GET', '/events'],
    ] as const) {
      const answer = await send(method, path, {
        headers: { 'Content-Type': 'application/json' },
        body: method === 'POST' ? '{}' : undefined,
      });
      expect(answer.status, `${method} ${path}`).toBe(401);
    }
    const wrongKey = await send('POST', '/api/overview', {
      headers: { Cookie: `${SECRET_COOKIE}=${host.secret.slice(1)}x`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(wrongKey.status).toBe(401);
  });

  it('answers the app itself: the right Host, its own Origin, the key, JSON', async () => {
    const answer = await api('overview', {}, { Origin: `http://127.0.0.1:${port}` });
    expect(answer.status).toBe(200);
    expect(json(answer).ok).toBe(true);
    expect(answer.headers['content-security-policy']).toMatch(/default-src 'none'/);
  });

  it('lets the browser keep only the build’s hashed assets: the page, the API and other files are never stored', async () => {
    mkdirSync(tmp.file('assets'), { recursive: true });
    writeFileSync(tmp.file('assets/entry-AbCd1234.js'), 'export {};');
    writeFileSync(tmp.file('icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    const asset = await send('GET', '/assets/entry-AbCd1234.js', { headers: authed() });
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    expect(asset.headers['content-security-policy']).toMatch(/default-src 'none'/);
    for (const answer of [
      await send('GET', '/', { headers: authed() }),
      await send('GET', '/icon.svg', { headers: authed() }),
      await api('overview', {}),
      await send('GET', '/assets/entry-AbCd1234.js'),
    ]) {
      expect(answer.headers['cache-control']).toBe('no-store');
    }
  });
});

describe('the attacks, replayed', () => {
  it("a no-cors fetch from another site (text/plain body, the site's Origin) writes nothing", async () => {
    const before = state();
    const target = tmp.file('owned.pth');
    const body = JSON.stringify({ path: target, overwrite: true, table: 'source' });
    // The browser sends no cookie to a cross-site request (SameSite=Strict) and names the attacker's Origin.
    const plain = await send('POST', '/api/exportTableCsv', {
      headers: { 'Content-Type': 'text/plain;charset=UTF-8', Origin: 'https://evil.example' },
      body,
    });
    expect(plain.status).toBe(403);
    // Even with the key and no Origin, a text/plain body is not an API call.
    const withKey = await send('POST', '/api/exportTableCsv', { headers: authed({ 'Content-Type': 'text/plain' }), body });
    expect(withKey.status).toBe(415);
    expect(existsSync(target)).toBe(false);
    expect(state()).toBe(before);
  });

  it('an HTML form posted from another site writes nothing', async () => {
    const before = state();
    const form = await send('POST', '/api/addSource', {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' },
      body: 'publisher=x&title=y',
    });
    expect(form.status).toBe(403);
    const nullOrigin = await send('POST', '/api/overview', {
      headers: authed({ 'Content-Type': 'application/json', Origin: 'null' }),
      body: '{}',
    });
    expect(nullOrigin.status).toBe(403);
    expect(state()).toBe(before);
  });

  it('DNS rebinding: a request naming another host is refused, even with the key', async () => {
    const before = state();
    for (const name of [`evil.example:${port}`, `localhost:${port}`, '127.0.0.1', `127.0.0.1:${port + 1}`]) {
      const answer = await send('POST', '/api/listSources', {
        headers: authed({ Host: name, 'Content-Type': 'application/json' }),
        body: '{}',
      });
      expect(answer.status, name).toBe(421);
    }
    expect(state()).toBe(before);
  });

  it('no method takes a path: the old path-based calls are refused as invalid input and touch no file', async () => {
    const before = state();
    const passwd = await api('previewImport', { path: '/etc/passwd' });
    expect(json(passwd).error?.code).toBe('invalid-input');
    for (const suffix of ['', '-wal', '-shm']) {
      const answer = await api('exportTableCsv', { path: `${host.session.path}${suffix}`, overwrite: true, table: 'source' });
      expect(json(answer).error?.code).toBe('invalid-input');
    }
    const forged = await api('exportTableCsv', { target: 'fh_AAAAAAAAAAAAAAAAAAAAAA', table: 'source' });
    expect(json(forged).error).toMatchObject({ code: 'not-found' });
    expect(state()).toBe(before);
  });

  it('a malformed address is a 400, a large body a 413, a wrong verb a 405', async () => {
    expect((await send('GET', '/%E0%A4%A', { headers: authed() })).status).toBe(400);
    const big = await send('POST', '/api/overview', {
      headers: authed({ 'Content-Type': 'application/json' }),
      body: Buffer.alloc(9 * 1024 * 1024, 32),
    });
    expect(big.status).toBe(413);
    expect((await send('GET', '/api/overview', { headers: authed() })).status).toBe(405);
    expect((await send('GET', '/../../etc/passwd', { headers: authed() })).status).not.toBe(200);
  });
});

describe('files as uploads and downloads', () => {
  it('an upload is previewed and imported through its handle, then its staged copy is gone', async () => {
    const content = readFileSync(fixture('comtrade-current.csv'));
    const upload = await send('POST', '/files/upload?kind=trade-data&name=comtrade%20%E2%80%94%20current.csv', {
      headers: authed({ 'Content-Type': 'application/octet-stream' }),
      body: content,
    });
    expect(upload.status).toBe(200);
    const picked = json(upload).data as { handle: string; name: string; size: number };
    expect(picked).toMatchObject({ name: 'comtrade — current.csv', size: content.length });
    expect(picked.handle).toMatch(/^fh_/);
    expect(readdirSync(host.stagingDir)).toHaveLength(1);

    const preview = json(await api('previewImport', { file: picked.handle }));
    expect(preview.ok).toBe(true);
    expect((preview.data as { fileName: string }).fileName).toBe('comtrade — current.csv');
    const started = json(await api('startImport', { file: picked.handle, onlyValidRows: true }));
    expect(started.ok).toBe(true);
    const { jobId } = started.data as { jobId: string };
    let progress: { state: string; summary: { rowsAdded: number } | null } = { state: 'running', summary: null };
    for (let i = 0; i < 200 && progress.state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      progress = json(await api('importProgress', { jobId })).data as typeof progress;
    }
    expect(progress.state).toBe('done');
    expect(progress.summary!.rowsAdded).toBeGreaterThan(0);
    await expect.poll(() => readdirSync(host.stagingDir)).toEqual([]);
    // The handle served one import: a second one is refused.
    expect(json(await api('startImport', { file: picked.handle, onlyValidRows: true })).error?.code).toBe('not-found');
  });

  it('refuses an upload over the cap (declared or streamed) and keeps nothing of it', async () => {
    const big = Buffer.alloc(65 * 1024, 65);
    const declared = await send('POST', '/files/upload?kind=trade-data&name=big.csv', {
      headers: authed({ 'Content-Type': 'application/octet-stream' }),
      body: big,
    });
    expect(declared.status).toBe(413);
    expect(json(declared).error?.message).toMatch(/larger than/);
    const wrongType = await send('POST', '/files/upload?kind=trade-data&name=x.csv', {
      headers: authed({ 'Content-Type': 'text/plain' }),
      body: 'a,b',
    });
    expect(wrongType.status).toBe(415);
    const wrongKind = await send('POST', '/files/upload?kind=../../x&name=x.csv', {
      headers: authed({ 'Content-Type': 'application/octet-stream' }),
      body: 'a,b',
    });
    expect(wrongKind.status).toBe(400);
    expect(readdirSync(host.stagingDir)).toEqual([]);
  });

  it('an upload name cannot leave its staging folder', async () => {
    const upload = await send('POST', `/files/upload?kind=pack&name=${encodeURIComponent('../../../../tmp/evil.json')}`, {
      headers: authed({ 'Content-Type': 'application/octet-stream' }),
      body: '{}',
    });
    const picked = json(upload).data as { name: string; handle: string };
    expect(picked.name).not.toContain('/');
    expect(existsSync('/tmp/evil.json')).toBe(false);
    await send('POST', '/files/release', {
      headers: authed({ 'Content-Type': 'application/json' }),
      body: JSON.stringify({ handle: picked.handle }),
    });
  });

  it('an export is written to a download target and downloaded once, with its name', async () => {
    const saved = json(
      await send('POST', '/files/save', {
        headers: authed({ 'Content-Type': 'application/json' }),
        body: JSON.stringify({ kind: 'zip', name: 'trade data' }),
      }),
    );
    const target = saved.data as { handle: string; name: string };
    expect(target.name).toBe('trade data.zip');
    const result = json(
      await api('exportDashboardData', {
        dashboard: 'trade',
        filters: { reporter: 'KOR', partner: 'CHN' },
        format: 'csv',
        target: target.handle,
      }),
    );
    expect(result.ok).toBe(true);
    expect(result.data).toMatchObject({ name: 'trade data.zip', kind: 'zip' });
    const download = await send('GET', `/files/download/${target.handle}`, { headers: authed() });
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('application/zip');
    expect(download.headers['content-disposition']).toBe(`attachment; filename="trade data.zip"; filename*=UTF-8''trade%20data.zip`);
    const entries = Object.keys(unzipSync(new Uint8Array(download.body)));
    expect(entries).toEqual(['kpi.csv', 'series.csv', 'mirror.csv', 'reconciliation.csv']);
    // Once: the staged file is gone after its download.
    expect((await send('GET', `/files/download/${target.handle}`, { headers: authed() })).status).toBe(404);
  });
});

describe('events', () => {
  it('streams a data-changed event to another tab when one tab writes', async () => {
    const received: string[] = [];
    const stream = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path: '/events?client=tab-b', headers: { Host: `127.0.0.1:${port}`, Cookie: cookie } },
        resolve,
      );
      req.on('error', reject);
      req.end();
    });
    expect(stream.headers['content-type']).toMatch(/^text\/event-stream/);
    stream.on('data', (chunk: Buffer) => received.push(chunk.toString('utf8')));
    const added = json(await api('setBackupKeep', { keep: 7 }, { 'X-Tradebrief-Client': 'tab-a' }));
    expect(added.ok).toBe(true);
    await expect.poll(() => received.join('')).toMatch(/"type":"data-changed","method":"setBackupKeep","client":"tab-a"/);
    stream.destroy();
  });

  it("stops a tab's jobs once it said it left and did not come back", async () => {
    const big = tmp.file('big-preview.csv');
    generate(big, 150_000);
    const job = startJob('preview', host.session.path, { path: big }, { owner: 'tab-leaving' });
    const left = await send('POST', '/events/leave?client=tab-leaving', {
      headers: authed({ 'Content-Type': 'application/json' }),
      body: '{}',
    });
    expect(left.status).toBe(204);
    await job.done;
    expect(job.state).toBe('cancelled');
  });
});
