import type { Component } from 'svelte';
import { DASHBOARD_DEFINITIONS } from '../../../db/common/dashboards.ts';

export interface ViewEntry {
  id: string;
  label: string;
  /** Loads the view's code on first use: a print window or a single view parses only what it shows. */
  load: () => Promise<{ default: Component }>;
  /** Shown in the sidebar (print layouts are routes too, but not listed). */
  inSidebar: boolean;
}

/** Each dashboard's view is the file views/<id>/<Name>View.svelte: found here, so a new dashboard needs no line in this file. */
const dashboardViews = import.meta.glob<{ default: Component }>('./*/*View.svelte');

function dashboardView(id: string): ViewEntry['load'] {
  const file = Object.keys(dashboardViews).find((f) => f.startsWith(`./${id}/`));
  const load = file === undefined ? undefined : dashboardViews[file];
  return load ?? (() => Promise.reject(new Error(`The ${id} dashboard has no view: views/${id}/<Name>View.svelte is missing.`)));
}

/** Every view of the app, in sidebar order: the dashboards (from their definitions), then the other views. */
export const views: ViewEntry[] = [
  ...DASHBOARD_DEFINITIONS.map((d) => ({ id: d.id, label: d.label, load: dashboardView(d.id), inSidebar: true })),
  { id: 'sources', label: 'Sources', load: () => import('./sources/Sources.svelte'), inSidebar: true },
  { id: 'data', label: 'Data', load: () => import('./data/DataView.svelte'), inSidebar: true },
  { id: 'briefings', label: 'Briefings', load: () => import('./briefings/Briefings.svelte'), inSidebar: true },
  { id: 'print', label: 'Print', load: () => import('./print/Print.svelte'), inSidebar: false },
];

/** The view a new window opens on: the first dashboard. */
export const FIRST_VIEW = DASHBOARD_DEFINITIONS[0].id;
