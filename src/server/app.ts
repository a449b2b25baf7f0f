/**
 * The HTTP API (docs/api.md) on Fastify: zod schemas validate requests and generate the OpenAPI
 * document; one hook checks every route's token and role; errors are problem+json; jobs run on the app's pool.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  type Coastwatch,
  jobView,
  notFound,
  type ResultKind,
  ROLES,
  type Role,
  SITUATION_KINDS,
  type SituationKind,
  StatusError,
  type TokenRow,
  type TrackFile,
} from '../app/service.js';
import { CoastwatchError, inputError } from '../domain/errors.js';
import { parseScenarioFile, scenarioSchema } from '../domain/scenario-schema.js';
import { pathOfPointer, problem, problemOfCoastwatch } from './problem.js';

export const MiB = 2 ** 20;
/** Most track files in one multipart upload. */
const MAX_FILES = 100;

export interface ServerOptions {
  /** Largest track upload, bytes (default 64 MiB). */
  uploadLimit?: number;
  /** Largest other body, bytes (default 1 MiB). */
  bodyLimit?: number;
  /** Fastify's logger: true for pino on stdout, false for none. */
  logger?: boolean;
  /** Folder of the built web map (default dist/web of this package). */
  webDir?: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The least role that may call the route; none: public. */
    role?: Role;
  }
  interface FastifyRequest {
    token?: TokenRow;
  }
}

const require = createRequire(import.meta.url);
export const VERSION: string = (require('../../../package.json') as { version: string }).version;

const rank = (r: Role) => ROLES.indexOf(r);
const idParams = z.object({ id: z.string().min(1).max(100) });
const jobParams = z.object({ job: z.string().min(1).max(100) });
const itemParams = z.object({ id: z.string().min(1).max(100), itemId: z.string().min(1).max(200) });
const jobAccepted = z.object({ job: z.string() });
const jobSchema = z.object({
  id: z.string(),
  kind: z.enum(['plan', 'schedule', 'audit']),
  state: z.enum(['queued', 'running', 'done', 'failed']),
  progress: z.number(),
  result: z.object({ kind: z.enum(['plan', 'schedule', 'audit']), id: z.string() }).nullable(),
  error: z.string().nullable(),
});
const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
const errorResponses = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };
const itemSchema = z.looseObject({ id: z.string() });

/** Validates a scenario body with the command line's own checks and messages, keeping the body as posted. */
const scenarioValidator: typeof validatorCompiler = (req) =>
  req.httpPart !== 'body'
    ? validatorCompiler(req)
    : (data: unknown) => {
        try {
          parseScenarioFile(data, 'scenario');
          return { value: data };
        } catch (e) {
          return { error: e as Error };
        }
      };

