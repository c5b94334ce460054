/**
 * The claims checker: every claim row against the loaded trade flows and stated figures of the same
 * reporter and year, one reading per source (or set of sources) that can answer it.
 *
 * Readings. The figures a claim needs (its "atoms": China's 2021 exports to Korea, its imports…) may
 * be given by several sources. Every source that gives all of them is one reading; sources that give
 * only some are read together as one more reading, each missing figure taken in the series rule's
 * order (primary series first, then the most recently published source). A single-flow figure is
 * never checked against the claim's own source: a source does not confirm itself (its parts, summed,
 * are a different figure and are checked). Stated totals and balances of other sources are readings too.
 *
 * Ranks (largest-partner) hold only when no other partner can be larger: every loaded partner's
 * figure is smaller, and so is what the reporter's total with the world leaves unallocated to loaded
 * partners (an upper bound for every partner not loaded). Without that total a rank can fail (a
 * loaded partner is larger) but never hold.
 */
import type { Db } from '../database.ts';
import type { EconomyRef, SourceRef } from '../shared-types.ts';
import { sourceLookup, economyLookup, worldEconomy } from '../refs.ts';
import type { CheckedClaim, ClaimMeasure, ClaimReading, ClaimSpec, ClaimsResult, ReadingPart } from './contract.ts';
import { codeOf, economyValue, said, type CoreText, type Said, type UsdValue } from '../common/core-messages.ts';
import { pick, ROUNDING_RULE, ROUNDING_RULE_TEXT, sourceReadings, withinRounding, type Atom } from './rules.ts';
import { claimFigures, claimRows, type ClaimFigures, type ClaimFilter, type ClaimRow, type Flow, type FlowRow } from './sql.ts';

const FLOW_WORDS: Record<Flow, string> = { export: 'exports to', import: 'imports from' };
/** "exports to South Korea", "exports to and imports from South Korea": a measure's flows with the partner. */
function flowsWith(measure: ClaimMeasure, partner: EconomyRef): Said {
  const p = economyValue(partner);
  return measure === 'export'
    ? said('claimExportsTo', { partner: p })
    : measure === 'import'
      ? said('claimImportsFrom', { partner: p })
      : said('claimExportsImportsWith', { partner: p });
}
/** "exports", "imports", "exports and imports": the flows of a measure, or the ones missing. */
function flowWords(flows: readonly Flow[]): Said {
  return flows.length > 1 ? said('claimFlowsBoth') : flows[0] === 'export' ? said('claimExports') : said('claimImports');
}
const flowsOf = (measure: ClaimMeasure): Flow[] =>
  measure === 'export' ? ['export'] : measure === 'import' ? ['import'] : ['export', 'import'];
const bn = (v: number): UsdValue => ({ usd: v });
/** A coded sentence as a reading's text and its code (for the page's language). */
const coded = (text: Said): { text: string; code: CoreText } => ({
  text: text.message,
  code: { messageCode: text.messageCode, params: text.params },
});
const FORMULAS = {
  total: said('claimExportsPlusImports'),
  balance: said('claimExportsMinusImports'),
  export: said('claimExports'),
  import: said('claimImports'),
} satisfies Record<ClaimMeasure, Said>;
const TOTAL_ZERO = coded(said('claimTotalZero'));

/** Checks every claim matching the filter (in the order the statements were loaded). */
export function checkClaims(db: Db, filter: ClaimFilter = {}): ClaimsResult {
  const checker = new Checker(claimFigures(db), sourceLookup(db), economyLookup(db), worldEconomy(db));
  return { claims: claimRows(db, filter).map((r) => checker.check(r)), rule: ROUNDING_RULE, ruleText: ROUNDING_RULE_TEXT };
}

class Checker {
  private readonly figures: ClaimFigures;
  private readonly source: (id: string) => SourceRef;
  private readonly economy: (code: string) => EconomyRef;
  /** The economy standing for the world, if the database has one. */
  private readonly world: string | undefined;

  constructor(figures: ClaimFigures, source: (id: string) => SourceRef, economy: (code: string) => EconomyRef, world: string | undefined) {
    this.figures = figures;
    this.source = source;
    this.economy = economy;
    this.world = world;
  }

