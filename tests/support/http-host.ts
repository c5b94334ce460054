/**
 * Host 2: serves the built renderer and the real data core over HTTP on 127.0.0.1, for a
 * browser (Chromium in the tests, or any browser via `npm run serve`). The API is the same
 * contract as the Electron host's IPC: POST /api/<method> with the input as JSON.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { methodNames } from '../../db/contract.ts';
import { dispatch } from '../../db/dispatch.ts';
import { openSession, type Session, type SessionOptions } from '../../db/session.ts';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/csp.ts';

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

const MAX_BODY = 50 * 1024 * 1024;

export interface HttpHost {
  readonly url: string;
  readonly session: Session;
  close(): Promise<void>;
}

export interface HttpHostOptions extends SessionOptions {
  port?: number;
  staticDir?: string;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('Request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

export async function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const session = openSession(options);
  const root = resolve(options.staticDir ?? rendererDir);

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname === '/api/methods' && req.method === 'GET') {
        send(res, 200, TYPES['.json']!, JSON.stringify(methodNames));
        return;
      }
      if (url.pathname.startsWith('/api/')) {
        if (req.method !== 'POST') return send(res, 405, 'text/plain', 'POST only');
        let input: unknown;
        try {
          const body = await readBody(req);
          input = body ? JSON.parse(body) : {};
        } catch (error) {
          const envelope = { ok: false, error: { code: 'invalid-input', message: `Request body is not JSON: ${(error as Error).message}` } };
          return send(res, 400, TYPES['.json']!, JSON.stringify(envelope));
        }
        const envelope = await dispatch(session.handlers, decodeURIComponent(url.pathname.slice(5)), input);
        return send(res, 200, TYPES['.json']!, JSON.stringify(envelope));
      }
      // Static files: never outside the build folder.
      const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
      const file = normalize(join(root, rel));
      if (file !== root && !file.startsWith(root + sep)) return send(res, 403, 'text/plain', 'Forbidden');
      try {
        const body = await readFile(file);
        send(res, 200, TYPES[extname(file)] ?? 'application/octet-stream', body);
      } catch {
        send(res, 404, 'text/plain', 'Not found');
      }
    })().catch((error: unknown) => send(res, 500, 'text/plain', String(error)));
  });

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => ok());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    session,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => {
          session.close();
          ok();
        });
      }),
  };
}
