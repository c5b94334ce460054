import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { rendererDir } from '../../db/http-host/host.ts';

/** The e2e tests run against the built renderer: `npm test` builds it first. */
export function requireBuiltRenderer(): string {
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`No built renderer at ${rendererDir}: run \`npm run build\` first (npm test does).`);
  }
  return rendererDir;
}
