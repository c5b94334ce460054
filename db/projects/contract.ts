import { DASHBOARD_FILTERS } from '../common/dashboard-filters.ts';
import type { PreciseDate } from '../common/dates.ts';
import { method } from '../method.ts';
import type { EconomyRef, SourceRef } from '../shared-types.ts';
import type { ProjectStatus } from '../common/vocabulary.ts';

export interface ProjectItem {
  id: string;
  title: string;
  /** Number of projects this entry stands for (a batch: more than 1). */
  count: number;
  region: EconomyRef & { regionLabel: string | null };
  counterpart: EconomyRef | null;
  status: ProjectStatus;
  signed: PreciseDate | null;
  signedAtEvent: { id: string; title: string } | null;
  valueUsd: number | null;
  fields: string[];
  /** False for a batch whose split among its fields is not reported. */
  splitReported: boolean;
  note: string | null;
  source: SourceRef;
}

/** Projects by field, without ever dividing a batch among its fields. */
export interface FieldBreakdown {
  /** Projects attributed to one field by the source (single-field projects, or batches whose split is reported). */
  byField: { field: string; projects: number }[];
  /** Batches spanning several fields with no reported split: shown whole, never divided. */
  unsplitBatches: { id: string; title: string; count: number; fields: string[] }[];
}

export interface ProjectsResult {
  projects: ProjectItem[];
  /** Every project counted once (a batch of 15 counts 15). */
  total: { projects: number; entries: number; batches: number };
  fields: FieldBreakdown;
  byRegion: { region: EconomyRef & { regionLabel: string | null }; projects: number; entries: number }[];
  /** Choices for the filters (over all projects, not just the filtered ones). */
  options: { regions: EconomyRef[]; fields: string[]; statuses: ProjectStatus[] };
}

export const projectsContract = {
  /** Cooperation projects with filters; totals and breakdowns count a batch once and never split it. */
  listProjects: method<ProjectsResult>()(DASHBOARD_FILTERS.projects),
};
