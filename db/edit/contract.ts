/**
 * Editing the curated data: add, change and delete sources, projects (and batches), events,
 * routes and sectors with their HS mappings. Every change is recorded in the edit log (who, what,
 * when, before and after) in the same transaction.
 */
import { z } from 'zod';
import { method } from '../method.ts';
import { eventInput, projectInput, routeInput, sectorInput, sourceInput } from '../common/edit-schemas.ts';

// The schemas live in schemas.ts (pure: zod only) so the renderer's forms validate with the very same rules.
export { eventInput, projectInput, routeInput, sectorInput, sourceInput };

const id = z.string().min(1).max(200);

export interface EditLogEntry {
  id: number;
  at: string;
  userName: string;
  action: 'create' | 'update' | 'delete';
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

export interface PlaceOption {
  id: string;
  name: string;
  kind: string;
  economyCode: string;
}

const byId = z.object({ id }).strict();

export const editContract = {
  saveSource: method<{ id: string }>()(sourceInput),
  deleteSource: method<{ deleted: boolean }>()(byId),
  saveProject: method<{ id: string }>()(projectInput),
  deleteProject: method<{ deleted: boolean }>()(byId),
  saveEvent: method<{ id: string }>()(eventInput),
  deleteEvent: method<{ deleted: boolean }>()(byId),
  saveRoute: method<{ id: string }>()(routeInput),
  deleteRoute: method<{ deleted: boolean }>()(byId),
  saveSector: method<{ id: string }>()(sectorInput),
  deleteSector: method<{ deleted: boolean }>()(byId),
  /** Sectors with their HS mappings, for the edit forms. */
  listSectorMappings: method<
    {
      id: string;
      name: string;
      description: string | null;
      hs: { code: string; description: string | null; sourceId: string | null; note: string | null }[];
    }[]
  >()(z.object({}).strict()),
  listPlaces: method<PlaceOption[]>()(z.object({}).strict()),
  /** The latest changes, newest first. */
  listEditLog: method<EditLogEntry[]>()(
    z.object({ limit: z.number().int().min(1).max(1000).default(100), entity: z.string().max(40).optional() }).strict(),
  ),
};
