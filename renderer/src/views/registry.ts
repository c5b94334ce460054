import type { Component } from 'svelte';
import { completeEnglish } from '../i18n/i18n.svelte.ts';
import { FIRST_VIEW, VIEW_LIST, type ViewInfo } from './view-list.ts';

export { FIRST_VIEW };

export interface ViewEntry extends ViewInfo {
  /** Loads the view's code on first use: a print window or a single view parses only what it shows. */
  load: () => Promise<{ default: Component }>;
}

/** Each dashboard's view is the file views/<id>/<Name>View.svelte: found here, so a new dashboard needs no line in this file. */
const dashboardViews = import.meta.glob<{ default: Component }>('./*/*View.svelte');

function dashboardView(id: string): ViewEntry['load'] {
  const file = Object.keys(dashboardViews).find((f) => f.startsWith(`./${id}/`));
  const load = file === undefined ? undefined : dashboardViews[file];
  return load ?? (() => Promise.reject(new Error(`The ${id} dashboard has no view: views/${id}/<Name>View.svelte is missing.`)));
}

const OTHER_VIEWS: Record<string, ViewEntry['load']> = {
  sources: () => import('./sources/Sources.svelte'),
  data: () => import('./data/DataView.svelte'),
  briefings: () => import('./briefings/Briefings.svelte'),
  print: () => import('./print/Print.svelte'),
};

/**
 * A view's code with the English messages the first paint leaves out (i18n/messages/en-first.ts): only the first view
 * draws with the first paint's messages alone.
 */
function withMessages(id: string, load: ViewEntry['load']): ViewEntry['load'] {
  if (id === FIRST_VIEW) return load;
  return () => Promise.all([load(), completeEnglish()]).then(([view]) => view);
}

/** Every view of the app, in sidebar order, with its code's loader. */
export const views: ViewEntry[] = VIEW_LIST.map((v) => ({ ...v, load: withMessages(v.id, OTHER_VIEWS[v.id] ?? dashboardView(v.id)) }));
