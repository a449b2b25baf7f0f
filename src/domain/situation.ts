/**
 * The situation picture (docs/situation.md): graded reports, zones of control, teams on the ground and
 * priorities, each valid from `from` to `to`. One zod schema validates the file, the server's items and
 * is exported to scenarios/situation.schema.json; messages name the field and the fix, as the scenario's do.
 */
import { z } from 'zod';
import { inputError } from './errors.js';
import { formatPath } from './scenario-schema.js';

const iso = (what: string) =>
  z.iso.datetime({
    offset: true,
    error: (iss) =>
      `${iss.input === undefined ? 'is required:' : 'must be'} an ISO 8601 time (${what}), e.g. "2016-05-27T00:00:00Z"`,
  });

const openEnd = iso('when it stops being valid').nullable().default(null);

const id = z
  .string({
    error: (iss) => (iss.input === undefined ? 'is required: a unique id, e.g. "r1"' : 'must be text'),
  })
  .min(1, { error: 'must not be empty: a unique id, e.g. "r1"' })
  .max(100, { error: 'must be at most 100 characters' });

const text = (what: string, example: string) =>
  z
    .string({
      error: (iss) =>
        iss.input === undefined ? `is required: ${what}, e.g. ${example}` : `must be text (${what})`,
    })
    .max(10_000, { error: 'must be at most 10,000 characters' });

/** Admiralty (NATO AJP-2.1) grade: source reliability A-F, then information credibility 1-6. */
export const gradeSchema = z
  .string({ error: 'must be an Admiralty grade: source reliability A-F and credibility 1-6, e.g. "C3"' })
  .regex(/^[A-F][1-6]$/, {
    error:
      'must be an Admiralty grade: a letter A-F (source reliability) then a digit 1-6 (credibility), e.g. "C3"',
  });

const km = z
  .number({ error: 'must be a coast km (chainage along the scenario coast), e.g. 560' })
  .nonnegative({ error: 'must not be negative: coast km start at 0' })
  .max(1e6, { error: 'must be at most 1,000,000 km' });

const interval = z
  .tuple([km, km], { error: 'must be [fromKm, toKm], e.g. [560, 740]' })
  .refine((iv) => iv[0] < iv[1], { error: 'fromKm must be less than toKm, e.g. [560, 740]' });

const intervals = z
  .array(interval, { error: 'must be a list of [fromKm, toKm] intervals, e.g. [[560, 740]]' })
  .min(1, { error: 'must list at least one [fromKm, toKm] interval' })
  .max(1000, { error: 'must list at most 1,000 intervals' });

const GEOMETRY_TYPES = ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon'];
const AREA_TYPES = ['Polygon', 'MultiPolygon'];

const geometry = (types: string[], example: string) =>
  z.looseObject(
    {
      type: z
        .string({ error: `must be a GeoJSON geometry, e.g. ${example}` })
        .refine((t) => types.includes(t), {
          error: `must be a GeoJSON ${types.join(', ')}, e.g. ${example}`,
        }),
      coordinates: z.array(z.unknown(), { error: `must have "coordinates", e.g. ${example}` }),
    },
    { error: `must be a GeoJSON geometry, e.g. ${example}` },
  );

const POINT_EXAMPLE = '{ "type": "Point", "coordinates": [15.09, 32.38] }';
const whereSchema = z.union(
  [geometry(GEOMETRY_TYPES, POINT_EXAMPLE), z.strictObject({ coastKm: interval })],
  { error: `must be a GeoJSON geometry (${POINT_EXAMPLE}) or { "coastKm": [fromKm, toKm] }` },
);

const validity = {
  from: iso('when it becomes valid'),
  to: openEnd,
};

export const reportSchema = z.strictObject({
  id,
  time: iso('when it was reported'),
  where: whereSchema,
  text: text('what was reported', '"Teams operating near Misrata"'),
  source: text('who said it', '"Pentagon, via Reuters"'),
  grade: gradeSchema,
  tags: z
    .array(z.string({ error: 'must be text' }).max(100), { error: 'must be a list of tags' })
    .max(100)
    .default([]),
});

export const zoneSchema = z
  .strictObject({
    id,
    party: text('who holds it', '"Islamic State"').min(1, { error: 'must not be empty' }),
    coastKm: intervals.optional(),
    where: geometry(
      AREA_TYPES,
      '{ "type": "Polygon", "coordinates": [[[16, 31], [17, 31], [17, 30], [16, 31]]] }',
    ).optional(),
    ...validity,
    grade: gradeSchema,
    source: text('who said it', '"Reuters"'),
  })
  .refine((zn) => (zn.coastKm === undefined) !== (zn.where === undefined), {
    error: 'give exactly one of "coastKm" (coast intervals) or "where" (a GeoJSON Polygon or MultiPolygon)',
  });

export const teamSchema = z.strictObject({
  id,
  name: text('the team name', '"Team near Misrata"').min(1, { error: 'must not be empty' }),
  where: geometry(GEOMETRY_TYPES, POINT_EXAMPLE),
  radiusKm: z
    .number({ error: 'must be a number: the radius the team covers, km, e.g. 50' })
    .nonnegative({ error: 'must not be negative' })
    .max(2000, { error: 'must be at most 2,000 km' })
    .default(0),
  ...validity,
});