  /** Every country partner's annual flows of a reporter and year, read once for all the claims about them. */
  private readonly partnerCache = new Map<string, FlowRow[]>();
  private partners(reporter: string, year: number): FlowRow[] {
    const key = `${reporter}:${year}`;
    let rows = this.partnerCache.get(key);
    if (!rows) this.partnerCache.set(key, (rows = this.figures.countryFlows(reporter, year)));
    return rows;
  }

  check(row: ClaimRow): CheckedClaim {
    const claim: ClaimSpec = {
      kind: row.kind,
      reporter: this.economy(row.reporter),
      partner: this.economy(row.partner),
      year: row.year,
      yearStated: row.year_stated === 1,
      measure: row.measure,
      value: row.value,
      precision: row.value_precision,
      note: row.note,
    };
    const { readings, needs } = this.readings(claim, row.source_id);
    const unchecked = readings.find((r) => r.needs);
    const deciding = readings.filter((r) => r.verdict !== 'unknown');
    const verdict =
      deciding.length === 0
        ? 'unchecked'
        : deciding.every((r) => r.verdict === 'holds')
          ? 'holds'
          : deciding.every((r) => r.verdict === 'differs')
            ? 'differs'
            : 'mixed';
    return {
      id: row.id,
      statementId: row.statement_id,
      text: row.text,
      source: this.source(row.source_id),
      claim,
      verdict,
      readings,
      needs: verdict === 'unchecked' ? (unchecked?.needs ?? needs.message) : null,
      needsText: verdict === 'unchecked' ? (unchecked?.needsText ?? codeOf(needs)) : null,
    };
  }

  /** Each kind's readings, in the order of their sources' labels (the same in any copy of the data). */
  private readings(claim: ClaimSpec, claimSource: string): { readings: ClaimReading[]; needs: Said } {
    const found = (() => {
      switch (claim.kind) {
        case 'total-value':
          return this.totalValue(claim, claimSource);
        case 'growth':
          return this.growth(claim);
        case 'share':
          return this.share(claim);
        case 'largest-partner':
          return this.largest(claim);
      }
    })();
    // Kinds of reading keep their order (sums of parts, then stated figures); within one, by source label.
    const kindRank = (r: ClaimReading): number => found.readings.findIndex((x) => x.basis === r.basis);
    const labels = (r: ClaimReading): string => r.parts.map((p) => p.source.label).join('+');
    return {
      ...found,
      readings: foldIdentical([...found.readings].sort((a, b) => kindRank(a) - kindRank(b) || labels(a).localeCompare(labels(b), 'en'))),
    };
  }

  private atoms(reporter: EconomyRef, partner: EconomyRef, year: number, flows: Flow[], role: Atom['role'] = 'subject'): Atom[] {
    const rows = this.figures.pairFlows(reporter.code, partner.code, year);
    return flows.map((flow) => ({
      key: `${role}:${year}:${flow}`,
      year,
      flow,
      role,
      rows: rows.filter((r) => r.flow === flow),
      label:
        role === 'world'
          ? `${reporter.name}'s total ${flow === 'export' ? 'exports' : 'imports'}, ${year}`
          : `${reporter.name}'s ${FLOW_WORDS[flow]} ${partner.name}, ${year}`,
    }));
  }

  private parts(atoms: Atom[], rows: FlowRow[]): ReadingPart[] {
    return rows.map((r, i) => ({ label: atoms[i]!.label, value: r.value_usd, source: this.source(r.source_id) }));
  }

  /** A stated figure's reading: the data's figure against the claim's, by the rounding rule. */
  private compare(claim: ClaimSpec, value: number, basis: string | Said, parts: ReadingPart[]): ClaimReading {
    const stated = claim.value!;
    const precision = claim.precision!;
    const difference = value - stated;
    const holds = withinRounding(value, stated, precision);
    const underOneUnit = !holds && Math.abs(difference) < precision * (1 - 1e-9);
    const note = underOneUnit ? coded(said('claimUnderOneUnit')) : null;
    return {
      verdict: holds ? 'holds' : 'differs',
      basis: typeof basis === 'string' ? basis : basis.message,
      basisText: typeof basis === 'string' ? null : coded(basis).code,
      value,
      difference,
      relative: stated === 0 ? null : difference / Math.abs(stated),
      leader: null,
      parts,
      note: note?.text ?? null,
      noteText: note?.code ?? null,
      needs: null,
      needsText: null,
    };
  }

