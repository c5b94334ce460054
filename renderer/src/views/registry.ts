import type { Component } from 'svelte';
import Overview from './overview/Overview.svelte';
import Placeholder from './Placeholder.svelte';
import Sources from './sources/Sources.svelte';

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
  { id: 'trade', label: 'Trade balance', component: Placeholder, inSidebar: true },
  { id: 'sectors', label: 'Export sectors', component: Placeholder, inSidebar: true },
  { id: 'projects', label: 'Cooperation projects', component: Placeholder, inSidebar: true },
  { id: 'events', label: 'Events', component: Placeholder, inSidebar: true },
  { id: 'logistics', label: 'Logistics', component: Placeholder, inSidebar: true },
  { id: 'sources', label: 'Sources', component: Sources, inSidebar: true },
  { id: 'briefings', label: 'Briefings', component: Placeholder, inSidebar: true },
];
