import type { NumberedSource, ResolvedBlock } from '../../../../db/briefings/contract.ts';

/** The resolved block of one kind. */
export type BlockOf<K extends ResolvedBlock['kind']> = Extract<ResolvedBlock, { kind: K }>;

/** What every block component receives. */
export interface BlockProps<K extends ResolvedBlock['kind']> {
  block: BlockOf<K>;
  /** Drawn for paper: no buttons, no animation, charts at print resolution. */
  print: boolean;
  /** Source id → its number in the briefing's source list. */
  numbers: ReadonlyMap<string, number>;
}

/** What a briefing document shows: a stored briefing, or a dashboard summary resolved on the fly. */
export interface DocumentData {
  title: string;
  audience: string;
  datedOn: string | null;
  classification: string;
  blocks: ResolvedBlock[];
  sources: NumberedSource[];
}
