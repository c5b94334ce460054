import { defineArea } from '../area.ts';
import { claimsContract } from './contract.ts';
import { claimsHandlers } from './queries.ts';

/** Claims of the sources checked against the loaded data. */
export const claimsArea = defineArea(claimsContract, claimsHandlers);
