/**
 * The words of the domain, each defined once: event kinds, project statuses, trade flows, the economy-code
 * pattern (the dashboards are db/common/dashboards.ts). The database's CHECK constraints, the contract's schemas, the packs, the
 * briefing blocks and the renderer's filters and labels all take them from here.
 * Pure TypeScript without zod (the renderer's shell imports it; their schemas are vocabulary-schemas.ts), and
 * tests/unit/vocabulary.test.ts fails when a list of these words is spelled out anywhere else.
 */
export const EVENT_KINDS = ['meeting', 'business-meeting', 'forum', 'fair', 'exhibition', 'visit', 'other'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const PROJECT_STATUSES = ['planned', 'signed', 'in-progress', 'completed', 'cancelled'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

/** What a partner ranking ranks by. */
export const PARTNER_MEASURES = ['exports', 'imports', 'total', 'balance'] as const;
export type PartnerMeasure = (typeof PARTNER_MEASURES)[number];

/** What the world map of a reporter's partners colours by. */
export const MAP_MEASURES = ['exports', 'imports', 'balance'] as const;
export type MapMeasure = (typeof MAP_MEASURES)[number];

/** HS levels: a chapter is 2 digits, a heading 4, a code (subheading) 6. */
export const PRODUCT_LEVELS = ['chapter', 'heading', 'code'] as const;
export type ProductLevel = (typeof PRODUCT_LEVELS)[number];
export const LEVEL_DIGITS: Record<ProductLevel, number> = { chapter: 2, heading: 4, code: 6 };

/** A trade flow as the sources report it; re-exports and re-imports are kept apart from exports and imports. */
export const FLOWS = ['export', 'import', 're-export', 're-import'] as const;
export type Flow = (typeof FLOWS)[number];

/** The years a figure may have (the database's CHECK constraints hold the same range). */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2100;

/** An economy: an ISO 3166-1 alpha-3 country (KOR) or an ISO 3166-2 subdivision (CN-SD). */
export const ECONOMY_CODE = /^([A-Z]{3}|[A-Z]{2}-[A-Z0-9]{1,3})$/;

/** Whether a value (a URL's query, a stored field) is one of the words of a list, narrowed to it. */
export function isOneOf<const T extends string>(words: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (words as readonly string[]).includes(value);
}

/** The tables of the data model that export whole (Data › Export, one table as CSV or a workbook). */
export const EXPORT_TABLES = [
  'trade_flow',
  'source',
  'economy',
  'sector',
  'sector_hs',
  'project',
  'event',
  'route',
  'route_leg',
  'statement',
  'stated_figure',
  'import_run',
  'edit_log',
] as const;
