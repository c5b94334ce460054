/**
 * What the native Open and Save dialogs offer, from the file kinds shared with the core and the page
 * (db/common/file-kinds.ts). Pure: tested without Electron.
 */
import { basename } from 'node:path';
import { OPEN_KINDS, SAVE_KINDS, suggestedFileName, type OpenKind, type SaveKind } from '../../db/common/file-kinds.ts';
import { MAIN_MESSAGES, type MainMessages, type MainText } from './messages.ts';

export interface DialogFilter {
  name: string;
  extensions: string[];
}

/** The kinds' names in main's words (the English ones are file-kinds.ts's labels). */
const openName = (kind: OpenKind, words: MainMessages): string => (kind === 'pack' ? words.filterPack : words.filterTradeData);
const SAVE_NAMES: Record<SaveKind, MainText> = {
  csv: 'filterCsv',
  xlsx: 'filterXlsx',
  zip: 'filterZip',
  pack: 'filterPack',
  pdf: 'filterPdf',
  database: 'filterDatabase',
  png: 'filterPng',
};

/** One filter per kind (and first, when there are several, one for all of them), then "All files"; in `words`' language. */
export function openFilters(kinds: readonly OpenKind[], words: MainMessages = MAIN_MESSAGES.en): DialogFilter[] {
  const each = kinds.map((k) => ({ name: openName(k, words), extensions: [...OPEN_KINDS[k].extensions] }));
  const all = { name: words.filterAllFiles, extensions: ['*'] };
  if (each.length < 2) return [...each, all];
  return [{ name: words.filterTradeOrPack, extensions: each.flatMap((f) => f.extensions) }, ...each, all];
}

/** A Save dialog offers the kind's own format only: the core writes that format whatever the name. */
export function saveFilters(kind: SaveKind, words: MainMessages = MAIN_MESSAGES.en): DialogFilter[] {
  return [{ name: words[SAVE_NAMES[kind]], extensions: [...SAVE_KINDS[kind].extensions] }];
}

/**
 * The file name a Save dialog starts with, from the name the page or the menu suggests: no folder
 * (a suggestion cannot choose where), not hidden, no characters a file system refuses, the kind's extension.
 */
export function defaultSaveName(suggested: string, kind: SaveKind): string {
  return suggestedFileName(basename(suggested.replaceAll('\\', '/')).replace(/^[.\s]+/, ''), kind);
}