export async function buildServer(cw: Coastwatch, opts: ServerOptions = {}): Promise<FastifyInstance> {
  const uploadLimit = opts.uploadLimit ?? 64 * MiB;
  const app = Fastify({
    bodyLimit: opts.bodyLimit ?? 1 * MiB,
    logger: opts.logger
      ? {
          level: 'info',
          redact: { paths: ['req.headers.authorization', 'headers.authorization'], censor: '[redacted]' },
        }
      : false,
    genReqId: () => Math.random().toString(36).slice(2, 12),
    requestIdHeader: false,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  // an empty JSON body is no body (a POST that starts a job may carry the header and nothing else)
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    if (body === '') return done(null, undefined);
    try {
      done(null, JSON.parse(body as string));
    } catch (e) {
      const err = inputError('body.bad-json', `not valid JSON: ${(e as Error).message}`, 'body');
      done(err, undefined);
    }
  });
  app.setSerializerCompiler(serializerCompiler);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'coastwatch API', version: VERSION },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });

  app.addHook('onRequest', async (req, reply) => {
    const need = req.routeOptions.config?.role;
    if (!need) return;
    const h = req.headers.authorization;
    const m = typeof h === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(h) : null;
    const tok = m ? await cw.authenticate(m[1]) : null;
    if (!tok) {
      reply.header('www-authenticate', 'Bearer');
      return sendProblem(
        reply,
        problem(401, m ? 'unknown or revoked token' : 'give a token: Authorization: Bearer TOKEN'),
      );
    }
    if (rank(tok.role) < rank(need))
      return sendProblem(reply, problem(403, `this needs the ${need} role; the token has ${tok.role}`));
    req.token = tok;
  });

  app.setErrorHandler((err: unknown, req, reply) => {
    if (err instanceof CoastwatchError) return sendProblem(reply, problemOfCoastwatch(err));
    if (err instanceof StatusError) return sendProblem(reply, problem(err.statusCode, err.message));
    if (hasZodFastifySchemaValidationErrors(err)) {
      const ctx = (err as { validationContext?: string }).validationContext ?? 'body';
      const errors = err.validation.map((v) => ({
        path: pathOfPointer(v.instancePath, ctx),
        message: v.message ?? 'invalid',
      }));
      return sendProblem(
        reply,
        problem(400, `bad ${ctx}: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`, { errors }),
      );
    }
    const e = err as { statusCode?: number; message?: string; code?: string };
    if (e.statusCode === 413)
      return sendProblem(
        reply,
        problem(413, `the body is over the limit of ${(opts.bodyLimit ?? MiB) / MiB} MiB`),
      );
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500)
      return sendProblem(
        reply,
        problem(
          e.statusCode,
          e.message ?? 'bad request',
          e.statusCode === 400 ? { errors: [{ path: 'body', message: e.message ?? '' }] } : {},
        ),
      );
    req.log.error({ err }, 'unexpected error');
    return sendProblem(reply, problem(500, 'unexpected error (see the server log)'));
  });
  app.setNotFoundHandler((req, reply) =>
    sendProblem(reply, problem(404, `no route ${req.method} ${req.url.split('?')[0]}`)),
  );

  app.get(
    '/api/health',
    {
      schema: {
        response: {
          200: z.object({ ok: z.boolean(), version: z.string(), store: z.enum(['sqlite', 'postgres']) }),
        },
      },
    },
    async () => ({
      ok: true,
      version: VERSION,
      store: cw.store.kind,
    }),
  );
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  // scenarios
  app.post(
    '/api/scenarios',
    {
      config: { role: 'planner' },
      schema: {
        body: scenarioSchema,
        response: { 201: z.object({ id: z.string(), version: z.number() }), ...errorResponses },
      },
      validatorCompiler: scenarioValidator as never,
    },
    async (req, reply) => reply.code(201).send(await cw.createScenario(req.body)),
  );
  app.get(
    '/api/scenarios',
    {
      config: { role: 'viewer' },
      schema: {
        response: {
          200: z.array(
            z.object({ id: z.string(), name: z.string(), version: z.number(), updatedAt: z.string() }),
          ),
        },
      },
    },
    async () => cw.listScenarios(),
  );
  app.get(
    '/api/scenarios/:id',
    {
      config: { role: 'viewer' },
      schema: {
        params: idParams,
        querystring: z.object({ version: z.coerce.number().int().min(1).optional() }),
      },
    },
    async (req, reply) => {
      const s = await cw.getScenario(req.params.id, req.query.version);
      return reply.header('x-scenario-version', String(s.version)).send(s.body);
    },
  );
  app.put(
    '/api/scenarios/:id',
    {
      config: { role: 'planner' },
      schema: {
        params: idParams,
        body: scenarioSchema,
        response: { 200: z.object({ id: z.string(), version: z.number() }), ...errorResponses },
      },
      validatorCompiler: scenarioValidator as never,
    },
    async (req) => cw.updateScenario(req.params.id, req.body),
  );

  // jobs
  app.post(
    '/api/scenarios/:id/plans',
    {
      config: { role: 'planner' },
      schema: { params: idParams, response: { 202: jobAccepted, ...errorResponses } },
    },
    async (req, reply) => reply.code(202).send({ job: (await cw.startJob('plan', req.params.id, {})).id }),
  );
  app.post(
    '/api/scenarios/:id/schedules',
    {
      config: { role: 'planner' },
      schema: {
        params: idParams,
        body: z
          .strictObject({
            days: z.number().int().min(1).max(366).optional(),
            start: z.iso.datetime({ offset: true }).optional(),
            counts: z.record(z.string(), z.number().int().min(0)).optional(),
          })
          .optional(),
        response: { 202: jobAccepted, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply
        .code(202)
        .send({ job: (await cw.startJob('schedule', req.params.id, { ...(req.body ?? {}) })).id }),
  );
  await app.register(async (plain) => {
    const raw = plain.withTypeProvider<ZodTypeProvider>();
    // track files arrive raw (any format, any content type) and stream to disk under their own limit
    raw.removeAllContentTypeParsers();
    raw.addContentTypeParser('*', (_req, _payload, done) => done(null));
    // several files in one request: each part streams to disk in turn (busboy holds no whole file)
    await raw.register(fastifyMultipart, {
      limits: { fileSize: uploadLimit, files: MAX_FILES, fields: 10, fieldSize: 1024, parts: MAX_FILES + 10 },
    });
    /** Reads a multipart body: file parts kept (their total under the upload limit), `aircraft`/`plan` fields. */
    const receiveParts = async (req: FastifyRequest, files: TrackFile[], params: Record<string, unknown>) => {
      let total = 0;
      let n = 0;
      try {
        for await (const part of req.parts()) {
          const where = `parts[${n++}]`;
          if (part.type === 'field') {
            if (part.fieldname !== 'aircraft' && part.fieldname !== 'plan')
              throw inputError(
                'upload.bad-part',
                `unknown field "${part.fieldname}": send track files, and optionally the fields aircraft and plan`,
                where,
              );
            if (typeof part.value !== 'string' || part.value === '')
              throw inputError('upload.bad-part', `field ${part.fieldname}: must be a non-empty text`, where);
            params[part.fieldname] = part.value;
            continue;
          }
          // an empty file among several is kept: the audit reports it skipped, as the command line does
          const f = await cw.receiveUpload(part.file, part.filename || part.fieldname, uploadLimit - total);
          files.push(f);
          total += f.size;
        }
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (
          (e instanceof StatusError && e.statusCode === 413) ||
          code === 'FST_REQ_FILE_TOO_LARGE' ||
          code === 'FST_PARTS_LIMIT' ||
          code === 'FST_FILES_LIMIT'
        )
          throw new StatusError(
            413,
            `the upload (part ${n - 1}) is over the limit of ${uploadLimit / MiB} MiB in all or ${MAX_FILES} files`,
          );
        throw e;
      }
      if (files.length === 0)
        throw inputError(
          'upload.no-files',
          'the multipart body holds no file: add one part per track file',
          'body',
        );
      if (files.every((f) => f.size === 0))
        throw inputError('track.no-fixes', 'no usable fix: every file is empty (0 bytes)', 'parts[0]');
    };
    raw.post(
      '/api/scenarios/:id/audits',
      {
        config: { role: 'planner' },
        bodyLimit: uploadLimit,
        schema: {
          params: idParams,
          querystring: z.object({
            name: z.string().min(1).max(255).optional(),
            aircraft: z.string().min(1).optional(),
            plan: z.string().min(1).optional(),
          }),
          response: { 202: jobAccepted, ...errorResponses, 413: problemSchema },
        },
      },
      async (req, reply) => {
        const len = Number(req.headers['content-length']);
        if (len > uploadLimit)
          throw new StatusError(413, `the upload is over the limit of ${uploadLimit / MiB} MiB`);
        await cw.getScenario(req.params.id);
        const files: TrackFile[] = [];
        try {
          const params: Record<string, unknown> = {};
          if (req.query.aircraft) params.aircraft = req.query.aircraft;
          if (req.query.plan) params.plan = req.query.plan;
          if (req.isMultipart()) await receiveParts(req, files, params);
          else {
            files.push(await cw.receiveUpload(req.raw, req.query.name ?? 'track', uploadLimit));
            if (files[0].size === 0)
              throw inputError('track.no-fixes', 'no usable fix: the upload is empty (0 bytes)', 'body');
          }
          params.files = files.map((f) => ({ name: f.name, size: f.size, sha256: f.sha256 }));
          const job = await cw.startJob('audit', req.params.id, params, files);
          return reply.code(202).send({ job: job.id });
        } catch (e) {
          await cw.discardUploads(files);
          if (!req.raw.readableEnded) reply.header('connection', 'close');
          throw e;
        }
      },
    );
  });
  app.get(
    '/api/jobs/:job',
    { config: { role: 'viewer' }, schema: { params: jobParams, response: { 200: jobSchema } } },
    async (req) => jobView(await cw.getJob(req.params.job)),
  );
  app.delete(
    '/api/jobs/:job',
    { config: { role: 'planner' }, schema: { params: jobParams, response: { 200: jobSchema } } },
    async (req) => jobView(await cw.cancelJob(req.params.job)),
  );
  app.get(
    '/api/jobs/:job/events',
    { config: { role: 'viewer' }, schema: { params: jobParams } },
    async (req, reply) => {
      const job = await cw.getJob(req.params.job);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
      });
      const send = (v: ReturnType<typeof jobView>) =>
        res.write(`event: ${v.state}\ndata: ${JSON.stringify(v)}\n\n`);
      const first = jobView(job);
      send(first);
      if (first.state === 'done' || first.state === 'failed') return res.end();
      const onEvent = (v: ReturnType<typeof jobView>) => {
        send(v);
        if (v.state === 'done' || v.state === 'failed') stop();
      };
      const ping = setInterval(() => res.write(': keep-alive\n\n'), 15000);
      const stop = () => {
        clearInterval(ping);
        cw.events.off(job.id, onEvent);
        res.end();
      };
      cw.events.on(job.id, onEvent);
      req.raw.on('close', stop);
      // the job may have ended between the read and the subscription
      const again = await cw.getJob(job.id);
      if (again.state === 'done' || again.state === 'failed') onEvent(jobView(again));
    },
  );

  // results
  for (const [kind, path] of [
    ['plan', 'plans'],
    ['schedule', 'schedules'],
    ['audit', 'audits'],
  ] as [ResultKind, string][]) {
    app.get(
      `/api/${path}/:id`,
      { config: { role: 'viewer' }, schema: { params: idParams } },
      async (req, reply) => {
        const bytes = await cw.resultBytes(kind, req.params.id);
        // the stored text is sent as it is: no parse and re-serialise of a file that can be megabytes
        return reply.type('application/geo+json').send(bytes);
      },
    );
    app.get(
      `/api/${path}/:id/export`,
      {
        config: { role: 'viewer' },
        schema: { params: idParams, querystring: z.object({ to: z.string().min(1) }) },
      },
      async (req, reply) => {
        // exported is the file as the command line writes it (a geojson export gives it back unchanged)
        const f = await cw.exportResult(kind, req.params.id, req.query.to);
        return reply
          .type(f.contentType)
          .header('content-disposition', `attachment; filename="${f.filename}"`)
          .serializer((x) => x as string)
          .send(Buffer.from(f.bytes));
      },
    );
  }

  // situation items
  for (const kind of SITUATION_KINDS as readonly SituationKind[]) {
    const base = `/api/scenarios/:id/${kind}`;
    app.get(
      base,
      { config: { role: 'viewer' }, schema: { params: idParams, response: { 200: z.array(itemSchema) } } },
      async (req) => (await cw.listItems(req.params.id, kind)) as { id: string }[],
    );
    app.post(
      base,
      {
        config: { role: 'planner' },
        schema: { params: idParams, body: z.unknown(), response: { 201: itemSchema, ...errorResponses } },
      },
      async (req, reply) => {
        const r = await cw.putItem(req.params.id, kind, req.body, actorOf(req));
        return reply.code(201).send(r.item.body as { id: string });
      },
    );
    app.get(
      `${base}/:itemId`,
      { config: { role: 'viewer' }, schema: { params: itemParams, response: { 200: itemSchema } } },
      async (req) => (await cw.getItem(req.params.id, kind, req.params.itemId)).body as { id: string },
    );
    app.get(
      `${base}/:itemId/history`,
      { config: { role: 'viewer' }, schema: { params: itemParams } },
      async (req) => {
        await cw.getScenario(req.params.id);
        return cw.store.itemHistory(req.params.id, kind, req.params.itemId);
      },
    );
    app.put(
      `${base}/:itemId`,
      {
        config: { role: 'planner' },
        schema: {
          params: itemParams,
          body: z.unknown(),
          response: { 200: itemSchema, 201: itemSchema, ...errorResponses },
        },
      },
      async (req, reply) => {
        const r = await cw.putItem(req.params.id, kind, req.body, actorOf(req), req.params.itemId);
        return reply.code(r.created ? 201 : 200).send(r.item.body as { id: string });
      },
    );
    app.delete(
      `${base}/:itemId`,
      { config: { role: 'planner' }, schema: { params: itemParams } },
      async (req, reply) => {
        await cw.deleteItem(req.params.id, kind, req.params.itemId, actorOf(req));
        return reply.code(204).send();
      },
    );
  }

  // the situation picture as of a time, as GeoJSON (docs/situation.md)
  const featureSchema = z.object({
    type: z.literal('Feature'),
    properties: z.record(z.string(), z.unknown()),
    geometry: z.record(z.string(), z.unknown()),
  });
  app.get(
    '/api/scenarios/:id/situation',
    {
      config: { role: 'viewer' },
      schema: {
        params: idParams,
        querystring: z.object({
          at: z
            .string()
            .optional()
            .describe('ISO 8601 time the picture is as of, e.g. 2016-06-01T00:00:00Z (default: now)'),
        }),
        response: {
          200: z.object({
            type: z.literal('FeatureCollection'),
            situation: z.object({
              at: z.string(),
              coastKm: z.number(),
              counts: z.record(z.string(), z.number()),
            }),
            features: z.array(featureSchema),
          }),
          ...errorResponses,
        },
      },
    },
    async (req) => cw.situationGeoJSON(req.params.id, req.query.at),
  );

  // tokens (admin)
  const tokenSchema = z.object({
    id: z.string(),
    name: z.string(),
    role: z.enum(['viewer', 'planner', 'admin']),
    createdAt: z.string(),
    revokedAt: z.string().nullable(),
  });
  app.get(
    '/api/tokens',
    { config: { role: 'admin' }, schema: { response: { 200: z.array(tokenSchema) } } },
    async () => cw.store.listTokens(),
  );
  app.post(
    '/api/tokens',
    {
      config: { role: 'admin' },
      schema: {
        body: z.strictObject({
          role: z.enum(['viewer', 'planner', 'admin']),
          name: z.string().min(1).max(200).optional(),
        }),
        response: { 201: tokenSchema.extend({ token: z.string() }) },
      },
    },
    async (req, reply) => {
      const { token, row } = await cw.createToken(req.body.role, req.body.name);
      return reply.code(201).send({ ...row, token });
    },
  );
  app.delete(
    '/api/tokens/:id',
    { config: { role: 'admin' }, schema: { params: idParams } },
    async (req, reply) => {
      if (!(await cw.revokeToken(req.params.id))) throw notFound(`token ${req.params.id}`);
      return reply.code(204).send();
    },
  );

  // the web map
  const webDir = opts.webDir ?? fileURLToPath(new URL('../../web', import.meta.url));
  if (existsSync(webDir)) await app.register(fastifyStatic, { root: webDir, prefix: '/', wildcard: false });
  else
    app.get('/', { schema: { hide: true } }, async (_req, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .send(
          '<!doctype html><meta charset="utf-8"><title>coastwatch</title><p>The web map is not built (no <code>dist/web</code>). The API is at <a href="/api/openapi.json">/api/openapi.json</a>.</p>',
        ),
    );
  return app;
}

function actorOf(req: FastifyRequest): string {
  return req.token ? `${req.token.name} (${req.token.id})` : 'unknown';
}

function sendProblem(reply: FastifyReply, p: ReturnType<typeof problem>) {
  return reply
    .code(p.status)
    .type('application/problem+json')
    .serializer((x) => JSON.stringify(x))
    .send(p);
}
