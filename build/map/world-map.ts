/**
 * `node build/map/world-map.ts`: the partners' world map, projected once here rather than in every window.
 * Reads the Natural Earth 1:50m country shapes (world-atlas), projects them with Equal Earth (d3-geo, with its
 * antimeridian clipping and adaptive resampling), rounds every point to a grid of WIDTH units across the world,
 * drops points that change the outline by less than TOLERANCE units (Douglas–Peucker, per ring) and islands smaller
 * than MIN_AREA square units (a country keeps its largest ring whatever its size), and writes one SVG path per
 * country, keyed by its ISO 3166-1 alpha-3 code, to renderer/public/world-map.json.
 *
 * At 4,000 units across, one unit is about a quarter of a CSS pixel of the map on a 1440-px screen (some 1,100 px
 * wide) and half a pixel of a 300-dpi print across an A4 page: the outline moves by at most 1.2 units, finer than
 * either shows. The output is committed (the app's build only copies it, and a clean checkout builds without this
 * script); tests/unit/world-map.test.ts fails when it differs from what this script makes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { geoEqualEarth, geoPath, type GeoContext } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { ISO3_BY_NUMERIC } from './iso-numeric.ts';

export const WIDTH = 4000;
const TOLERANCE = 1.2;
const MIN_AREA = 8;
export const OUTPUT = fileURLToPath(new URL('../../renderer/public/world-map.json', import.meta.url));

export interface WorldMapCountry {
  /** null where the shape has no ISO code (Kosovo, N. Cyprus, Somaliland, …). */
  iso3: string | null;
  /** Natural Earth's English name, shown where the page has no name of its own for the code. */
  name: string;
  /** SVG path data in the map's units: absolute moveto, relative integer linetos. */
  d: string;
  /** Where to point at the country (a tooltip for the focused one): the middle of its largest ring's bounds. */
  at: [number, number];
}

export interface WorldMap {
  source: string;
  projection: string;
  width: number;
  height: number;
  countries: WorldMapCountry[];
}

type Point = [number, number];

/** Twice the signed area of a ring. */
function doubleArea(ring: readonly Point[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += ring[j]![0] * ring[i]![1] - ring[i]![0] * ring[j]![1];
  return sum;
}

function distanceToSegment(p: Point, a: Point, b: Point): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2));
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}

/** Douglas–Peucker on an open polyline: keeps its ends and every point further than TOLERANCE from the kept outline. */
function simplifyLine(points: readonly Point[]): Point[] {
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length > 0) {
    const [first, last] = stack.pop()!;
    let furthest = -1;
    let distance = TOLERANCE;
    for (let i = first + 1; i < last; i++) {
      const d = distanceToSegment(points[i]!, points[first]!, points[last]!);
      if (d > distance) {
        distance = d;
        furthest = i;
      }
    }
    if (furthest >= 0) {
      keep[furthest] = 1;
      stack.push([first, furthest], [furthest, last]);
    }
  }
  return points.filter((_, i) => keep[i] === 1);
}

/** A closed ring simplified: split at its first point and the point furthest from it, each half simplified. */
function simplifyRing(ring: readonly Point[]): Point[] {
  let far = 0;
  let best = -1;
  ring.forEach((p, i) => {
    const d = Math.hypot(p[0] - ring[0]![0], p[1] - ring[0]![1]);
    if (d > best) {
      best = d;
      far = i;
    }
  });
  const first = simplifyLine(ring.slice(0, far + 1));
  const second = simplifyLine([...ring.slice(far), ring[0]!]);
  return [...first, ...second.slice(1, -1)];
}

