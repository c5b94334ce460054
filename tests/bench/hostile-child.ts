/**
 * Child of hostile-files.ts: opens a database as the host does, runs one preview or import of a file
 * as a job (the import worker thread, and for large files its reading thread, as in the app), and
 * prints the time to its end, how it ended and the process's peak memory, as JSON.
 */
import { readFileSync } from 'node:fs';
import { ApiError } from '../../db/common/errors.ts';
import { runJob } from '../../db/imports/jobs.ts';
import { openDatabase } from '../../db/open.ts';

const [dbPath, kind, file] = process.argv.slice(2);
if (!dbPath || (kind !== 'preview' && kind !== 'import') || !file) throw new Error('usage: hostile-child.ts <db> preview|import <file>');
const db = openDatabase(dbPath);
const start = performance.now();
let outcome: string;
try {
  const result = await runJob<{ rowsRead: number; checked?: { complete: boolean; bytes: number } }>(
    kind,
    dbPath,
    kind === 'import' ? { path: file, onlyValidRows: true, userName: 'bench' } : { path: file },
  );
  outcome = `${result.rowsRead.toLocaleString('en')} rows read${result.checked && !result.checked.complete ? ` (first ${(result.checked.bytes / 2 ** 20).toFixed(1)} MB)` : ''}`;
} catch (error) {
  outcome = error instanceof ApiError ? `${error.code}: ${error.message}` : `unexpected: ${(error as Error).message}`;
}
const ms = performance.now() - start;
db.close();
const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
console.log(JSON.stringify({ ms, outcome, maxRssMb: process.resourceUsage().maxRSS / 1024, vmHwmMb: hwm ? Number(hwm[1]) / 1024 : 0 }));
