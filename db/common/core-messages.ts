/**
 * The data core's sentences that reach the page (import problems, skips and outcomes, the edit forms' validation),
 * each a code and its values beside the English text. The English is written here once: `said()` gives the sentence
 * the CLI, logs and tests read as `message`, and the page writes the same code and values in its own language
 * (renderer/src/i18n/messages, keys `core.<code>`, each with exactly these {{values}}). Pure TypeScript.
 *
 * Values: a number is a quantity, written with the language's digit grouping ("1,234"); a string is shown as it is
 * (a year, a file name, a column of the file, a cell's text); a nested message (`{messageCode, params}`) is written
 * in the same language; an economy (`{economy, name}`: its code and stored name) is named in the language (English: the
 * stored name); a list (`{items, joinedBy}`) is its messages joined by the code `joinedBy`'s text; months of a year
 * (`{months}`, 1–12) are named in the language, in runs ("Jan–Jul, Sep"); an amount (`{usd}`) is written as the page
 * writes amounts ("USD 10.7 bn", "107억 달러").
 */

import {
  isCoreList,
  isEconomyValue,
  isMonthsValue,
  isUsdValue,
  monthsText,
  type CoreParams,
  type CoreText,
  type CoreValue,
  type EconomyValue,
} from './core-writing.ts';
import { CLAIM_MESSAGES } from './core-messages-claims.ts';

export {
  isCoreList,
  isEconomyValue,
  isMonthsValue,
  isUsdValue,
  monthName,
  monthRuns,
  monthsText,
  usdNumber,
  writeCore,
  type CoreList,
  type CoreParams,
  type CoreText,
  type CoreValue,
  type CoreWriting,
  type EconomyValue,
  type MonthsValue,
  type UsdValue,
} from './core-writing.ts';

