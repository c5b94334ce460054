import { defineArea } from '../area.ts';
import { projectsContract } from './contract.ts';
import { projectsHandlers } from './queries.ts';

/** Cooperation projects and batches, by field. */
export const projectsArea = defineArea(projectsContract, projectsHandlers);
