/**
 * Files in the browser host: what the user picks is uploaded into a staging folder the host owns,
 * and what the app writes for the user is downloaded from it. The page gets handles, never paths.
 *
 *   POST /files/upload?kind=trade-data&name=comtrade.csv   body: the file (application/octet-stream)
 *        → PickedFile; the copy is deleted when its handle is spent or released, or the host stops
 *   POST /files/save   {"kind": "csv", "name": "trade.csv"} (application/json)
 *        → SaveTarget: a place in the staging folder for a contract method to write
 *   GET  /files/download/<handle>
 *        → the written file as an attachment, once; then it is deleted
 *   POST /files/release {"handle": "fh_…"} → forgets an upload the user set aside
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import {
  FILE_HANDLE_PATTERN,
  MAX_READ_BYTES,
  OPEN_KIND_NAMES,
  OPEN_KINDS,
  SAVE_KIND_NAMES,
  SAVE_KINDS,
  suggestedFileName,
  type SaveKind,
} from '../common/file-kinds.ts';
import type { Session } from '../session.ts';
import { JSON_TYPE, mediaType, readBody, send, sendError } from './respond.ts';

export interface HttpFilesLimits {
  /** The largest upload. */
  uploadBytes: number;
  /** Uploads staged at once (each waits for its import). */
  uploads: number;
  /** A written file not downloaded within this time is deleted. */
  downloadLifetimeMs: number;
}

const DEFAULT_LIMITS: HttpFilesLimits = { uploadBytes: MAX_READ_BYTES, uploads: 16, downloadLifetimeMs: 10 * 60 * 1000 };

const saveRequest = z.object({ kind: z.enum(SAVE_KIND_NAMES as [SaveKind, ...SaveKind[]]), name: z.string().max(200) }).strict();
const releaseRequest = z.object({ handle: z.string().regex(FILE_HANDLE_PATTERN) }).strict();

interface Download {
  path: string;
  folder: string;
  name: string;
  mime: string;
  timer: NodeJS.Timeout;
}

/** A file name as the user gave it, safe to be the last part of a path in the staging folder. */
export function stagingName(name: string, fallback: string): string {
  const cleaned = name
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
    .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]+/g, '_')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(0, 120);
  return cleaned || fallback;
}

/** `attachment; filename="…"; filename*=UTF-8''…` for any name, ASCII or not. */
function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]+/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** A small JSON body (a save or release request), or null once the answer (415, 413, 400) is sent. */
async function readJson(req: IncomingMessage, res: ServerResponse): Promise<unknown> {
  if (mediaType(req) !== 'application/json') {
    sendError(res, 415, 'invalid-input', 'This takes an application/json body.');
    return undefined;
  }
  const body = await readBody(req, res, 4096);
  if (body === null) return undefined;
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    sendError(res, 400, 'invalid-input', 'The request body is not JSON.');
    return undefined;
  }
}

export class HttpFiles {
  readonly #session: Session;
  readonly #limits: HttpFilesLimits;
  readonly #root: string;
  readonly #downloads = new Map<string, Download>();
  #uploads = 0;

  /** Where uploads and downloads wait (one folder per file). */
  get stagingDir(): string {
    return this.#root;
  }

  constructor(session: Session, limits: Partial<HttpFilesLimits> = {}) {
    this.#session = session;
    this.#limits = { ...DEFAULT_LIMITS, ...limits };
    this.#root = mkdtempSync(join(tmpdir(), 'tradebrief-files-'));
  }

  /** A fresh folder for one file, so its own name can be kept (imports record the file's name). */
  #folder(): string {
    const folder = join(this.#root, randomBytes(9).toString('base64url'));
    mkdirSync(folder, { mode: 0o700 });
    return folder;
  }