export const CORE_MESSAGES = {
  ...CLAIM_MESSAGES,

  // What a cell of an imported row should hold. The row and the column are named beside it (ImportProblem).
  hsNotCode: 'not an HS code (digits) nor TOTAL',
  hsDigits: 'an HS code has 2, 4 or 6 digits, not {{digits}}',
  hsDigitsLostZero: 'an HS code has 2, 4 or 6 digits, not {{digits}} (a leading zero lost in a spreadsheet?)',
  yearRange: 'a year from {{min}} to {{max}}',
  valueMissing: 'no value',
  valueNotNumber: 'not a number',
  valueNegative: 'a trade value cannot be negative',
  nameControlCharacter: 'a control character (U+{{code}}) at position {{position}}: not part of a name',
  monthRange: 'a month from 1 to 12',
  periodForm: 'a period YYYY or YYYYMM',
  reporterNotCode: 'not an ISO 3166 alpha-3 code',
  reporterCode: 'an ISO 3166 alpha-3 code (KOR) or World',
  partnerCode: 'an ISO 3166 alpha-3 code (CHN) or World',
  unitUsd: 'a unit in US dollars: USD, thousand USD or million USD',
  // The flows each layout stores (a problem's message, or inside a skip's reason).
  flowsComtrade: 'only X, M, RX, RM',
  flowsComtradeLegacy: 'only 1–4: import, export, re-export, re-import',
  flowsWits: 'only Export, Import, Re-Export, Re-Import',
  flowsGeneric: 'export, import, re-export or re-import (or X, M, RX, RM; or 수출, 수입, 재수출, 재수입; or 出口, 进口, 复出口, 复进口)',

  // Why an imported row was not stored although it is not wrong.
  skipBreakdown: 'breakdown row (partner 2, customs procedure or mode of transport is not the total)',
  skipFlow: 'flow {{flow}} not stored ({{expected}})',
  skipArea: 'partner is an area, not an economy',
  // The rows an import left out for their problems, as its history counts them.
  skipInvalid: 'rows with problems (listed when the file was checked)',
  skipNotReported: 'neither exports nor imports reported (both cells empty)',
  skipDuplicate: 'duplicate (same reporter, partner, period, flow and product twice in the file)',

  // Why an import added nothing.
  importHeaderOnly: 'The file has a header and no rows.',
  importNoValidRowsOne: 'No valid rows: {{problems}} problem.',
  importNoValidRowsMany: 'No valid rows: {{problems}} problems.',
  importNoValidRowsSkippedOne: 'No valid rows: {{problems}} problem; {{skips}}.',
  importNoValidRowsSkippedMany: 'No valid rows: {{problems}} problems; {{skips}}.',
  importAllSkippedOne: 'No rows to import: all {{rows}} row was skipped ({{skips}}).',
  importAllSkippedMany: 'No rows to import: all {{rows}} rows were skipped ({{skips}}).',
  importAlreadyImported: '{{file}} was already imported (import #{{importId}}).',
  importAllOrNothingOne: '{{rows}} row has a problem and all or nothing was chosen.',
  importAllOrNothingMany: '{{rows}} rows have problems and all or nothing was chosen.',
  /** One skip reason counted, as the sentences above list them ({{skips}}: such items joined by importListJoin). */
  importSkipCount: '{{count}} {{reason}}',
  // Between the items of a list (importListJoin) and the runs of months (monthRunJoin), and an amount: core-messages-claims.ts.
  // A file that cannot be read as a table: refused whole, its name and the place named.
  fileUnreadable: '{{file}} cannot be read: {{what}}. Nothing was changed.',
  fileEmptyZip: '{{file}} is an empty ZIP archive, not a CSV file or an .xlsx workbook.',
  fileOldExcel: '{{file}} is an old binary Excel file (.xls): save it as .xlsx or CSV in your spreadsheet, then import that.',
  fileOtherKind: '{{file}} is {{kind}}, not a CSV file or an .xlsx workbook.',
  kindPng: 'a PNG image',
  kindPdf: 'a PDF document',
  kindGif: 'a GIF image',
  kindJpeg: 'a JPEG image',
  kindSqlite: 'an SQLite database',
  kindGzip: 'a gzip-compressed file (unpack it first)',
  readQuoteStillOpen:
    'line {{line}}, column {{column}}: a quoted field opened here is still open after {{limit}} characters (a missing closing quote?)',
  readQuoteNeverClosed: 'line {{line}}, column {{column}}: a quoted field opened here is never closed (a missing closing quote?)',
  readLineTooLong: 'line {{line}} is longer than {{limit}} characters: not a table of rows (a JSON or text document saved as .csv?)',
  readLineTooLongNoEnd:
    'line {{line}} is longer than {{limit}} characters with no line end: not a table of rows (a JSON or text document saved as .csv?)',
  readWebPage:
    'line {{line}} begins a web page (HTML), not a table: a page a website showed in place of the download (a sign-in or an expired session?); download the file again',
  readNulByte: 'a NUL byte at line {{line}}, column {{column}}: a binary file, not a text (CSV) file',
  readNulByteNoBom:
    'a NUL byte at line {{line}}, column {{column}}: a binary file, not a text (CSV) file (or UTF-16 text without its byte-order mark: choose the encoding)',
  readInvalidBytes:
    "line {{line}}, column {{column}}: a byte sequence that is not valid in {{encoding}} ({{how}}): choose the file's encoding",
  readEndsInCharacter:
    "line {{line}}, column {{column}}: the file ends inside a character in {{encoding}} ({{how}}): choose the file's encoding",
  readEncodingChosen: 'the chosen encoding',
  readEncodingFound: 'the encoding found',
  readHeaderLineBlank: 'line {{line}} is blank: choose the line that names the columns',
  readHeaderLinePastEnd: 'line {{line}} is past the end of the data: choose the line that names the columns',
  readHeaderRowBlank: 'row {{line}} is blank: choose the row that names the columns',
  readHeaderRowPastEnd: 'row {{line}} is past the end of the data: choose the row that names the columns',

  // The edit forms' validation (db/common/edit-schemas.ts): what the field should hold.
  fieldRequired: 'required',
  fieldHsCode: 'an HS code of 2, 4 or 6 digits',
  fieldDay: 'a day as YYYY-MM-DD',
  fieldMonth: 'a month as YYYY-MM',
  fieldYear: 'a year as YYYY',
  fieldDate: 'a date: day, month or year',
  fieldHttp: 'an http(s) address',
  fieldProjectCount: 'a number of projects',
  fieldWhole: 'a whole number',
  fieldAtLeastOne: 'at least 1',
  fieldUsd: 'a number of US dollars',
  fieldNotNegative: 'not negative',
  fieldDays: 'a number of days',
  fieldWholeDays: 'whole days',
  fieldMaxBelowMin: 'max must be at least min',
  fieldLegs: 'a route has at least one leg',
  fieldHsOnce: 'each HS code once',
  fieldMappingBothShapes: 'a flow and a value column, or an exports and an imports column: not both',
  fieldMappingFlow: 'a flow column, or exports and imports columns in place of flow and value',
  fieldMappingValue: 'a value column, or exports and imports columns in place of flow and value',
  fieldMappingSameColumn: 'not the exports column (exports and imports are two columns)',
  fieldMappingPartner: 'a partner column, or every row as trade with the world',
  fieldMappingPartnerTwice: 'a partner column or every row as trade with the world: not both',
  fieldEconomyCode: 'an ISO 3166 code such as KOR, CHN or CN-SD',
  /** zod's own checks, where a schema gives no message of its own. */
  fieldTooLong: 'at most {{max}} characters',
  fieldTooMany: 'at most {{max}} items',
  fieldTooShort: 'at least {{min}} characters',
  fieldTooFew: 'at least {{min}} items',
  fieldTooSmall: 'at least {{min}}',
  fieldTooLarge: 'at most {{max}}',
  fieldChoice: 'one of: {{choices}}',
  fieldUrl: 'a web address',
  fieldWrongType: 'a value of the right kind ({{expected}})',
  fieldUnknownKeys: 'fields this form does not have: {{keys}}',
  fieldInvalid: 'not valid',
  // What only the data core can check: a row the edit names is not in the database.
  fieldNoSource: 'no source {{id}} in this database (deleted meanwhile?)',
  fieldNoEconomy: 'no economy {{id}} in this database (deleted meanwhile?)',
  fieldNoPlace: 'no place {{id}} in this database (deleted meanwhile?)',

  // The Trade view's notes (db/trade/queries.ts): why a tile, change or share is not shown.
  tradeNoAnnual: 'No annual trade between {{reporter}} and {{partner}} is reported for these years.',
  tradeLatestOnlyExports:
    "{{year}}: only {{reporter}}'s exports to {{partner}} are reported; the tiles show {{shown}}, the latest year with both flows.",
  tradeLatestOnlyImports:
    "{{year}}: only {{reporter}}'s imports from {{partner}} are reported; the tiles show {{shown}}, the latest year with both flows.",
  tradeExportsNotReported: "{{reporter}}'s exports to {{partner}} for {{year}} are not reported.",
  tradeImportsNotReported: "{{reporter}}'s imports from {{partner}} for {{year}} are not reported, so balance and total are not shown.",
  tradeNoPreviousYear: 'No figures for {{year}}: no change on the year before.',
  tradePartialExports: '{{year}} exports are a partial year ({{period}}): no change on the year before.',
  tradePartialImports: '{{year}} imports are a partial year ({{period}}): no change on the year before.',
  tradeDifferentMonths: "{{year}}'s exports and imports cover different months, so balance and total are not shown.",
  tradeShareNoWorld:
    "Share of {{reporter}}'s total trade: not known (no figure of {{reporter}}'s trade with the world for {{year}} is loaded).",
  tradeShareIncomplete: "Share of {{reporter}}'s total trade: not known (the total for the year is incomplete).",

  // The Top products ranking's notes (db/products/rules.ts); {{flow}} is claimExports or claimImports.
  productsNoneLoaded:
    "No HS-level figures of {{reporter}}'s {{flow}} with {{partner}} are loaded: import a file with product codes (e.g. a UN Comtrade HS extract).",
  productsNoneForYear: "No HS-level figures of {{reporter}}'s {{flow}} with {{partner}} are loaded for {{year}}.",
  productsNoPreviousYear: "No HS-level figures of this pair's {{flow}} are loaded for {{year}}: no change on the year before.",
  productsNoStatedTotal:
    "No stated total of {{reporter}}'s {{flow}} to {{partner}} for {{year}} is loaded: shares are of the sum of the chapters loaded.",
  productsChaptersAboveTotal:
    'The chapters loaded add up to more than the stated total (USD {{chapters}} bn against {{total}} bn): the sources differ.',
  productsChaptersSummed: '{{summed}} of {{all}} chapters have no figure of their own: each is the sum of the finer codes loaded under it.',
  productsHeadingsSummed: '{{summed}} of {{all}} headings have no figure of their own: each is the sum of the finer codes loaded under it.',
  productsNothingUnder: 'Nothing is loaded under HS {{code}} at this level.',
  /** Why a ranked product has no change on the year before. */
  productsNotReportedIn: 'not reported in {{year}}',
  productsYearNotLoaded: '{{year}} not loaded',

  // The Partners ranking's notes (db/partners/queries.ts); {{flow}} is claimExports or claimImports.
  partnersNoAnnual: 'No annual trade of {{reporter}} with partner countries is loaded.',
  partnersNoneForYear: "No figures of {{reporter}}'s trade with partner countries are loaded for {{year}}.",
  partnersOneFlowOne: '{{count}} partner has only one flow reported for {{year}}: total and balance not known, not ranked on them.',
  partnersOneFlowMany: '{{count}} partners have only one flow reported for {{year}}: total and balance not known, not ranked on them.',
  partnersNoStatedTotal:
    "No stated total of {{reporter}}'s {{flow}} for {{year}} is loaded: shares of {{flow}} are of the sum over its partners, which leaves out any trade not allocated to a partner.",
  partnersNoPreviousYear: 'No figures for {{year}}: no change on the year before.',

  // Opening a database (db/open.ts): the file named, what SQLite said kept as it said it.
  dbCannotOpen: '{{file}} cannot be opened as a database: {{reason}}',
  dbIntegrity: '{{file}} is damaged (SQLite integrity check: {{check}}).',
  dbNewerSchema:
    '{{file}} was written by a newer version of Tradebrief (schema {{schema}}; this version knows up to {{latest}}). It was not changed. Update Tradebrief to open it.',
  dbNewer: '{{file}} was written by a newer version of Tradebrief.',
  dbNotTradebrief: '{{file}} is an SQLite file but not a Tradebrief database.',
  dbNotSqlite: '{{file}} is not a Tradebrief database (not an SQLite file).',
  dbReadOnlyPlace: '{{file}} is on a read-only file, folder or disk: it was not opened and nothing was changed.',
  dbDamaged: '{{file}} is damaged: {{reason}}',
  dbReadOnly: '{{file}} is read-only: nothing was changed.',
  dbDiskFull: 'The disk holding {{file}} is full: nothing was changed.',
  dbMigrationForeignKeys: 'A migration left foreign-key violations.',
  /** The open database, where a failed write does not know its file's name. */
  dbTheFile: 'the database file',

  // Backups (db/backup.ts); {{change}} is one of the backupBefore… codes.
  backupFailed: 'No backup could be made before {{change}}, so nothing was changed: {{reason}}',
  backupBeforeRestore: 'restore',
  backupBeforeImport: 'import',
  backupBeforeUndo: 'undo-import',
  backupBeforePack: 'import-pack',
  backupNotUpgraded: '{{file}} was not upgraded: no backup could be made first ({{reason}}).',
  backupNotFound: 'No backup named {{backup}} for {{file}}.',
  backupDamaged: 'The backup {{backup}} is damaged ({{check}}); nothing was restored.',
  backupsInMemory: 'An in-memory database has no backups.',
  backupGone: 'That backup is no longer there: choose one from the list.',
  backupRestoredDamaged: 'The restored database failed its integrity check ({{check}}).',

  // Files the user chose (db/files): read through a handle, written safely.
  fileGone: 'This file is no longer available: choose it again.',
  fileNotAFile: '{{file}} is not a file.',
  fileCannotRead: '{{file}} cannot be read: {{reason}}.',
  fileTooLarge: '{{file}} is larger than the {{limit}} GB a file may be.',
  // A file dropped on the desktop app's window (electron/main/file-arguments.ts).
  fileDropNotOnDisk: 'Only a file from this computer’s disk can be dropped here.',
  fileNotOfKind: '{{file}} is not {{kind}}: expected a {{extensions}} file.',
  openKindTradeData: 'trade data (a CSV file or an Excel workbook)',
  openKindPack: 'a Tradebrief briefing pack',
  writeIsDatabase: '{{file}} is the open database or one of its files: choose another name.',
  writeInBackups: "{{file}} is inside the database's backups folder: choose another place.",
  writeFailed: '{{file}} could not be written: {{reason}}.',
  writeNoFolder: 'its folder does not exist',
  writeDenied: 'permission denied',
  writeIsFolder: 'it is a folder',
  writeReadOnly: 'the disk is read-only',
  writeDiskFull: 'the disk is full',
  writeQuota: 'the disk quota is used up',

  // Briefing packs (db/packs/load.ts): the file named, and each problem's field.
  packInvalid: '{{file}} is not a valid briefing pack: {{issues}}',
  packInvalidMore: '{{file}} is not a valid briefing pack: {{issues}} (and {{more}} more)',
  packIssue: '{{path}}: {{what}}',
  /** Between two of a pack's problems. */
  packIssueJoin: '; ',
  packDuplicateKey: 'duplicate key "{{key}}"',
  packUnknownSource: 'unknown source "{{key}}"',
  packUnknownEconomy: 'unknown economy "{{key}}"',
  packUnknownPlace: 'unknown place "{{key}}"',
  packUnknownOrganisation: 'unknown organisation "{{key}}"',
  packUnknownSector: 'unknown sector "{{key}}"',
  packUnknownEvent: 'unknown event "{{key}}"',
  packClaimsOnlyOnClaim: 'only a statement of kind "claim" carries claims',
  packReservedId: '"{{id}}" is an id the app uses for its own rows ({{reserved}}): choose another pack id',
  packTooLarge: '{{file}} is too large to load as a briefing pack: {{what}}. Nothing was changed.',
  packTooManyBytes: '{{size}} MB (at most {{limit}} MB)',
  packTooManyElements: '{{elements}} elements (at most {{limit}})',
  packTooDeep: 'objects and arrays nested more than {{limit}} deep',
  packTooManyContainers: '{{containers}} objects and arrays (at most {{limit}})',
  packTooManyValues: '{{values}} values (at most {{limit}})',
  packUnreadable: '{{file}} cannot be read: {{reason}}',
  packNotJson: '{{file}} is not valid JSON ({{reason}}); the file may be truncated.',
  packNotUtf8: '{{file}} is not UTF-8 text (a pack is JSON in UTF-8).',
  packCancelled: 'Loading the pack {{pack}} was cancelled: nothing was changed.',
  packReloadConflict: 'Pack {{pack}} could not be reloaded: other data still refers to rows of its earlier version. Nothing was changed.',

  // A damaged or hostile workbook (db/imports/xlsx.ts, zip.ts), inside fileUnreadable: the sheet, row or part named.
  xlsxNotReadable: 'not a readable .xlsx workbook: {{what}}',
  xlsxNoWorkbook: 'a ZIP archive, not an Excel workbook: no workbook part (xl/workbook.xml)',
  xlsxNoSheet: 'the workbook has no sheet',
  xlsxNoSheetNamed: 'no sheet named “{{sheet}}” (sheets: {{sheets}})',
  xlsxSheetNoData: 'the sheet “{{sheet}}” has no data part ({{part}}); a chart sheet?',
  xlsxSharedTextTooLong: 'the shared strings hold more than {{limit}} characters of text (at string {{string}})',
  xlsxSharedStringTooLong: "shared string {{string}} is longer than {{limit}} characters of XML (Excel's cells hold at most 32,767)",
  xlsxRowTooLong: "row {{row}} of sheet “{{sheet}}” is longer than {{limit}} characters of XML (no table's row is)",
  xlsxTooManyColumns: 'row {{row}} has a cell beyond column {{limit}}',
  xlsxNoSharedString: 'row {{row}}: a text cell points to shared string {{string}}, which the workbook does not have',
  zipEndsEarly: 'the file ends early (truncated?)',
  zipTooSmall: 'too small to be a ZIP archive',
  zipNoDirectory: 'no ZIP directory found (not an .xlsx file, or damaged)',
  zipDamagedZip64: 'damaged ZIP64 directory',
  zipDirectoryPastEnd: 'the ZIP directory points past the end of the file (truncated?)',
  zipDamagedDirectory: 'damaged ZIP directory',
  zipDamagedEntry: 'damaged entry {{part}}',
  zipEncrypted: '{{part}} is encrypted',
  zipMethod: '{{part}} uses compression method {{method}} (only stored and deflate are read)',
  zipTooLargePart: '{{part}} would inflate to {{size}} MB, more than the {{limit}} MB a part may have',
  zipPastEnd: '{{part}} runs past the end of the file (truncated?)',
  zipPartEndsEarly: '{{part}} ends early (truncated?)',
  zipCannotInflate: '{{part}} cannot be decompressed: {{reason}}',
  zipOverDeclared: '{{part}} inflates to more than the {{size}} bytes its directory declares (damaged, or made to exhaust memory)',
  zipBomb: '{{part}} inflates {{ratio}} times its compressed size (more than {{limit}}×): a "zip bomb", not a workbook\'s data',
  zipCrc: '{{part}} is damaged (size or CRC-32 does not match)',

  // Imports and exports that end early (db/imports, db/exports): the file named.
  importEmpty: '{{file}} is empty: no header line.',
  importNotAsFormat: '{{file}} cannot be read as {{format}}: {{what}}.',
  importMissingColumn: 'missing column: {{columns}}',
  /** The layouts' names (db/common/import-layouts.ts `label`), as {{format}}. */
  layoutComtrade: 'UN Comtrade (current API/portal layout)',
  layoutComtradeLegacy: 'UN Comtrade (legacy layout)',
  layoutWits: 'World Bank WITS raw trade data',
  layoutGeneric: 'Other layout (column mapping)',
  importMissingColumns: 'missing columns: {{columns}}',
  importCancelled: 'The import was cancelled: nothing was changed.',
  importReaderStalled: 'The thread reading the file stopped answering. Nothing was changed.',
  importNeedsFile: 'An import needs a database file (not an in-memory database).',
  importJobFailed: 'The job failed.',
  importJobGone: 'No import job {{job}} (finished jobs are kept for a while only).',
  importNotFound: 'No import with id {{id}}.',
  fileReadFailed: '{{file}} cannot be read: {{reason}}',
  exportNotPng: 'The chart image is not a PNG image: nothing was saved.',
  exportCopyFailed: 'The copy could not be written to {{file}}: {{reason}}',
  exportPackTooLarge: 'This database is too large for a briefing pack: {{what}}; {{hint}}. No file was written.',
  exportPackFlows: '{{flows}} trade figures (a pack holds at most {{limit}} elements)',
  exportPackBytes: '{{size}} MB of JSON (at most {{limit}} MB)',
  exportPackHintImported: 'export it without imported figures, or export the trade flows as CSV',
  exportPackHint: 'export the trade flows as CSV',

  // The edit forms' saves that the database refuses (db/edit/queries.ts); {{entity}} is one of the entity… codes.
  editNotFound: 'No {{entity}} with id {{id}}.',
  editInUse: 'This {{entity}} is still used by other data, or refers to something that does not exist: nothing was changed.',
  editBreaksRule: 'The {{entity}} breaks a rule of the data model: {{reason}}',
  entitySource: 'source',
  entityProject: 'project',
  entityEvent: 'event',
  entityRoute: 'route',
  entitySector: 'sector',

  // A row a link or a request names that is not there, or a request out of bounds.
  briefingNotFound: 'No briefing with id {{id}}.',
  briefingInTrash: 'No briefing with id {{id}} (it is in the trash).',
  briefingBlockNotFound: 'No briefing block with id {{id}}.',
  briefingBlockKind: 'Block {{id}} is a {{kind}} block; it cannot be changed into a {{other}} block.',
  routeNotFound: 'No route with id {{id}}.',
  sourceNotFound: 'No source with id {{id}}.',
  sectorNotFound: 'No sector named "{{name}}"',
  partnersNotCountry: '{{code}} is not a partner country of {{reporter}} (groups such as the World are not compared).',
  yearsReversed: 'The first year ({{from}}) is after the last ({{to}}).',
  rankYearsTooMany: 'A rank history covers at most 61 years (asked: {{from}}–{{to}}).',
  seriesYearsTooMany: 'A series covers at most 81 years (asked: {{from}}–{{to}}).',

  // A year's period as the core makes it (db/trade/rules.ts): {{months}} is a list of months, named by the page.
  periodPartial: '{{months}} only',
  periodSumOf12: 'sum of 12 months',

  // The rules the views state beside their figures ({{choice}} is ruleChoice).
  ruleChoice:
    'Each flow counted once: where several sources give the same flow, the one used is the source you prefer for this pair, else the one you prefer everywhere, else the primary series, else a source giving both exports and imports of that period, else an imported file (the newest first) before a pack\'s figure, else the most recently published source. The others are listed under "sources that disagree".',
  ruleSeries:
    'One value per year and flow: the year\'s annual figure, else the sum of its twelve monthly figures (labelled "sum of 12 months"); fewer months are a partial year, labelled with the months they cover. {{choice}}',
  ruleProducts:
    "{{choice}} Products are the annual HS-level figures loaded from imported files (chapters of 2 digits, headings of 4, codes of 6). A chapter or heading is the figure given for it where one is loaded, else the sum of the finer codes loaded under it (said beside it). Shares are of the pair's total of that flow as stated where it is loaded, else of the sum of the chapters. Change is on the year before, only where that year has HS-level figures of the pair and the product is reported in it; monthly HS figures are not summed into years here.",
  rulePartners:
    "{{choice}} Partners are countries and territories; groups such as the World are never ranked. Total and balance only where both flows are reported; ranks shared on a tie. Shares are of the reporter's total as stated where it is loaded, else of the sum over its partners (said beside each share).",
  ruleSectors:
    "Sector values are sums of HS-6 export flows (primary series) whose code starts with one of the sector's HS codes, each flow counted once (where several sources give the same flow, the one chosen by the rule of the trade dashboards); sectors of the same name in several packs are one sector. Product-group figures are shown as their sources state them, with the period they cover; nothing is estimated.",
} as const;