/** Points rounded to the grid, without consecutive repeats (nor the closing repeat of the first). */
function rounded(ring: readonly Point[]): Point[] {
  const out: Point[] = [];
  for (const [x, y] of ring) {
    const p: Point = [Math.round(x), Math.round(y)];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  while (out.length > 1 && out[0]![0] === out[out.length - 1]![0] && out[0]![1] === out[out.length - 1]![1]) out.pop();
  return out;
}

/** "M x y l dx dy dx dy … z" with the fewest separators (a minus sign separates on its own). */
function pathData(ring: readonly Point[]): string {
  let d = `M${ring[0]![0]} ${ring[0]![1]}l`;
  let first = true;
  const add = (n: number): void => {
    d += first || n < 0 ? `${n}` : ` ${n}`;
    first = false;
  };
  for (let i = 1; i < ring.length; i++) {
    add(ring[i]![0] - ring[i - 1]![0]);
    add(ring[i]![1] - ring[i - 1]![1]);
  }
  return `${d}z`;
}

/** A d3-geo path "context" that keeps the projected rings it is drawn with. */
class RingCollector implements GeoContext {
  rings: Point[][] = [];
  beginPath(): void {}
  moveTo(x: number, y: number): void {
    this.rings.push([[x, y]]);
  }
  lineTo(x: number, y: number): void {
    this.rings[this.rings.length - 1]!.push([x, y]);
  }
  closePath(): void {}
  arc(): void {}
}

export function makeWorldMap(): WorldMap {
  const require = createRequire(import.meta.url);
  const atlasFile = require.resolve('world-atlas/countries-50m.json');
  const atlasVersion = (JSON.parse(readFileSync(require.resolve('world-atlas/package.json'), 'utf8')) as { version: string }).version;
  const topology = JSON.parse(readFileSync(atlasFile, 'utf8')) as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const all = feature(topology, topology.objects.countries).features.filter((f) => f.properties.name !== 'Antarctica');

  const projection = geoEqualEarth().fitWidth(WIDTH, { type: 'FeatureCollection', features: all });
  const [[, top], [, bottom]] = geoPath(projection).bounds({ type: 'FeatureCollection', features: all });
  projection.translate([projection.translate()[0], projection.translate()[1] - top]);
  const height = Math.ceil(bottom - top);

  const collector = new RingCollector();
  const path = geoPath(projection, collector);

  // Shapes of one code (Australia and its Ashmore and Cartier Islands) become one country.
  const byKey = new Map<string, { iso3: string | null; name: string; rings: Point[][] }>();
  for (const f of all) {
    const iso3 = (f.id !== undefined && ISO3_BY_NUMERIC.get(String(f.id))) || null;
    const key = iso3 ?? `name:${f.properties.name}`;
    const entry = byKey.get(key) ?? { iso3, name: f.properties.name, rings: [] };
    collector.rings = [];
    path(f);
    entry.rings.push(...collector.rings.filter((r) => r.length > 0));
    byKey.set(key, entry);
  }

  const countries: WorldMapCountry[] = [];
  for (const { iso3, name, rings } of byKey.values()) {
    const shaped = rings.map((r) => simplifyRing(rounded(r))).filter((r) => r.length >= 3);
    const sized = shaped.map((r) => ({ r, area: Math.abs(doubleArea(r)) / 2 }));
    const largest = Math.max(0, ...sized.map((s) => s.area));
    const kept = sized.filter((s) => s.area >= MIN_AREA || s.area === largest).map((s) => s.r);
    // A shape smaller than the grid (Monaco, Vatican City): a single unit square where it lies.
    if (kept.length === 0 && rings[0]?.[0]) {
      const [x, y] = rings[0][0].map(Math.round) as Point;
      kept.push([
        [x, y],
        [x + 1, y],
        [x + 1, y + 1],
        [x, y + 1],
      ]);
    }
    const main = kept.reduce((a, b) => (Math.abs(doubleArea(b)) > Math.abs(doubleArea(a)) ? b : a));
    const xs = main.map((p) => p[0]);
    const ys = main.map((p) => p[1]);
    const at: Point = [Math.round((Math.min(...xs) + Math.max(...xs)) / 2), Math.round((Math.min(...ys) + Math.max(...ys)) / 2)];
    countries.push({ iso3, name, d: kept.map(pathData).join(''), at });
  }
  countries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    source: `Natural Earth 1:50m admin-0 countries (public domain), world-atlas ${atlasVersion} countries-50m.json; Antarctica left out`,
    projection: 'Equal Earth',
    width: WIDTH,
    height,
    countries,
  };
}

/** One country a line: a diff shows which shapes changed. */
export function serialise(map: WorldMap): string {
  const { countries, ...head } = map;
  const headJson = JSON.stringify(head);
  return `${headJson.slice(0, -1)},"countries":[\n${countries.map((c) => JSON.stringify(c)).join(',\n')}\n]}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const map = makeWorldMap();
  const text = serialise(map);
  writeFileSync(OUTPUT, text);
  console.log(`${OUTPUT}: ${map.countries.length} countries, ${map.width}×${map.height}, ${(text.length / 1024).toFixed(1)} KB`);
}
