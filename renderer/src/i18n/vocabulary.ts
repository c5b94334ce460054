import { DASHBOARDS, type Dashboard } from '../../../db/common/dashboards.ts';
import { isOneOf } from '../../../db/common/vocabulary.ts';
import type { MessageKey } from './messages/types.ts';

/** A dashboard's title, by its id (the English titles are DASHBOARD_TITLES, which en.ts takes). */
export function dashboardTitleKey<D extends Dashboard>(dashboard: D): `dashboard.${D}` {
  return `dashboard.${dashboard}`;
}

const OTHER_VIEWS: Record<string, MessageKey> = {
  sources: 'view.sources',
  data: 'view.data',
  briefings: 'view.briefings',
  print: 'view.print',
};

/** A view's title for the sidebar and the window title: a dashboard's, or another view's. */
export function viewTitleKey(id: string): MessageKey | undefined {
  return isOneOf(DASHBOARDS, id) ? dashboardTitleKey(id) : OTHER_VIEWS[id];
}