export type CoreMessageCode = keyof typeof CORE_MESSAGES;

declare module './core-writing.ts' {
  // Every code the writer may be given: exactly the sentences above (an interface, so that it merges).
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface CoreMessageCodes extends Record<CoreMessageCode, true> {}
}

/** The {{names}} a template holds. */
type Names<S extends string> = S extends `${string}{{${infer Name}}}${infer Rest}` ? Name | Names<Rest> : never;

/** The values a code takes, by name (a code without values takes none). */
export type ParamsOf<C extends CoreMessageCode> = { [N in Names<(typeof CORE_MESSAGES)[C]>]: CoreValue };

/** An economy (an EconomyRef: code and name) as a message's value. */
export function economyValue(ref: { code: string; name: string }): EconomyValue {
  return { economy: ref.code, name: ref.name };
}

const ENGLISH_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A period written as the English `periodPartial` sentence ("Jan–Nov only", "Jan–Mar, May only"), as packs write a
 * figure's part of a year, read back as its code so the page names the months in its language; null for any other text
 * (a source's own wording stays as written).
 */
export function periodTextOfNote(note: string | null): CoreText | null {
  const runs = note?.match(/^(.+) only$/)?.[1]?.split(CORE_MESSAGES.monthRunJoin);
  if (!runs) return null;
  const months: number[] = [];
  for (const run of runs) {
    const [first, last = first, extra] = run.split('–').map((name) => ENGLISH_MONTHS.indexOf(name) + 1);
    if (extra !== undefined || !first || !last || last < first) return null;
    for (let m = first; m <= last; m++) months.push(m);
  }
  const text: CoreText = { messageCode: 'periodPartial', params: { months: { months } } };
  // Only a note this sentence writes the same way (no repeated or unordered months).
  return english(text) === note ? text : null;
}

/** A coded message with its English sentence: `{message, messageCode, params}`. */
export interface Said extends CoreText {
  message: string;
}

/** The code's sentence in English, its values put in (numbers grouped as `toLocaleString('en')` does). */
export function english(text: CoreText): string {
  const template: string = CORE_MESSAGES[text.messageCode];
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => {
    const value = text.params[name];
    if (value === undefined) return whole;
    if (typeof value === 'number') return value.toLocaleString('en');
    if (typeof value === 'string') return value;
    if (Array.isArray(value)) return value.map(english).join(CORE_MESSAGES.importListJoin);
    if (isEconomyValue(value)) return value.name;
    if (isCoreList(value)) return value.items.map(english).join(CORE_MESSAGES[value.joinedBy]);
    if (isUsdValue(value)) return `USD ${(value.usd / 1e9).toFixed(1)} bn`;
    if (isMonthsValue(value)) return monthsText(value.months, (m) => ENGLISH_MONTHS[m - 1] ?? String(m), CORE_MESSAGES.monthRunJoin);
    return english(value);
  });
}

