import type { BlockSpec } from '../../db/briefings/contract.ts';

/**
 * The Partners dashboard's blocks (KOR's top ten export markets of 2023, the map, ranks by year, China's share) and a
 * claims block, as stored (a handler may take them as they are): what the Partners print tests print, and one of the
 * briefings the print preview is compared with on paper.
 */
export function partnerBriefing(): BlockSpec[] {
  return [
    { kind: 'partner-ranking', config: { heading: 'Top ten export markets', reporter: 'KOR', year: 2023, by: 'exports', top: 10 } },
    { kind: 'map', config: { heading: 'Exports on the map', reporter: 'KOR', year: 2023, measure: 'exports' } },
    { kind: 'partner-ranks', config: { heading: 'Ranks by year', reporter: 'KOR', by: 'exports', top: 5, from: 2014, to: 2023 } },
    { kind: 'partner-share', config: { heading: "China's share", reporter: 'KOR', partner: 'CHN', from: 2019, to: 2023 } },
    { kind: 'claims', config: { heading: 'Claims checked' } },
  ];
}
