/**
 * Countries and their coasts from Natural Earth 1:10m (the world-atlas package's TopoJSON). A country's coast
 * is every arc of its outline that no other country shares: shared arcs are land borders. Lines are turned so
 * the sea is on the left, as CoastLine promises.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { distance as levenshtein } from 'fastest-levenshtein';
// the package's index without its entry point, which would load all ~80 locales; English is registered below
import iso from 'i18n-iso-countries/index.js';
import { transform } from 'topojson-client';
import { inputError } from '../domain/errors.js';
import type { CoastLine } from '../domain/scenario.js';
import type { LonLat } from '../geo/lonlat.js';
import { dropRepeatedVertices, ringSignedArea } from '../geo/polyline.js';

const require = createRequire(import.meta.url);

export interface Country {
  /** Natural Earth name, as in world-atlas (e.g. "Libya", "Bosnia and Herz."). */
  name: string;
  /** world-atlas id: the ISO 3166-1 numeric code, e.g. "434"; '' for the few territories without one. */
  id: string;
  iso2?: string;
  iso3?: string;
}

interface TopoGeometry {
  type: string;
  id?: string;
  properties?: { name?: string };
  arcs?: number[][] | number[][][];
}

interface Topology {
  transform: { scale: [number, number]; translate: [number, number] };
  arcs: [number, number][][];
  objects: { countries: { geometries: TopoGeometry[] } };
}

/** A country of the atlas as the lookups need it: its name and code, not its outline. */
interface Entry {
  name: string;
  id?: string;
}

/** The name and code lookups: small, kept once built. */
interface Atlas {
  byName: Map<string, Entry>;
  /** Normalised name -> country. */
  byKey: Map<string, Entry>;
  byId: Map<string, Entry>;
  /** Normalised English ISO name (and alternatives) -> alpha-2. */
  isoNames: Map<string, string>;
}

/** A parsed topology and what coastOf works out from it: dropped once the coasts needed are made. */
interface Outlines {
  topo: Topology;
  /** How many country rings use each arc (both directions counted). */
  arcUse: Uint16Array;
  decoded: (LonLat[] | undefined)[];
}

let atlas: Atlas | undefined;
let topoRef: WeakRef<Topology> | undefined;

/**
 * The world-atlas topology: 3.8 MB of JSON, some 35 MB parsed, so it is never kept (not by require's cache
 * either): only the names and the coasts made from it are. A weak reference spares a second parse while the
 * first is still alive (findCountry then countryCoast).
 */
function topology(): Topology {
  const have = topoRef?.deref();
  if (have) return have;
  const file = require.resolve('world-atlas/countries-10m.json');
  const topo = JSON.parse(readFileSync(file, 'utf8')) as Topology;
  topoRef = new WeakRef(topo);
  return topo;
}

/** Builds the lookups once, on first use. */
function load(): Atlas {
  if (atlas) return atlas;
  const topo = topology();
  iso.registerLocale(require('i18n-iso-countries/langs/en.json'));
  const byName = new Map<string, Entry>();
  const byKey = new Map<string, Entry>();
  const byId = new Map<string, Entry>();
  const arcsOfId = new Map<string, number>();
  for (const g of topo.objects.countries.geometries) {
    const name = g.properties?.name ?? '';
    const e: Entry = g.id !== undefined ? { name, id: g.id } : { name };
    byName.set(name, e);
    byKey.set(normalise(name), e);
    if (g.id !== undefined) {
      // Ashmore and Cartier Is. share Australia's code 036: the code means the one with more outline
      const n = arcCount(g);
      if (!byId.has(g.id) || n > arcsOfId.get(g.id)!) {
        byId.set(g.id, e);
        arcsOfId.set(g.id, n);
      }
    }
  }
  const isoNames = new Map<string, string>();
  for (const [alpha2, names] of Object.entries(iso.getNames('en', { select: 'all' }))) {
    for (const n of names) isoNames.set(normalise(n), alpha2);
  }
  atlas = { byName, byKey, byId, isoNames };
  return atlas;
}

