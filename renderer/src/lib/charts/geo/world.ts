/**
 * The world map, loaded on first use only: chartjs-chart-geo (its controller, scales and d3-geo) as a
 * chunk of its own, and the Natural Earth 1:50m country shapes (world-atlas) as a file of the app
 * fetched from its own origin. Neither is part of the first paint.
 */
import atlasUrl from 'world-atlas/countries-50m.json?url';
import type { Feature } from 'chartjs-chart-geo';
import { registerCharts } from '../register.ts';
import { ISO3_BY_NUMERIC } from './iso-numeric.ts';

/** A country's shape with the alpha-3 code data economies use (null where the map's shape has no ISO code). */
export interface CountryShape {
  feature: Feature;
  iso3: string | null;
  name: string;
}

let loading: Promise<CountryShape[]> | undefined;
let makeProjection: (() => unknown) | undefined;

/**
 * The map's projection (Equal Earth) without d3-geo's adaptive resampling: the 1:50m shapes' points lie far closer
 * together than a pixel, so resampling between them adds nothing on screen, only time to every draw.
 * Only after loadWorld().
 */
export function mapProjection(): unknown {
  if (!makeProjection) throw new Error('mapProjection() before loadWorld()');
  return makeProjection();
}

interface Topology {
  type: 'Topology';
  objects: { countries: unknown };
}

async function load(): Promise<CountryShape[]> {
  const [geo, response] = await Promise.all([import('chartjs-chart-geo'), fetch(atlasUrl)]);
  if (!response.ok) throw new Error(`The world map could not be read (${response.status} ${response.statusText}).`);
  const atlas = (await response.json()) as Topology;
  makeProjection = () => geo.geoEqualEarth().precision(0);
  registerCharts().register(geo.ChoroplethController, geo.GeoFeature, geo.ColorScale, geo.ColorLogarithmicScale, geo.ProjectionScale);
  const collection = geo.topojson.feature(atlas as never, atlas.objects.countries as never) as unknown as {
    features: (Feature & { id?: string; properties: { name: string } })[];
  };
  return collection.features
    .filter((f) => f.properties.name !== 'Antarctica')
    .map((f) => ({ feature: f, iso3: (f.id && ISO3_BY_NUMERIC.get(String(f.id))) || null, name: f.properties.name }));
}

/** The country shapes, read once per window. */
export function loadWorld(): Promise<CountryShape[]> {
  loading ??= load().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}
