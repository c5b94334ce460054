import type { BlockSpecInput } from '../../db/briefings/contract.ts';

/**
 * A five-page briefing with six charts (several pairs and ranges) between text, headline figures, the
 * export sectors table and the sources' statements: what the print benchmark times, and what the print
 * tests check prints on five A4 pages with every chart whole.
 */
export function sixChartBriefing(): BlockSpecInput[] {
  const para = 'Exports and imports are shown as each reporter states them; a gap between the two sides is kept, not smoothed. '.repeat(6);
  const chart = (reporter: string, partner: string, from: number, to: number): BlockSpecInput => ({
    kind: 'trade-chart',
    config: { heading: `${reporter}–${partner}, ${from}–${to}`, reporter, partner, from, to },
  });
  return [
    { kind: 'text', config: { heading: 'Purpose', markdown: para } },
    { kind: 'kpi', config: { reporter: 'CHN', partner: 'KOR', year: 2021 } },
    chart('KOR', 'CHN', 1992, 2024),
    { kind: 'text', config: { markdown: para } },
    chart('KOR', 'CHN', 2010, 2024),
    chart('KOR', 'CHN', 1992, 2008),
    { kind: 'text', config: { markdown: para } },
    chart('CHN', 'KOR', 2015, 2024),
    { kind: 'sectors-table', config: { reporter: 'KOR', partner: 'CHN' } },
    chart('KOR', 'CHN', 2000, 2012),
    chart('KOR', 'CHN', 2018, 2024),
    { kind: 'statements', config: {} },
  ];
}
