/**
 * The import this window runs, for as long as it runs, whatever view shows: it is started from the Data view, but
 * leaving that view neither hides its progress nor loses its end. Its progress follows the host's job events from the
 * start to the end; the sidebar shows it while it runs (components/ImportStatus.svelte); its end is told in a notice
 * when the Data view is not showing (that view shows the summary; the words: import-outcome.ts), and every view then
 * reloads the figures it added.
 */
import type { Input } from '../../../../db/contract.ts';
import type { ImportProgress } from '../../../../db/imports/contract.ts';
import { api, onHostEvent } from '../api.ts';
import { dataChangedHere } from './data-version.svelte.ts';
import { notices } from './notices.svelte.ts';
import { router } from './router.svelte.ts';

class ImportJob {
  /** The latest import of this window: running, or how it ended (until the next starts). */
  progress = $state<ImportProgress | null>(null);
  readonly running = $derived(this.progress?.state === 'running');
  #unfollow: (() => void) | null = null;

  /** Starts an import; resolves once it is started (its progress then comes as it runs). Errors go to a notice. */
  async start(input: Input<'startImport'>, fileSize: number): Promise<boolean> {
    try {
      const { jobId } = await api().startImport(input);
      this.progress = {
        jobId,
        kind: 'import',
        state: 'running',
        phase: 'starting',
        queuePosition: null,
        bytesRead: 0,
        bytesTotal: fileSize,
        rowsRead: 0,
        rowsAdded: 0,
        rowsSkipped: 0,
        summary: null,
        error: null,
      };
      this.#unfollow?.();
      this.#unfollow = onHostEvent((event) => {
        if (event.type === 'job') this.#show(event.progress);
      });
      // Events pushed before the job id was known are read once; the rest arrive as events.
      this.#show(await api().importProgress({ jobId }));
      return true;
    } catch (error) {
      notices.error(error);
      return false;
    }
  }

  async cancel(): Promise<void> {
    if (!this.progress) return;
    try {
      await api().cancelImport({ jobId: this.progress.jobId });
    } catch (error) {
      notices.error(error);
    }
  }

  /** Clears how the last import ended (a new file is being checked); a running import stays. */
  forget(): void {
    if (!this.running) this.progress = null;
  }

  #show(next: ImportProgress): void {
    const current = this.progress;
    if (!current || next.jobId !== current.jobId || current.state !== 'running') return;
    this.progress = next;
    if (next.state === 'running') return;
    this.#unfollow?.();
    this.#unfollow = null;
    const away = router.route.view !== 'data';
    if (next.state === 'done') dataChangedHere();
    void import('../import-outcome.ts').then(({ endNotice }) => {
      const notice = endNotice(next, away);
      if (notice) notices.push(notice.kind, notice.text);
    });
  }
}

export const importJob = new ImportJob();
