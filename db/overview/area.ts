import { defineArea } from '../area.ts';
import { overviewContract } from './contract.ts';
import { overviewHandlers } from './queries.ts';

/** The Overview: the headline figures of the loaded data and what the database holds. */
export const overviewArea = defineArea(overviewContract, overviewHandlers);
