/**
 * Autosave: each pending change is saved after a pause in typing (debounce); every pending change is
 * saved at once when the page is hidden or closed (visibilitychange, pagehide, beforeunload), so
 * nothing typed is lost when the window closes. A later change to the same key replaces the earlier one.
 */
import { errorText } from '../../i18n/i18n.svelte.ts';

export type SaveState = 'saved' | 'pending' | 'saving' | 'error';

export class Autosave {
  state = $state<SaveState>('saved');
  lastError = $state<string | null>(null);
  readonly #delay: number;
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- timers, not state: nothing renders from this map
  readonly #pending = new Map<string, { timer: ReturnType<typeof setTimeout>; run: () => Promise<unknown> }>();
  #inFlight = 0;
  readonly #onError: (error: unknown) => void;
  readonly #flushNow = (): void => void this.flush();
  readonly #onVisibility = (): void => {
    if (document.visibilityState === 'hidden') void this.flush();
  };

  constructor(options: { delay?: number; onError: (error: unknown) => void }) {
    this.#delay = options.delay ?? 600;
    this.#onError = options.onError;
    window.addEventListener('beforeunload', this.#flushNow);
    window.addEventListener('pagehide', this.#flushNow);
    document.addEventListener('visibilitychange', this.#onVisibility);
  }

  /** Saves `run` after the pause; replaces a pending save of the same key. */
  schedule(key: string, run: () => Promise<unknown>): void {
    const existing = this.#pending.get(key);
    if (existing) clearTimeout(existing.timer);
    const timer = setTimeout(() => void this.#run(key), this.#delay);
    this.#pending.set(key, { timer, run });
    this.state = 'pending';
  }

  async #run(key: string): Promise<void> {
    const entry = this.#pending.get(key);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.#pending.delete(key);
    this.#inFlight++;
    this.state = 'saving';
    try {
      await entry.run();
      this.lastError = null;
    } catch (error) {
      this.lastError = errorText(error);
      this.#onError(error);
    } finally {
      this.#inFlight--;
      if (this.#inFlight === 0 && this.#pending.size === 0) this.state = this.lastError ? 'error' : 'saved';
    }
  }

  /** Saves every pending change now (the requests leave synchronously, before an unload completes). */
  async flush(): Promise<void> {
    await Promise.all([...this.#pending.keys()].map((key) => this.#run(key)));
  }

  get hasPending(): boolean {
    return this.#pending.size > 0;
  }

  /** Saves what is pending and stops listening (the view closes). */
  dispose(): void {
    void this.flush();
    window.removeEventListener('beforeunload', this.#flushNow);
    window.removeEventListener('pagehide', this.#flushNow);
    document.removeEventListener('visibilitychange', this.#onVisibility);
  }
}
