// The OpenAPI 3.1 document, built from the routes as Fastify registered them: the same schema
// objects that validate a route's parameters and serialise its answer describe it here.
import type { RouteOptions } from 'fastify';
import { problemSchema, type JsonSchema } from './schemas.js';

/** What the document needs of a registered route. */
export interface RouteRecord {
  method: string;
  url: string;
  schema: RouteSchema;
}

/** Route schema as the routes write it: Fastify's parts plus the documentation keys. */
export interface RouteSchema {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  querystring?: JsonSchema;
  params?: JsonSchema;
  /** A JSON request body. */
  body?: JsonSchema;
  /** Header parameters the handler reads (documentation only: Fastify does not check them). */
  headerParams?: JsonSchema;
  response?: Record<string, JsonSchema>;
  /** Media types of a 200 that is not JSON (downloads). */
  produces?: string[];
}

const DOCUMENTED = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

/** Records an onRoute call (HEAD twins of GET routes are left out: they answer the same). */
export function recordRoute(routes: RouteRecord[], opts: RouteOptions): void {
  const methods = Array.isArray(opts.method) ? opts.method : [opts.method];
  for (const method of methods) {
    if (!DOCUMENTED.has(method)) continue;
    routes.push({ method, url: opts.url, schema: (opts.schema ?? {}) as RouteSchema });
  }
}

/** "/api/items/:id" → "/api/items/{id}". */
export function openapiPath(url: string): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

function parameters(schema: JsonSchema | undefined, where: 'query' | 'path' | 'header'): Array<Record<string, unknown>> {
  if (!schema) return [];
  const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(props).map(([name, s]) => {
    const { description, ...rest } = s;
    return {
      name,
      in: where,
      required: where === 'path' || required.has(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: rest,
    };
  });
}

const PROBLEM_RESPONSE = {
  description: 'a problem (RFC 9457): 400 invalid parameter or query, 401 no or wrong token, 403 CSRF or Host refused, 404 not found',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};

/** The OpenAPI 3.1 document for the recorded routes. */
export function buildOpenApi(routes: readonly RouteRecord[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of [...routes].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : a.method < b.method ? -1 : 1))) {
    const s = r.schema;
    const responses: Record<string, unknown> = {};
    for (const [code, schema] of Object.entries(s.response ?? {})) responses[code] = { description: code === '201' ? 'Created' : 'OK', content: { 'application/json': { schema } } };
    if (Object.keys(responses).length === 0) {
      responses['200'] = s.produces ? { description: 'a download', content: Object.fromEntries(s.produces.map((t) => [t, { schema: { type: 'string' } }])) } : { description: 'OK' };
    }
    responses.default = PROBLEM_RESPONSE;
    const params = [...parameters(s.params, 'path'), ...parameters(s.querystring, 'query'), ...parameters(s.headerParams, 'header')];
    (paths[openapiPath(r.url)] ??= {})[r.method.toLowerCase()] = {
      ...(s.operationId ? { operationId: s.operationId } : {}),
      ...(s.summary ? { summary: s.summary } : {}),
      ...(s.description ? { description: s.description } : {}),
      ...(s.tags ? { tags: s.tags } : {}),
      ...(params.length > 0 ? { parameters: params } : {}),
      ...(s.body ? { requestBody: { required: true, content: { 'application/json': { schema: s.body } } } } : {}),
      ...(r.method !== 'GET' ? { parameters: [...params, { name: 'X-CSRF-Token', in: 'header', required: false, description: 'required unless the request carries the bearer token', schema: { type: 'string' } }] } : {}),
      responses,
      ...(r.url === '/api/health' ? { security: [] } : {}),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'narrascope API',
      version,
      description:
        'Read a narrascope corpus: sources, items, search, duplicates, shared passages, entities, techniques, narratives, time series and exports; review spans. ' +
        'Offsets are Unicode code points, end exclusive. Texts are scraped and untrusted: show them as text, never as HTML. ' +
        'Errors are application/problem+json. When the server was started with a token, every request but /api/health needs Authorization: Bearer <token>.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: { Problem: problemSchema },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'only when the server was started with a token' } },
    },
    security: [{}, { bearer: [] }],
  };
}
