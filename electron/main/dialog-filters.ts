/**
 * What the native Open and Save dialogs offer, from the file kinds shared with the core and the page
 * (db/common/file-kinds.ts). Pure: tested without Electron.
 */
import { basename } from 'node:path';
import { OPEN_KINDS, SAVE_KINDS, suggestedFileName, type OpenKind, type SaveKind } from '../../db/common/file-kinds.ts';

export interface DialogFilter {
  name: string;
  extensions: string[];
}

const ALL_FILES: DialogFilter = { name: 'All files', extensions: ['*'] };

/** One filter per kind (and first, when there are several, one for all of them), then "All files". */
export function openFilters(kinds: readonly OpenKind[]): DialogFilter[] {
  const each = kinds.map((k) => ({ name: OPEN_KINDS[k].label, extensions: [...OPEN_KINDS[k].extensions] }));
  if (each.length < 2) return [...each, ALL_FILES];
  return [{ name: 'Trade data or briefing pack', extensions: each.flatMap((f) => f.extensions) }, ...each, ALL_FILES];
}

/** A Save dialog offers the kind's own format only: the core writes that format whatever the name. */
export function saveFilters(kind: SaveKind): DialogFilter[] {
  return [{ name: SAVE_KINDS[kind].label, extensions: [...SAVE_KINDS[kind].extensions] }];
}

/**
 * The file name a Save dialog starts with, from the name the page or the menu suggests: no folder
 * (a suggestion cannot choose where), not hidden, no characters a file system refuses, the kind's extension.
 */
export function defaultSaveName(suggested: string, kind: SaveKind): string {
  return suggestedFileName(basename(suggested.replaceAll('\\', '/')).replace(/^[.\s]+/, ''), kind);
}
