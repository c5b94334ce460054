/**
 * Host 2: the built renderer and the real data core over HTTP, for a browser on this machine
 * (`npm run serve`, and the tests' Chromium). The API is the same contract as Electron's IPC:
 * POST /api/<method> with the input as JSON. Files cross as uploads and downloads (files.ts);
 * events as Server-Sent Events.
 *
 * Who may call it: only the page it served. Any web page the user has open can send requests to
 * 127.0.0.1, and a DNS-rebinding page can even read the answers, so every request must carry:
 *   - the Host header of this very address and port (a rebinding page sends its own name),
 *   - no Origin, or this very origin (a cross-site page's fetch or form sends its own),
 *   - the per-run secret, in the HttpOnly SameSite=Strict cookie set when the address printed at
 *     start (which holds the secret) is opened — a cross-site request never carries it,
 *   - for the API, an `application/json` body (a form or a no-cors fetch cannot send one) under a size cap.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { methodNames } from '../contract.ts';
import { openSession, type Session, type SessionOptions } from '../session.ts';
import { bindContract } from '../host-binding.ts';
import { cancelJobsOf } from '../imports/jobs.ts';
import { HttpFiles, type HttpFilesLimits } from './files.ts';
import { JSON_TYPE, mediaType, readBody, send, sendError, SECURITY_HEADERS } from './respond.ts';

/** The built renderer (`npm run build`); TRADEBRIEF_OUT points at another build folder. */
export const rendererDir = process.env['TRADEBRIEF_OUT']
  ? resolve(process.env['TRADEBRIEF_OUT'], 'renderer')
  : fileURLToPath(new URL('../../out/renderer/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
};

/** The largest API body: a briefing with long text blocks is well under this. */
export const MAX_API_BODY = 8 * 1024 * 1024;
/** The cookie that carries the secret. */
export const SECRET_COOKIE = 'tradebrief_key';
/** How often an idle event stream says it is alive (proxies and the browser keep it open). */
const EVENT_HEARTBEAT_MS = 20_000;

export interface HttpHost {
  /** The app's address, without the secret (what the page's own requests use). */
  readonly url: string;
  /** The address to open: it holds the secret, which the first visit turns into a cookie. */
  readonly openUrl: string;
  /** The per-run secret (the tests' browser is given it as a cookie). */
  readonly secret: string;
  readonly session: Session;
  /** Where uploads and downloads wait, one folder per file; removed when the host stops. */
  readonly stagingDir: string;
  close(): Promise<void>;
}

export interface HttpHostOptions extends SessionOptions {
  port?: number;
  staticDir?: string;
  /** Upload and download limits (tests make them small). */
  limits?: Partial<HttpFilesLimits>;
  /** How long a tab that left may take to come back before its jobs stop (tests make it short). */
  clientGoneAfterMs?: number;
}

function cookieValue(req: IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
}

function sameSecret(given: string | null, secret: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

const LOCKED_PAGE = `<!doctype html><meta charset="utf-8"><title>Tradebrief</title>
<p>This address needs its access key. Open the full address that <code>npm run serve</code> printed (it ends in <code>?key=…</code>).</p>`;

export async function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const session = openSession(options);
  const root = resolve(options.staticDir ?? rendererDir);
  const secret = randomBytes(32).toString('base64url');
  const files = new HttpFiles(session, options.limits);
  const binding = bindContract(session);
  const clients = new Clients(options.clientGoneAfterMs ?? CLIENT_GONE_AFTER_MS);
  let hostHeader = '';
  let origin = '';

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    // DNS rebinding: a page of another name resolving to 127.0.0.1 sends that name as Host.
    if (req.headers.host !== hostHeader)
      return send(res, 421, 'text/plain', 'Misdirected request: this host answers only to its own address.');
    // A cross-site page's request carries its own Origin.
    const requestOrigin = req.headers.origin;
    if (requestOrigin !== undefined && requestOrigin !== origin)
      return send(res, 403, 'text/plain', 'Forbidden: requests from other sites are refused.');
    const fetchSite = req.headers['sec-fetch-site'];
    if (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none')
      return send(res, 403, 'text/plain', 'Forbidden: requests from other sites are refused.');

    let url: URL;
    let pathname: string;
    try {
      url = new URL(req.url ?? '/', origin);
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return send(res, 400, 'text/plain', 'Bad request: the address cannot be read.');
    }

    // The printed address: its key becomes the cookie, and the key leaves the address bar at once.
    const key = url.searchParams.get('key');
    if (req.method === 'GET' && pathname === '/' && key !== null) {
      if (!sameSecret(key, secret)) return send(res, 403, 'text/html; charset=utf-8', LOCKED_PAGE);
      return send(res, 303, 'text/plain', 'See /', {
        Location: '/',
        'Set-Cookie': `${SECRET_COOKIE}=${secret}; HttpOnly; SameSite=Strict; Path=/`,
      });
    }
    if (!sameSecret(cookieValue(req, SECRET_COOKIE), secret)) {
      if (pathname.startsWith('/api/') || pathname.startsWith('/files/') || pathname.startsWith('/events')) {
        return sendError(res, 401, 'forbidden', 'Refused: this request does not carry the access key.');
      }
      return send(res, 401, 'text/html; charset=utf-8', LOCKED_PAGE);
    }

    if (pathname === '/api/methods') {
      if (req.method !== 'GET') return send(res, 405, 'text/plain', 'GET only', { Allow: 'GET' });
      return send(res, 200, JSON_TYPE, JSON.stringify(methodNames));
    }
    if (pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return send(res, 405, 'text/plain', 'POST only', { Allow: 'POST' });
      if (mediaType(req) !== 'application/json') return sendError(res, 415, 'invalid-input', 'The API takes application/json bodies only.');
      const body = await readBody(req, res, MAX_API_BODY);
      if (body === null) return;
      let input: unknown;
      try {
        input = body.length > 0 ? JSON.parse(body.toString('utf8')) : {};
      } catch (error) {
        return sendError(res, 400, 'invalid-input', `Request body is not JSON: ${(error as Error).message}`);
      }
      const client = String(req.headers['x-tradebrief-client'] ?? '').slice(0, 64);
      const envelope = await binding.call(pathname.slice(5), input, client);
      return send(res, 200, JSON_TYPE, JSON.stringify(envelope));
    }
    if (pathname.startsWith('/files/')) return files.handle(req, res, pathname, url);
    if (pathname === '/events/leave') {
      if (req.method !== 'POST') return send(res, 405, 'text/plain', 'POST only', { Allow: 'POST' });
      if (mediaType(req) !== 'application/json') return sendError(res, 415, 'invalid-input', 'This takes an application/json body.');
      req.resume();
      clients.left((url.searchParams.get('client') ?? '').slice(0, 64));
      return send(res, 204, 'text/plain', '');
    }
    if (pathname === '/events') {
      if (req.method !== 'GET') return send(res, 405, 'text/plain', 'GET only', { Allow: 'GET' });
      return streamEvents(req, res, session, clients, (url.searchParams.get('client') ?? '').slice(0, 64));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'GET only', { Allow: 'GET' });
    // Static files: never outside the build folder.
    const rel = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
    const file = normalize(join(root, rel));
    if (file !== root && !file.startsWith(root + sep)) return send(res, 403, 'text/plain', 'Forbidden');
    try {
      const content = await readFile(file);
      // The build names every file of assets/ by its content's hash: the browser may keep it (and its compiled
      // code) for good, so a print window or a reload does not fetch and compile the same scripts again.
      const cache: Record<string, string> = rel.startsWith('assets/') ? { 'Cache-Control': 'private, max-age=31536000, immutable' } : {};
      send(res, 200, TYPES[extname(file)] ?? 'application/octet-stream', content, cache);
    } catch {
      send(res, 404, 'text/plain', 'Not found');
    }
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, 'text/plain', `Internal error: ${error instanceof Error ? error.message : String(error)}`);
      else res.destroy();
    });
  });
  // A slow or stalled client cannot hold a request open for long (uploads excepted: they stream).
  server.headersTimeout = 20_000;
  server.requestTimeout = 0;

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => ok());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  hostHeader = `127.0.0.1:${port}`;
  origin = `http://${hostHeader}`;
  return {
    url: `${origin}/`,
    openUrl: `${origin}/?key=${secret}`,
    secret,
    session,
    stagingDir: files.stagingDir,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => {
          files.close();
          session.close();
          ok();
        });
      }),
  };
}

