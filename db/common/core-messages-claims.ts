/**
 * The data core's messages that its checked claims carry (db/claims), beside the words the writer puts between values:
 * part of CORE_MESSAGES (core-messages.ts), kept apart because the page's first view shows checked claims and loads
 * only these of the core's English sentences with it (renderer/src/i18n/messages/en-first.ts).
 */
export const CLAIM_MESSAGES = {
  /** Between the items of a list ("A, B"). */
  importListJoin: ', ',
  /** Between two runs of months ("Jan–Mar, May"). */
  monthRunJoin: ', ',
  /** An amount in US dollars (its number written by usdNumber). */
  usdAmount: 'USD {{n}} bn',

  // A claim's reading (db/claims/check.ts): how the data's figure is obtained, and notes on it.
  claimExportsPlusImports: 'exports + imports',
  claimExportsMinusImports: 'exports − imports',
  claimExports: 'exports',
  claimImports: 'imports',
  claimOwnParts: "the source's own parts: {{formula}}",
  claimStatedTotal: 'stated total',
  claimStatedBalance: 'stated balance',
  claimYearAgainst: '{{year}} against {{previous}}',
  claimUnderOneUnit: 'Less than one unit of the last digit the source gives: the source may have cut the figure rather than rounded it.',
  claimPreviousZero: 'The {{previous}} figure is zero: no rate of change.',
  claimTotalZero: 'The total is zero.',
  // A claim's readings that name economies ({{reporter}}, {{partner}}, {{leader}}: economies named by the page).
  claimExportsTo: 'exports to {{partner}}',
  claimImportsFrom: 'imports from {{partner}}',
  claimExportsImportsWith: 'exports to and imports from {{partner}}',
  claimFlowsBoth: 'exports and imports',
  claimTotalBoth: 'total exports and imports',
  claimTotalExports: 'total exports',
  claimTotalImports: 'total imports',
  claimShareOf: "share of {{reporter}}'s {{total}}",
  claimNoOtherPartner: 'no other partner of {{reporter}} loaded',
  claimRankedOne: 'ranked against {{count}} other partner loaded',
  claimRankedMany: 'ranked against {{count}} other partners loaded',
  claimLeaderLarger: '{{leader}} is larger.',
  claimLeaderAsLarge: '{{leader}} is as large.',
  claimLeaderLargerPartial: '{{leader}} is larger (its {{flows}} are not loaded: at least this).',
  claimLeaderAsLargePartial: '{{leader}} is as large (its {{flows}} are not loaded: at least this).',
  claimWorldLeaves:
    "{{reporter}}'s total with the world leaves {{unseen}} unallocated to the partners loaded: less than {{partner}}'s figure, so no partner not loaded can be larger.",
  // What data would decide a reading or check a claim.
  claimNeedsValue: "{{reporter}}'s {{flows}} in {{year}}, as {{reporter}} reports them (from a source other than the claim's own).",
  claimNeedsGrowth: "{{reporter}}'s {{flows}} in {{previous}} and {{year}}.",
  claimNeedsShare: "{{reporter}}'s {{flows}} in {{year}}, and its {{total}} (trade with the world) that year.",
  claimNeedsLargest:
    "{{reporter}}'s {{flows}} with {{partner}} and with every other partner in {{year}}, or {{reporter}}'s total {{flows}} (trade with the world) that year.",
  claimNeedsWorld:
    "{{reporter}}'s total {{flows}} (trade with the world) in {{year}}, or its trade with every partner that year: {{loaded}}.",
  claimNoOtherLoaded: 'no other partner of {{reporter}} is loaded',
  claimOnlyOthersOne: 'only {{count}} other partner is loaded',
  claimOnlyOthersMany: 'only {{count}} other partners are loaded',
  claimNeedsPartners: '{{partners}} with {{reporter}} in {{year}}.',
  claimPartnerFlows: "{{partner}}'s {{flows}}",
  claimNeedsMorePartners:
    "{{reporter}}'s {{flows}} with more of its partners in {{year}}: {{unseen}} of its total is not allocated to a loaded partner, as much as {{partner}}'s figure or more.",

  // The rule the claims' verdicts follow (db/claims/rules.ts).
  ruleRounding:
    'A stated figure holds when the data, rounded to the last digit the source gives, equals it: the difference is at most half a unit of that digit (a stated 364.1 bn holds for 364.05 to 364.15 bn). A rank holds only when no other partner can be larger.',
} as const;
