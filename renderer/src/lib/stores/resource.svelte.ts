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
  const state = $state({ loading: true, error: null as string | null, data: undefined as T | undefined, version: 0 });
  $effect(() => {
    void state.version;
    // Another window changed the data: load again.
    void dataVersion.current;
    let cancelled = false;
    state.loading = true;
    load().then(
      (data) => {
        if (cancelled) return;
        state.data = data;
        state.error = null;
        state.loading = false;
      },
      (error: unknown) => {
        if (cancelled) return;
        state.error = errorText(error);
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
      return state.error;
    },
    get data() {
      return state.data;
    },
    reload: () => {
      state.version++;
    },
  };
}
