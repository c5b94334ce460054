import { z } from 'zod';
import { method } from '../method.ts';
import type { EconomyRef, SourceRef } from '../shared-types.ts';

export interface RoutePlace {
  id: string;
  name: string;
  kind: 'city' | 'port' | 'office' | 'venue';
  economy: EconomyRef;
}

export interface RouteItem {
  id: string;
  name: string;
  legs: { position: number; mode: 'sea' | 'rail' | 'road' | 'air'; from: RoutePlace; to: RoutePlace; label: string | null }[];
  /** The transit time as a range of days, as the source states it (null when not stated). */
  transitDays: { min: number; max: number } | null;
  transitBasis: string | null;
  note: string | null;
  source: SourceRef;
}

export const logisticsContract = {
  /** Logistics routes with their legs and transit-time ranges. */
  listRoutes: method<RouteItem[]>()(z.object({}).strict()),
};
