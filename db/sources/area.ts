import { defineArea } from '../area.ts';
import { sourcesContract } from './contract.ts';
import { sourcesHandlers } from './queries.ts';

/** Sources: every source with what cites it. */
export const sourcesArea = defineArea(sourcesContract, sourcesHandlers);
