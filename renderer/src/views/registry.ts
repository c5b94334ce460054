import type { Component } from 'svelte';
import { VIEW_LIST, type ViewInfo } from './view-list.ts';

export { FIRST_VIEW } from './view-list.ts';

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

/** Every view of the app, in sidebar order, with its code's loader. */
export const views: ViewEntry[] = VIEW_LIST.map((v) => ({ ...v, load: OTHER_VIEWS[v.id] ?? dashboardView(v.id) }));
