/**
 * The scenario file, version 1 (docs/formats.md), as one zod schema. It validates, explains each problem
 * as `field.path: what is wrong and how to fix it`, and is exported as JSON Schema to scenarios/schema.json
 * for editors. Lookups (country names, ICAO codes) happen after this, in the app layer.
 */
import { distance as levenshtein } from 'fastest-levenshtein';
import { z } from 'zod';
import { inputError } from './errors.js';

/**
 * Whether a GeoJSON value holds at most `max` positions (numbers' arrays), counted without recursion so that a
 * hostile nesting cannot overflow the stack; nesting deeper than any GeoJSON (64) counts as too many.
 */
export function positionsAtMost(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  let n = 0;
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (depth > 64) return false;
    if (Array.isArray(v)) {
      if (v.length > 0 && typeof v[0] === 'number') {
        if (++n > max) return false;
        continue;
      }
      for (const x of v) stack.push([x, depth + 1]);
    } else if (typeof v === 'object' && v !== null) {
      for (const x of Object.values(v)) stack.push([x, depth + 1]);
    }
  }
  return true;
}

/** A required string: a missing one and one of the wrong type need different fixes. */
const text = (what: string, example: string) =>
  z.string({
    error: (iss) =>
      iss.input === undefined
        ? `is required: ${what}, e.g. ${example}`
        : `must be text (${what}), e.g. ${example}`,
  });

const num = (what: string, example: string) =>
  z.number({
    error: (iss) =>
      iss.input === undefined
        ? `is required: ${what}, e.g. ${example}`
        : `must be a number (${what}), e.g. ${example}`,
  });

/**
 * Upper bounds of every number, each far beyond any real use and below what would run for minutes or exhaust
 * memory (a fuzzer's `standoffKm: 1e9` planned for minutes, `count: 1e9` killed `schedule`); with the reason.
 */
export const LIMITS = {
  standoffKm: {
    max: 500,
    why: 'a standoff wider than 500 km is beyond any exclusive economic zone (370 km)',
  },
  count: { max: 1000, why: 'at most 1000 airframes of one type, as --count allows' },
  speedKts: { max: 2000, why: 'faster than 2000 kt (Mach 3) is no surveillance aircraft' },
  enduranceH: {
    max: 2000,
    why: 'longer than 2000 h aloft beats the record of any aircraft (a solar UAV flew 1,536 h)',
  },
  reserveH: { max: 2000, why: 'a reserve must be less than the endurance, itself at most 2000 h' },
  turnaroundH: {
    max: 8784,
    why: 'a turnaround longer than 8784 h (366 days, the longest schedule) means the aircraft never flies twice',
  },
  sensorRangeKm: {
    max: 500,
    why: 'a sensor range beyond 500 km is beyond the radar horizon of a sensor at 15 km altitude (about 440 km)',
  },
  bases: { max: 200, why: 'more than 200 bases for one coast: split the coast into several scenarios' },
  aircraft: { max: 50, why: 'more than 50 aircraft types for one coast: split the scenario' },
  callsigns: { max: 10000, why: 'more than 10000 callsigns for one aircraft type' },
  noFlyPositions: {
    max: 200000,
    why: 'a no-fly area of more than 200,000 positions: simplify it (a detailed country border has some 10,000)',
  },
} as const;

type LimitName = keyof typeof LIMITS;
const atMost = (name: LimitName, unit = '') =>
  ({
    error: `must be at most ${LIMITS[name].max}${unit} (${LIMITS[name].why})`,
  }) as const;

const positive = (what: string, example: string) =>
  num(what, example).positive({ error: `must be greater than 0 (${what})` });
const nonNegative = (what: string, example: string) =>
  num(what, example).nonnegative({ error: `must not be negative (${what})` });

const lon = z
  .number({
    error: (iss) =>
      iss.input === undefined ? 'is required: a longitude in degrees' : 'must be a longitude in degrees',
  })
  .min(-180, { error: 'must be a longitude between -180 and 180' })
  .max(180, { error: 'must be a longitude between -180 and 180' });
const lat = z
  .number({
    error: (iss) =>
      iss.input === undefined ? 'is required: a latitude in degrees' : 'must be a latitude in degrees',
  })
  .min(-90, { error: 'must be a latitude between -90 and 90' })
  .max(90, { error: 'must be a latitude between -90 and 90' });

