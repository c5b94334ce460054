/**
 * Comtrade-like CSV files (current API layout, HS-6 rows of one reporter, 50 partners × 5 years × 2
 * flows, totals only: partner2, customs and mode of transport all "total"), deterministic: the same
 * file every run. Used by the import benchmark and by the tests of what an import writes.
 */
import { closeSync, openSync, writeSync } from 'node:fs';

export const HEADER = [
  'typeCode',
  'freqCode',
  'refYear',
  'refMonth',
  'period',
  'reporterCode',
  'reporterISO',
  'reporterDesc',
  'flowCode',
  'partnerCode',
  'partnerISO',
  'partnerDesc',
  'partner2Code',
  'classificationCode',
  'cmdCode',
  'aggrLevel',
  'isLeaf',
  'customsCode',
  'motCode',
  'qty',
  'netWgt',
  'cifvalue',
  'fobvalue',
  'primaryValue',
  'isReported',
  'isAggregate',
];

/** Deterministic pseudo-random numbers (same file every run). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Writes `rows` data rows (HS-6 codes from 010101 upwards in steps of 7) to `path`. */
export function generate(path: string, rows: number): void {
  const partners = Array.from({ length: 50 }, (_, i) => ({
    code: String(100 + i),
    iso: `P${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + Math.floor(i / 26))}`,
  }));
  const years = [2018, 2019, 2020, 2021, 2022];
  const perCode = partners.length * years.length * 2;
  const codes = Math.ceil(rows / perCode);
  const random = rng(42);
  const fd = openSync(path, 'w');
  let buf = `${HEADER.join(',')}\n`;
  let written = 0;
  outer: for (let c = 0; c < codes; c++) {
    const cmd = String(10101 + c * 7).padStart(6, '0');
    for (const p of partners) {
      for (const y of years) {
        for (const flow of ['X', 'M']) {
          const value = Math.round(random() * 1e9) / 100;
          buf += `C,A,${y},52,${y},410,KOR,Rep. of Korea,${flow},${p.code},${p.iso},Partner ${p.iso},0,H6,${cmd},6,True,C00,0,${Math.round(random() * 1e5)},${Math.round(random() * 1e6)},,${value},${value},True,False\n`;
          if (++written === rows) break outer;
          if (buf.length > 1 << 20) {
            writeSync(fd, buf);
            buf = '';
          }
        }
      }
    }
  }
  writeSync(fd, buf);
  closeSync(fd);
}