  private totalValue(claim: ClaimSpec, claimSource: string): { readings: ClaimReading[]; needs: Said } {
    const flows = flowsOf(claim.measure);
    const atoms = this.atoms(claim.reporter, claim.partner, claim.year, flows);
    const single = flows.length === 1;
    const readings = sourceReadings(atoms)
      .filter((rows) => !(single && rows.every((r) => r.source_id === claimSource)))
      .map((rows) => {
        const value = claim.measure === 'balance' ? rows[0]!.value_usd - rows[1]!.value_usd : rows.reduce((s, r) => s + r.value_usd, 0);
        const own = rows.every((r) => r.source_id === claimSource);
        const formula = FORMULAS[claim.measure];
        return this.compare(claim, value, own ? said('claimOwnParts', { formula }) : formula, this.parts(atoms, rows));
      });
    if (claim.measure === 'total' || claim.measure === 'balance') {
      const measure = claim.measure === 'total' ? 'total_trade' : 'balance';
      const stated = this.figures.statedByOthers(claim.reporter.code, claim.partner.code, claim.year, measure, claimSource);
      for (const s of stated) {
        const label = `${claim.reporter.name}'s ${claim.measure === 'total' ? 'total trade' : 'balance'} with ${claim.partner.name}, ${claim.year}, as stated`;
        readings.push(
          this.compare(claim, s.value_usd, said(claim.measure === 'total' ? 'claimStatedTotal' : 'claimStatedBalance'), [
            { label, value: s.value_usd, source: this.source(s.source_id) },
          ]),
        );
      }
    }
    return {
      readings,
      needs: said('claimNeedsValue', {
        reporter: economyValue(claim.reporter),
        flows: flowsWith(claim.measure, claim.partner),
        year: String(claim.year),
      }),
    };
  }

  private growth(claim: ClaimSpec): { readings: ClaimReading[]; needs: Said } {
    const flows = flowsOf(claim.measure);
    const atoms = [
      ...this.atoms(claim.reporter, claim.partner, claim.year - 1, flows),
      ...this.atoms(claim.reporter, claim.partner, claim.year, flows),
    ];
    const readings = sourceReadings(atoms).map((rows): ClaimReading => {
      const before = rows.filter((_, i) => atoms[i]!.year === claim.year - 1).reduce((s, r) => s + r.value_usd, 0);
      const now = rows.filter((_, i) => atoms[i]!.year === claim.year).reduce((s, r) => s + r.value_usd, 0);
      const parts = this.parts(atoms, rows);
      const basis = said('claimYearAgainst', { year: String(claim.year), previous: String(claim.year - 1) });
      if (before === 0) {
        const note = coded(said('claimPreviousZero', { previous: String(claim.year - 1) }));
        return {
          verdict: 'unknown',
          basis: basis.message,
          basisText: coded(basis).code,
          value: null,
          difference: null,
          relative: null,
          leader: null,
          parts,
          note: note.text,
          noteText: note.code,
          needs: null,
          needsText: null,
        };
      }
      return this.compare(claim, now / before - 1, basis, parts);
    });
    return {
      readings,
      needs: said('claimNeedsGrowth', {
        reporter: economyValue(claim.reporter),
        flows: flowsWith(claim.measure, claim.partner),
        previous: String(claim.year - 1),
        year: String(claim.year),
      }),
    };
  }

