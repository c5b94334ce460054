import { defineArea } from '../area.ts';
import { sectorsContract } from './contract.ts';
import { sectorsHandlers } from './queries.ts';

/** Export sectors: priority sectors, the HS codes behind each, their figures. */
export const sectorsArea = defineArea(sectorsContract, sectorsHandlers);