/** A tab that left may come back (the browser's back button restores it): its jobs stop only if it stays away this long. */
const CLIENT_GONE_AFTER_MS = 5000;

/** The tabs listening to events: which have a stream open, and which said they left. */
class Clients {
  readonly #streams = new Map<string, number>();
  readonly #graceMs: number;

  constructor(graceMs: number) {
    this.#graceMs = graceMs;
  }

  opened(client: string): void {
    if (client) this.#streams.set(client, (this.#streams.get(client) ?? 0) + 1);
  }

  closed(client: string): void {
    const left = (this.#streams.get(client) ?? 1) - 1;
    if (left > 0) this.#streams.set(client, left);
    else this.#streams.delete(client);
  }

  /** A tab said it is leaving: unless it opens a stream again soon, its previews and imports stop. */
  left(client: string): void {
    if (!client) return;
    setTimeout(() => {
      if (!this.#streams.has(client)) cancelJobsOf(client);
    }, this.#graceMs).unref();
  }
}

/** Server-Sent Events: the session's events, as long as the page listens. */
function streamEvents(req: IncomingMessage, res: ServerResponse, session: Session, clients: Clients, client: string): void {
  res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', ...SECURITY_HEADERS, Connection: 'keep-alive' });
  res.write(': connected\n\n');
  const off = session.onEvent((event) => {
    res.write(`data: ${JSON.stringify(event)}\n\n`);
  });
  const heartbeat = setInterval(() => res.write(': alive\n\n'), EVENT_HEARTBEAT_MS);
  heartbeat.unref();
  clients.opened(client);
  req.on('close', () => {
    clearInterval(heartbeat);
    off();
    clients.closed(client);
  });
}
