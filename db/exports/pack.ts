/**
 * Writes the database's data as a briefing pack (db/packs format 1): every source, economy, place,
 * organisation, figure, sector, plan, event, project, route, statement and briefing — with the
 * figures of file imports and their sources unless `includeImported` is false — so that a colleague
 * who loads the pack sees the same figures on every dashboard. Ids become pack keys (the "<pack>:"
 * prefix removed); loading the pack into an empty database and exporting again gives the same pack.
 * A database too large for a pack (db/packs/load.ts limits) is refused before anything is written.
 */
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { ApiError } from '../common/errors.ts';
import { said, type Said } from '../common/core-messages.ts';
import type { Db } from '../open.ts';
import type { Flow } from '../common/vocabulary.ts';
import { countElements, MAX_PACK_BYTES, MAX_PACK_ELEMENTS, parsePack } from '../packs/load.ts';
import { PACK_FORMAT, PACK_FORMAT_VERSION, type PackClaim, type PackInput } from '../packs/schema.ts';

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

/** Stable keys for ids, unique per kind of entity. */
class Keys {
  #byId = new Map<string, string>();
  #used = new Set<string>();

  key(id: string): string {
    const known = this.#byId.get(id);
    if (known) return known;
    const tail = id.includes(':') ? id.slice(id.indexOf(':') + 1) : id;
    let key = clean(tail);
    if (this.#used.has(key)) key = clean(id);
    for (let i = 2; this.#used.has(key); i++) key = `${clean(id).slice(0, 60)}-${i}`;
    this.#byId.set(id, key);
    this.#used.add(key);
    return key;
  }
}

function clean(text: string): string {
  const k = text
    .replace(/[^A-Za-z0-9._-]/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 64);
  return k.length > 0 ? k : 'x';
}

/** Drops null fields (absent in a pack) so the JSON matches what a pack author writes. */
function compact<T extends Record<string, unknown>>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== null && v !== undefined)) as T;
}

type Row = Record<string, string | number | null>;

/** A stored claim as a pack carries it (the inverse of claimColumns in db/packs/load.ts). */
function claimOf(r: Row): PackClaim {
  const base = {
    reporter: String(r['reporter']),
    partner: String(r['partner']),
    year: Number(r['year']),
    ...(r['year_stated'] === 0 ? { yearStated: false } : {}),
    ...(r['note'] === null ? {} : { note: String(r['note']) }),
  };
  const measure = String(r['measure']);
  const value = Number(r['value']);
  const precision = Number(r['value_precision']);
  switch (r['kind']) {
    case 'largest-partner':
      return { kind: 'largest-partner', ...base, flow: measure as 'export' | 'import' | 'total' };
    case 'share':
      return { kind: 'share', ...base, flow: measure as 'export' | 'import' | 'total', share: value, precision };
    case 'growth':
      return { kind: 'growth', ...base, measure: measure as 'export' | 'import' | 'total', rate: value, precision };
    default:
      return {
        kind: 'total-value',
        ...base,
        measure: measure as 'export' | 'import' | 'total' | 'balance',
        valueUsd: value,
        precisionUsd: precision,
      };
  }
}

export interface ExportPackOptions {
  id: string;
  title: string;
  version: string;
  /** Include the rows of file imports and their sources (default true). */
  includeImported?: boolean;
}

function tooLarge(what: Said, includeImported: boolean): ApiError {
  const hint = said(includeImported ? 'exportPackHintImported' : 'exportPackHint');
  return new ApiError('invalid-input', said('exportPackTooLarge', { what, hint }));
}