/** `{{name}}` in a sentence replaced by its value (the page's catalogue library does the same for the page). */
export function fillIn(sentence: string, values: Record<string, string> = {}): string {
  return sentence.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
}

/** A coded message and its English sentence. */
export function said<C extends CoreMessageCode>(messageCode: C, ...rest: keyof ParamsOf<C> extends never ? [] : [ParamsOf<C>]): Said {
  const params: CoreParams = rest[0] ?? {};
  return { message: english({ messageCode, params }), messageCode, params };
}

/** The code and values of a message, without its English (what a result carries beside its English text). */
export function codeOf({ messageCode, params }: Said): CoreText {
  return { messageCode, params };
}

/** A result's notes: in English, and the same coded for the page's language (one for each, in order). */
export function notesOf(notes: readonly Said[]): { notes: string[]; noteTexts: CoreText[] } {
  return { notes: notes.map((n) => n.message), noteTexts: notes.map(codeOf) };
}

/** A coded message whose code is chosen at run time (its values unchecked by the compiler). */
export function saidAs(messageCode: CoreMessageCode, params: CoreParams = {}): Said {
  return { message: english({ messageCode, params }), messageCode, params };
}

export function isCoreMessageCode(value: unknown): value is CoreMessageCode {
  return typeof value === 'string' && Object.hasOwn(CORE_MESSAGES, value);
}