  async handle(req: IncomingMessage, res: ServerResponse, pathname: string, url: URL): Promise<void> {
    if (pathname === '/files/upload') {
      if (req.method !== 'POST') return send(res, 405, 'text/plain', 'POST only', { Allow: 'POST' });
      return this.#upload(req, res, url);
    }
    if (pathname === '/files/save') {
      if (req.method !== 'POST') return send(res, 405, 'text/plain', 'POST only', { Allow: 'POST' });
      const body = await readJson(req, res);
      if (body === undefined) return;
      const parsed = saveRequest.safeParse(body);
      if (!parsed.success) return sendError(res, 400, 'invalid-input', 'A save needs a kind and a name.');
      const { kind, name } = parsed.data;
      const fileName = suggestedFileName(stagingName(name, 'tradebrief'), kind);
      const folder = this.#folder();
      const path = join(folder, fileName);
      const target = this.#session.files.registerWrite(path, { name: fileName });
      const timer = setTimeout(() => this.#forgetDownload(target.handle), this.#limits.downloadLifetimeMs);
      timer.unref();
      this.#downloads.set(target.handle, { path, folder, name: fileName, mime: SAVE_KINDS[kind].mime, timer });
      return send(res, 200, JSON_TYPE, JSON.stringify({ ok: true, data: target }));
    }
    if (pathname.startsWith('/files/download/')) {
      if (req.method !== 'GET') return send(res, 405, 'text/plain', 'GET only', { Allow: 'GET' });
      const handle = pathname.slice('/files/download/'.length);
      const download = this.#downloads.get(handle);
      if (!download || !existsSync(download.path))
        return send(res, 404, 'text/plain', 'This file is no longer available: export it again.');
      // Once: the entry goes before the first byte, so a second request finds nothing.
      this.#downloads.delete(handle);
      clearTimeout(download.timer);
      res.writeHead(200, {
        'Content-Type': download.mime,
        'Content-Disposition': contentDisposition(download.name),
        'Content-Length': String(statSync(download.path).size),
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-store',
      });
      try {
        await pipeline(createReadStream(download.path), res);
      } finally {
        rmSync(download.folder, { recursive: true, force: true });
      }
      return;
    }
    if (pathname === '/files/release') {
      if (req.method !== 'POST') return send(res, 405, 'text/plain', 'POST only', { Allow: 'POST' });
      const body = await readJson(req, res);
      if (body === undefined) return;
      const parsed = releaseRequest.safeParse(body);
      if (!parsed.success) return sendError(res, 400, 'invalid-input', 'A release needs a handle.');
      this.#session.files.release(parsed.data.handle);
      this.#forgetDownload(parsed.data.handle);
      return send(res, 200, JSON_TYPE, JSON.stringify({ ok: true, data: null }));
    }
    return send(res, 404, 'text/plain', 'Not found');
  }

  async #upload(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    // A form or a no-cors fetch cannot send this type: only the app's own script can.
    if (mediaType(req) !== 'application/octet-stream')
      return sendError(res, 415, 'invalid-input', 'An upload is sent as application/octet-stream.');
    const kind = url.searchParams.get('kind') ?? '';
    if (!(OPEN_KIND_NAMES as string[]).includes(kind))
      return sendError(res, 400, 'invalid-input', `Unknown kind of file: ${kind.slice(0, 40)}.`);
    const declared = Number(req.headers['content-length'] ?? NaN);
    const cap = this.#limits.uploadBytes;
    if (declared > cap) {
      req.resume();
      return sendError(res, 413, 'invalid-file', `The file is larger than the ${formatBytes(cap)} an upload may be.`);
    }
    if (this.#uploads >= this.#limits.uploads) {
      req.resume();
      return sendError(res, 429, 'conflict', 'Too many files are waiting to be imported: import or set some aside first.');
    }
    const extensions: readonly string[] = OPEN_KINDS[kind as keyof typeof OPEN_KINDS].extensions;
    const name = stagingName(url.searchParams.get('name') ?? '', `upload.${extensions[0]}`);
    const folder = this.#folder();
    const path = join(folder, name);
    this.#uploads += 1;
    let size = 0;
    try {
      await pipeline(
        req,
        async function* (source: AsyncIterable<Buffer>) {
          for await (const chunk of source) {
            size += chunk.length;
            if (size > cap) throw new UploadTooLarge();
            yield chunk;
          }
        },
        createWriteStream(path, { mode: 0o600 }),
      );
    } catch (error) {
      this.#uploads -= 1;
      rmSync(folder, { recursive: true, force: true });
      if (error instanceof UploadTooLarge) {
        sendError(res, 413, 'invalid-file', `${name} is larger than the ${formatBytes(cap)} an upload may be.`);
        req.destroy();
        return;
      }
      if (!res.headersSent) sendError(res, 400, 'invalid-file', `The upload of ${name} did not complete.`);
      return;
    }
    const picked = this.#session.files.registerRead(path, {
      name,
      onRelease: () => {
        this.#uploads -= 1;
        rmSync(folder, { recursive: true, force: true });
      },
    });
    return send(res, 200, JSON_TYPE, JSON.stringify({ ok: true, data: picked }));
  }

  #forgetDownload(handle: string): void {
    const download = this.#downloads.get(handle);
    if (!download) return;
    clearTimeout(download.timer);
    this.#downloads.delete(handle);
    rmSync(download.folder, { recursive: true, force: true });
  }

  /** The host stops: every staged file goes. */
  close(): void {
    for (const handle of [...this.#downloads.keys()]) this.#forgetDownload(handle);
    rmSync(this.#root, { recursive: true, force: true });
  }
}

class UploadTooLarge extends Error {}

function formatBytes(bytes: number): string {
  return bytes >= 1024 ** 3
    ? `${(bytes / 1024 ** 3).toFixed(0)} GB`
    : bytes >= 1024 ** 2
      ? `${(bytes / 1024 ** 2).toFixed(0)} MB`
      : `${bytes} bytes`;
}
