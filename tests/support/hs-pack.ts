/**
 * The HS tests' packs: Korea–China figures from one customs source (key S1), with the trade flows and sectors a test
 * gives, read as a pack file named after its id.
 */
import { parsePack } from '../../db/packs/load.ts';
import type { PackInput } from '../../db/packs/schema.ts';

export function koreaChinaHsPack(p: Pick<PackInput, 'id' | 'title' | 'tradeFlows'> & Partial<Pick<PackInput, 'version' | 'sectors'>>) {
  return parsePack(
    {
      format: 'tradebrief-pack',
      formatVersion: 1,
      version: '1.0.0',
      sources: [{ key: 'S1', label: 'S1', publisher: 'Customs', title: 'HS-6 table' }],
      economies: [
        { code: 'KOR', name: 'South Korea', kind: 'country' },
        { code: 'CHN', name: 'China', kind: 'country' },
      ],
      ...p,
    },
    `${p.id}.json`,
  );
}