const bbox = z
  .tuple([lon, lat, lon, lat], { error: 'must be [west, south, east, north] in degrees' })
  .refine((b) => b[1] < b[3], { error: 'south (2nd number) must be less than north (4th number)' });

/** Any GeoJSON object; its geometry types are checked when the coast is read. */
const geojson = (example: string) =>
  z.looseObject(
    { type: z.string({ error: `must be a GeoJSON object with a "type", e.g. ${example}` }) },
    { error: `must be a GeoJSON object, e.g. ${example}` },
  );

const countryName = z
  .string({
    error:
      'must be a country name (Natural Earth) or an ISO 3166-1 alpha-2/alpha-3 code, e.g. "Libya" or "LY"',
  })
  .min(1, { error: 'must not be empty: give a country name such as "Libya"' });

export const coastSchema = z
  .strictObject(
    {
      country: z
        .union(
          [
            countryName,
            z
              .array(countryName, {
                error: 'must be a list of country names or ISO codes, e.g. ["Cyprus", "N. Cyprus"]',
              })
              .min(1, { error: 'must list at least one country, e.g. ["Cyprus", "N. Cyprus"]' })
              .max(50, {
                error: 'must list at most 50 countries (plan larger regions as several scenarios)',
              }),
          ],
          {
            error:
              'must be a country name (Natural Earth) or an ISO 3166-1 code, or a list of them, e.g. "Libya" or ["Cyprus", "N. Cyprus"]',
          },
        )
        .optional(),
      geojson: geojson('{ "type": "LineString", "coordinates": [[12.1, 32.9], [13.2, 32.9]] }').optional(),
      seaSide: z
        .enum(['left', 'right', 'auto'], {
          error:
            'must be "left", "right" or "auto" (which side of the geojson lines, walked in order, is sea)',
        })
        .optional(),
      bbox: bbox.optional(),
    },
    { error: 'must be an object with "country" or "geojson"' },
  )
  .refine((c) => (c.country === undefined) !== (c.geojson === undefined), {
    error: 'give exactly one of "country" (e.g. "Libya") or "geojson" (a GeoJSON line or polygon)',
  })
  .refine((c) => c.seaSide === undefined || c.geojson !== undefined, {
    path: ['seaSide'],
    error: 'applies only to "geojson" coasts (a country\'s coast always has its sea side known): remove it',
  });

const airfieldBase = z.strictObject({
  icao: z
    .string({ error: 'must be a 4-letter ICAO airfield code, e.g. "LICG"' })
    .regex(/^[A-Za-z0-9]{3,4}$/, { error: 'must be a 4-letter ICAO airfield code, e.g. "LICG"' }),
  name: z
    .string({ error: 'must be text: a name for the airfield' })
    .min(1, { error: 'must not be empty' })
    .optional(),
});

const pointBase = z.strictObject({
  name: text('a name for a base given by position', '"Forward strip"').min(1, {
    error: 'must not be empty',
  }),
  lon,
  lat,
});

/** The union's branches in this order: parseScenarioFile picks one to explain by the keys a base has. */
const BASE_FORMS = [airfieldBase, pointBase] as const;
const baseSchema = z.union(BASE_FORMS, {
  error: 'must be { "icao": "LICG" } or { "name": "...", "lon": 12.6, "lat": 35.5 }',
});

