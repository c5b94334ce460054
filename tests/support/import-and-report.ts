/** For the crash test: imports a file and prints "rows-added" once rows are written (uncommitted), so the parent can kill it. */
import { importFile } from '../../db/imports/importer.ts';
import { openDatabase } from '../../db/open.ts';

const [dbPath, csv] = process.argv.slice(2);
if (!dbPath || !csv) throw new Error('usage: import-and-report.ts <db> <csv>');
const db = openDatabase(dbPath);
let told = false;
importFile(db, {
  path: csv,
  onlyValidRows: true,
  userName: 'crash-test',
  onProgress: (p) => {
    if (!told && p.rowsAdded > 10_000) {
      told = true;
      process.stdout.write('rows-added\n');
      // Block until killed: the transaction stays open with rows written.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 30_000);
    }
  },
});
