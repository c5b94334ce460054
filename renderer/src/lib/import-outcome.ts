/**
 * An import's end in words: what the Data view shows in bold and after it, and what a notice says when the import
 * ended while another view showed. Apart from the import's state (stores/import-job.svelte.ts), which the shell's
 * sidebar reads from the first paint: these words load with the Data view, or when an import ends.
 */
import type { ImportProgress, ImportSummary } from '../../../db/imports/contract.ts';
import { integer } from './format.ts';
import { t, tCore, tCount } from '../i18n/i18n.svelte.ts';

export function outcomeText(s: ImportSummary): { title: string; detail: string } {
  switch (s.outcome) {
    case 'imported':
      return {
        // A wide file's row gives up to two figures: what was added is counted as figures, not rows.
        title: s.wide
          ? t('import.importedFigures', { figures: integer(s.rowsAdded) })
          : t('import.imported', { rows: integer(s.rowsAdded) }),
        detail: t('import.importedFrom', { file: s.fileName, skipped: integer(s.rowsSkipped), source: s.sourceLabel ?? '' }),
      };
    case 'already-imported':
      return { title: t('import.already'), detail: t('import.alreadyDetail', { id: s.importId ?? '' }) };
    case 'no-rows':
      return { title: t('import.noRows'), detail: s.reasonText ? tCore(s.reasonText) : (s.reason ?? '') };
    case 'nothing':
      return { title: t('import.nothing'), detail: tCount('import.nothingDetail', s.problemCount, { count: integer(s.problemCount) }) };
  }
}

/**
 * The notice for an import that ended: its error always; how it ended only when `away` (the Data view, which shows
 * the summary, is not showing).
 */
export function endNotice(p: ImportProgress, away: boolean): { kind: 'info' | 'error'; text: string } | null {
  if (p.state === 'failed') return p.error ? { kind: 'error', text: tCore(p.error) } : null;
  if (!away) return null;
  if (p.state === 'cancelled') return { kind: 'info', text: t('import.cancelled') };
  if (p.state === 'done' && p.summary) {
    const { title, detail } = outcomeText(p.summary);
    return { kind: 'info', text: `${title} ${detail}` };
  }
  return null;
}
