/** `npm run serve [-- --port 5199 --db path.sqlite]`: the HTTP host for a browser on this machine. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startHttpHost } from './http-host.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '5199' },
    db: { type: 'string' },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a number from 0 to 65535, not "${values.port}"`);
  process.exit(2);
}
const path = values.db ? resolve(values.db) : join(mkdtempSync(join(tmpdir(), 'tradebrief-')), 'tradebrief.sqlite');
try {
  const host = await startHttpHost({ path, port });
  console.log(`Tradebrief (HTTP host) at ${host.url}  database: ${path}`);
  const stop = (): void => void host.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  console.error(`Could not start: ${(error as Error).message}`);
  process.exit(1);
}
