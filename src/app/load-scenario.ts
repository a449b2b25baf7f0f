/**
 * Reading a scenario file and resolving it: JSON, schema, then every name looked up (country, ICAO codes,
 * bases of aircraft), so that the planning core only ever sees a complete, checked Scenario.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { findAirport } from '../data/airports.js';
import { countryCoast, findCountry } from '../data/countries.js';
import { clipCoastToBBox, coastFromGeoJSON, polygonsFromGeoJSON } from '../domain/coast-geojson.js';
import { CoastwatchError, inputError } from '../domain/errors.js';
import { jsonDeeperThan, MAX_JSON_DEPTH } from '../domain/nesting.js';
import type { AircraftType, Base, CoastLine, Scenario } from '../domain/scenario.js';
import { parseScenarioFile, type ScenarioFile } from '../domain/scenario-schema.js';
import type { LonLat } from '../geo/lonlat.js';
import { resolveSeaSide } from './sea-side.js';

/** Largest scenario or plan file read: a year's schedule is some tens of MB; far larger is no file of ours. */
export const MAX_JSON_FILE_BYTES = 256 * 2 ** 20;

export async function readJsonFile(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    const st = await stat(path);
    if (!st.isFile())
      throw inputError('file.unreadable', `the ${what} is not a regular file: give the path of a file`, path);
    if (st.size > MAX_JSON_FILE_BYTES)
      throw inputError(
        'file.too-big',
        `the ${what} is ${(st.size / 2 ** 20).toFixed(0)} MB, more than the ${MAX_JSON_FILE_BYTES / 2 ** 20} MB a ${what} may be: check that it is the right file`,
        path,
      );
    text = await readFile(path, 'utf8');
  } catch (e) {
    if (e instanceof CoastwatchError) throw e;
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
  // positions in JSON.parse's messages count from after the byte order mark
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // before anything walks it recursively (the error locator, the schema, the coast reader)
  if (jsonDeeperThan(text))
    throw inputError(
      'file.bad-json',
      `the ${what} nests arrays or objects more than ${MAX_JSON_DEPTH} deep: no ${what} needs that; check that it is the right file`,
      where,
    );
  try {
    return JSON.parse(text);
  } catch (e) {
    // V8 gives no position for an unexpected token ("Unexpected token 'x', ..."), so find it ourselves
    const pos = jsonErrorOffset(text);
    let at = '';
    if (pos >= 0) {
      const upto = text.slice(0, pos);
      const line = upto.split('\n').length;
      const col = pos - upto.lastIndexOf('\n');
      at = ` at line ${line}, column ${col}`;
    }
    throw inputError('file.bad-json', `the ${what} is not valid JSON${at}: ${(e as Error).message}`, where);
  }
}

/**
 * Offset of the first character at which `text` stops being JSON (RFC 8259): its length when it ends too
 * soon, -1 when it is JSON.
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const fail = (): never => {
    throw i;
  };
  const digits = (atLeastOne: boolean) => {
    if (atLeastOne && !(text[i] >= '0' && text[i] <= '9')) fail();
    while (text[i] >= '0' && text[i] <= '9') i++;
  };
  const ws = () => {
    while (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r') i++;
  };
  const expect = (word: string) => {
    for (const ch of word) {
      if (text[i] !== ch) fail();
      i++;
    }
  };
  const string = () => {
    expect('"');
    for (;;) {
      if (i >= text.length || text.charCodeAt(i) < 0x20) fail();
      const ch = text[i++];
      if (ch === '"') return;
      if (ch !== '\\') continue;
      const esc = text[i];
      if (esc === 'u') {
        i++;
        for (let k = 0; k < 4; k++, i++) if (!/[0-9a-fA-F]/.test(text[i] ?? '')) fail();
      } else if (esc !== undefined && '"\\/bfnrt'.includes(esc)) i++;
      else fail();
    }
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      if (text[i] === close) {
        i++;
        return;
      }
      for (;;) {
        if (c === '{') {
          ws();
          string();
          ws();
          expect(':');
        }
        value();
        ws();
        if (text[i] !== ',') break;
        i++;
      }
      expect(close);
    } else if (c === '"') string();
    else if (c === 't') expect('true');
    else if (c === 'f') expect('false');
    else if (c === 'n') expect('null');
    else number();
  };
  const number = () => {
    if (text[i] === '-') i++;
    if (text[i] === '0') i++;
    else digits(true);
    if (text[i] === '.') {
      i++;
      digits(true);
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      digits(true);
    }
  };
  try {
    value();
    ws();
    return i < text.length ? i : -1;
  } catch (at) {
    return Math.min(at as number, text.length);
  }
}

export async function loadScenario(path: string): Promise<Scenario> {
  return scenarioFromJson(await readJsonFile(path, 'scenario file'), basename(path));
}

/** A scenario file's JSON (from a file, a request body, the store) checked and resolved; `source` names it in errors. */
export function scenarioFromJson(json: unknown, source = 'scenario'): Scenario {
  return resolveScenario(parseScenarioFile(json, source));
}