  private share(claim: ClaimSpec): { readings: ClaimReading[]; needs: Said } {
    const flows = flowsOf(claim.measure);
    const total = said(
      claim.measure === 'total' ? 'claimTotalBoth' : claim.measure === 'export' ? 'claimTotalExports' : 'claimTotalImports',
    );
    const reporter = economyValue(claim.reporter);
    const needs = said('claimNeedsShare', { reporter, flows: flowsWith(claim.measure, claim.partner), year: String(claim.year), total });
    if (!this.world) return { readings: [], needs };
    const subject = this.atoms(claim.reporter, claim.partner, claim.year, flows);
    const world = this.atoms(claim.reporter, this.economy(this.world), claim.year, flows, 'world');
    const atoms = [...subject, ...world];
    const readings = sourceReadings(atoms).map((rows): ClaimReading => {
      const part = rows.filter((_, i) => atoms[i]!.role === 'subject').reduce((s, r) => s + r.value_usd, 0);
      const whole = rows.filter((_, i) => atoms[i]!.role === 'world').reduce((s, r) => s + r.value_usd, 0);
      const parts = this.parts(atoms, rows);
      const basis = said('claimShareOf', { reporter, total });
      if (whole <= 0)
        return {
          verdict: 'unknown',
          basis: basis.message,
          basisText: codeOf(basis),
          value: null,
          difference: null,
          relative: null,
          leader: null,
          parts,
          note: TOTAL_ZERO.text,
          noteText: TOTAL_ZERO.code,
          needs: null,
          needsText: null,
        };
      return this.compare(claim, part / whole, basis, parts);
    });
    return { readings, needs };
  }

