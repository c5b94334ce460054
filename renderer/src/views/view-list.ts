/**
 * The app's views, in sidebar order, without their code: the dashboards (from their definitions), then the other
 * views. Pure, so that tests and benchmarks in Node read the same list the app shows; views/registry.ts adds how
 * each view's code is loaded.
 */
import { DASHBOARD_DEFINITIONS } from '../../../db/common/dashboards.ts';

export interface ViewInfo {
  id: string;
  /** The English title (the page shows the active language's: i18n/vocabulary.ts). */
  label: string;
  /** Shown in the sidebar (print layouts are routes too, but not listed). */
  inSidebar: boolean;
}

export const VIEW_LIST: readonly ViewInfo[] = [
  ...DASHBOARD_DEFINITIONS.map((d) => ({ id: d.id, label: d.label, inSidebar: true })),
  { id: 'sources', label: 'Sources', inSidebar: true },
  { id: 'data', label: 'Data', inSidebar: true },
  { id: 'briefings', label: 'Briefings', inSidebar: true },
  { id: 'print', label: 'Print', inSidebar: false },
];

/** The view a new window opens on: the first dashboard. */
export const FIRST_VIEW = DASHBOARD_DEFINITIONS[0].id;
