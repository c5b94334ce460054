/** The Top products dashboard: a pair's chapters, headings or codes in a year, and its export table. */
import { topProducts } from '../products/queries.ts';
import type { ProductRanking } from '../products/contract.ts';
import { entry, sourcesText, table, type Cell, type TableData } from './shared.ts';

export const productsData = entry<'products'>()({ model: (ctx, f) => topProducts(ctx.db, f), tables: (r) => [productsTable(r)] });

/** The Top products view: the rows listed, each with its share, change and sources. */
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
      'share_of',
      'change_usd',
      'change_pct',
      'change_note',
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
      p.share,
      r.total ? (r.total.basis === 'stated' ? 'stated total of the pair' : 'sum of the chapters loaded') : '',
      p.change?.absolute ?? null,
      p.change?.relative ?? null,
      p.changeNote ?? '',
      sourcesText(p.sources),
    ]),
  );
}
