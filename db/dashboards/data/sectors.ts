/** The Export sectors dashboard: the sectors with their HS-based or stated figures, and its export tables. */
import { sectorsHandlers } from '../../sectors/queries.ts';
import type { SectorsOverview } from '../../sectors/contract.ts';
import { entry, type ModelOf, sourcesText, sourceText, table, type Cell, type TableData } from '../shared.ts';

const sectorsData = entry<'sectors'>()({ model: (ctx, f) => sectorsHandlers(ctx).listSectors(f), tables: sectorsTables });
export default sectorsData;

declare module '../shared.ts' {
  interface DashboardModels {
    sectors: ModelOf<typeof sectorsData>;
  }
}

function sectorsTables(d: SectorsOverview): TableData[] {
  const R = d.reporter.code;
  const figureRow = (sector: string, f: (typeof d.otherFigures)[number]): Cell[] => [
    sector,
    f.year,
    f.reporter.code,
    f.partner.code,
    f.flow,
    f.label,
    f.hsNote,
    f.value,
    f.unitInferred ? 'inferred' : 'as stated',
    f.periodNote ?? '',
    f.shareOfTotal?.value ?? null,
    sourceText(f.source),
    f.note ?? '',
  ];
  return [
    table(
      'sectors',
      [
        'sector',
        'priorities',
        'latest_year',
        'latest_value_usd',
        'latest_basis',
        'change_on_previous_year',
        'share_of_exports',
        'hs_codes',
        'figures',
        'sources',
      ],
      d.sectors.map((s): Cell[] => {
        const priorities = s.priorities.map((p) => `#${p.position} in ${p.planTitle} (${p.source.label})`).join('; ');
        // As the view: the HS-based value when trade flows of its codes are loaded, else the latest stated figure.
        const f = s.figures[0];
        if (s.latest) {
          return [
            s.name,
            priorities,
            s.latest.year,
            s.latest.value,
            `HS-based (${s.latest.rows} trade flows)`,
            s.latest.change,
            s.latest.share,
            s.hsCodes,
            s.figures.length,
            sourcesText(s.latest.sources),
          ];
        }
        if (f) {
          const basis = [
            'as stated',
            f.periodNote,
            f.unitInferred ? 'unit inferred' : null,
            f.reporter.code !== R ? `reported by ${f.reporter.name} (imports)` : null,
          ]
            .filter(Boolean)
            .join('; ');
          return [
            s.name,
            priorities,
            f.year,
            f.value,
            basis,
            null,
            f.shareOfTotal?.value ?? null,
            s.hsCodes,
            s.figures.length,
            sourceText(f.source),
          ];
        }
        return [
          s.name,
          priorities,
          null,
          null,
          'no data loaded',
          null,
          null,
          s.hsCodes,
          s.figures.length,
          sourcesText(s.priorities.map((p) => p.source)),
        ];
      }),
    ),
    table(
      'figures',
      [
        'sector',
        'year',
        'reporter',
        'partner',
        'flow',
        'product_group',
        'code_as_given',
        'value_usd',
        'unit_basis',
        'period',
        'share_of_total',
        'source',
        'note',
      ],
      [...d.sectors.flatMap((s) => s.figures.map((f) => figureRow(s.name, f))), ...d.otherFigures.map((f) => figureRow('', f))],
    ),
  ];
}
