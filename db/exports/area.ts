import { defineArea } from '../area.ts';
import { exportsContract } from './contract.ts';
import { exportsHandlers } from './queries.ts';

/** Data out: tables, trade flows, packs, a copy of the database, a dashboard's data. */
export const exportsArea = defineArea(exportsContract, exportsHandlers);