export const prioritySchema = z.strictObject({
  id,
  coastKm: intervals,
  targetRevisitH: z
    .number({ error: 'must be a number: the longest acceptable unwatched time, hours, e.g. 2' })
    .positive({ error: 'must be greater than 0 hours' })
    .max(8784, { error: 'must be at most 8,784 h (a year)' }),
  reason: text('why this stretch matters', '"departures reported"').default(''),
  ...validity,
});

export const situationSchema = z
  .strictObject(
    {
      $schema: z.string().optional(),
      version: z.literal(1, { error: 'must be 1 (the only situation file version)' }).default(1),
      reports: z.array(reportSchema, { error: 'must be a list of reports' }).max(100_000).default([]),
      zones: z.array(zoneSchema, { error: 'must be a list of zones' }).max(10_000).default([]),
      teams: z.array(teamSchema, { error: 'must be a list of teams' }).max(10_000).default([]),
      priorities: z.array(prioritySchema, { error: 'must be a list of priorities' }).max(10_000).default([]),
    },
    { error: 'must be a JSON object (a coastwatch situation, version 1)' },
  )
  .superRefine((s, ctx) => {
    for (const list of ['reports', 'zones', 'teams', 'priorities'] as const) {
      const seen = new Map<string, number>();
      s[list].forEach((item, i) => {
        const prev = seen.get(item.id);
        if (prev !== undefined)
          ctx.addIssue({
            code: 'custom',
            path: [list, i, 'id'],
            message: `must be unique: "${item.id}" is also ${list}[${prev}]`,
          });
        seen.set(item.id, i);
        if ('from' in item && item.to !== null && Date.parse(item.to) < Date.parse(item.from))
          ctx.addIssue({
            code: 'custom',
            path: [list, i, 'to'],
            message: `must not be before from (${item.from})`,
          });
      });
    }
  });

export type Situation = z.infer<typeof situationSchema>;
export type Report = z.infer<typeof reportSchema>;
export type Zone = z.infer<typeof zoneSchema>;
export type Team = z.infer<typeof teamSchema>;
export type Priority = z.infer<typeof prioritySchema>;
export type SituationKind = 'reports' | 'zones' | 'teams' | 'priorities';

export const ITEM_SCHEMAS = {
  reports: reportSchema,
  zones: zoneSchema,
  teams: teamSchema,
  priorities: prioritySchema,
} as const;

/** Validates a whole situation file; one input error lists every problem with its field path. */
export function parseSituation(json: unknown, source = 'situation'): Situation {
  const r = situationSchema.safeParse(json);
  if (r.success) return r.data;
  throw inputError(
    'situation.invalid',
    `${source} is not a valid situation file:\n  ${issueLines(r.error).join('\n  ')}`,
  );
}

/** Validates one item of a kind (the server's POST/PUT bodies), with the same messages. */
export function parseSituationItem<K extends SituationKind>(
  kind: K,
  json: unknown,
): z.infer<(typeof ITEM_SCHEMAS)[K]> {
  const r = ITEM_SCHEMAS[kind].safeParse(json);
  if (r.success) return r.data as z.infer<(typeof ITEM_SCHEMAS)[K]>;
  throw inputError(
    'situation.invalid',
    `not a valid ${kind.replace(/s$/, '')}:\n  ${issueLines(r.error).join('\n  ')}`,
  );
}

/** `path: message` per problem, as the CLI and the API's `errors` print them. */
export function situationIssues(json: unknown): { path: string; message: string }[] {
  const r = situationSchema.safeParse(json);
  return r.success ? [] : issues(r.error);
}

function issues(err: z.ZodError): { path: string; message: string }[] {
  return err.issues.map((iss) => ({
    path: formatPath(iss.path).replace('(scenario)', '(situation)'),
    message:
      iss.code === 'invalid_type' && iss.message.startsWith('Invalid input')
        ? `must be of type ${iss.expected}`
        : iss.code === 'unrecognized_keys'
          ? `unknown field(s) ${iss.keys.map((k) => `"${k}"`).join(', ')}: remove or correct them`
          : iss.message,
  }));
}

function issueLines(err: z.ZodError): string[] {
  return [...new Set(issues(err).map((i) => `${i.path}: ${i.message}`))];
}

/** True when an item with this validity is in force at `t` (ms): from <= t and (to is open or t < to). */
export function validAt(item: { from: string; to: string | null }, t: number): boolean {
  return Date.parse(item.from) <= t && (item.to === null || t < Date.parse(item.to));
}

/** A report is "in force" from its time on (a later report may contradict it; the picture shows both). */
export function reportAt(r: Report, t: number): boolean {
  return Date.parse(r.time) <= t;
}

/** JSON Schema of the situation file, for scenarios/situation.schema.json. */
export function situationJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(situationSchema, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return {
    $id: 'https://coastwatch.invalid/schema/situation-v1.json',
    title: 'coastwatch situation picture (version 1)',
    ...schema,
  };
}
