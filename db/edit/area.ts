import { defineArea } from '../area.ts';
import { editContract } from './contract.ts';
import { editHandlers } from './queries.ts';

/** Editing sources, projects, events, routes and sectors, with the edit log. */
export const editArea = defineArea(editContract, editHandlers);
