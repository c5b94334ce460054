/**
 * The kinds of file a user opens or saves, and what a file reaching the core is called: shared by the
 * core (checks), the Electron main process (dialog filters) and the page (file input `accept`, download
 * names). Pure: no Node, no DOM, no zod (the page's shell imports it; the handle's schema is file-handle.ts).
 */
export const OPEN_KINDS = {
  'trade-data': { label: 'Trade data (CSV or Excel workbook)', extensions: ['csv', 'tsv', 'txt', 'xlsx'] },
  pack: { label: 'Tradebrief briefing pack', extensions: ['json'] },
} as const;
export type OpenKind = keyof typeof OPEN_KINDS;

export const SAVE_KINDS = {
  csv: { label: 'CSV file', extensions: ['csv'], mime: 'text/csv; charset=utf-8' },
  xlsx: { label: 'Excel workbook', extensions: ['xlsx'], mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  zip: { label: 'ZIP archive of CSV files', extensions: ['zip'], mime: 'application/zip' },
  pack: { label: 'Tradebrief briefing pack', extensions: ['json'], mime: 'application/json' },
  pdf: { label: 'PDF document', extensions: ['pdf'], mime: 'application/pdf' },
  database: { label: 'Tradebrief database', extensions: ['sqlite'], mime: 'application/vnd.sqlite3' },
  png: { label: 'PNG image', extensions: ['png'], mime: 'image/png' },
} as const;
export type SaveKind = keyof typeof SAVE_KINDS;

export const OPEN_KIND_NAMES = Object.keys(OPEN_KINDS) as OpenKind[];
export const SAVE_KIND_NAMES = Object.keys(SAVE_KINDS) as SaveKind[];

/** The most a file chosen for reading may weigh (a 5-million-row Comtrade CSV is about 700 MB). */
export const MAX_READ_BYTES = 4 * 1024 ** 3;

/**
 * An opaque reference to a file the user chose through the host: `fh_` and 22 URL-safe characters
 * (128 random bits). The only way a file reaches a contract method.
 */
export const FILE_HANDLE_PATTERN = /^fh_[A-Za-z0-9_-]{22}$/;

/** A file chosen to read: its handle, the name to show and its size. */
export interface PickedFile {
  handle: string;
  name: string;
  size: number;
}

/** A place chosen to write: its handle and the name to show. */
export interface SaveTarget {
  handle: string;
  name: string;
}

/** `trade-2021.csv` from a title: letters, digits, spaces, dots and dashes, and the kind's extension. */
export function suggestedFileName(title: string, kind: SaveKind): string {
  const ext = SAVE_KINDS[kind].extensions[0];
  const base = title
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N} ._-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\.+$/, '')
    .slice(0, 80);
  const stem = base.toLowerCase().endsWith(`.${ext}`) ? base.slice(0, -(ext.length + 1)) : base;
  return `${stem || 'tradebrief'}.${ext}`;
}