export function buildPack(db: Db, options: ExportPackOptions): PackInput {
  const all = (sql: string, ...params: unknown[]): Row[] => db.prepare(sql).all(...params) as Row[];
  const src = new Keys(),
    place = new Keys(),
    org = new Keys(),
    sector = new Keys(),
    event = new Keys();
  const stated = new Keys(),
    plan = new Keys(),
    project = new Keys(),
    route = new Keys(),
    statement = new Keys(),
    briefing = new Keys(),
    figure = new Keys();
  const s = (v: unknown): string => v as string;
  const opt = (v: unknown): string | undefined => (v === null || v === undefined ? undefined : String(v));

  const imported = options.includeImported ?? true;
  // Trade flows are most of a large database: counted first, so an export that cannot be a pack stops before reading them.
  const flowCount = db
    .prepare(`SELECT count(*) FROM trade_flow ${imported ? '' : 'WHERE import_id IS NULL'}`)
    .pluck()
    .get() as number;
  if (flowCount > MAX_PACK_ELEMENTS) {
    throw tooLarge(said('exportPackFlows', { flows: flowCount, limit: MAX_PACK_ELEMENTS }), imported);
  }
  const sources = all(`SELECT * FROM source ${imported ? '' : "WHERE id NOT LIKE 'import:%'"} ORDER BY rowid`);
  // Keys first, so citedIn can refer forward.
  for (const r of sources) src.key(s(r['id']));
  const dateOf = (
    precision: unknown,
    value: unknown,
    part: unknown,
    anchor: unknown,
    weekday: unknown,
    relation: unknown,
    note: unknown,
  ) => {
    if (precision === null) return undefined;
    if (precision === 'relative') {
      return compact({
        precision: 'relative' as const,
        anchor: src.key(s(anchor)),
        weekday: WEEKDAYS[Number(weekday)]!,
        relation: relation as 'before-anchor' | 'week-of-anchor',
        month: opt(value),
        part: opt(part) as 'early' | 'mid' | 'late' | undefined,
        note: opt(note),
      });
    }
    if (precision === 'month')
      return compact({ precision: 'month' as const, value: s(value), part: opt(part) as 'early' | 'mid' | 'late' | undefined });
    return { precision: precision as 'day' | 'year', value: s(value) };
  };

  // The project table keeps a relative date's month and part only: its anchor, weekday and relation are
  // those of the event it was signed at (as packs write them). Without such an event it becomes a month.
  const eventDate = db.prepare('SELECT rel_anchor_id, rel_weekday, rel_relation FROM event WHERE id = ? AND date_precision = ?');
  const projectDate = (r: Row) => {
    if (r['signed_precision'] !== 'relative')
      return dateOf(r['signed_precision'], r['signed_value'], r['signed_part'], null, null, null, null);
    const e = r['signed_event_id'] ? (eventDate.get(r['signed_event_id'], 'relative') as Row | undefined) : undefined;
    if (e) return dateOf('relative', r['signed_value'], r['signed_part'], e['rel_anchor_id'], e['rel_weekday'], e['rel_relation'], null);
    return r['signed_value'] ? dateOf('month', r['signed_value'], r['signed_part'], null, null, null, null) : undefined;
  };

  const pack: PackInput = {
    format: PACK_FORMAT,
    formatVersion: PACK_FORMAT_VERSION,
    id: options.id,
    version: options.version,
    title: options.title,
    sources: sources.map((r) =>
      compact({
        key: src.key(s(r['id'])),
        label: s(r['label']),
        publisher: s(r['publisher']),
        title: s(r['title']),
        published: r['published_precision']
          ? { precision: r['published_precision'] as 'day' | 'month' | 'year', value: s(r['published_value']) }
          : undefined,
        publishedNote: opt(r['published_note']),
        url: opt(r['url']),
        note: opt(r['note']),
        citedIn: r['cited_in_id'] && (imported || !s(r['cited_in_id']).startsWith('import:')) ? src.key(s(r['cited_in_id'])) : undefined,
      }),
    ),
    economies: all('SELECT * FROM economy ORDER BY rowid').map((r) =>
      compact({
        code: s(r['code']),
        name: s(r['name']),
        kind: r['kind'] as 'country' | 'subnational' | 'group',
        parent: opt(r['parent_code']),
        regionLabel: opt(r['region_label']),
      }),
    ),
    places: all('SELECT * FROM place ORDER BY rowid').map((r) =>
      compact({
        key: place.key(s(r['id'])),
        name: s(r['name']),
        kind: r['kind'] as 'city' | 'port' | 'office' | 'venue',
        economy: s(r['economy_code']),
        note: opt(r['note']),
      }),
    ),
    organisations: all('SELECT * FROM organisation ORDER BY rowid').map((r) =>
      compact({
        key: org.key(s(r['id'])),
        name: s(r['name']),
        shortName: opt(r['short_name']),
        economy: opt(r['economy_code']),
      }),
    ),
    tradeFlows: all(`SELECT * FROM trade_flow ${imported ? '' : 'WHERE import_id IS NULL'} ORDER BY id`).map((r) =>
      compact({
        reporter: s(r['reporter']),
        partner: s(r['partner']),
        year: Number(r['year']),
        month: r['month'] === null ? undefined : Number(r['month']),
        flow: r['flow'] as Flow,
        productCode: s(r['product_code']),
        valueUsd: Number(r['value_usd']),
        series: r['series'] as 'primary' | 'crosscheck',
        source: src.key(s(r['source_id'])),
        note: opt(r['note']),
      }),
    ),
    statedFigures: all('SELECT * FROM stated_figure ORDER BY rowid').map((r) =>
      compact({
        key: stated.key(s(r['id'])),
        reporter: s(r['reporter']),
        partner: s(r['partner']),
        year: Number(r['year']),
        measure: r['measure'] as 'total_trade' | 'balance',
        valueUsd: Number(r['value_usd']),
        source: src.key(s(r['source_id'])),
        note: opt(r['note']),
      }),
    ),
    sectors: all('SELECT * FROM sector ORDER BY rowid').map((r) =>
      compact({
        key: sector.key(s(r['id'])),
        name: s(r['name']),
        description: opt(r['description']),
        hs: all('SELECT * FROM sector_hs WHERE sector_id = ? ORDER BY rowid', r['id']).map((h) =>
          compact({
            code: s(h['hs_code']),
            description: opt(h['description']),
            source: h['source_id'] ? src.key(s(h['source_id'])) : undefined,
            note: opt(h['note']),
          }),
        ),
      }),
    ),
    exportPlans: all('SELECT * FROM export_plan ORDER BY rowid').map((r) =>
      compact({
        key: plan.key(s(r['id'])),
        title: s(r['title']),
        reporter: s(r['reporter']),
        partner: s(r['partner']),
        organisation: r['organisation_id'] ? org.key(s(r['organisation_id'])) : undefined,
        source: src.key(s(r['source_id'])),
        sectors: all('SELECT sector_id FROM export_plan_sector WHERE plan_id = ? ORDER BY position', r['id']).map((x) =>
          sector.key(s(x['sector_id'])),
        ),
      }),
    ),
    events: all('SELECT * FROM event ORDER BY rowid').map((r) =>
      compact({
        key: event.key(s(r['id'])),
        kind: r['kind'] as 'meeting',
        title: s(r['title']),
        place: r['place_id'] ? place.key(s(r['place_id'])) : undefined,
        placeText: opt(r['place_text']),
        country: opt(r['country_code']),
        region: opt(r['region_code']),
        organiser: r['organiser_id'] ? org.key(s(r['organiser_id'])) : undefined,
        date: dateOf(
          r['date_precision'],
          r['date_value'],
          r['date_part'],
          r['rel_anchor_id'],
          r['rel_weekday'],
          r['rel_relation'],
          r['rel_note'],
        )!,
        sectors: all('SELECT label FROM event_sector WHERE event_id = ? ORDER BY rowid', r['id']).map((x) => s(x['label'])),
        note: opt(r['note']),
        source: src.key(s(r['source_id'])),
      }),
    ),
    projects: all('SELECT * FROM project ORDER BY rowid').map((r) =>
      compact({
        key: project.key(s(r['id'])),
        title: s(r['title']),
        count: Number(r['project_count']),
        partner: s(r['partner_code']),
        counterpart: opt(r['counterpart_code']),
        status: r['status'] as 'signed',
        signed: projectDate(r),
        signedAtEvent: r['signed_event_id'] ? event.key(s(r['signed_event_id'])) : undefined,
        valueUsd: r['value_usd'] === null ? undefined : Number(r['value_usd']),
        fields: all('SELECT field FROM project_field WHERE project_id = ? ORDER BY position', r['id']).map((x) => s(x['field'])),
        splitReported: Number(r['split_reported']) === 1,
        note: opt(r['note']),
        source: src.key(s(r['source_id'])),
      }),
    ),
    routes: all('SELECT * FROM route ORDER BY rowid').map((r) =>
      compact({
        key: route.key(s(r['id'])),
        name: s(r['name']),
        transitDays:
          r['transit_days_min'] !== null && r['transit_days_max'] !== null
            ? { min: Number(r['transit_days_min']), max: Number(r['transit_days_max']) }
            : undefined,
        transitBasis: opt(r['transit_basis']),
        legs: all('SELECT * FROM route_leg WHERE route_id = ? ORDER BY position', r['id']).map((l) =>
          compact({
            mode: l['mode'] as 'sea' | 'rail' | 'road' | 'air',
            from: place.key(s(l['from_place_id'])),
            to: place.key(s(l['to_place_id'])),
            label: opt(l['label']),
          }),
        ),
        note: opt(r['note']),
        source: src.key(s(r['source_id'])),
      }),
    ),
    statements: all('SELECT * FROM statement ORDER BY rowid').map((r) => {
      const claims = all('SELECT * FROM claim WHERE statement_id = ? ORDER BY position', r['id']).map(claimOf);
      return compact({
        key: statement.key(s(r['id'])),
        kind: r['kind'] as 'claim' | 'context',
        text: s(r['text']),
        source: src.key(s(r['source_id'])),
        claims: claims.length > 0 ? claims : undefined,
      });
    }),
    briefings: all('SELECT * FROM briefing ORDER BY rowid').map((r) =>
      compact({
        key: briefing.key(s(r['id'])),
        title: s(r['title']),
        audience: s(r['audience']),
        datedOn: opt(r['dated_on']),
        classification: s(r['classification']),
        blocks: all('SELECT kind, config FROM briefing_block WHERE briefing_id = ? ORDER BY position', r['id']).map((b) => ({
          kind: s(b['kind']),
          config: JSON.parse(s(b['config'])) as Record<string, unknown>,
        })),
      }),
    ),
  };
  const figures = all('SELECT * FROM sector_figure ORDER BY rowid');
  if (figures.length > 0) {
    pack.sectorFigures = figures.map((r) =>
      compact({
        key: figure.key(s(r['id'])),
        reporter: s(r['reporter']),
        partner: s(r['partner']),
        year: Number(r['year']),
        flow: r['flow'] as 'export' | 'import',
        label: s(r['label']),
        hsNote: s(r['hs_note']),
        sector: r['sector_id'] ? sector.key(s(r['sector_id'])) : undefined,
        valueUsd: Number(r['value_usd']),
        periodNote: opt(r['period_note']),
        unitInferred: r['unit_inferred'] === 1 ? true : undefined,
        source: src.key(s(r['source_id'])),
        note: opt(r['note']),
      }),
    );
  }
  return pack;
}

/** Builds, checks (the same parser as loading) and writes the pack. */
export function exportPackFile(db: Db, path: string, options: ExportPackOptions): { counts: Record<string, number> } {
  const pack = buildPack(db, options);
  const includeImported = options.includeImported ?? true;
  const elements = countElements(pack);
  if (elements > MAX_PACK_ELEMENTS) {
    throw tooLarge(said('packTooManyElements', { elements, limit: MAX_PACK_ELEMENTS }), includeImported);
  }
  parsePack(pack, basename(path));
  const text = `${JSON.stringify(pack, null, 2)}\n`;
  if (Buffer.byteLength(text) > MAX_PACK_BYTES) {
    throw tooLarge(
      said('exportPackBytes', { size: (Buffer.byteLength(text) / 2 ** 20).toFixed(1), limit: String(MAX_PACK_BYTES / 2 ** 20) }),
      includeImported,
    );
  }
  writeFileSync(path, text);
  const counts: Record<string, number> = {};
  for (const [k, v] of Object.entries(pack)) if (Array.isArray(v)) counts[k] = v.length;
  return { counts };
}
