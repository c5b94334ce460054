/**
 * What the Partners view asks the core for on opening, in one round: the ranking and the rank history together
 * (the history's last year is the ranking's: the year asked for, else the same latest year with both flows), the
 * compared partners' series beside them when they are known, else as soon as the ranking names them, and the share
 * chart's partner read out of that comparison when it holds it (db/common/series-of-one.ts), else asked for beside
 * it. The view is drawn once, with every part, rather than part by part as each answer arrives.
 */
import type { PartnerMeasure, PartnerRankHistory, PartnerRanking, PartnerRow, PartnerSeries } from '../../../../db/partners/contract.ts';
import { seriesOfOne } from '../../../../db/common/series-of-one.ts';
import { api } from '../../lib/api.ts';

export interface PartnersAsk {
  reporter: string;
  year: number | undefined;
  by: PartnerMeasure;
  /** The partners chosen for the comparison; none: the first four by the measure. */
  compare: string[];
  from: number | undefined;
  to: number | undefined;
}

export interface PartnersData {
  ranking: PartnerRanking;
  history: PartnerRankHistory;
  /** The partners whose series `compared` holds. */
  chosen: string[];
  /** China where the reporter has figures with it, else the first partner by the measure. */
  sharePartner: PartnerRow | undefined;
  /** Each chart shows its own failure: these are handed to the charts as they came. */
  compared: Promise<PartnerSeries> | undefined;
  shared: Promise<PartnerSeries> | undefined;
}

export function sortedBy(rows: PartnerRow[], measure: PartnerMeasure): PartnerRow[] {
  return [...rows].sort(
    (a, b) => (a.rank[measure] ?? Infinity) - (b.rank[measure] ?? Infinity) || a.partner.name.localeCompare(b.partner.name),
  );
}

/** The partners compared when none are chosen: the first four ranked by the measure. */
export const topFour = (rows: PartnerRow[], measure: PartnerMeasure): string[] =>
  rows
    .filter((p) => p.rank[measure] !== null)
    .slice(0, 4)
    .map((p) => p.partner.code);

export const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

export const sameAsk = (a: PartnersAsk, b: PartnersAsk): boolean =>
  a.reporter === b.reporter && a.year === b.year && a.by === b.by && a.from === b.from && a.to === b.to && sameList(a.compare, b.compare);

/** The partners the ranking named for comparison last time, and for which reporter, measure and years. */
let lastCompared: { key: string; codes: string[] } | undefined;

export async function loadPartners(ask: PartnersAsk): Promise<PartnersData> {
  const { reporter, year, by, compare, from, to } = ask;
  const ranked = api().partnerRanking({
    reporter,
    ...(year !== undefined ? { year } : {}),
    ...(from !== undefined ? { from } : {}),
  });
  const last = to ?? year;
  const historyOf = api().partnerRankHistory({
    reporter,
    measure: by,
    top: 10,
    ...(last !== undefined ? { to: last } : {}),
    ...(from !== undefined ? { from } : {}),
  });
  const seriesOf = (partners: string[]) =>
    api().partnerSeries({ reporter, partners, ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) });
  // The partners compared are known before the ranking when chosen, else guessed as those the ranking named last time for
  // the same reporter, measure and years: their series is asked for beside the ranking, and used if the ranking names them.
  const key = JSON.stringify([reporter, year, by, from, to]);
  const guessed = compare.length > 0 ? compare : lastCompared?.key === key ? lastCompared.codes : undefined;
  const early = guessed ? seriesOf(guessed) : undefined;
  // Not used when the guess was wrong: its failure is then no one's to show.
  early?.catch(() => undefined);
  const ranking = await ranked;
  const rows = sortedBy(ranking.partners, by);
  const chosen = compare.length > 0 ? compare : topFour(rows, by);
  if (compare.length === 0) lastCompared = { key, codes: chosen };
  const sharePartner = ranking.partners.find((p) => p.partner.code === 'CHN') ?? rows[0];
  const drawn = ranking.year !== null && ranking.partners.length > 0;
  const compared = drawn && chosen.length > 0 ? (early && guessed && sameList(guessed, chosen) ? early : seriesOf(chosen)) : undefined;
  let shared: Promise<PartnerSeries> | undefined;
  if (drawn && sharePartner) {
    const code = sharePartner.partner.code;
    const alone = () => seriesOf([code]);
    shared = compared && chosen.includes(code) ? compared.then((c) => seriesOfOne(c, code) ?? alone(), alone) : alone();
  }
  // Each chart shows its own failure: here only wait for them.
  const [history] = await Promise.all([historyOf, compared?.catch(() => null), shared?.catch(() => null)]);
  return { ranking, history, chosen, sharePartner, compared, shared };
}

/** A round asked for before the view knows it will show it (a guessed reporter), with what it was asked for. */
export interface PartnersEarly {
  ask: PartnersAsk;
  data: Promise<PartnersData>;
}

export function loadEarly(ask: PartnersAsk): PartnersEarly {
  const data = loadPartners(ask);
  // Not taken when the guess was wrong: its failure is then no one's to show.
  data.catch(() => undefined);
  return { ask, data };
}

/** The reporter the view last showed: its figures are asked for beside the list of reporters the next time it opens. */
let lastShown: string | undefined;

export const rememberReporter = (code: string): void => {
  lastShown = code;
};

export const lastReporter = (): string | undefined => lastShown;
