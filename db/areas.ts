/**
 * Every area of the API, each its contract and its handlers together (db/area.ts). The joined
 * contract (db/contract.ts) and the joined handlers (db/service.ts) are both built from this list:
 * adding an area is adding it here.
 */
import { briefingsArea } from './briefings/area.ts';
import { overviewArea } from './overview/area.ts';
import { sourcesArea } from './sources/area.ts';
import { tradeArea } from './trade/area.ts';
import { sectorsArea } from './sectors/area.ts';
import { projectsArea } from './projects/area.ts';
import { eventsArea } from './events/area.ts';
import { logisticsArea } from './logistics/area.ts';
import { importsArea } from './imports/area.ts';
import { editArea } from './edit/area.ts';
import { backupsArea } from './backups/area.ts';
import { exportsArea } from './exports/area.ts';
import { claimsArea } from './claims/area.ts';
import { partnersArea } from './partners/area.ts';
import { productsArea } from './products/area.ts';
import { dashboardsArea } from './dashboards/area.ts';

export const areas = [
  briefingsArea,
  overviewArea,
  sourcesArea,
  tradeArea,
  sectorsArea,
  projectsArea,
  eventsArea,
  logisticsArea,
  importsArea,
  editArea,
  backupsArea,
  exportsArea,
  claimsArea,
  partnersArea,
  productsArea,
  dashboardsArea,
] as const;
