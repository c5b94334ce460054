/**
 * Child process of tests/unit/crash-during-import.test.ts: imports one CSV file into a database
 * with the real importer (db/imports/importer.ts) and reports progress on stdout, so the parent can
 * kill it with SIGKILL at a random point.   node tests/support/crash-import.ts DB CSV
 */
import { importFile } from '../../db/imports/importer.ts';
import { openDatabase } from '../../db/open.ts';

const [dbPath, csvPath] = process.argv.slice(2);
if (!dbPath || !csvPath) {
  console.error('usage: node tests/support/crash-import.ts DB CSV');
  process.exit(2);
}
const db = openDatabase(dbPath);
process.stdout.write('ready\n');
const summary = importFile(db, {
  path: csvPath,
  onlyValidRows: true,
  userName: 'crash-test',
  onProgress: (p) => process.stdout.write(`progress ${p.phase} ${p.rowsRead}\n`),
});
db.close();
process.stdout.write(`done ${JSON.stringify(summary)}\n`);
