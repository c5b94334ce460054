/**
 * The projects area's queries: the projects of the filter with their totals by field and by region, and
 * the handler that serves them. Rows come from db/projects/sql.ts; dates, ranges and counts from
 * db/projects/rules.ts.
 */
import type { Context } from '../context.ts';
import type { HandlersOf } from '../area.ts';
import type { Db } from '../database.ts';
import { sourceLookup } from '../refs.ts';
import type { ProjectStatus } from '../common/vocabulary.ts';
import type { ProjectItem, projectsContract, ProjectsResult } from './contract.ts';
import { bound, byRegion, fieldBreakdown, inRange, projectTotals, signedDate } from './rules.ts';
import { projectFields, projectRegions, projectRows, projectStatuses } from './sql.ts';

export interface ProjectFilter {
  region?: string | undefined;
  field?: string | undefined;
  status?: ProjectStatus | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export function listProjects(db: Db, filter: ProjectFilter): ProjectsResult {
  const source = sourceLookup(db);
  const from = filter.from ? bound(filter.from, false) : null;
  const to = filter.to ? bound(filter.to, true) : null;
  const projects: ProjectItem[] = [];
  for (const r of projectRows(db, filter)) {
    const signed = signedDate(r, source);
    if (!inRange(signed, from, to)) continue;
    projects.push({
      id: r.id,
      title: r.title,
      count: r.project_count,
      region: { code: r.partner_code, name: r.partner_name ?? r.partner_code, regionLabel: r.region_label },
      counterpart: r.counterpart_code ? { code: r.counterpart_code, name: r.counterpart_name ?? r.counterpart_code } : null,
      status: r.status,
      signed,
      signedAtEvent: r.signed_event_id ? { id: r.signed_event_id, title: r.event_title ?? '' } : null,
      valueUsd: r.value_usd,
      fields: JSON.parse(r.fields ?? '[]') as string[],
      splitReported: r.split_reported === 1,
      note: r.note,
      source: source(r.source_id),
    });
  }
  return {
    projects,
    total: projectTotals(projects),
    fields: fieldBreakdown(projects),
    byRegion: byRegion(projects),
    options: { regions: projectRegions(db), fields: projectFields(db), statuses: projectStatuses(db) },
  };
}

export function projectsHandlers(ctx: Context): HandlersOf<typeof projectsContract> {
  return { listProjects: (input) => listProjects(ctx.db, input) };
}
