/**
 * What the import panel holds between two showings of the Data view: the chosen file (its handle: the host forgets an
 * unused one after an hour, and the check then says to choose it again), the layout, sheet, encoding and mapping, and
 * the check's result. Leaving the view to look at another keeps them; a file handed to the view (File › Import… in the
 * desktop app) replaces them. In this window's memory only.
 */
import type { ImportFormat, ImportPreview, TextEncodingName } from '../../../../db/imports/contract.ts';
import type { UNIT_SCALES } from '../../../../db/common/import-layouts.ts';
import type { PickedFile } from '../../lib/api.ts';

export interface KeptImport {
  file: PickedFile | null;
  sheet: string;
  format: ImportFormat | '';
  encoding: TextEncodingName | '';
  publisher: string;
  mapping: Record<string, string>;
  /** The flows in one column (flow and value) or in two (exports and imports). */
  flowShape: 'long' | 'wide';
  valueUnit: keyof typeof UNIT_SCALES;
  preview: ImportPreview | null;
  onlyValidRows: boolean;
}

const blank = (): KeptImport => ({
  file: null,
  sheet: '',
  format: '',
  encoding: '',
  publisher: '',
  mapping: {},
  flowShape: 'long',
  valueUnit: 'USD',
  preview: null,
  onlyValidRows: true,
});

let kept = blank();

/**
 * The choices to show: those kept, or blank ones when the view is handed a file (`handed`, its handle); `release` gives
 * back a kept file that is not used any more.
 */
export function keptImport(handed: string | undefined, release: (file: PickedFile) => void): KeptImport {
  if (handed !== undefined && kept.file?.handle !== handed) {
    if (kept.file) release(kept.file);
    kept = blank();
  }
  return kept;
}