/** Turns a validated scenario file into a Scenario, looking every name up. */
export function resolveScenario(file: ScenarioFile): Scenario {
  let lines: CoastLine[];
  let source: string;
  let countries: string[] | undefined;
  if (file.coast.country !== undefined) {
    // a list plans several countries' coasts as one
    const list = Array.isArray(file.coast.country) ? file.coast.country : [file.coast.country];
    const found = list.map((q, i) => {
      try {
        return findCountry(q);
      } catch (e) {
        if (
          Array.isArray(file.coast.country) &&
          e instanceof CoastwatchError &&
          e.where === 'coast.country'
        ) {
          const bare = e.message.slice('coast.country: '.length);
          throw new CoastwatchError(e.kind, e.code, bare, `coast.country[${i}]`);
        }
        throw e;
      }
    });
    countries = found.map((c) => c.name);
    // a border between two listed countries is no coast of either (an arc two countries use); their coasts
    // meeting at its ends are joined into one line
    lines = found.length > 1 ? joinLines(found.flatMap((c) => countryCoast(c))) : countryCoast(found[0]);
    source = `Natural Earth 1:10m, ${countries.join(', ')}`;
  } else {
    lines = resolveSeaSide(
      coastFromGeoJSON(file.coast.geojson, 'coast.geojson'),
      file.coast.seaSide ?? 'auto',
    );
    source = 'GeoJSON in the scenario';
  }
  if (file.coast.bbox) {
    lines = clipCoastToBBox(lines, file.coast.bbox);
    source += `, clipped to [${file.coast.bbox.join(', ')}]`;
  }
  if (lines.length === 0) {
    const b = file.coast.bbox;
    // west > east is a box across the antimeridian, which is rarely what a user with an empty result meant
    const swapped =
      b && b[0] > b[2] ? ` (west ${b[0]} > east ${b[2]} spans the antimeridian: swap them?)` : '';
    throw b
      ? inputError(
          'scenario.empty-coast',
          `no coast is left to plan for inside [${b.join(', ')}]${swapped}: widen the box or pick another coast`,
          'coast.bbox',
        )
      : inputError(
          'scenario.empty-coast',
          'holds no coast: give at least one LineString, MultiLineString, Polygon or MultiPolygon',
          'coast.geojson',
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
    coast: countries ? { lines, source, countries } : { lines, source },
    bases,
    aircraft,
    standoffKm: file.standoffKm,
    noFly: file.noFly ? polygonsFromGeoJSON(file.noFly, 'noFly') : [],
    overflyLand: file.overflyLand ?? (file.standoffKm > 0 ? 'avoid' : 'allowed'),
    sampleKm: file.sampleKm,
    schedule: file.schedule,
  };
}

/**
 * Joins open lines where one ends at the start of another (the sea stays on the left: both run the same
 * way), closing those that come back to their start.
 */
export function joinLines(lines: CoastLine[]): CoastLine[] {
  const key = (p: LonLat) => `${p[0]},${p[1]}`;
  const open = lines.filter((l) => !l.closed);
  const byStart = new Map<string, number>();
  for (const [i, l] of open.entries()) byStart.set(key(l.coords[0]), i);
  const used = new Uint8Array(open.length);
  const out: CoastLine[] = lines.filter((l) => l.closed);
  // start from lines nothing leads into, then whatever is left (rings made of open pieces)
  const leadsIn = new Set(open.map((l) => key(l.coords[l.coords.length - 1])));
  const order = [
    ...open.map((_l, i) => i).filter((i) => !leadsIn.has(key(open[i].coords[0]))),
    ...open.map((_l, i) => i),
  ];
  for (const i of order) {
    if (used[i]) continue;
    used[i] = 1;
    const coords = [...open[i].coords];
    for (;;) {
      const j = byStart.get(key(coords[coords.length - 1]));
      if (j === undefined || used[j]) break;
      used[j] = 1;
      coords.push(...open[j].coords.slice(1));
    }
    const a = coords[0];
    const b = coords[coords.length - 1];
    const closed = coords.length >= 4 && a[0] === b[0] && a[1] === b[1];
    out.push({ coords, closed, seaSide: 'left' });
  }
  return out;
}
