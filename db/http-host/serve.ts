/**
 * `npm run serve [-- --port 5199] [--db file.sqlite]`: the browser host on this machine. Opens the app's
 * own database unless told otherwise and prints the address to open: it holds this run's access key.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDatabasePath } from '../user-data.ts';
import { startHttpHost } from './host.ts';

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
const path = values.db ? resolve(values.db) : defaultDatabasePath();
try {
  mkdirSync(dirname(path), { recursive: true });
  const host = await startHttpHost({ path, port });
  console.log(`Tradebrief is running in your browser at ${host.openUrl}`);
  console.log(`(database: ${path}; only this machine can reach it, and only with the key in that address; Ctrl+C stops it)`);
  const stop = (): void => void host.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  console.error(`Could not start: ${(error as Error).message}`);
  process.exit(1);
}
