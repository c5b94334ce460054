import { defineArea } from '../area.ts';
import { logisticsContract } from './contract.ts';
import { logisticsHandlers } from './queries.ts';

/** Logistics: routes and their legs. */
export const logisticsArea = defineArea(logisticsContract, logisticsHandlers);
