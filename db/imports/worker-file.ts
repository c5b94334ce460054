/**
 * The import worker script: beside the Electron bundle (out/main/import-worker.js, a second build
 * entry), else the TypeScript source beside this file (Node 24 runs it directly). Import jobs and
 * the import's reading thread both run it.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ApiError } from '../common/errors.ts';

export function workerFile(): string {
  const candidates = [new URL('./import-worker.js', import.meta.url), new URL('./worker.ts', import.meta.url)];
  for (const url of candidates) {
    const path = fileURLToPath(url);
    if (existsSync(path)) return path;
  }
  throw new ApiError('internal', 'The import worker script is missing from this installation.');
}
