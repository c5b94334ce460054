/** The Cooperation projects dashboard: the projects and batches, counted by field and region, and its export tables. */
import { projectsHandlers } from '../../projects/queries.ts';
import type { ProjectsResult } from '../../projects/contract.ts';
import { dateText, entry, type ModelOf, sourceText, table, type Cell, type TableData } from '../shared.ts';

const projectsData = entry<'projects'>()({ model: (ctx, f) => projectsHandlers(ctx).listProjects(f), tables: projectsTables });
export default projectsData;

declare module '../shared.ts' {
  interface DashboardModels {
    projects: ModelOf<typeof projectsData>;
  }
}

function projectsTables(d: ProjectsResult): TableData[] {
  return [
    table(
      'projects',
      [
        'title',
        'count',
        'region',
        'region_code',
        'counterpart',
        'status',
        'signed',
        'signed_precision',
        'signed_value',
        'signed_part',
        'signed_at_event',
        'value_usd',
        'fields',
        'split_reported',
        'note',
        'source',
      ],
      d.projects.map((p) => [
        p.title,
        p.count,
        p.region.name,
        p.region.code,
        p.counterpart?.code ?? '',
        p.status,
        dateText(p.signed),
        p.signed?.precision ?? '',
        p.signed?.value ?? '',
        p.signed?.part ?? '',
        p.signedAtEvent?.title ?? '',
        p.valueUsd,
        p.fields.join('; '),
        p.count > 1 ? (p.splitReported ? 'yes' : 'no') : '',
        p.note ?? '',
        sourceText(p.source),
      ]),
    ),
    // As the chart: fields counted where the source attributes projects, and each batch without a reported split as one row, never divided.
    table(
      'by_field',
      ['field', 'projects', 'note'],
      [
        ...d.fields.byField.map((f): Cell[] => [f.field, f.projects, '']),
        ...d.fields.unsplitBatches.map((b): Cell[] => [
          `Batch across ${b.fields.length} fields: ${b.fields.join('; ')}`,
          b.count,
          'split not reported: not divided among its fields',
        ]),
      ],
    ),
    table(
      'by_region',
      ['region', 'region_code', 'region_label', 'projects', 'entries'],
      d.byRegion.map((r) => [r.region.name, r.region.code, r.region.regionLabel ?? '', r.projects, r.entries]),
    ),
  ];
}
