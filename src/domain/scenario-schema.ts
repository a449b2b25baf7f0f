/**
 * The scenario file, version 1 (CONTRACT section 1), as one zod schema. It validates, explains each problem
 * as `field.path: what is wrong and how to fix it`, and is exported as JSON Schema to scenarios/schema.json
 * for editors. Lookups (country names, ICAO codes) happen after this, in the app layer.
 */
import { z } from 'zod';
import { inputError } from './errors.js';

const num = (what: string, example: string) =>
  z.number({
    error: (iss) =>
      iss.input === undefined
        ? `is required: ${what}, e.g. ${example}`
        : `must be a number (${what}), e.g. ${example}`,
  });

const positive = (what: string, example: string) =>
  num(what, example).positive({ error: `must be greater than 0 (${what})` });
const nonNegative = (what: string, example: string) =>
  num(what, example).nonnegative({ error: `must not be negative (${what})` });

const lon = z
  .number({ error: 'must be a longitude in degrees' })
  .min(-180, { error: 'must be a longitude between -180 and 180' })
  .max(180, { error: 'must be a longitude between -180 and 180' });
const lat = z
  .number({ error: 'must be a latitude in degrees' })
  .min(-90, { error: 'must be a latitude between -90 and 90' })
  .max(90, { error: 'must be a latitude between -90 and 90' });

const bbox = z
  .tuple([lon, lat, lon, lat], { error: 'must be [west, south, east, north] in degrees' })
  .refine((b) => b[1] < b[3], { error: 'south (2nd number) must be less than north (4th number)' });

/** Any GeoJSON object; its geometry types are checked when the coast is read. */
const geojson = z.looseObject({ type: z.string({ error: 'must be a GeoJSON object with a "type"' }) });

export const coastSchema = z
  .strictObject(
    {
      country: z
        .string({
          error:
            'must be a country name (Natural Earth) or an ISO 3166-1 alpha-2/alpha-3 code, e.g. "Libya" or "LY"',
        })
        .min(1, { error: 'must not be empty: give a country name such as "Libya"' })
        .optional(),
      geojson: geojson.optional(),
      bbox: bbox.optional(),
    },
    { error: 'must be an object with "country" or "geojson"' },
  )
  .refine((c) => (c.country === undefined) !== (c.geojson === undefined), {
    error: 'give exactly one of "country" (e.g. "Libya") or "geojson" (a GeoJSON line or polygon)',
  });

const baseSchema = z.union(
  [
    z.strictObject({
      icao: z
        .string({ error: 'must be a 4-letter ICAO airfield code, e.g. "LICG"' })
        .regex(/^[A-Za-z0-9]{3,4}$/, { error: 'must be a 4-letter ICAO airfield code, e.g. "LICG"' }),
      name: z.string().min(1).optional(),
    }),
    z.strictObject({
      name: z
        .string({ error: 'is required for a base given by position' })
        .min(1, { error: 'must not be empty' }),
      lon,
      lat,
    }),
  ],
  { error: 'must be { "icao": "LICG" } or { "name": "...", "lon": 12.6, "lat": 35.5 }' },
);

const aircraftSchema = z
  .strictObject({
    name: z
      .string({ error: 'is required: a unique name for this aircraft type' })
      .min(1, { error: 'must not be empty' }),
    base: z.string({ error: 'must be an ICAO code or base name from "bases"' }).min(1).optional(),
    count: num('airframes of this type', '2')
      .int({ error: 'must be a whole number of airframes' })
      .positive({ error: 'must be at least 1' })
      .default(1),
    speedKts: positive('true airspeed in knots', '280'),
    enduranceH: positive('airborne hours on full fuel', '10'),
    reserveH: nonNegative('hours left on landing', '1').default(0),
    sensorRangeKm: positive('km within which a coast point is seen', '60'),
    turnaroundH: nonNegative('ground hours between sorties', '3').default(0),
    callsigns: z
      .array(z.string().min(1), {
        error: 'must be a list of callsigns or ICAO 24-bit addresses, e.g. ["SEEK21"]',
      })
      .default([]),
  })
  .superRefine((a, ctx) => {
    if (a.reserveH >= a.enduranceH) {
      ctx.addIssue({
        code: 'custom',
        path: ['reserveH'],
        message: `must be less than enduranceH (${a.enduranceH})`,
      });
    }
  });

export const scenarioSchema = z
  .strictObject(
    {
      $schema: z.string().optional(),
      name: z
        .string({ error: 'is required: a name for the scenario' })
        .min(1, { error: 'must not be empty' }),
      description: z.string().optional(),
      version: z.literal(1, { error: 'must be 1 (the only scenario file version)' }).optional(),
      coast: coastSchema,
      bases: z
        .array(baseSchema, { error: 'must be a list of bases, e.g. [{ "icao": "LICG" }]' })
        .min(1, { error: 'must name at least one base' }),
      aircraft: z
        .array(aircraftSchema, { error: 'must be a list of aircraft types' })
        .min(1, { error: 'must list at least one aircraft type' }),
      standoffKm: nonNegative('minimum distance from the coast, km', '22.2').default(0),
      noFly: geojson.optional(),
      sampleKm: positive('spacing of coverage samples along the coast, km', '1')
        .max(100, { error: 'must be at most 100 km' })
        .default(1),
      schedule: z
        .strictObject({
          start: z.iso.datetime({
            offset: true,
            error: 'must be an ISO 8601 time, e.g. "2026-12-01T00:00:00Z"',
          }),
          days: positive('length of the schedule horizon, days', '7').max(366, {
            error: 'must be at most 366 days',
          }),
        })
        .optional(),
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
  const lines = r.error.issues.map((iss) => {
    let message = iss.message;
    if (iss.code === 'unrecognized_keys') {
      message = `unknown field${iss.keys.length > 1 ? 's' : ''} ${iss.keys.map((k) => `"${k}"`).join(', ')}: remove or correct ${iss.keys.length > 1 ? 'them' : 'it'} (see scenarios/schema.json)`;
    }
    return `${formatPath(iss.path)}: ${message}`;
  });
  const err = inputError('scenario.invalid', `${source} is not a valid scenario:\n  ${lines.join('\n  ')}`);
  throw err;
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
