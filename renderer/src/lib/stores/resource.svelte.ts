import { dataVersion } from './data-version.svelte.ts';
import { errorText } from '../../i18n/i18n.svelte.ts';

/**
 * Loads data for a view and re-loads when the reactive values read by `load` change
 * (read them before the first `await`). Exposes loading, error and data for the
 * view's loading/error/empty states. Call during component initialisation.
 */
export interface Resource<T> {
  readonly loading: boolean;
  readonly error: string | null;
  readonly data: T | undefined;
  reload(): void;
}

export function resource<T>(load: () => Promise<T>): Resource<T> {
  // The error as it came (written when read, so that it follows a language chosen after it).
  const state = $state({ loading: true, failure: null as { error: unknown } | null, version: 0 });
  // Raw: a view model is replaced whole on each load, never changed in place; a deep proxy would wrap every row and
  // figure of it, and every read of them while drawing would go through the proxy.
  let data = $state.raw<T | undefined>(undefined);
  $effect(() => {
    void state.version;
    // Another window changed the data: load again.
    void dataVersion.current;
    let cancelled = false;
    state.loading = true;
    load().then(
      (loaded) => {
        if (cancelled) return;
        data = loaded;
        state.failure = null;
        state.loading = false;
      },
      (error: unknown) => {
        if (cancelled) return;
        state.failure = { error };
        state.loading = false;
      },
    );
    return () => {
      cancelled = true;
    };
  });
  return {
    get loading() {
      return state.loading;
    },
    get error() {
      return state.failure ? errorText(state.failure.error) : null;
    },
    get data() {
      return data;
    },
    reload: () => {
      state.version++;
    },
  };
}
