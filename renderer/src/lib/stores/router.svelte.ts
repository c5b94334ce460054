/**
 * Hash routing: `#/<view>[/<rest>]?<query>`. The query holds view state (filters) so a view can
 * be reopened exactly; the last view is remembered across launches.
 */
const LAST_VIEW_KEY = 'tradebrief.lastRoute';

export interface Route {
  /** First path segment: 'overview', 'trade', 'print', … */
  view: string;
  /** Remaining path segments. */
  rest: string[];
  query: Readonly<Record<string, string>>;
}

function parse(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const [path = '', search = ''] = raw.split('?', 2);
  const [view = '', ...rest] = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { view, rest, query: Object.fromEntries(new URLSearchParams(search)) };
}

export function hrefFor(view: string, query: Record<string, string | number | undefined | null> = {}, rest: string[] = []): string {
  const kept = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => [k, String(v)]);
  const path = [view, ...rest].map(encodeURIComponent).join('/');
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a throwaway encoder, not state
  const search = new URLSearchParams(kept).toString();
  return `#/${path}${search ? `?${search}` : ''}`;
}

class Router {
  route = $state<Route>(parse(''));

  start(defaultView: string): void {
    const apply = (): void => {
      const route = parse(location.hash);
      if (!route.view) {
        const last = localStorage.getItem(LAST_VIEW_KEY);
        location.replace(last && last.startsWith('#/') && !last.startsWith('#/print') ? last : `#/${defaultView}`);
        return;
      }
      this.route = route;
      if (route.view !== 'print') localStorage.setItem(LAST_VIEW_KEY, location.hash);
    };
    window.addEventListener('hashchange', apply);
    apply();
  }

  /** Updates query parameters of the current view without adding a history entry per keystroke. */
  setQuery(changes: Record<string, string | number | null | undefined>): void {
    const query = { ...this.route.query, ...changes };
    const href = hrefFor(this.route.view, query, this.route.rest);
    history.replaceState(null, '', href);
    this.route = parse(href);
    localStorage.setItem(LAST_VIEW_KEY, href);
  }
}

export const router = new Router();
