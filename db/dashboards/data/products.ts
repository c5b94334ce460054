/** The Top products dashboard: a pair's chapters, headings or codes in a year, and its export table. */
import { topProducts } from '../../products/queries.ts';
import type { ProductRanking } from '../../products/contract.ts';
import { shareOf } from '../../common/growth.ts';
import { entry, type ModelOf, shareCells, sourcesText, table, type Cell, type TableData } from '../shared.ts';

const productsData = entry<'products'>()({ model: (ctx, f) => topProducts(ctx.db, f), tables: (r) => [productsTable(r)] });
export default productsData;

declare module '../shared.ts' {
  interface DashboardModels {
    products: ModelOf<typeof productsData>;
  }
}

/** The Top products view: the rows listed, each with its share and change on the year before (or why none) and sources. */
function productsTable(r: ProductRanking): TableData {
  return table(
    'products',
    [
      'reporter',
      'partner',
      'year',
      'flow',
      'hs_code',
      'level',
      'value_usd',
      'basis',
      'share',
      'share_note',
      'change_usd',
      'yoy_relative',
      'yoy_note',
      'sources',
    ],
    r.rows.map((p): Cell[] => [
      r.reporter.code,
      r.partner.code,
      r.year,
      r.flow,
      p.code,
      p.level,
      p.value,
      p.basis,
      ...shareCells(
        shareOf(p.value, r.total?.value),
        r.total?.basis === 'stated' ? 'of the stated total of the pair' : 'of the sum of the chapters loaded',
      ),
      p.change?.absolute ?? null,
      p.change?.relative ?? null,
      p.change ? (p.change.relative === null ? 'no relative change on a zero base' : '') : (p.changeNote ?? ''),
      sourcesText(p.sources),
    ]),
  );
}