  private largest(claim: ClaimSpec): { readings: ClaimReading[]; needs: Said } {
    const flows = flowsOf(claim.measure);
    const R = economyValue(claim.reporter);
    const partner = economyValue(claim.partner);
    const year = String(claim.year);
    const words = flowWords(flows);
    const needs = said('claimNeedsLargest', { reporter: R, flows: words, partner, year });
    const subject = this.atoms(claim.reporter, claim.partner, claim.year, flows);
    const subjectReadings = sourceReadings(subject);
    if (subjectReadings.length === 0) return { readings: [], needs };

    // Every other country partner of the reporter that year, one value per flow by the series rule.
    const byPartner = new Map<string, Map<Flow, FlowRow[]>>();
    for (const r of this.partners(claim.reporter.code, claim.year)) {
      if (!flows.includes(r.flow)) continue;
      let m = byPartner.get(r.partner);
      if (!m) byPartner.set(r.partner, (m = new Map()));
      m.set(r.flow, [...(m.get(r.flow) ?? []), r]);
    }
    const chosen = new Map<string, Map<Flow, FlowRow>>();
    for (const [code, m] of byPartner) chosen.set(code, new Map([...m].map(([f, rows]) => [f, pick(rows)!])));
    // What the reporter's total with the world leaves unallocated to loaded partners, per flow (null: total not loaded).
    const unallocated = new Map<Flow, number | null>();
    const worldParts: ReadingPart[] = [];
    for (const f of flows) {
      const w =
        this.world && this.world !== claim.partner.code
          ? pick(this.figures.pairFlows(claim.reporter.code, this.world, claim.year).filter((r) => r.flow === f))
          : undefined;
      if (!w) {
        unallocated.set(f, null);
        continue;
      }
      worldParts.push({
        label: `${claim.reporter.name}'s total ${f === 'export' ? 'exports' : 'imports'}, ${claim.year}`,
        value: w.value_usd,
        source: this.source(w.source_id),
      });
      let allocated = 0;
      for (const m of chosen.values()) allocated += m.get(f)?.value_usd ?? 0;
      unallocated.set(f, Math.max(0, w.value_usd - allocated));
    }
    const others = [...chosen]
      .filter(([code]) => code !== claim.partner.code)
      .map(([code, m]) => {
        const known = flows.filter((f) => m.has(f));
        const lower = known.reduce((s, f) => s + m.get(f)!.value_usd, 0);
        const upper = flows.reduce((s, f) => s + (m.get(f)?.value_usd ?? unallocated.get(f) ?? Infinity), 0);
        return {
          code,
          lower,
          upper,
          missing: flows.filter((f) => !m.has(f)),
          sources: [...new Set(known.map((f) => m.get(f)!.source_id))],
        };
      });
    const unseen = flows.reduce((s, f) => s + (unallocated.get(f) ?? Infinity), 0);
    const leader = others.reduce<(typeof others)[number] | undefined>((best, o) => (!best || o.lower > best.lower ? o : best), undefined);

    const readings = subjectReadings.map((rows): ClaimReading => {
      const value = rows.reduce((s, r) => s + r.value_usd, 0);
      const parts = this.parts(subject, rows);
      const compared =
        others.length === 0
          ? said('claimNoOtherPartner', { reporter: R })
          : said(others.length === 1 ? 'claimRankedOne' : 'claimRankedMany', { count: others.length });
      const leaderRef = leader
        ? { economy: this.economy(leader.code), value: leader.lower, sources: leader.sources.map((id) => this.source(id)) }
        : null;
      const base = { value, parts, leader: leaderRef, basis: compared.message, basisText: codeOf(compared) };
      if (leader && leader.lower >= value) {
        const name = economyValue(leaderRef!.economy);
        const larger = leader.lower > value;
        const note =
          leader.missing.length > 0
            ? said(larger ? 'claimLeaderLargerPartial' : 'claimLeaderAsLargePartial', { leader: name, flows: flowWords(leader.missing) })
            : said(larger ? 'claimLeaderLarger' : 'claimLeaderAsLarge', { leader: name });
        return {
          ...base,
          verdict: 'differs',
          difference: leader.lower - value,
          relative: value === 0 ? null : (leader.lower - value) / value,
          note: note.message,
          noteText: codeOf(note),
          needs: null,
          needsText: null,
        };
      }
      const blocking = others.filter((o) => o.upper >= value);
      if (blocking.length === 0 && unseen < value) {
        const note = worldParts.length === flows.length ? said('claimWorldLeaves', { reporter: R, unseen: bn(unseen), partner }) : null;
        return {
          ...base,
          verdict: 'holds',
          difference: leader ? leader.lower - value : null,
          relative: leader && value !== 0 ? (leader.lower - value) / value : null,
          parts: [...parts, ...worldParts],
          note: note?.message ?? null,
          noteText: note ? codeOf(note) : null,
          needs: null,
          needsText: null,
        };
      }
      const missingWorld = flows.some((f) => unallocated.get(f) === null);
      const loaded =
        others.length === 0
          ? said('claimNoOtherLoaded', { reporter: R })
          : said(others.length === 1 ? 'claimOnlyOthersOne' : 'claimOnlyOthersMany', { count: others.length });
      const reason = missingWorld
        ? said('claimNeedsWorld', { reporter: R, flows: words, year, loaded })
        : blocking.length > 0
          ? said('claimNeedsPartners', {
              partners: blocking
                .slice(0, 3)
                .map((o) =>
                  codeOf(said('claimPartnerFlows', { partner: economyValue(this.economy(o.code)), flows: flowWords(o.missing) })),
                ),
              reporter: R,
              year,
            })
          : said('claimNeedsMorePartners', { reporter: R, flows: words, year, unseen: bn(unseen), partner });
      return {
        ...base,
        verdict: 'unknown',
        difference: null,
        relative: null,
        parts: [...parts, ...worldParts],
        note: null,
        noteText: null,
        needs: reason.message,
        needsText: codeOf(reason),
      };
    });
    return { readings, needs };
  }
}

/**
 * Readings that come to the same thing from different sources (the same verdict, basis, figure, difference, leader, note
 * and needs) are one reading that cites all of them: sources giving the same figures agree, and one line saying so reads
 * better than two identical ones. The first keeps its place; the others' parts join its own.
 */
function foldIdentical(readings: ClaimReading[]): ClaimReading[] {
  const kept = new Map<string, ClaimReading>();
  for (const r of readings) {
    const key = JSON.stringify([r.verdict, r.basis, r.value, r.difference, r.leader?.economy.code, r.leader?.value, r.note, r.needs]);
    const same = kept.get(key);
    if (!same) {
      kept.set(key, { ...r, parts: [...r.parts] });
      continue;
    }
    for (const p of r.parts)
      if (!same.parts.some((q) => q.label === p.label && q.value === p.value && q.source.id === p.source.id)) same.parts.push(p);
  }
  return [...kept.values()];
}
