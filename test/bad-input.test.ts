/**
 * Bad input for every field of the scenario file (docs/formats.md), one mutation of the valid
 * scenarios/libya-pantelleria.json per case: the parser and resolver refuse it with an input error naming
 * the field and the fix, and `coastwatch plan` exits 2 with that message on stderr and writes nothing.
 */
import assert from 'node:assert/strict';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { jsonErrorOffset, loadScenario, resolveScenario } from '../src/app/load-scenario.js';
import { CoastwatchError } from '../src/domain/errors.js';
import { parseScenarioFile } from '../src/domain/scenario-schema.js';
import { type CliRun, cli } from './support/cli.js';
import { repoRoot } from './support/golden.js';

const ROOT = repoRoot();
const VALID: Record<string, unknown> = JSON.parse(
  readFileSync(join(ROOT, 'scenarios', 'libya-pantelleria.json'), 'utf8'),
);

const scratch = mkdtempSync(join(tmpdir(), 'coastwatch-bad-input-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
let dirs = 0;
/** A fresh, empty folder per case, so that nothing one case writes can be mistaken for another's. */
function freshDir(): string {
  const d = join(scratch, String(dirs++));
  mkdirSync(d);
  return d;
}

/** Leaves the field out of the scenario. */
const DELETE = Symbol('delete');
type Edit = [path: string, value: unknown];

/** Sets (or with DELETE removes) `aircraft[0].reserveH`-style paths in a copy of the valid scenario. */
function mutate(edits: readonly Edit[]): unknown {
  const s = structuredClone(VALID);
  for (const [path, value] of edits) {
    const keys = path.split(/\.|\[(\d+)\]/).filter((k) => k !== undefined && k !== '');
    let o = s as Record<string, unknown>;
    for (const k of keys.slice(0, -1)) o = o[k] as Record<string, unknown>;
    const last = keys[keys.length - 1];
    if (value === DELETE) delete o[last];
    else o[last] = value;
  }
  return s;
}

interface Case {
  title: string;
  /** Edits of the valid scenario, or a whole replacement of it. */
  edits?: Edit[];
  json?: unknown;
  /** The field path the message must name, as in `aircraft[0].reserveH: ...`. */
  field: string;
  /** What the message after `field: ` must say: the problem and how to fix it. */
  fix: RegExp;
  /** Where the problem is caught: the schema, or the lookups and GeoJSON reading after it. */
  stage: 'parse' | 'resolve';
}

const line = (coords: unknown[][]) => ({ type: 'LineString', coordinates: coords });
const twoBases = [{ icao: 'LICG' }, { name: 'Forward strip', lon: 12.61, lat: 35.5 }];

const CASES: Case[] = [
  // name
  {
    title: 'name missing',
    edits: [['name', DELETE]],
    field: 'name',
    fix: /^is required: a name/,
    stage: 'parse',
  },
  { title: 'name empty', edits: [['name', '']], field: 'name', fix: /^must not be empty/, stage: 'parse' },
  {
    title: 'name a number',
    edits: [['name', 7]],
    field: 'name',
    fix: /^must be text .*e\.g\. "/,
    stage: 'parse',
  },
  // coast
  {
    title: 'coast missing',
    edits: [['coast', DELETE]],
    field: 'coast',
    fix: /"country" or "geojson"/,
    stage: 'parse',
  },
  {
    title: 'coast a string',
    edits: [['coast', 'Libya']],
    field: 'coast',
    fix: /^must be an object with "country" or "geojson"/,
    stage: 'parse',
  },
  {
    title: 'coast with both country and geojson',
    edits: [
      [
        'coast.geojson',
        line([
          [12, 33],
          [13, 33],
        ]),
      ],
    ],
    field: 'coast',
    fix: /^give exactly one of "country" .* or "geojson"/,
    stage: 'parse',
  },
  {
    title: 'coast with neither country nor geojson',
    edits: [['coast', {}]],
    field: 'coast',
    fix: /^give exactly one of "country" .* or "geojson"/,
    stage: 'parse',
  },
  {
    title: 'coast.country misspelt',
    edits: [['coast.country', 'Lybia']],
    field: 'coast.country',
    fix: /^unknown country "Lybia": did you mean "Libya"\?/,
    stage: 'resolve',
  },
  {
    title: 'coast.country unknown',
    edits: [['coast.country', 'Atlantis']],
    field: 'coast.country',
    fix: /^unknown country "Atlantis": use a Natural Earth country name or an ISO code/,
    stage: 'resolve',
  },
  {
    title: 'coast.country landlocked',
    edits: [['coast.country', 'Chad']],
    field: 'coast.country',
    fix: /^Chad has no coastline .*pick a coastal country/,
    stage: 'resolve',
  },
  {
    title: 'coast.country empty',
    edits: [['coast.country', '']],
    field: 'coast.country',
    fix: /^must not be empty: give a country name/,
    stage: 'parse',
  },
  {
    title: 'coast.country a number',
    edits: [['coast.country', 434]],
    field: 'coast.country',
    fix: /^must be a country name .* e\.g\. "Libya"/,
    stage: 'parse',
  },
  {
    title: 'coast.geojson not an object',
    edits: [['coast', { geojson: 'LINESTRING(12 33, 13 33)' }]],
    field: 'coast.geojson',
    fix: /^must be a GeoJSON object, e\.g\./,
    stage: 'parse',
  },
  {
    title: 'coast.geojson without a type',
    edits: [
      [
        'coast',
        {
          geojson: {
            coordinates: [
              [12, 33],
              [13, 33],
            ],
          },
        },
      ],
    ],
    field: 'coast.geojson.type',
    fix: /^must be a GeoJSON object with a "type"/,
    stage: 'parse',
  },
  {
    title: 'coast.geojson of an unknown type',
    edits: [
      [
        'coast',
        {
          geojson: {
            type: 'Line',
            coordinates: [
              [12, 33],
              [13, 33],
            ],
          },
        },
      ],
    ],
    field: 'coast.geojson.type',
    fix: /^unknown GeoJSON type "Line": use LineString/,
    stage: 'resolve',
  },
  {
    title: 'coast.geojson a Point',
    edits: [['coast', { geojson: { type: 'Point', coordinates: [12, 33] } }]],
    field: 'coast.geojson.type',
    fix: /^a Point cannot be a coast: use LineString, MultiLineString, Polygon or MultiPolygon/,
    stage: 'resolve',
  },
  {
    title: 'coast.geojson line of one position',
    edits: [['coast', { geojson: line([[12, 33]]) }]],
    field: 'coast.geojson.coordinates',
    fix: /^must be a list of at least 2 positions \[lon, lat\]: it has 1/,
    stage: 'resolve',
  },
  {
    title: 'coast.geojson position not a pair of numbers',
    edits: [
      [
        'coast',
        {
          geojson: line([
            [12, 33],
            ['13', 33],
          ]),
        },
      ],
    ],
    field: 'coast.geojson.coordinates[1]',
    fix: /^longitude must be a number, got "13"/,
    stage: 'resolve',
  },
  {
    title: 'coast.geojson with [lat, lon] swapped',
    edits: [
      [
        'coast',
        {
          geojson: line([
            [33, 12],
            [33, 95],
          ]),
        },
      ],
    ],
    field: 'coast.geojson.coordinates[1]',
    fix: /^latitude 95 is outside -90\.\.90 \(GeoJSON positions are \[lon, lat\]: are these swapped\?\)/,
    stage: 'resolve',
  },
  {
    title: 'coast.geojson polygon ring not closed',
    edits: [
      [
        'coast',
        {
          geojson: {
            type: 'Polygon',
            coordinates: [
              [
                [12, 33],
                [13, 33],
                [13, 34],
                [12, 34],
              ],
            ],
          },
        },
      ],
    ],
    field: 'coast.geojson.coordinates[0]',
    fix: /^a ring must end where it starts: repeat the first position \[12, 33\] at the end/,
    stage: 'resolve',
  },
  {
    title: 'coast.geojson feature collection of a non-feature',
    edits: [
      [
        'coast',
        {
          geojson: {
            type: 'FeatureCollection',
            features: [
              line([
                [12, 33],
                [13, 33],
              ]),
            ],
          },
        },
      ],
    ],
    field: 'coast.geojson.features[0]',
    fix: /^must be a Feature \(\{ "type": "Feature", "geometry": \.\.\. \}\)/,
    stage: 'resolve',
  },
  {
    title: 'coast.geojson holding no coast',
    edits: [['coast', { geojson: { type: 'FeatureCollection', features: [] } }]],
    field: 'coast.geojson',
    fix: /^holds no coast: give at least one LineString/,
    stage: 'resolve',
  },
  {
    title: 'coast.bbox south above north',
    edits: [['coast.bbox', [9, 34, 26, 30]]],
    field: 'coast.bbox',
    fix: /^south \(2nd number\) must be less than north \(4th number\)/,
    stage: 'parse',
  },
  {
    title: 'coast.bbox west above east, leaving no coast',
    edits: [['coast.bbox', [26, 30, 9, 34]]],
    field: 'coast.bbox',
    fix: /^no coast is left .*\(west 26 > east 9 spans the antimeridian: swap them\?\)/,
    stage: 'resolve',
  },
  {
    title: 'coast.bbox longitude out of range',
    edits: [['coast.bbox', [9, 30, 200, 34]]],
    field: 'coast.bbox[2]',
    fix: /^must be a longitude between -180 and 180/,
    stage: 'parse',
  },
  {
    title: 'coast.bbox latitude out of range',
    edits: [['coast.bbox', [9, -95, 26, 34]]],
    field: 'coast.bbox[1]',
    fix: /^must be a latitude between -90 and 90/,
    stage: 'parse',
  },
  {
    title: 'coast.bbox of three numbers',
    edits: [['coast.bbox', [9, 30, 26]]],
    field: 'coast.bbox',
    fix: /^must be \[west, south, east, north\] in degrees/,
    stage: 'parse',
  },
  {
    title: 'coast.bbox away from the coast',
    edits: [['coast.bbox', [0, 0, 1, 1]]],
    field: 'coast.bbox',
    fix: /^no coast is left to plan for inside \[0, 0, 1, 1\]: widen the box or pick another coast/,
    stage: 'resolve',
  },
  // bases
  {
    title: 'bases missing',
    edits: [['bases', DELETE]],
    field: 'bases',
    fix: /^must be a list of bases, e\.g\./,
    stage: 'parse',
  },
  {
    title: 'bases empty',
    edits: [['bases', []]],
    field: 'bases',
    fix: /^must name at least one base/,
    stage: 'parse',
  },
  {
    title: 'bases[0].icao unknown',
    edits: [['bases', [{ icao: 'LIXX' }]]],
    field: 'bases[0].icao',
    fix: /^unknown ICAO code "LIXX": did you mean L[A-Z]{3} \(.*or give the base as \{ "name"/,
    stage: 'resolve',
  },
  {
    title: 'bases[0].icao malformed',
    edits: [['bases', [{ icao: 'L' }]]],
    field: 'bases[0].icao',
    fix: /^must be a 4-letter ICAO airfield code, e\.g\. "LICG"/,
    stage: 'parse',
  },
  {
    title: 'bases[0].icao a number',
    edits: [['bases', [{ icao: 1234 }]]],
    field: 'bases[0].icao',
    fix: /^must be a 4-letter ICAO airfield code/,
    stage: 'parse',
  },
  {
    title: 'base longitude out of range',
    edits: [
      ['bases', [{ name: 'Forward strip', lon: 192.61, lat: 35.5 }]],
      ['aircraft[0].base', DELETE],
      ['aircraft[1].base', DELETE],
    ],
    field: 'bases[0].lon',
    fix: /^must be a longitude between -180 and 180/,
    stage: 'parse',
  },
  {
    title: 'base latitude out of range',
    edits: [
      ['bases', [{ name: 'Forward strip', lon: 12.61, lat: -135.5 }]],
      ['aircraft[0].base', DELETE],
      ['aircraft[1].base', DELETE],
    ],
    field: 'bases[0].lat',
    fix: /^must be a latitude between -90 and 90/,
    stage: 'parse',
  },
  {
    title: 'base latitude missing',
    edits: [['bases', [{ name: 'Forward strip', lon: 12.61 }]]],
    field: 'bases[0].lat',
    fix: /^is required: a latitude in degrees/,
    stage: 'parse',
  },
  {
    title: 'base by position without a name',
    edits: [['bases', [{ lon: 12.61, lat: 35.5 }]]],
    field: 'bases[0].name',
    fix: /^is required: a name for a base given by position/,
    stage: 'parse',
  },
  {
    title: 'base neither an airfield nor a position',
    edits: [['bases', [{ name: 'Pantelleria' }]]],
    field: 'bases[0]',
    fix: /^must be \{ "icao": "LICG" \} or \{ "name": "\.\.\.", "lon": 12\.6, "lat": 35\.5 \}/,
    stage: 'parse',
  },
  {
    title: 'base with both icao and a position',
    edits: [['bases', [{ icao: 'LICG', lon: 12.61, lat: 35.5 }]]],
    field: 'bases[0].lon',
    fix: /^unknown field: remove it or correct its name \(fields: icao, name\)/,
    stage: 'parse',
  },
  {
    title: 'base listed twice',
    edits: [['bases', [{ icao: 'LICG' }, { icao: 'licg' }]]],
    field: 'bases[1]',
    fix: /^base "LICG" is listed twice \(also bases\[0\]\): remove one/,
    stage: 'resolve',
  },
  // aircraft
  {
    title: 'aircraft missing',
    edits: [['aircraft', DELETE]],
    field: 'aircraft',
    fix: /^must be a list of aircraft types/,
    stage: 'parse',
  },
  {
    title: 'aircraft empty',
    edits: [['aircraft', []]],
    field: 'aircraft',
    fix: /^must list at least one aircraft type/,
    stage: 'parse',
  },
  {
    title: 'aircraft[0] not an object',
    edits: [['aircraft', ['Turboprop ISR']]],
    field: 'aircraft[0]',
    fix: /^must be an aircraft type: \{ "name"/,
    stage: 'parse',
  },
  {
    title: 'aircraft[1].name duplicate',
    edits: [['aircraft[1].name', 'Turboprop ISR']],
    field: 'aircraft[1].name',
    fix: /^must be unique: "Turboprop ISR" is also aircraft\[0\]/,
    stage: 'parse',
  },
  {
    title: 'aircraft[0].name missing',
    edits: [['aircraft[0].name', DELETE]],
    field: 'aircraft[0].name',
    fix: /^is required: a unique name/,
    stage: 'parse',
  },
  {
    title: 'aircraft[0].base unknown',
    edits: [['aircraft[0].base', 'LIRF']],
    field: 'aircraft[0].base',
    fix: /^"LIRF" is not one of the bases \(LICG\): use one of those, or add it to "bases"/,
    stage: 'resolve',
  },
  {
    title: 'aircraft[0].base missing with several bases',
    edits: [
      ['bases', twoBases],
      ['aircraft[0].base', DELETE],
    ],
    field: 'aircraft[0].base',
    fix: /^is required when there are 2 bases: give an ICAO code or base name/,
    stage: 'parse',
  },
  {
    title: 'aircraft[0].base empty',
    edits: [['aircraft[0].base', '']],
    field: 'aircraft[0].base',
    fix: /^must not be empty: give an ICAO code or base name/,
    stage: 'parse',
  },
  {
    title: 'aircraft[0].count 0',
    edits: [['aircraft[0].count', 0]],
    field: 'aircraft[0].count',
    fix: /^must be at least 1/,
    stage: 'parse',
  },
  {
    title: 'aircraft[0].count negative',
    edits: [['aircraft[0].count', -2]],
    field: 'aircraft[0].count',
    fix: /^must be at least 1/,
    stage: 'parse',
  },
  {
    title: 'aircraft[0].count not whole',
    edits: [['aircraft[0].count', 1.5]],
    field: 'aircraft[0].count',
    fix: /^must be a whole number of airframes/,
    stage: 'parse',
  },
  {
    title: 'aircraft[0].count a string',
    edits: [['aircraft[0].count', '2']],
    field: 'aircraft[0].count',
    fix: /^must be a number \(airframes of this type\), e\.g\. 2/,
    stage: 'parse',
  },
  {
    title: 'aircraft[0].speedKts missing',
    edits: [['aircraft[0].speedKts', DELETE]],
    field: 'aircraft[0].speedKts',
    fix: /^is required: true airspeed in knots, e\.g\. 280/,
    stage: 'parse',
  },
  {
    title: 'aircraft[0].speedKts 0',
    edits: [['aircraft[0].speedKts', 0]],
    field: 'aircraft[0].speedKts',
    fix: /^must be greater than 0/,
    stage: 'parse',
  },
  {
    title: 'aircraft[0].speedKts negative',
    edits: [['aircraft[0].speedKts', -280]],
    field: 'aircraft[0].speedKts',
    fix: /^must be greater than 0/,
    stage: 'parse',
  },
  {
    title: 'aircraft[0].speedKts with a unit',
    edits: [['aircraft[0].speedKts', '280 kts']],
    field: 'aircraft[0].speedKts',
    fix: /^must be a number \(true airspeed in knots\)/,
    stage: 'parse',
  },
  {
    title: 'aircraft[0].enduranceH missing',
    edits: [['aircraft[0].enduranceH', DELETE]],
    field: 'aircraft[0].enduranceH',
    fix: /^is required: airborne hours/,
    stage: 'parse',
  },
  {
    title: 'aircraft[0].enduranceH 0',
    edits: [['aircraft[0].enduranceH', 0]],
    field: 'aircraft[0].enduranceH',
    fix: /^must be greater than 0/,
    stage: 'parse',
  },
  {
    title: 'aircraft[0].enduranceH negative',
    edits: [['aircraft[0].enduranceH', -10]],
    field: 'aircraft[0].enduranceH',
    fix: /^must be greater than 0 \(airborne hours on full fuel\)/,
    stage: 'parse',
  },
  {
    title: 'aircraft[0].reserveH equal to enduranceH',
    edits: [['aircraft[0].reserveH', 10]],
    field: 'aircraft[0].reserveH',
    fix: /^must be less than enduranceH \(10\)$/,
    stage: 'parse',
  },
  {
    title: 'aircraft[0].reserveH above enduranceH',
    edits: [['aircraft[0].reserveH', 12]],
    field: 'aircraft[0].reserveH',
    fix: /^must be less than enduranceH \(10\)$/,
    stage: 'parse',
  },
  {
    title: 'aircraft[0].reserveH negative',
    edits: [['aircraft[0].reserveH', -1]],
    field: 'aircraft[0].reserveH',
    fix: /^must not be negative/,
    stage: 'parse',
  },
  {
    title: 'aircraft[0].sensorRangeKm missing',
    edits: [['aircraft[0].sensorRangeKm', DELETE]],
    field: 'aircraft[0].sensorRangeKm',
    fix: /^is required: km within which a coast point is seen, e\.g\. 60/,
    stage: 'parse',
  },
  {
    title: 'aircraft[0].sensorRangeKm 0',
    edits: [['aircraft[0].sensorRangeKm', 0]],
    field: 'aircraft[0].sensorRangeKm',
    fix: /^must be greater than 0/,
    stage: 'parse',
  },
  {
    title: 'aircraft[0].sensorRangeKm negative',
    edits: [['aircraft[0].sensorRangeKm', -60]],
    field: 'aircraft[0].sensorRangeKm',
    fix: /^must be greater than 0/,
    stage: 'parse',
  },
  {
    title: 'aircraft[0].turnaroundH negative',
    edits: [['aircraft[0].turnaroundH', -3]],
    field: 'aircraft[0].turnaroundH',
    fix: /^must not be negative \(ground hours between sorties\)/,
    stage: 'parse',
  },
  {
    title: 'aircraft[0].callsigns not strings',
    edits: [['aircraft[0].callsigns', ['SEEK21', 22]]],
    field: 'aircraft[0].callsigns[1]',
    fix: /^must be a callsign or ICAO 24-bit address as text, e\.g\. "SEEK21"/,
    stage: 'parse',
  },
  {
    title: 'aircraft[0].callsigns not a list',
    edits: [['aircraft[0].callsigns', 'SEEK21']],
    field: 'aircraft[0].callsigns',
    fix: /^must be a list of callsigns or ICAO 24-bit addresses, e\.g\. \["SEEK21"\]/,
    stage: 'parse',
  },
  {
    title: 'aircraft[0] field misspelt',
    edits: [
      ['aircraft[0].endurance', 10],
      ['aircraft[0].enduranceH', DELETE],
    ],
    field: 'aircraft[0].endurance',
    fix: /^unknown field: did you mean "enduranceH"\?/,
    stage: 'parse',
  },
  // the rest of the top level
  {
    title: 'standoffKm negative',
    edits: [['standoffKm', -22.2]],
    field: 'standoffKm',
    fix: /^must not be negative/,
    stage: 'parse',
  },
  {
    title: 'standoffKm a string',
    edits: [['standoffKm', '12 NM']],
    field: 'standoffKm',
    fix: /^must be a number \(minimum distance from the coast, km\), e\.g\. 22\.2/,
    stage: 'parse',
  },
  {
    title: 'noFly not an object',
    edits: [['noFly', 'none']],
    field: 'noFly',
    fix: /^must be a GeoJSON object, e\.g\. \{ "type": "MultiPolygon"/,
    stage: 'parse',
  },
  {
    title: 'noFly ring too short',
    edits: [
      [
        'noFly',
        {
          type: 'Polygon',
          coordinates: [
            [
              [12, 34],
              [13, 34],
            ],
          ],
        },
      ],
    ],
    field: 'noFly.coordinates[0]',
    fix: /^must be a ring: at least 4 positions, the last one repeating the first: it has 2/,
    stage: 'resolve',
  },
  {
    title: 'noFly a line',
    edits: [
      [
        'noFly',
        line([
          [12, 34],
          [13, 34],
        ]),
      ],
    ],
    field: 'noFly.type',
    fix: /^a LineString cannot be an area: use Polygon or MultiPolygon/,
    stage: 'resolve',
  },
  {
    title: 'noFly polygons not a list',
    edits: [['noFly', { type: 'MultiPolygon', coordinates: 'none' }]],
    field: 'noFly.coordinates',
    fix: /^must be a list of polygons, got "none"/,
    stage: 'resolve',
  },
  {
    title: 'sampleKm 0',
    edits: [['sampleKm', 0]],
    field: 'sampleKm',
    fix: /^must be greater than 0/,
    stage: 'parse',
  },
  {
    title: 'sampleKm negative',
    edits: [['sampleKm', -1]],
    field: 'sampleKm',
    fix: /^must be greater than 0/,
    stage: 'parse',
  },
  {
    title: 'sampleKm too small',
    edits: [['sampleKm', 0.0001]],
    field: 'sampleKm',
    fix: /^must be at least 0\.1 km/,
    stage: 'parse',
  },
  {
    title: 'sampleKm too large',
    edits: [['sampleKm', 500]],
    field: 'sampleKm',
    fix: /^must be at most 100 km/,
    stage: 'parse',
  },
  {
    title: 'schedule.start not ISO 8601',
    edits: [['schedule.start', '1 December 2026']],
    field: 'schedule.start',
    fix: /^must be an ISO 8601 time, e\.g\. "2026-12-01T00:00:00Z"/,
    stage: 'parse',
  },
  {
    title: 'schedule.start a date without a time',
    edits: [['schedule.start', '2026-12-01']],
    field: 'schedule.start',
    fix: /ISO 8601 time, e\.g\. "2026-12-01T00:00:00Z"/,
    stage: 'parse',
  },
  {
    title: 'schedule.start missing',
    edits: [['schedule.start', DELETE]],
    field: 'schedule.start',
    fix: /^is required: an ISO 8601 time/,
    stage: 'parse',
  },
  {
    title: 'schedule.days 0',
    edits: [['schedule.days', 0]],
    field: 'schedule.days',
    fix: /^must be greater than 0/,
    stage: 'parse',
  },
  {
    title: 'schedule.days over a year',
    edits: [['schedule.days', 1000]],
    field: 'schedule.days',
    fix: /^must be at most 366 days/,
    stage: 'parse',
  },
  {
    title: 'schedule not an object',
    edits: [['schedule', 7]],
    field: 'schedule',
    fix: /^must be an object: \{ "start": /,
    stage: 'parse',
  },
  {
    title: 'unknown top-level field (typo)',
    edits: [
      ['standoff', 22.2],
      ['standoffKm', DELETE],
    ],
    field: 'standoff',
    fix: /^unknown field: did you mean "standoffKm"\?/,
    stage: 'parse',
  },
  {
    title: 'unknown top-level field',
    edits: [['priority', 'high']],
    field: 'priority',
    fix: /^unknown field: remove it or correct its name \(fields: name, /,
    stage: 'parse',
  },
  {
    title: 'coast field misspelt',
    edits: [['coast', { contry: 'Libya' }]],
    field: 'coast.contry',
    fix: /^unknown field: did you mean "country"\?/,
    stage: 'parse',
  },
  { title: 'version 2', edits: [['version', 2]], field: 'version', fix: /^must be 1/, stage: 'parse' },
  // not an object at all
  { title: 'a list', json: [VALID], field: '(scenario)', fix: /^must be a JSON object/, stage: 'parse' },
  { title: 'null', json: null, field: '(scenario)', fix: /^must be a JSON object/, stage: 'parse' },
  { title: 'a number', json: 42, field: '(scenario)', fix: /^must be a JSON object/, stage: 'parse' },
  {
    title: 'a string',
    json: 'libya-pantelleria',
    field: '(scenario)',
    fix: /^must be a JSON object/,
    stage: 'parse',
  },
];

function scenarioOf(c: Case): unknown {
  return c.json !== undefined || !c.edits ? c.json : mutate(c.edits);
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The text after `field: ` on the message's line for that field; fails when no line names it. */
function problemAt(message: string, field: string): string {
  const m = new RegExp(`^(?:  |coastwatch: )?${escapeRe(field)}: (.*)$`, 'm').exec(message);
  assert.ok(m, `no line of the message names ${field}:\n${message}`);
  return m[1];
}

/** An input error whose message names `field` and says `fix` there, in our words rather than zod's. */
function assertNamesField(e: unknown, field: string, fix: RegExp): true {
  assert.ok(e instanceof CoastwatchError, `not a CoastwatchError: ${String(e)}`);
  assert.equal(e.kind, 'input');
  assert.match(problemAt(e.message, field), fix);
  assert.doesNotMatch(e.message, /Invalid input|expected \w+, received/, 'a message zod wrote, not us');
  return true;
}

function writeCase(dir: string, c: Case): string {
  const path = join(dir, 'bad.json');
  writeFileSync(path, `${JSON.stringify(scenarioOf(c), null, 2)}\n`);
  return path;
}

/** Exit 2, the message on stderr naming the field, no stack trace. */
function assertRefused(r: CliRun, field: string, fix: RegExp): void {
  assert.equal(r.status, 2, `exit status ${r.status}, stderr:\n${r.stderr}`);
  assert.match(r.stderr, /^coastwatch: /);
  assert.match(problemAt(r.stderr, field), fix);
  assert.doesNotMatch(r.stderr, /^ {4}at /m, 'a stack trace on stderr');
  assert.doesNotMatch(r.stderr, /Error:/, 'an error class name on stderr');
  assert.equal(r.stdout, '', 'nothing on stdout for bad input');
}

describe('a bad scenario field', () => {
  it('starts from a scenario that is valid', async () => {
    const dir = freshDir();
    const path = writeCase(dir, { title: 'valid', edits: [], field: '', fix: /./, stage: 'parse' });
    const s = await loadScenario(path);
    assert.equal(s.aircraft[0].reserveH, 1);
  });

  for (const c of CASES) {
    describe(c.title, () => {
      it(`is refused by ${c.stage === 'parse' ? 'parseScenarioFile' : 'resolveScenario'} at ${c.field}`, async () => {
        const json = scenarioOf(c);
        if (c.stage === 'parse') {
          assert.throws(
            () => parseScenarioFile(json, 'bad.json'),
            (e) => assertNamesField(e, c.field, c.fix),
          );
        } else {
          // the schema lets it through: only the lookup or the GeoJSON reading can tell
          const file = parseScenarioFile(json, 'bad.json');
          assert.throws(
            () => resolveScenario(file),
            (e) => assertNamesField(e, c.field, c.fix),
          );
        }
      });

      it('is refused by loadScenario', async () => {
        const path = writeCase(freshDir(), c);
        await assert.rejects(loadScenario(path), (e) => assertNamesField(e, c.field, c.fix));
      });

      it('makes `coastwatch plan` exit 2 naming the field, writing nothing', async () => {
        const dir = freshDir();
        const path = writeCase(dir, c);
        const out = join(dir, 'out.geojson');
        const r = await cli(['plan', path, '--out', out]);
        assertRefused(r, c.field, c.fix);
        assert.equal(existsSync(out), false, 'an out file was written for bad input');
        // nor a half-written temporary beside it
        assert.deepEqual(readdirSync(dir), ['bad.json']);
      });
    });
  }

  it('lists every problem of a file at once, each at its field', () => {
    const json = mutate([
      ['aircraft[0].reserveH', 10],
      ['aircraft[1].count', 0],
      ['standoffKm', -1],
    ]);
    assert.throws(
      () => parseScenarioFile(json, 'bad.json'),
      (e) =>
        assertNamesField(e, 'aircraft[0].reserveH', /^must be less than enduranceH \(10\)$/) &&
        assertNamesField(e, 'aircraft[1].count', /^must be at least 1/) &&
        assertNamesField(e, 'standoffKm', /^must not be negative/),
    );
  });

  it('says only what is wrong with a bad enduranceH, not that reserveH exceeds it too', async () => {
    assert.throws(
      () => parseScenarioFile(mutate([['aircraft[0].enduranceH', -10]])),
      (e) => {
        assert.ok(e instanceof Error);
        assert.doesNotMatch(e.message, /reserveH/);
        return true;
      },
    );
  });
});

describe('a bad scenario file', () => {
  const fileCases: { title: string; text: string | null; message: RegExp }[] = [
    {
      title: 'with a JSON syntax error gives its line and column',
      text: '{\n  "name": "x",\n  "coast": { "country": "Libya" }\n  "bases": []\n}\n',
      message: /bad\.json: the scenario file is not valid JSON at line 4, column 3: /,
    },
    {
      title: 'with a trailing comma gives its line and column',
      text: '{\n  "name": "x",\n}\n',
      message: /not valid JSON at line 3, column 1: /,
    },
    {
      title: 'cut short says where it ends',
      text: '{\n  "name": "Libya coast",\n  "coast": {',
      message: /not valid JSON at line 3, column 13: /,
    },
    {
      title: 'with a byte order mark counts columns without it',
      text: '\ufeff{ "name": x }',
      message: /not valid JSON at line 1, column 11: /,
    },
    { title: 'that is empty', text: '', message: /not valid JSON at line 1, column 1: / },
    {
      title: 'that is missing',
      text: null,
      message: /bad\.json: no such file: check the path of the scenario file/,
    },
  ];

  for (const c of fileCases) {
    it(`${c.title}: loadScenario and \`coastwatch plan\` refuse it`, async () => {
      const dir = freshDir();
      const path = join(dir, 'bad.json');
      if (c.text !== null) writeFileSync(path, c.text);
      await assert.rejects(loadScenario(path), (e) => {
        assert.ok(e instanceof CoastwatchError);
        assert.equal(e.kind, 'input');
        assert.match(e.message, c.message);
        return true;
      });
      const out = join(dir, 'out.geojson');
      const r = await cli(['plan', path, '--out', out]);
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, c.message);
      assert.doesNotMatch(r.stderr, /^ {4}at /m);
      assert.equal(existsSync(out), false);
    });
  }

  it('is placed where JSON.parse places it, whenever its message tells (property)', () => {
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.string({ maxLength: 2 }), (json, k, junk) => {
        assert.equal(jsonErrorOffset(json), -1);
        const at = k % (json.length + 1);
        const bad = json.slice(0, at) + junk + json.slice(at);
        let told: number | undefined;
        try {
          JSON.parse(bad);
          told = -1;
        } catch (e) {
          const m = /at position (\d+)/.exec((e as Error).message);
          if (m) told = Number(m[1]);
          else if (/end of JSON input/.test((e as Error).message)) told = bad.length;
        }
        // an unexpected token is the one case V8 does not place: jsonErrorOffset is there for it
        if (told !== undefined) assert.equal(jsonErrorOffset(bad), told, JSON.stringify(bad));
        else assert.ok(jsonErrorOffset(bad) >= 0);
      }),
      { numRuns: 3000 },
    );
  });

  it('that is a folder is refused with exit 2', async () => {
    const r = await cli(['plan', freshDir()]);
    assert.equal(r.status, 2, r.stderr);
    // the path names the field; the reader says what it met (EISDIR for a folder) and the fix
    assert.match(r.stderr, /: cannot read the scenario file \(EISDIR\): give the path of a file/);
    assert.doesNotMatch(r.stderr, /^ {4}at /m);
  });
});

describe('an out file that exists already', () => {
  const PRECIOUS = '{"type":"FeatureCollection","features":[],"note":"yesterday\'s plan"}\n';
  const cases: { title: string; write: (path: string) => void; field: string; fix: RegExp }[] = [
    {
      title: 'a schema error',
      write: (p) => writeFileSync(p, JSON.stringify(mutate([['aircraft[0].reserveH', 10]]))),
      field: 'aircraft[0].reserveH',
      fix: /^must be less than enduranceH \(10\)$/,
    },
    {
      title: 'an unknown country',
      write: (p) => writeFileSync(p, JSON.stringify(mutate([['coast.country', 'Lybia']]))),
      field: 'coast.country',
      fix: /did you mean "Libya"/,
    },
    {
      title: 'malformed noFly GeoJSON',
      write: (p) =>
        writeFileSync(
          p,
          JSON.stringify(
            mutate([
              [
                'noFly',
                line([
                  [12, 34],
                  [13, 34],
                ]),
              ],
            ]),
          ),
        ),
      field: 'noFly.type',
      fix: /cannot be an area/,
    },
    {
      title: 'a JSON syntax error',
      write: (p) => writeFileSync(p, '{ "name": "x", }'),
      field: 'bad.json',
      fix: /^the scenario file is not valid JSON at line 1/,
    },
  ];
  for (const c of cases) {
    it(`is left as it was on ${c.title}`, async () => {
      const dir = freshDir();
      const path = join(dir, 'bad.json');
      c.write(path);
      const out = join(dir, 'out.geojson');
      writeFileSync(out, PRECIOUS);
      // run from the folder so that the file's name is its path, as a message names it
      const r = await cli(['plan', 'bad.json', '--out', out], { cwd: dir });
      assertRefused(r, c.field, c.fix);
      assert.equal(readFileSync(out, 'utf8'), PRECIOUS);
      assert.deepEqual(readdirSync(dir).sort(), ['bad.json', 'out.geojson']);
    });
  }
});

describe('the command line', () => {
  const LIBYA = join(ROOT, 'scenarios', 'libya-pantelleria.json');

  it('with no arguments exits 2 and prints the usage on stderr', async () => {
    const r = await cli([]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^usage: coastwatch <command>/m);
    assert.match(r.stderr, /^ {2}plan SCENARIO/m);
    assert.equal(r.stdout, '');
  });

  it('--version prints the version of package.json and exits 0', async () => {
    const r = await cli(['--version']);
    assert.equal(r.status, 0);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    assert.equal(r.stdout.trim(), pkg.version);
  });

  it('`plan` without a scenario exits 2 with its usage', async () => {
    const r = await cli(['plan']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^coastwatch: missing the scenario file/);
    assert.match(r.stderr, /^usage: coastwatch plan SCENARIO/m);
  });

  it('`audit` without tracks names what is missing', async () => {
    const r = await cli(['audit', LIBYA]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^coastwatch: missing the track files \(GPX, KML\/KMZ, IGC, CSV/);
  });

  it('an unknown option exits 2 naming it, with a hint and the usage, in our words', async () => {
    const r = await cli(['plan', LIBYA, '--bogus']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^coastwatch: plan: unknown option --bogus: run `coastwatch plan --help`/);
    assert.match(r.stderr, /^usage: coastwatch plan SCENARIO/m);
    // neither node's parser text nor commander's
    assert.doesNotMatch(r.stderr, /'-- "|ERR_PARSE_ARGS|^error:/m);
    assert.doesNotMatch(r.stderr, /^ {4}at /m);
    assert.equal(r.stdout, '');
  });

  it('a misspelt option gets a suggestion', async () => {
    const r = await cli(['plan', LIBYA, '--ot', 'x.geojson']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /unknown option --ot \(did you mean --out\?\)/);
  });

  it('an option without its value says so', async () => {
    const r = await cli(['plan', LIBYA, '--out']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^coastwatch: -o, --out <file>: needs a value/);
  });

  it('`plan` with two scenarios exits 2', async () => {
    const r = await cli(['plan', 'a.json', 'b.json']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^coastwatch: plan takes 1 argument \(SCENARIO\), got 2/);
  });

  it('an unknown command exits 2 with a suggestion and the usage', async () => {
    const r = await cli(['plna', 'scenarios/libya-pantelleria.json']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^coastwatch: unknown command "plna" \(did you mean "plan"\?\)/);
    assert.match(r.stderr, /^usage: coastwatch <command>/m);
    assert.doesNotMatch(r.stderr, /^ {4}at /m);
  });

  it('--help prints the usage on stdout and exits 0', async () => {
    const r = await cli(['--help']);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^Usage: coastwatch <command> \[options\]/);
    for (const c of ['plan', 'schedule', 'audit', 'verify'])
      assert.match(r.stdout, new RegExp(`^ {2}${c} `, 'm'));
  });

  for (const c of ['plan', 'schedule', 'audit', 'verify']) {
    it(`\`${c} --help\` shows its arguments, --json, --quiet and examples`, async () => {
      const r = await cli([c, '--help']);
      assert.equal(r.status, 0);
      assert.match(r.stdout, new RegExp(`^Usage: coastwatch ${c} SCENARIO`));
      assert.match(r.stdout, /--json/);
      assert.match(r.stdout, /--quiet/);
      assert.match(r.stdout, new RegExp(`^Examples:\n {2}\\$ coastwatch ${c} `, 'm'));
      assert.equal(r.stderr, '');
    });
  }

  for (const [days, shown] of [
    ['-3', '-3'],
    ['0', '0'],
    ['seven', 'seven'],
    ['', ''],
  ]) {
    it(`--days ${JSON.stringify(days)} is refused naming the field and the fix`, async () => {
      const r = await cli(['schedule', LIBYA, '--days', days]);
      assert.equal(r.status, 2);
      assert.equal(
        r.stderr.split('\n')[0],
        `coastwatch: --days: must be a positive number of days, e.g. --days 7 (got "${shown}")`,
      );
      assert.equal(r.stdout, '');
    });
  }

  it('a second --sweep is refused, not silently taken instead of the first', async () => {
    const r = await cli(['schedule', LIBYA, '--sweep', 'MALE UAV=1..2', '--sweep', 'MALE UAV=3..4']);
    assert.equal(r.status, 2);
    assert.match(
      r.stderr,
      /^coastwatch: --sweep: given twice \("MALE UAV=1\.\.2", then "MALE UAV=3\.\.4"\): give it once/,
    );
  });

  for (const flag of ['--out', '--days']) {
    it(`a second ${flag} is refused`, async () => {
      const r = await cli(['schedule', LIBYA, flag, '1', flag, '2']);
      assert.equal(r.status, 2);
      assert.match(r.stderr, new RegExp(`^coastwatch: ${flag}: given twice`));
    });
  }

  it('--count may repeat, once per type', async () => {
    const r = await cli(['schedule', LIBYA, '--count', 'A=1', '--count', 'A=2']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^coastwatch: --count: "A" is given twice: give each type once/);
  });

  it('a bad --sweep says the form', async () => {
    const r = await cli(['schedule', LIBYA, '--sweep', 'MALE UAV']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^coastwatch: --sweep: must be TYPE=A\.\.B .*e\.g\. --sweep "MALE UAV=1\.\.6"/);
  });

  it('an input error under --json still goes to stderr with exit 2, stdout empty', async () => {
    const r = await cli(['plan', join(scratch, 'nope.json'), '--json']);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /no such file/);
  });
});