/** The fields of a zod issue this reads (structurally: this module does not depend on zod). */
export interface IssueLike {
  code: string;
  message: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  values?: readonly unknown[];
  keys?: readonly string[];
  expected?: string;
  format?: string;
}

/** The edit schemas' own messages (db/common/edit-schemas.ts), by their English sentence. */
const FIELD_BY_ENGLISH = new Map<string, CoreMessageCode>(
  (Object.entries(CORE_MESSAGES) as [CoreMessageCode, string][])
    .filter(([code, text]) => code.startsWith('field') && !text.includes('{{'))
    .map(([code, text]) => [text, code]),
);

/**
 * A validation issue as a coded message: a schema's own message by its sentence, else zod's check with its limit
 * (bounds as text: a bound may be a year). The issue's English `message` stays as zod or the schema wrote it.
 */
export function issueText(issue: IssueLike): CoreText {
  const own = FIELD_BY_ENGLISH.get(issue.message);
  if (own) return { messageCode: own, params: {} };
  const bound = (v: number | bigint | undefined): string => String(v ?? '');
  switch (issue.code) {
    case 'too_big':
      return {
        messageCode: issue.origin === 'string' ? 'fieldTooLong' : issue.origin === 'array' ? 'fieldTooMany' : 'fieldTooLarge',
        params: { max: bound(issue.maximum) },
      };
    case 'too_small':
      return {
        messageCode: issue.origin === 'string' ? 'fieldTooShort' : issue.origin === 'array' ? 'fieldTooFew' : 'fieldTooSmall',
        params: { min: bound(issue.minimum) },
      };
    case 'invalid_value':
      return { messageCode: 'fieldChoice', params: { choices: (issue.values ?? []).map(String).join(', ') } };
    case 'invalid_format':
      return { messageCode: issue.format === 'url' ? 'fieldUrl' : 'fieldInvalid', params: {} };
    case 'invalid_type':
      return { messageCode: 'fieldWrongType', params: { expected: issue.expected ?? '' } };
    case 'unrecognized_keys':
      return { messageCode: 'fieldUnknownKeys', params: { keys: (issue.keys ?? []).join(', ') } };
    default:
      return { messageCode: 'fieldInvalid', params: {} };
  }
}

/** The {{names}} of a template, sorted (the catalogues' test compares them). */
export function templateNames(template: string): string[] {
  return [...new Set([...template.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!))].sort();
}
