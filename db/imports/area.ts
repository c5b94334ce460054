import { defineArea } from '../area.ts';
import { importsContract } from './contract.ts';
import { importsHandlers } from './queries.ts';

/** Data in: trade files and packs imported in a worker, progress, undo. */
export const importsArea = defineArea(importsContract, importsHandlers);
