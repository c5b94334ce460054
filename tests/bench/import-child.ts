/** Child of import-throughput.ts and import-wide.ts: imports one file (with a column mapping, as JSON, when given) into a fresh database and prints figures as JSON. */
import { readFileSync } from 'node:fs';
import type { ColumnMapping } from '../../db/imports/contract.ts';
import { importFile } from '../../db/imports/importer.ts';
import { openDatabase } from '../../db/open.ts';

const [dbPath, csv, mappingJson] = process.argv.slice(2);
if (!dbPath || !csv) throw new Error('usage: import-child.ts <db> <csv> [mapping as JSON]');
const db = openDatabase(dbPath);
const start = process.hrtime.bigint();
const cpuStart = process.cpuUsage();
const summary = importFile(db, {
  path: csv,
  onlyValidRows: true,
  userName: 'bench',
  ...(mappingJson ? { mapping: JSON.parse(mappingJson) as ColumnMapping } : {}),
});
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
// Every thread of the process (the importer reads and checks the file on a second one): on a loaded machine CPU time varies less than wall time.
const cpu = process.cpuUsage(cpuStart);
db.close();
const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
console.log(
  JSON.stringify({
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    rowsAdded: summary.rowsAdded,
    problems: summary.problemCount,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    vmHwmMb: hwm ? Number(hwm[1]) / 1024 : 0,
  }),
);
