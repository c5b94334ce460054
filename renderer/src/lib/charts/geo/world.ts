/**
 * The world map's country outlines, projected once at build time (build/map/world-map.ts writes
 * public/world-map.json: Equal Earth, one SVG path per country). Fetched from the app's own origin when a
 * map is first shown, never part of the first paint, and read once per window.
 */

export interface WorldCountry {
  /** ISO 3166-1 alpha-3, as data economies are keyed; null where the shape has none (Kosovo, N. Cyprus, …). */
  iso3: string | null;
  /** The shape's English name, where the page has no name of its own for the code. */
  name: string;
  /** SVG path data in the map's units. */
  d: string;
  /** Where to point at the country, in the map's units (the middle of its largest part). */
  at: [number, number];
}

export interface WorldMap {
  width: number;
  height: number;
  countries: WorldCountry[];
}

let loading: Promise<WorldMap> | undefined;
let loaded: WorldMap | null = null;

async function load(): Promise<WorldMap> {
  const response = await fetch(new URL('/world-map.json', location.href));
  if (!response.ok) throw new Error(`The world map could not be read (${response.status} ${response.statusText}).`);
  const map = (await response.json()) as Partial<WorldMap>;
  if (typeof map.width !== 'number' || typeof map.height !== 'number' || !Array.isArray(map.countries)) {
    throw new Error('The world map file is not a map.');
  }
  return { width: map.width, height: map.height, countries: map.countries };
}

/** The country outlines, read once per window. */
export function loadWorld(): Promise<WorldMap> {
  loading ??= load().then(
    (map) => (loaded = map),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/** The outlines when this window has read them already: a map shown again is drawn with the rest of its view, not after it. */
export function loadedWorld(): WorldMap | null {
  return loaded;
}