const aircraftSchema = z
  .strictObject(
    {
      name: text('a unique name for this aircraft type', '"Turboprop ISR"').min(1, {
        error: 'must not be empty',
      }),
      base: z
        .string({ error: 'must be an ICAO code or base name from "bases"' })
        .min(1, { error: 'must not be empty: give an ICAO code or base name from "bases"' })
        .optional(),
      count: num('airframes of this type', '2')
        .int({ error: 'must be a whole number of airframes' })
        .positive({ error: 'must be at least 1' })
        .max(LIMITS.count.max, atMost('count'))
        .default(1),
      speedKts: positive('true airspeed in knots', '280').max(LIMITS.speedKts.max, atMost('speedKts', ' kt')),
      enduranceH: positive('airborne hours on full fuel', '10').max(
        LIMITS.enduranceH.max,
        atMost('enduranceH', ' h'),
      ),
      reserveH: nonNegative('hours left on landing', '1')
        .max(LIMITS.reserveH.max, atMost('reserveH', ' h'))
        .default(0),
      sensorRangeKm: positive('km within which a coast point is seen', '60').max(
        LIMITS.sensorRangeKm.max,
        atMost('sensorRangeKm', ' km'),
      ),
      turnaroundH: nonNegative('ground hours between sorties', '3')
        .max(LIMITS.turnaroundH.max, atMost('turnaroundH', ' h'))
        .default(0),
      callsigns: z
        .array(
          z
            .string({ error: 'must be a callsign or ICAO 24-bit address as text, e.g. "SEEK21"' })
            .min(1, { error: 'must not be empty' }),
          {
            error: 'must be a list of callsigns or ICAO 24-bit addresses, e.g. ["SEEK21"]',
          },
        )
        .max(LIMITS.callsigns.max, atMost('callsigns'))
        .default([]),
    },
    {
      error:
        'must be an aircraft type: { "name": ..., "speedKts": ..., "enduranceH": ..., "sensorRangeKm": ... }',
    },
  )
  .superRefine((a, ctx) => {
    // an enduranceH that is itself wrong has its own message; comparing with it would only add noise
    if (a.enduranceH > 0 && a.reserveH >= a.enduranceH) {
      ctx.addIssue({
        code: 'custom',
        path: ['reserveH'],
        message: `must be less than enduranceH (${a.enduranceH})`,
      });
    }
  });

const scheduleSchema = z.strictObject(
  {
    start: z.iso.datetime({
      offset: true,
      error: (iss) =>
        `${iss.input === undefined ? 'is required:' : 'must be'} an ISO 8601 time, e.g. "2026-12-01T00:00:00Z"`,
    }),
    days: positive('length of the schedule horizon, days', '7').max(366, {
      error: 'must be at most 366 days',
    }),
  },
  { error: 'must be an object: { "start": "2026-12-01T00:00:00Z", "days": 7 }' },
);

export const scenarioSchema = z
  .strictObject(
    {
      $schema: z.string({ error: 'must be text: the path or URL of schema.json' }).optional(),
      name: text('a name for the scenario', '"Libya coast from Pantelleria"').min(1, {
        error: 'must not be empty',
      }),
      description: z.string({ error: 'must be text' }).optional(),
      version: z.literal(1, { error: 'must be 1 (the only scenario file version)' }).optional(),
      coast: coastSchema,
      bases: z
        .array(baseSchema, { error: 'must be a list of bases, e.g. [{ "icao": "LICG" }]' })
        .min(1, { error: 'must name at least one base' })
        .max(LIMITS.bases.max, atMost('bases', ' bases')),
      aircraft: z
        .array(aircraftSchema, { error: 'must be a list of aircraft types' })
        .min(1, { error: 'must list at least one aircraft type' })
        .max(LIMITS.aircraft.max, atMost('aircraft', ' types')),
      standoffKm: nonNegative('minimum distance from the coast, km', '22.2')
        .max(LIMITS.standoffKm.max, atMost('standoffKm', ' km'))
        .default(0),
      noFly: geojson('{ "type": "MultiPolygon", "coordinates": [] }')
        .refine((g) => positionsAtMost(g, LIMITS.noFlyPositions.max), atMost('noFlyPositions', ' positions'))
        .optional(),
      overflyLand: z
        .enum(['avoid', 'allowed'], {
          error:
            'must be "avoid" (never over another country\'s land) or "allowed" (over any land); default: "avoid" when standoffKm > 0, else "allowed"',
        })
        .optional(),
      sampleKm: positive('spacing of coverage samples along the coast, km', '1')
        // finer than Natural Earth 1:10m's detail adds nothing but samples: 1e-4 km would be 18 million on Libya
        .min(0.1, { error: 'must be at least 0.1 km (finer samples add time, not accuracy)' })
        .max(100, { error: 'must be at most 100 km' })
        .default(1),
      schedule: scheduleSchema.optional(),
    },
    { error: 'must be a JSON object (a coastwatch scenario, version 1)' },
  )
  .superRefine((s, ctx) => {
    const names = new Map<string, number>();
    s.aircraft.forEach((a, i) => {
      const prev = names.get(a.name);
      if (prev !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['aircraft', i, 'name'],
          message: `must be unique: "${a.name}" is also aircraft[${prev}]`,
        });
      }
      names.set(a.name, i);
      if (a.base === undefined && s.bases.length > 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['aircraft', i, 'base'],
          message: `is required when there are ${s.bases.length} bases: give an ICAO code or base name`,
        });
      }
    });
  });

