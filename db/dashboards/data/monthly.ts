/** The Monthly trade dashboard: a pair's months as imported and what the annual series makes of them, and its export tables. */
import type { TradeMonthly } from '../../trade/contract.ts';
import { tradeMonthly } from '../../trade/queries.ts';
import { entry, type ModelOf, periodCell, sourcesText, sourceText, table, type TableData } from '../shared.ts';

const monthlyData = entry<'monthly'>()({ model: (ctx, f) => tradeMonthly(ctx.db, f), tables: monthlyTables });
export default monthlyData;

declare module '../shared.ts' {
  interface DashboardModels {
    monthly: ModelOf<typeof monthlyData>;
  }
}

function monthlyTables(m: TradeMonthly): TableData[] {
  const R = m.reporter.code;
  const P = m.partner.code;
  return [
    table(
      'months',
      ['year', 'month', 'reporter', 'partner', 'exports_usd', 'exports_source', 'imports_usd', 'imports_source', 'balance_usd'],
      m.months.map((p) => [
        p.year,
        p.month,
        R,
        P,
        p.exports?.value ?? null,
        sourceText(p.exports?.source),
        p.imports?.value ?? null,
        sourceText(p.imports?.source),
        p.balance,
      ]),
    ),
    // What the annual series makes of each of those years.
    table(
      'years',
      [
        'year',
        'reporter',
        'partner',
        'exports_usd',
        'exports_period',
        'exports_sources',
        'imports_usd',
        'imports_period',
        'imports_sources',
      ],
      m.years.map((y) => [
        y.year,
        R,
        P,
        y.exports?.value ?? null,
        periodCell(y.exports),
        sourcesText(y.exports?.sources ?? []),
        y.imports?.value ?? null,
        periodCell(y.imports),
        sourcesText(y.imports?.sources ?? []),
      ]),
    ),
  ];
}
