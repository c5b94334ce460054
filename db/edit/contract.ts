/**
 * Editing the curated data: add, change and delete sources, projects (and batches), events,
 * routes and sectors with their HS mappings. Every change is recorded in the edit log (who, what,
 * when, before and after) in the same transaction.
 */
import { z } from 'zod';
import { method } from '../method.ts';

const id = z.string().min(1).max(200);
const text = z.string().trim().min(1).max(4000);
const optText = z.string().trim().max(4000).optional();
const economy = z.string().regex(/^([A-Z]{3}|[A-Z]{2}-[A-Z0-9]{1,3})$/, 'an ISO 3166 code such as KOR, CHN or CN-SD');
const hsCode = z.string().regex(/^(\d{2}|\d{4}|\d{6})$/, 'an HS code of 2, 4 or 6 digits');

/** A calendar date at a precision: day YYYY-MM-DD, month YYYY-MM (with an optional part), year YYYY. */
const preciseDate = z.discriminatedUnion('precision', [
  z.object({ precision: z.literal('day'), value: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a day as YYYY-MM-DD') }).strict(),
  z.object({ precision: z.literal('month'), value: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM'), part: z.enum(['early', 'mid', 'late']).optional() }).strict(),
  z.object({ precision: z.literal('year'), value: z.string().regex(/^\d{4}$/, 'a year as YYYY') }).strict(),
]);

export const sourceInput = z.object({
  /** Absent: a new source. */
  id: id.optional(),
  label: z.string().trim().min(1).max(16),
  publisher: text,
  title: text,
  published: z.discriminatedUnion('precision', [preciseDate.options[0], preciseDate.options[1].omit({ part: true }).strict(), preciseDate.options[2]]).optional(),
  url: z.string().trim().url().refine((u) => /^https?:/.test(u), 'an http(s) address').optional(),
  note: optText,
}).strict();

export const projectInput = z.object({
  id: id.optional(),
  title: text,
  /** A batch of projects whose split is not reported has count > 1. */
  count: z.number().int().min(1).default(1),
  partnerCode: economy,
  counterpartCode: economy.optional(),
  status: z.enum(['planned', 'signed', 'in-progress', 'completed', 'cancelled']),
  signed: preciseDate.optional(),
  valueUsd: z.number().finite().nonnegative().optional(),
  fields: z.array(text).max(50).default([]),
  note: optText,
  sourceId: id,
}).strict();

export const eventInput = z.object({
  id: id.optional(),
  kind: z.enum(['meeting', 'business-meeting', 'forum', 'fair', 'exhibition', 'visit', 'other']),
  title: text,
  placeText: optText,
  countryCode: economy.optional(),
  date: preciseDate,
  sectors: z.array(text).max(50).default([]),
  note: optText,
  sourceId: id,
}).strict();

export const routeInput = z.object({
  id: id.optional(),
  name: text,
  transitDays: z.object({ min: z.number().int().min(0), max: z.number().int().min(0) }).strict()
    .refine((d) => d.max >= d.min, { message: 'max must be at least min', path: ['max'] }).optional(),
  transitBasis: optText,
  legs: z.array(z.object({
    mode: z.enum(['sea', 'rail', 'road', 'air']),
    fromPlaceId: id,
    toPlaceId: id,
    label: optText,
  }).strict()).min(1, 'a route has at least one leg'),
  note: optText,
  sourceId: id,
}).strict();

export const sectorInput = z.object({
  id: id.optional(),
  name: text,
  description: optText,
  hs: z.array(z.object({ code: hsCode, description: optText, sourceId: id.optional(), note: optText }).strict()).max(500).default([]),
}).strict()
  .refine((s) => new Set(s.hs.map((h) => h.code)).size === s.hs.length, { message: 'each HS code once', path: ['hs'] });

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
  listSectorMappings: method<{ id: string; name: string; description: string | null; hs: { code: string; description: string | null; sourceId: string | null; note: string | null }[] }[]>()(
    z.object({}).strict(),
  ),
  listPlaces: method<PlaceOption[]>()(z.object({}).strict()),
  /** The latest changes, newest first. */
  listEditLog: method<EditLogEntry[]>()(z.object({ limit: z.number().int().min(1).max(1000).default(100), entity: z.string().max(40).optional() }).strict()),
};