/** The topology with its arc use counted, for making coasts. */
function outlines(): Outlines {
  const topo = topology();
  const arcUse = new Uint16Array(topo.arcs.length);
  for (const g of topo.objects.countries.geometries) {
    for (const ring of ringsOf(g).flat()) for (const a of ring) arcUse[a < 0 ? ~a : a]++;
  }
  return { topo, arcUse, decoded: new Array(topo.arcs.length) };
}

/** Every Natural Earth country name in the data, for listings and did-you-mean. */
export function countryNames(): string[] {
  return [...load().byName.keys()].sort();
}

/**
 * A country by Natural Earth name (any case; accents and punctuation optional, so "Cote dIvoire" and
 * "bosnia and herz" work), ISO 3166-1 alpha-2, alpha-3 or numeric code, or English ISO name ("Bosnia and
 * Herzegovina"). Unknown input is an input error at `coast.country` suggesting the closest names.
 */
export function findCountry(query: string): Country {
  const a = load();
  const q = query.trim();
  const key = normalise(q);
  let g = a.byKey.get(key);
  let alpha2: string | undefined;
  if (!g) {
    const up = q.toUpperCase();
    const numeric = /^[A-Z]{2}$/.test(up)
      ? iso.alpha2ToNumeric(up)
      : /^[A-Z]{3}$/.test(up)
        ? iso.alpha3ToNumeric(up)
        : /^\d{1,3}$/.test(up)
          ? up.padStart(3, '0')
          : (alpha2 = a.isoNames.get(key)) !== undefined
            ? iso.alpha2ToNumeric(alpha2)
            : undefined;
    if (numeric !== undefined) {
      g = a.byId.get(numeric);
      if (!g) {
        const name = iso.getName(numeric, 'en') ?? q;
        throw inputError(
          'scenario.unknown-country',
          `"${q}" is ${name}, which Natural Earth 1:10m does not map as a country of its own: ` +
            'use the name of the Natural Earth country it belongs to, or give the coast as "geojson"',
          'coast.country',
        );
      }
    }
  }
  if (!g) throw unknownCountry(q, key, a);
  return describe(g);
}

function describe(g: Entry): Country {
  const id = g.id ?? '';
  const iso2 = id ? iso.numericToAlpha2(id) : undefined;
  const iso3 = id ? iso.numericToAlpha3(id) : undefined;
  return { name: g.name, id, ...(iso2 && { iso2 }), ...(iso3 && { iso3 }) };
}

function unknownCountry(q: string, key: string, a: Atlas) {
  const sortedKey = [...key].sort().join('');
  const scored: { name: string; d: number; letters: number }[] = [];
  for (const [name] of a.byName) {
    const k = normalise(name);
    // a prefix ("bosnia" for "Bosnia and Herz.") is as good as a near miss
    const d = k.startsWith(key) && key.length >= 4 ? 1 : levenshtein(key, k);
    // ties go to the name with the same letters ("Lybia": Libya rather than Syria)
    scored.push({ name, d, letters: levenshtein(sortedKey, [...k].sort().join('')) });
  }
  scored.sort((x, y) => x.d - y.d || x.letters - y.letters || x.name.localeCompare(y.name));
  const best = scored[0];
  const close =
    best && best.d <= Math.max(2, Math.floor(key.length / 3))
      ? scored.filter((s) => s.d === best.d && s.letters === best.letters).slice(0, 3)
      : [];
  const example = close.length > 0 ? (describe(a.byName.get(close[0].name)!).iso2 ?? 'LY') : 'LY';
  const fix = `a Natural Earth country name or an ISO code such as "${example}"`;
  const message =
    close.length > 0
      ? `unknown country "${q}": did you mean ${close.map((c) => `"${c.name}"`).join(' or ')}? Use ${fix}`
      : `unknown country "${q}": use ${fix} (see the names in world-atlas/countries-10m.json)`;
  return inputError('scenario.unknown-country', message, 'coast.country');
}

