import type { Context } from './context.ts';
import type { Handlers } from './contract.ts';
import { briefingsHandlers } from './briefings/queries.ts';
import { overviewHandlers } from './overview/queries.ts';
import { sourcesHandlers } from './sources/queries.ts';
import { tradeHandlers } from './trade/queries.ts';
import { eventsHandlers } from './events/queries.ts';
import { logisticsHandlers } from './logistics/queries.ts';
import { projectsHandlers } from './projects/queries.ts';
import { sectorsHandlers } from './sectors/queries.ts';
import { tradeDashboardHandlers } from './trade/queries.ts';
import { importsHandlers } from './imports/queries.ts';
import { editHandlers } from './edit/queries.ts';
import { backupsHandlers } from './backups/queries.ts';
import { exportsHandlers } from './exports/queries.ts';
import { claimsHandlers } from './claims/queries.ts';
import { partnersHandlers } from './partners/queries.ts';
import { dashboardsHandlers } from './dashboards/data.ts';

/** The data core's implementation of the contract: every area's handlers, joined. */
export function createHandlers(ctx: Context): Handlers {
  return {
    ...briefingsHandlers(ctx),
    ...overviewHandlers(ctx),
    ...sourcesHandlers(ctx),
    ...tradeHandlers(ctx),
    ...tradeDashboardHandlers(ctx),
    ...sectorsHandlers(ctx),
    ...projectsHandlers(ctx),
    ...eventsHandlers(ctx),
    ...logisticsHandlers(ctx),
    ...importsHandlers(ctx),
    ...editHandlers(ctx),
    ...backupsHandlers(ctx),
    ...exportsHandlers(ctx),
    ...claimsHandlers(ctx),
    ...partnersHandlers(ctx),
    ...dashboardsHandlers(ctx),
  } satisfies Handlers;
}
