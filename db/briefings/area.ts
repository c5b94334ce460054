import { defineArea } from '../area.ts';
import { briefingsContract } from './contract.ts';
import { briefingsHandlers } from './queries.ts';

/** Briefings: composed documents of blocks, their sources numbered, printed to PDF. */
export const briefingsArea = defineArea(briefingsContract, briefingsHandlers);
