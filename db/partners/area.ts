import { defineArea } from '../area.ts';
import { partnersContract } from './contract.ts';
import { partnersHandlers } from './queries.ts';

/** Partners: ranking, rank history, partners compared, shares. */
export const partnersArea = defineArea(partnersContract, partnersHandlers);