export type ScenarioFile = z.infer<typeof scenarioSchema>;
export type ScenarioFileInput = z.input<typeof scenarioSchema>;

/** `aircraft[0].reserveH` from a zod path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out || '(scenario)';
}

/** Validates parsed JSON; throws one input error listing every problem, each with its field path. */
export function parseScenarioFile(json: unknown, source = 'scenario'): ScenarioFile {
  const r = scenarioSchema.safeParse(json);
  if (r.success) return r.data;
  const lines = r.error.issues.flatMap((iss) => explain(iss, [], json));
  throw inputError(
    'scenario.invalid',
    `${source} is not a valid scenario:\n  ${[...new Set(lines)].join('\n  ')}`,
  );
}

/** One `path: message` line per problem; `prefix` is the path of the union a branch's issue came from. */
function explain(iss: z.core.$ZodIssue, prefix: readonly PropertyKey[], json: unknown): string[] {
  const path = [...prefix, ...iss.path];
  if (iss.code === 'unrecognized_keys') {
    const known = fieldsAt(path, valueAt(json, path));
    return iss.keys.map((k) => {
      const near = closest(k, known);
      const fix = near
        ? `did you mean "${near}"?`
        : `remove it or correct its name (fields: ${known.join(', ')})`;
      return `${formatPath([...path, k])}: unknown field: ${fix}`;
    });
  }
  if (iss.code === 'invalid_union') {
    // a base with "icao" was meant as an airfield, one with "lon"/"lat" as a point: explain that form only
    const v = valueAt(json, path);
    const form =
      typeof v !== 'object' || v === null ? -1 : 'icao' in v ? 0 : 'lon' in v || 'lat' in v ? 1 : -1;
    const branch = form >= 0 ? iss.errors[form] : undefined;
    if (branch && branch.length > 0) return branch.flatMap((b) => explain(b, path, json));
  }
  // zod's own wording ("Invalid input: expected string, received number") means a schema lacks a message
  const message =
    iss.code === 'invalid_type' && iss.message.startsWith('Invalid input')
      ? `must be of type ${iss.expected}`
      : iss.message;
  return [`${formatPath(path)}: ${message}`];
}

/** The fields an object at `path` may have (`value` is that object), for did-you-mean. */
function fieldsAt(path: readonly PropertyKey[], value: unknown): string[] {
  const at = path.filter((p) => typeof p === 'string').join('.');
  const shape =
    at === ''
      ? scenarioSchema.shape
      : at === 'coast'
        ? coastSchema.shape
        : at === 'aircraft'
          ? aircraftSchema.shape
          : at === 'schedule'
            ? scheduleSchema.shape
            : at === 'bases'
              ? BASE_FORMS[typeof value === 'object' && value !== null && 'icao' in value ? 0 : 1].shape
              : {};
  return Object.keys(shape).filter((k) => k !== '$schema');
}

/** The known field a mistyped one most likely meant: a near miss, or one it begins ("standoff"). */
function closest(key: string, known: readonly string[]): string | undefined {
  const k = key.toLowerCase();
  let best: string | undefined;
  let bestD = Infinity;
  for (const f of known) {
    const fl = f.toLowerCase();
    const d = k.length >= 3 && (fl.startsWith(k) || k.startsWith(fl)) ? 1 : levenshtein(k, fl);
    if (d < bestD) {
      bestD = d;
      best = f;
    }
  }
  return bestD <= Math.max(2, Math.floor(k.length / 3)) ? best : undefined;
}

function valueAt(json: unknown, path: readonly PropertyKey[]): unknown {
  let v = json;
  for (const p of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

/** JSON Schema (draft 2020-12) of the scenario file, for scenarios/schema.json. */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return {
    $id: 'https://coastwatch.invalid/schema/scenario-v1.json',
    title: 'coastwatch scenario (version 1)',
    ...schema,
  };
}
