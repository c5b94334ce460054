/**
 * The world map's outlines (renderer/public/world-map.json): what build/map/world-map.ts makes from world-atlas,
 * byte for byte, so the committed file cannot drift from its generator; and a file the page can draw as it is.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeWorldMap, OUTPUT, serialise, WIDTH, type WorldMap } from '../../build/map/world-map.ts';

const committed = readFileSync(OUTPUT, 'utf8');
const map = JSON.parse(committed) as WorldMap;

/** The absolute points of a path written as the generator writes it (M x y, then relative linetos, z). */
function rings(d: string): [number, number][][] {
  return [...d.matchAll(/M(-?\d+) (-?\d+)l([^z]*)z/g)].map((m) => {
    const deltas = (m[3]!.match(/-?\d+/g) ?? []).map(Number);
    const points: [number, number][] = [[Number(m[1]), Number(m[2])]];
    for (let i = 0; i + 1 < deltas.length; i += 2) {
      const [x, y] = points[points.length - 1]!;
      points.push([x + deltas[i]!, y + deltas[i + 1]!]);
    }
    return points;
  });
}

describe('the world map file', () => {
  it('is what the generator makes from world-atlas', () => {
    expect(serialise(makeWorldMap())).toBe(committed);
  }, 60_000);

  it('has one path per country, keyed by a unique ISO alpha-3 code, inside the map', () => {
    expect(map.width).toBe(WIDTH);
    expect(map.height).toBeGreaterThan(WIDTH * 0.4);
    expect(map.height).toBeLessThan(WIDTH * 0.5);
    expect(map.countries.length).toBeGreaterThan(230);
    const codes = map.countries.map((c) => c.iso3).filter((c) => c !== null);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.every((c) => /^[A-Z]{3}$/.test(c))).toBe(true);
    for (const code of ['CHN', 'USA', 'KOR', 'JPN', 'VNM', 'DEU', 'BRA', 'AUS', 'ZAF', 'FJI', 'RUS', 'SGP', 'MLT'])
      expect(codes).toContain(code);
    expect(codes).not.toContain('ATA');
    for (const country of map.countries) {
      const [ax, ay] = country.at;
      expect(ax >= 0 && ax <= map.width && ay >= 0 && ay <= map.height, country.name).toBe(true);
      expect(country.d, country.name).toMatch(/^(M-?\d+ -?\d+l(-?\d+( ?-?\d+)*)?z)+$/);
      for (const ring of rings(country.d)) {
        expect(ring.length, country.name).toBeGreaterThanOrEqual(3);
        for (const [x, y] of ring) {
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThanOrEqual(map.width + 1);
          expect(y).toBeGreaterThanOrEqual(0);
          expect(y).toBeLessThanOrEqual(map.height + 1);
        }
      }
    }
  });

  it('points at a country inside its main part: Russia in Russia, the United States in the lower 48, France in Europe', () => {
    const at = (iso3: string): [number, number] => map.countries.find((c) => c.iso3 === iso3)!.at;
    const [rusX] = at('RUS');
    const [usaX, usaY] = at('USA');
    const [fraX, fraY] = at('FRA');
    const [deuX, deuY] = at('DEU');
    expect(rusX).toBeGreaterThan(map.width * 0.6);
    expect(usaX).toBeGreaterThan(map.width * 0.15);
    expect(usaY).toBeGreaterThan(map.height * 0.2);
    expect(Math.hypot(fraX - deuX, fraY - deuY)).toBeLessThan(map.width * 0.03);
  });

  it('puts countries where they are: China north-east of Australia, Korea between China and Japan', () => {
    const centre = (iso3: string): [number, number] => {
      const points = rings(map.countries.find((c) => c.iso3 === iso3)!.d).flat();
      return [points.reduce((a, p) => a + p[0], 0) / points.length, points.reduce((a, p) => a + p[1], 0) / points.length];
    };
    const [chnX, chnY] = centre('CHN');
    const [ausX, ausY] = centre('AUS');
    const [korX] = centre('KOR');
    const [jpnX] = centre('JPN');
    const [usaX] = centre('USA');
    expect(chnY).toBeLessThan(ausY);
    expect(chnX).toBeLessThan(ausX + map.width * 0.05);
    expect(korX).toBeGreaterThan(chnX);
    expect(korX).toBeLessThan(jpnX);
    expect(usaX).toBeLessThan(map.width / 3);
  });
});
