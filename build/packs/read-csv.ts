/**
 * The pack builders read their CSV files with the importer's own reader (db/imports/csv.ts), so a
 * file the app would read one way is never read another way here. Rows come back keyed by the
 * header's names, trimmed, each with the physical line it starts on for error messages.
 */
import { basename } from 'node:path';
import { readCsvAll } from '../../db/imports/csv.ts';

export interface CsvRecord {
  /** The 1-based physical line the record starts on (the header is line 1). */
  line: number;
  values: Record<string, string>;
}

export function readCsvRecords(path: string): CsvRecord[] {
  const name = basename(path);
  const { header, rows } = readCsvAll(path, { delimiter: ',' });
  if (header.length === 0) throw new Error(`${name}: no header row`);
  return rows.map((row) => {
    // A trailing empty field past the header is a trailing delimiter, not data.
    const fields = row.fields.length === header.length + 1 && row.fields[header.length] === '' ? row.fields.slice(0, -1) : row.fields;
    if (fields.length !== header.length)
      throw new Error(`${name} line ${row.line}: ${fields.length} fields, the header has ${header.length}`);
    return { line: row.line, values: Object.fromEntries(header.map((h, j) => [h, fields[j]!.trim()])) };
  });
}

/** A field that must not be empty. */
export function need(row: CsvRecord, column: string, file: string): string {
  const v = row.values[column];
  if (v === undefined || v === '') throw new Error(`${file} line ${row.line}: column ${column} is empty`);
  return v;
}

/** A whole number of USD, or null for an empty cell (not reported: never read as zero). */
export function optionalUsd(row: CsvRecord, column: string, file: string): number | null {
  const raw = row.values[column] ?? '';
  if (raw === '') return null;
  if (!/^\d+(\.\d+)?$/.test(raw)) throw new Error(`${file} line ${row.line}: ${column} "${raw}" is not a number of USD`);
  return Number(raw);
}

/** A value in USD that may be negative (a balance). */
export function usd(row: CsvRecord, column: string, file: string): number {
  const raw = need(row, column, file);
  if (!/^-?\d+(\.\d+)?$/.test(raw)) throw new Error(`${file} line ${row.line}: ${column} "${raw}" is not a number of USD`);
  return Number(raw);
}

export function year(row: CsvRecord, column: string, file: string): number {
  const raw = need(row, column, file);
  if (!/^\d{4}$/.test(raw)) throw new Error(`${file} line ${row.line}: ${column} "${raw}" is not a year`);
  return Number(raw);
}
