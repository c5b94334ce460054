/** The Overview dashboard: the headline figures, what the sources say, the claims checked and the counts, and its export tables. */
import { overviewHandlers } from '../../overview/queries.ts';
import type { Overview } from '../../overview/contract.ts';
import { entry, type ModelOf, sourcesText, sourceText, table, type Cell, type TableData } from '../shared.ts';

const overviewData = entry<'overview'>()({ model: (ctx, f) => overviewHandlers(ctx).overview(f), tables: overviewTables });
export default overviewData;

declare module '../shared.ts' {
  interface DashboardModels {
    overview: ModelOf<typeof overviewData>;
  }
}

function overviewTables(o: Overview): TableData[] {
  const tables: TableData[] = [];
  const h = o.headline;
  if (h) {
    const pair = [h.year, h.reporter.code, h.partner.code];
    tables.push(
      table(
        'headline',
        ['measure', 'year', 'reporter', 'partner', 'value_usd', 'basis', 'sources'],
        [
          ['exports', ...pair, h.exports.value, 'as stated', sourceText(h.exports.source)],
          ['imports', ...pair, h.imports.value, 'as stated', sourceText(h.imports.source)],
          ['balance', ...pair, h.balance.value, `derived: ${h.balance.formula}`, sourcesText(h.balance.sources)],
          [
            'total trade (sum of parts)',
            ...pair,
            h.sumOfParts.value,
            `derived: ${h.sumOfParts.formula}`,
            sourcesText(h.sumOfParts.sources),
          ],
          ...(h.statedTotal
            ? [['total trade (stated)', ...pair, h.statedTotal.value, 'as stated', sourceText(h.statedTotal.source)] as Cell[]]
            : []),
        ],
      ),
    );
  }
  tables.push(
    table(
      'statements',
      ['kind', 'text', 'source'],
      o.statements.map((s) => [s.kind, s.text, sourceText(s.source)]),
    ),
  );
  // One row per reading of a claim (a claim nothing loaded can check: one row saying what would).
  tables.push(
    table(
      'claims',
      [
        'statement',
        'claimed_by',
        'kind',
        'reporter',
        'partner',
        'year',
        'measure',
        'claimed_value',
        'verdict',
        'reading',
        'reading_verdict',
        'data_value',
        'difference',
        'relative_difference',
        'data_sources',
        'needs',
      ],
      o.claims.claims.flatMap((c) => {
        const head: Cell[] = [
          c.text,
          sourceText(c.source),
          c.claim.kind,
          c.claim.reporter.code,
          c.claim.partner.code,
          c.claim.year,
          c.claim.measure,
          c.claim.value,
          c.verdict,
        ];
        if (c.readings.length === 0) return [[...head, '', '', null, null, null, '', c.needs ?? '']];
        return c.readings.map((r): Cell[] => [
          ...head,
          r.basis,
          r.verdict,
          r.value,
          r.difference,
          r.relative,
          sourcesText([...new Map([...r.parts.map((p) => p.source), ...(r.leader?.sources ?? [])].map((x) => [x.id, x])).values()]),
          r.needs ?? '',
        ]);
      }),
    ),
  );
  tables.push(
    table(
      'contents',
      ['what', 'count'],
      [
        ['trade figures', o.counts.tradeFlows],
        ['sectors', o.counts.sectors],
        ['cooperation projects', o.counts.projects],
        ['project batches', o.counts.projectBatches],
        ['events', o.counts.events],
        ['logistics routes', o.counts.routes],
        ['sources', o.counts.sources],
      ],
    ),
  );
  return tables;
}
