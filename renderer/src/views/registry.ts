import type { Component } from 'svelte';

export interface ViewEntry {
  id: string;
  label: string;
  /** Loads the view's code on first use: a print window or a single view parses only what it shows. */
  load: () => Promise<{ default: Component }>;
  /** Shown in the sidebar (print layouts are routes too, but not listed). */
  inSidebar: boolean;
}

/** Every view of the app, in sidebar order. Adding a view = one line here. */
export const views: ViewEntry[] = [
  { id: 'overview', label: 'Overview', load: () => import('./overview/Overview.svelte'), inSidebar: true },
  { id: 'trade', label: 'Trade balance', load: () => import('./trade/TradeView.svelte'), inSidebar: true },
  { id: 'monthly', label: 'Monthly trade', load: () => import('./monthly/MonthlyView.svelte'), inSidebar: true },
  { id: 'partners', label: 'Partners', load: () => import('./partners/PartnersView.svelte'), inSidebar: true },
  { id: 'sectors', label: 'Export sectors', load: () => import('./sectors/SectorsView.svelte'), inSidebar: true },
  { id: 'projects', label: 'Cooperation projects', load: () => import('./projects/ProjectsView.svelte'), inSidebar: true },
  { id: 'events', label: 'Events', load: () => import('./events/EventsView.svelte'), inSidebar: true },
  { id: 'logistics', label: 'Logistics', load: () => import('./logistics/LogisticsView.svelte'), inSidebar: true },
  { id: 'sources', label: 'Sources', load: () => import('./sources/Sources.svelte'), inSidebar: true },
  { id: 'data', label: 'Data', load: () => import('./data/DataView.svelte'), inSidebar: true },
  { id: 'briefings', label: 'Briefings', load: () => import('./briefings/Briefings.svelte'), inSidebar: true },
  { id: 'print', label: 'Print', load: () => import('./print/Print.svelte'), inSidebar: false },
];
