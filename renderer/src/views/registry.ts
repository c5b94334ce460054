import type { Component } from 'svelte';
import { DASHBOARD_TITLES } from '../../../db/common/vocabulary.ts';

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
  { id: 'overview', label: DASHBOARD_TITLES.overview, load: () => import('./overview/Overview.svelte'), inSidebar: true },
  { id: 'trade', label: DASHBOARD_TITLES.trade, load: () => import('./trade/TradeView.svelte'), inSidebar: true },
  { id: 'monthly', label: DASHBOARD_TITLES.monthly, load: () => import('./monthly/MonthlyView.svelte'), inSidebar: true },
  { id: 'partners', label: DASHBOARD_TITLES.partners, load: () => import('./partners/PartnersView.svelte'), inSidebar: true },
  { id: 'products', label: DASHBOARD_TITLES.products, load: () => import('./products/ProductsView.svelte'), inSidebar: true },
  { id: 'sectors', label: DASHBOARD_TITLES.sectors, load: () => import('./sectors/SectorsView.svelte'), inSidebar: true },
  { id: 'projects', label: DASHBOARD_TITLES.projects, load: () => import('./projects/ProjectsView.svelte'), inSidebar: true },
  { id: 'events', label: DASHBOARD_TITLES.events, load: () => import('./events/EventsView.svelte'), inSidebar: true },
  { id: 'logistics', label: DASHBOARD_TITLES.logistics, load: () => import('./logistics/LogisticsView.svelte'), inSidebar: true },
  { id: 'sources', label: 'Sources', load: () => import('./sources/Sources.svelte'), inSidebar: true },
  { id: 'data', label: 'Data', load: () => import('./data/DataView.svelte'), inSidebar: true },
  { id: 'briefings', label: 'Briefings', load: () => import('./briefings/Briefings.svelte'), inSidebar: true },
  { id: 'print', label: 'Print', load: () => import('./print/Print.svelte'), inSidebar: false },
];