/** Lower case, no accents, letters and digits only: "Côte d'Ivoire" -> "cotedivoire". */
function normalise(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

const coastCache = new Map<string, CoastLine[]>();

/**
 * The coast of a country (its name or what findCountry returned) as lines with the sea on the left: closed
 * lines for outlines that touch no other country (islands), open lines between land borders. A country with
 * no coast (landlocked) is an input error at `coast.country`.
 */
export function countryCoast(country: string | Country): CoastLine[] {
  const c = typeof country === 'string' ? findCountry(country) : country;
  let lines = coastCache.get(c.name);
  if (!lines) {
    const a = load();
    if (!a.byName.has(c.name)) throw unknownCountry(c.name, normalise(c.name), a);
    const o = outlines();
    // the last of that name, as byName keeps
    const g = o.topo.objects.countries.geometries.findLast((x) => (x.properties?.name ?? '') === c.name)!;
    lines = coastOf(g, o);
    coastCache.set(c.name, lines);
  }
  if (lines.length === 0) {
    throw inputError(
      'scenario.no-coast',
      `${c.name} has no coastline in Natural Earth 1:10m; pick a coastal country or give "geojson"`,
      'coast.country',
    );
  }
  // callers own what they get: the cache must not change under them
  return lines.map((l) => ({ ...l, coords: l.coords.map((p) => [p[0], p[1]] as LonLat) }));
}

function coastOf(g: TopoGeometry, a: Outlines): CoastLine[] {
  const out: CoastLine[] = [];
  for (const polygon of ringsOf(g)) {
    polygon.forEach((ring, k) => {
      const isCoast = ring.map((arc) => a.arcUse[arc < 0 ? ~arc : arc] === 1);
      if (!isCoast.includes(true)) return;
      const area = ringSignedArea(ringCoords(ring, a));
      // land is inside the exterior ring (k = 0), water or another country inside a hole: sea on the left
      // means the exterior clockwise and holes anticlockwise (world-atlas draws them so, but Russia and Fiji's
      // rings across the antimeridian only come out right once unwrapped, which ringSignedArea does)
      const reverse = k === 0 ? area > 0 : area < 0;
      const runs: { coords: LonLat[]; closed: boolean }[] = [];
      if (!isCoast.includes(false)) {
        runs.push({ coords: ringCoords(ring, a), closed: true });
      } else {
        // start after a border arc so that no run of coast arcs wraps around the ring's start
        const s = isCoast.indexOf(false);
        let run: number[] = [];
        for (let i = 1; i <= ring.length; i++) {
          const j = (s + i) % ring.length;
          if (isCoast[j]) run.push(ring[j]);
          else if (run.length > 0) {
            runs.push({ coords: ringCoords(run, a), closed: false });
            run = [];
          }
        }
      }
      // turning the ring round also turns round the order of its runs
      if (reverse) runs.reverse();
      for (const r of runs) {
        if (reverse) r.coords.reverse();
        for (const piece of splitAtAntimeridianCut(r.coords, r.closed)) {
          const closed = piece.closed && piece.coords.length >= 4;
          if (piece.coords.length >= (closed ? 4 : 2))
            out.push({ coords: piece.coords, closed, seaSide: 'left' });
        }
      }
    });
  }
  return out;
}

function ringsOf(g: TopoGeometry): number[][][] {
  if (g.type === 'Polygon') return [g.arcs as number[][]];
  if (g.type === 'MultiPolygon') return g.arcs as number[][][];
  return [];
}

function arcCount(g: TopoGeometry): number {
  let n = 0;
  for (const ring of ringsOf(g).flat()) n += ring.length;
  return n;
}

/** The positions of consecutive arcs (~i: arc i backwards), junction points once. */
function ringCoords(arcs: readonly number[], a: Outlines): LonLat[] {
  const out: LonLat[] = [];
  for (const arc of arcs) {
    const c = decodeArc(arc < 0 ? ~arc : arc, a);
    const seq = arc < 0 ? [...c].reverse() : c;
    for (let i = out.length > 0 ? 1 : 0; i < seq.length; i++) out.push(seq[i]);
  }
  return dropRepeatedVertices(out);
}

/** An arc's positions, its quantisation undone by topojson-client (decoded once per arc). */
function decodeArc(i: number, a: Outlines): LonLat[] {
  const have = a.decoded[i];
  if (have) return have;
  const t = transform(a.topo.transform);
  // its second argument says "not the first position": delta decoding restarts at each arc
  const out = a.topo.arcs[i].map((p, k) => t(p, k > 0) as LonLat);
  a.decoded[i] = out;
  return out;
}

function onAntimeridian(p: LonLat): boolean {
  return Math.abs(Math.abs(p[0]) - 180) < 1e-9;
}

/**
 * Natural Earth cuts land at ±180° (Russia, Fiji): the cut edges run along the meridian, touch no other
 * country and so look like coast. They are dropped, and a vertex on the meridian takes the sign of its
 * neighbour's longitude so the line does not seem to jump across the map.
 */
function splitAtAntimeridianCut(coords: LonLat[], closed: boolean): { coords: LonLat[]; closed: boolean }[] {
  const cut = (i: number) => onAntimeridian(coords[i]) && onAntimeridian(coords[i + 1]);
  let path = coords;
  let isClosed = closed;
  if (closed) {
    let first = 0;
    while (first + 1 < coords.length && !cut(first)) first++;
    if (first + 1 < coords.length) {
      // open the ring at its first cut: start just after it, go round, end just before it
      path = [...coords.slice(first + 1), ...coords.slice(1, first + 1)];
      isClosed = false;
    }
  }
  const pieces: LonLat[][] = [];
  let cur: LonLat[] = [path[0]];
  for (let i = 0; i + 1 < path.length; i++) {
    if (onAntimeridian(path[i]) && onAntimeridian(path[i + 1])) {
      if (cur.length >= 2) pieces.push(cur);
      cur = [path[i + 1]];
    } else cur.push(path[i + 1]);
  }
  if (cur.length >= 2) pieces.push(cur);
  for (const piece of pieces) {
    for (let i = 0; i < piece.length; i++) {
      if (!onAntimeridian(piece[i])) continue;
      const nb = piece[i > 0 ? i - 1 : i + 1];
      if (nb && !onAntimeridian(nb)) piece[i] = [nb[0] < 0 ? -180 : 180, piece[i][1]];
    }
  }
  return pieces.map((c) => ({ coords: c, closed: isClosed }));
}

/** Natural Earth countries usually meant together with another (a user asking for one likely wants both). */
const COMPANIONS: Record<string, string[]> = {
  Cyprus: ['N. Cyprus', 'Cyprus U.N. Buffer Zone', 'Akrotiri', 'Dhekelia'],
  'N. Cyprus': ['Cyprus'],
  Somalia: ['Somaliland'],
  Somaliland: ['Somalia'],
  Morocco: ['W. Sahara'],
  'W. Sahara': ['Morocco'],
  Serbia: ['Kosovo'],
  Kosovo: ['Serbia'],
};

/**
 * Notes for a list of requested countries: each neighbour Natural Earth draws apart that is usually meant with
 * one of them, and is not in the list, with the list that would plan both.
 */
export function companionNotes(countries: readonly string[]): string[] {
  const notes: string[] = [];
  for (const c of countries) {
    const missing = (COMPANIONS[c] ?? []).filter((m) => !countries.includes(m));
    if (missing.length === 0) continue;
    const all = [...countries, ...missing].map((x) => JSON.stringify(x)).join(', ');
    notes.push(
      `Natural Earth draws ${missing.join(', ')} apart from ${c}: to plan ${missing.length > 1 ? 'them' : 'it'} too, give "country": [${all}]`,
    );
  }
  return notes;
}
