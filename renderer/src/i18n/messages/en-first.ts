/**
 * English, the part the first paint shows: the shell (sidebar, settings, notices, errors), the Overview and the data
 * core's messages of its checked claims. The rest of the catalogue (en.ts) loads after the first paint and before any other view
 * (views/registry.ts). tests/unit/i18n-first-paint.test.ts checks that every key the first paint's sources use is here.
 */
import { CLAIM_MESSAGES } from '../../../../db/common/core-messages-claims.ts';
import { coreKeys } from './core-keys.ts';
import { dashboardTitles } from './dashboard-keys.ts';

/**
 * The data core's messages the first view shows (its checked claims: db/common/core-messages-claims.ts, English there),
 * as keys `core.<code>`; the rest of the core's English is in en.ts. Until it loads, a core message the first paint
 * lacks (an error) is shown as the English the core sent with it (i18n.svelte.ts, tCore).
 */
const core = coreKeys(CLAIM_MESSAGES);

const first = {
  'app.name': 'Tradebrief',
  'app.title': '{{view}} — Tradebrief',
  'app.unreachable': 'Tradebrief could not reach its data: {{message}}',

  'shell.skip': 'Skip to content',
  'shell.views': 'Views',
  'shell.viewLoadError': 'This view could not be loaded: {{message}}. Reload the window to try again.',
  'shell.printLoadError': 'The print layout could not be loaded: {{message}}.',
  'shell.notFound': 'Not found',
  'shell.noSuchView': 'There is no view called “{{view}}”.',
  'shell.goOverview': 'Go to the overview',
  'shell.language': 'Language',
  'shell.moneyUnit': 'Figures in',

  'unit.bn': 'USD bn',
  'unit.mn': 'USD mn',
  'unit.thousand': 'USD thousand',

  'money.bn': 'USD {{n}} bn',
  'money.mn': 'USD {{n}} mn',
  'money.thousand': 'USD {{n}} thousand',

  ...dashboardTitles('en'),

  'view.sources': 'Sources',
  'view.data': 'Data',
  'view.briefings': 'Briefings',
  'view.print': 'Print',

  'async.data': 'data',
  'async.failed': 'The {{what}} could not be loaded.',
  'async.retry': 'Try again',
  'async.loading': 'Loading {{what}}…',

  'notice.dismiss': 'Dismiss',

  'sourceRef.label': 'Source: {{labels}} ({{publishers}})',
  'sourceRef.citedIn': 'Cited in {{label}}: {{publisher}}, “{{title}}”',

  'claims.checkedAs': 'Checked as:',
  'claims.yearFromFigures': 'The source gives no year for this claim; it is checked for {{year}}, the year of the trade figures it cites.',
  'claims.decidedBy': 'Would be decided by: {{needs}}',
  'claims.wouldCheck': 'What would check it:',

  'exportData.open': 'Export data…',
  'exportData.loadError': 'The export box could not be loaded: {{message}}.',

  'claims.verdict.holds': 'Holds',
  'claims.verdict.mixed': 'Holds by one source, not by another',
  'claims.verdict.differs': 'Does not hold',
  'claims.verdict.unchecked': 'Cannot be checked with the data loaded',
  'claims.reading.holds': 'Holds',
  'claims.reading.differs': 'Differs',
  'claims.reading.unknown': 'Cannot decide',
  'claims.signedBn': '{{n}} bn',
  'claims.largest.export': "{{partner}} is {{reporter}}'s largest export destination in {{year}}",
  'claims.largest.import': "{{partner}} is {{reporter}}'s largest source of imports in {{year}}",
  'claims.largest.total': "{{partner}} is {{reporter}}'s largest trading partner in {{year}} (exports + imports)",
  'claims.largest.balance': "{{partner}} is {{reporter}}'s largest partner in {{year}}",
  'claims.value.export': "{{reporter}}'s exports to {{partner}} in {{year}}: {{figure}}",
  'claims.value.import': "{{reporter}}'s imports from {{partner}} in {{year}}: {{figure}}",
  'claims.value.total': "{{reporter}}'s total trade with {{partner}} in {{year}}: {{figure}}",
  'claims.value.balance': "{{reporter}}'s trade balance with {{partner}} in {{year}}: {{figure}}",
  'claims.share.total': "{{partner}}'s share of {{reporter}}'s total trade in {{year}}: {{figure}}",
  'claims.share.export': "{{partner}}'s share of {{reporter}}'s exports in {{year}}: {{figure}}",
  'claims.share.import': "{{partner}}'s share of {{reporter}}'s imports in {{year}}: {{figure}}",
  'claims.growth.export': "{{reporter}}'s exports to {{partner}}, change from {{from}} to {{year}}: {{figure}}",
  'claims.growth.import': "{{reporter}}'s imports from {{partner}}, change from {{from}} to {{year}}: {{figure}}",
  'claims.growth.total': "{{reporter}}'s total trade with {{partner}}, change from {{from}} to {{year}}: {{figure}}",
  'claims.growth.balance': "{{reporter}}'s trade balance with {{partner}}, change from {{from}} to {{year}}: {{figure}}",
  'claims.largerBy': ', larger by {{amount}}{{relative}}',
  'claims.against': '{{basis}}: {{leader}} against {{own}}{{by}}',
  'claims.next': '; next {{name}} {{figure}}',
  'claims.noFigure': 'no figure',
  'claims.points': '{{n}} points',
  'claims.difference': '{{basis}} = {{figure}}; difference {{diff}}{{relative}}',
  'claims.differsBy': '{{basis}} = {{figure}}; differs by {{diff}}{{relative}}',

  'growth.yoy': '{{change}} year-on-year ({{previous}} → {{year}})',
  'growth.yoyNone': 'Year-on-year: not given — {{reason}}',
  'growth.cagr': 'CAGR {{from}}–{{to}}: {{rate}} a year',
  'growth.cagrGap': 'not reported in between: {{years}}; the rate rests on the end years',
  'growth.cagrNone': 'CAGR: not given — {{reason}}',
  'growth.shareExports': "{{share}} share of {{reporter}}'s exports",
  'growth.shareImports': "{{share}} share of {{reporter}}'s imports",
  'growth.shareTotal': "{{share}} share of {{reporter}}'s total trade",
  'growth.shareNone': 'Share: not known — {{reason}}',
  'growth.reason.not-reported': 'not reported for that year',
  'growth.reason.previous-not-reported': 'the year before is not reported',
  'growth.reason.partial-year': 'a partial year is not compared with a whole one',
  'growth.reason.not-positive': 'a growth rate needs positive values at both ends',
  'growth.reason.one-year': 'a growth rate needs two years',

  'share.reason.not-reported': 'the figure is not reported for that year',
  'share.reason.total-not-loaded': "no figure of the reporter's total for that year is loaded",
  'share.reason.different-period': 'the figure and the total cover different months',

  'balance.label': "{{reporter}}'s trade balance with {{partner}}",
  'balance.deficitBoth': "A deficit for {{reporter}}: the same figure is {{partner}}'s surplus with {{reporter}}.",
  'balance.surplusBoth': "A surplus for {{reporter}}: the same figure is {{partner}}'s deficit with {{reporter}}.",

  'overview.what': 'overview',
  'overview.loaded': 'Loaded: {{packs}}',
  'overview.headline': 'Trade in {{year}}, as reported by {{reporter}}',
  'overview.disagree': 'Figures disagree:',
  'overview.disagreeText':
    'the stated total is {{stated}}, while its parts add up to {{parts}} ({{exports}} + {{imports}}): a difference of {{difference}}, most likely rounding in the source. Both figures are kept.',
  'overview.empty': 'No trade figures yet.',
  'overview.emptyHint': 'Import a briefing pack or a trade data file (File › Import…) to see headline figures here.',
  'overview.sourcesSay': 'What the sources say',
  'overview.checkedElsewhere': 'Statements the data can test are under “Claims checked against the data”.',
  'overview.context': 'Context',
  'overview.checked': 'Claims checked against the data',
  'overview.tally':
    '{{claims}} of the sources, each tested against every loaded source of the same reporter and year: {{holds}}, {{mixed}} by one source and not another, {{differs}}, {{unchecked}} cannot be checked yet.',
  'overview.tally.claims_one': '{{count}} claim',
  'overview.tally.claims_other': '{{count}} claims',
  'overview.tally.holds_one': '{{count}} holds',
  'overview.tally.holds_other': '{{count}} hold',
  'overview.tally.differs_one': '{{count}} does not',
  'overview.tally.differs_other': '{{count}} do not',
  'overview.contents': 'In this database',
  'overview.count.tradeFigures': 'trade figures',
  'overview.count.sectors': 'sectors',
  'overview.count.projects': 'cooperation projects',
  'overview.count.projectsBatched': 'cooperation projects ({{batches}} reported as a batch)',
  'overview.count.events': 'events',
  'overview.count.routes': 'logistics routes',
  'overview.count.sources': 'sources',

  'tiles.exports': "{{reporter}}'s exports to {{partner}}",
  'tiles.imports': "{{reporter}}'s imports from {{partner}}",
  'tiles.formulaBalance': 'exports − imports',
  'tiles.formulaTotal': 'exports + imports',
  'tiles.derivedValue': 'Derived: {{formula}} = {{value}}.',
  'tiles.derived': 'Derived: {{formula}}',
  'tiles.total': 'Total trade',
  'tiles.asStated': 'As stated by the source',
  'tiles.partsAddUp': '; its parts add up to {{value}}',

  'claims.sentence': '{{s}}.',
  'claims.labelled': '{{s}}:',

  'growth.aside': '{{v}} ({{g}})',

  ...core,
} as const;

export default first;
