/**
 * Reading a scenario file and resolving it: JSON, schema, then every name looked up (country, ICAO codes,
 * bases of aircraft), so that the planning core only ever sees a complete, checked Scenario.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { findAirport } from '../data/airports.js';
import { countryCoast, findCountry } from '../data/countries.js';
import { clipCoastToBBox, coastFromGeoJSON, polygonsFromGeoJSON } from '../domain/coast-geojson.js';
import { inputError } from '../domain/errors.js';
import type { AircraftType, Base, CoastLine, Scenario } from '../domain/scenario.js';
import { parseScenarioFile, type ScenarioFile } from '../domain/scenario-schema.js';

export async function readJsonFile(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw inputError(
      'file.unreadable',
      code === 'ENOENT'
        ? `no such file: check the path of the ${what}`
        : `cannot read the ${what} (${code ?? String(e)})`,
      path,
    );
  }
  return parseJsonText(text, path, what);
}

export function parseJsonText(text: string, where: string, what: string): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    const m = /position (\d+)/.exec(String((e as Error).message));
    let at = '';
    if (m) {
      const upto = text.slice(0, Number(m[1]));
      const line = upto.split('\n').length;
      const col = Number(m[1]) - upto.lastIndexOf('\n');
      at = ` at line ${line}, column ${col}`;
    }
    throw inputError('file.bad-json', `the ${what} is not valid JSON${at}: ${(e as Error).message}`, where);
  }
}

export async function loadScenario(path: string): Promise<Scenario> {
  const json = await readJsonFile(path, 'scenario file');
  return resolveScenario(parseScenarioFile(json, basename(path)));
}

/** Turns a validated scenario file into a Scenario, looking every name up. */
export function resolveScenario(file: ScenarioFile): Scenario {
  let lines: CoastLine[];
  let source: string;
  if (file.coast.country !== undefined) {
    const c = findCountry(file.coast.country);
    lines = countryCoast(c);
    source = `Natural Earth 1:10m, ${c.name}`;
  } else {
    lines = coastFromGeoJSON(file.coast.geojson, 'coast.geojson');
    source = 'GeoJSON in the scenario';
  }
  if (file.coast.bbox) {
    lines = clipCoastToBBox(lines, file.coast.bbox);
    source += `, clipped to [${file.coast.bbox.join(', ')}]`;
  }
  if (lines.length === 0) {
    throw inputError(
      'scenario.empty-coast',
      'no coast is left to plan for: widen "coast.bbox" or pick another coast',
      file.coast.bbox ? 'coast.bbox' : 'coast',
    );
  }

  const bases: Base[] = file.bases.map((b, i) => {
    if ('icao' in b) {
      const a = findAirport(b.icao, `bases[${i}].icao`);
      return { name: b.name ?? a.icao, icao: a.icao, position: a.position };
    }
    return { name: b.name, position: [b.lon, b.lat] };
  });
  const names = new Map<string, number>();
  bases.forEach((b, i) => {
    const prev = names.get(b.name.toUpperCase());
    if (prev !== undefined)
      throw inputError(
        'scenario.duplicate-base',
        `base "${b.name}" is listed twice (also bases[${prev}]): remove one`,
        `bases[${i}]`,
      );
    names.set(b.name.toUpperCase(), i);
  });

  const aircraft: AircraftType[] = file.aircraft.map((a, i) => {
    let base: Base | undefined;
    if (a.base === undefined) base = bases[0];
    else
      base = bases.find(
        (b) =>
          b.name.toUpperCase() === a.base!.toUpperCase() || b.icao?.toUpperCase() === a.base!.toUpperCase(),
      );
    if (!base) {
      throw inputError(
        'scenario.unknown-base',
        `"${a.base}" is not one of the bases (${bases.map((b) => b.icao ?? b.name).join(', ')}): use one of those, or add it to "bases"`,
        `aircraft[${i}].base`,
      );
    }
    return {
      name: a.name,
      base: base.name,
      count: a.count,
      speedKts: a.speedKts,
      enduranceH: a.enduranceH,
      reserveH: a.reserveH,
      sensorRangeKm: a.sensorRangeKm,
      turnaroundH: a.turnaroundH,
      callsigns: a.callsigns,
    };
  });

  return {
    name: file.name,
    description: file.description,
    coast: { lines, source },
    bases,
    aircraft,
    standoffKm: file.standoffKm,
    noFly: file.noFly ? polygonsFromGeoJSON(file.noFly, 'noFly') : [],
    sampleKm: file.sampleKm,
    schedule: file.schedule,
  };
}
