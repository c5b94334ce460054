import { defineArea } from '../area.ts';
import { backupsContract } from './contract.ts';
import { backupsHandlers } from './queries.ts';

/** Backups: the list, restoring one, how many are kept. */
export const backupsArea = defineArea(backupsContract, backupsHandlers);
