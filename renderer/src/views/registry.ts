import type { Component } from 'svelte';
import Overview from './overview/Overview.svelte';
import Briefings from './briefings/Briefings.svelte';
import Print from './print/Print.svelte';
import Sources from './sources/Sources.svelte';
import EventsView from './events/EventsView.svelte';
import LogisticsView from './logistics/LogisticsView.svelte';
import ProjectsView from './projects/ProjectsView.svelte';
import SectorsView from './sectors/SectorsView.svelte';
import TradeView from './trade/TradeView.svelte';
import DataView from './data/DataView.svelte';

export interface ViewEntry {
  id: string;
  label: string;
  component: Component;
  /** Shown in the sidebar (print layouts are routes too, but not listed). */
  inSidebar: boolean;
}

/** Every view of the app, in sidebar order. Adding a view = one line here. */
export const views: ViewEntry[] = [
  { id: 'overview', label: 'Overview', component: Overview, inSidebar: true },
  { id: 'trade', label: 'Trade balance', component: TradeView, inSidebar: true },
  { id: 'sectors', label: 'Export sectors', component: SectorsView, inSidebar: true },
  { id: 'projects', label: 'Cooperation projects', component: ProjectsView, inSidebar: true },
  { id: 'events', label: 'Events', component: EventsView, inSidebar: true },
  { id: 'logistics', label: 'Logistics', component: LogisticsView, inSidebar: true },
  { id: 'sources', label: 'Sources', component: Sources, inSidebar: true },
  { id: 'data', label: 'Data', component: DataView, inSidebar: true },
  { id: 'briefings', label: 'Briefings', component: Briefings, inSidebar: true },
  { id: 'print', label: 'Print', component: Print, inSidebar: false },
];
