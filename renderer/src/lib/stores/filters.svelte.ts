/**
 * The dashboards' shared filters (reporter, partner, from, to). The URL query is the truth, so a
 * view can be reopened exactly; the last values are also kept in localStorage and carried to the
 * next view opened from the sidebar (whose links have no query).
 */
import { pairFilters, queryValue } from '../../../../db/common/dashboard-filters.ts';
import { router } from './router.svelte.ts';

const STORAGE_KEY = 'tradebrief.filters';
/** The pair filters' schema (db/common/dashboards.ts) names the keys and checks their values. */
export type FilterKey = keyof typeof pairFilters.shape;
export const FILTER_KEYS = Object.keys(pairFilters.shape) as FilterKey[];
export type FilterValues = Partial<Record<FilterKey, string>>;

function load(): FilterValues {
  try {
    const raw = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as Record<string, unknown>;
    const out: FilterValues = {};
    for (const k of FILTER_KEYS) if (typeof raw[k] === 'string' && raw[k]) out[k] = raw[k];
    return out;
  } catch {
    return {};
  }
}

function valid(key: FilterKey, value: string | undefined): string | undefined {
  return queryValue(pairFilters.shape[key], value) === undefined ? undefined : value;
}

class Filters {
  saved = $state<FilterValues>(load());

  #get(key: FilterKey): string | undefined {
    return valid(key, router.route.query[key]) ?? valid(key, this.saved[key]);
  }

  get reporter(): string | undefined {
    return this.#get('reporter');
  }
  get partner(): string | undefined {
    return this.#get('partner');
  }
  get from(): number | undefined {
    const v = this.#get('from');
    return v ? Number(v) : undefined;
  }
  get to(): number | undefined {
    const v = this.#get('to');
    return v ? Number(v) : undefined;
  }

  /** Changes filters: in the URL (no history entry per change) and in localStorage. Empty values clear. */
  set(changes: Partial<Record<FilterKey, string | number | null | undefined>>): void {
    const next: FilterValues = { ...this.saved };
    const query: Record<string, string | null> = {};
    for (const k of FILTER_KEYS) {
      if (!(k in changes)) continue;
      const v = changes[k];
      const s = v === null || v === undefined || v === '' ? undefined : String(v);
      if (s === undefined) delete next[k];
      else next[k] = s;
      query[k] = s ?? null;
    }
    this.saved = next;
    localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    router.setQuery(query);
  }

  /** Puts the remembered filters into the URL of the view just opened, and remembers those the URL brought. */
  sync(): void {
    const fromUrl: FilterValues = {};
    const missing: Record<string, string> = {};
    for (const k of FILTER_KEYS) {
      const inUrl = valid(k, router.route.query[k]);
      if (inUrl) fromUrl[k] = inUrl;
      else if (this.saved[k]) missing[k] = this.saved[k];
    }
    if (Object.keys(fromUrl).length > 0) {
      this.saved = { ...this.saved, ...fromUrl };
      localStorage.setItem(STORAGE_KEY, JSON.stringify(this.saved));
    }
    if (Object.keys(missing).length > 0) router.setQuery(missing);
  }
}

export const filters = new Filters();
