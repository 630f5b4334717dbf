// The API in-process (fastify.inject) over a real SQLite store filled by the real ingest pipeline.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runReuse } from '../cli/commands/reuse.js';
import { ingest } from '../pipeline/ingest.js';
import { buildServer } from './app.js';
import { buildCorpus, HOSTILE_TEXT, REPOSTED, STATEMENT, type Corpus } from './fixture.test-helpers.js';
import { openapiPath } from './openapi.js';

let corpus: Corpus;
let app: FastifyInstance;

interface ItemJson {
  id: string;
  source: string;
  title: string | null;
  url: string | null;
  text: string;
  language: string;
  publishedAt: string | null;
}
interface Page {
  total: number;
  limit: number;
  offset: number;
  next: string | null;
  prev: string | null;
}

const cp = (s: string, start: number, end: number): string => Array.from(s).slice(start, end).join('');

async function get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'GET', url, headers });
}

function json<T>(r: LightMyRequestResponse): T {
  return JSON.parse(r.body) as T;
}

/** "METHOD /path/{param}" for every route in Fastify's printed route tree (children indented under parents). */
function routeTable(printed: string): string[] {
  const stack: string[] = [];
  const out: string[] = [];
  for (const line of printed.split('\n')) {
    const m = /^(.*?)[├└]── (\S+)(?: \(([A-Z, ]+)\))?/.exec(line);
    if (!m) continue;
    const depth = Math.round((m[1] ?? '').length / 4);
    const path = `${depth > 0 ? (stack[depth - 1] ?? '') : ''}${m[2] ?? ''}`;
    stack[depth] = path;
    for (const method of (m[3] ?? '').split(', ').filter((x) => x !== '' && x !== 'HEAD')) out.push(`${method} ${openapiPath(path)}`);
  }
  return out;
}

async function allItems(): Promise<ItemJson[]> {
  return json<{ items: ItemJson[] }>(await get('/api/items?limit=500')).items;
}

beforeAll(async () => {
  corpus = await buildCorpus();
  expect(corpus.report.failures).toEqual([]);
  // Shared passages come from the real `reuse` command, which stores them as spans.
  const outSpy = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const errSpy = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    expect(await runReuse({ db: corpus.db, minWords: 20, json: true })).toBe(0);
  } finally {
    outSpy.mockRestore();
    errSpy.mockRestore();
  }
  app = await buildServer({ store: corpus.store });
  // A change endpoint exists only here: the API has none yet, but the CSRF check must guard them.
  app.post('/api/test-change', () => ({ changed: true }));
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  await corpus?.cleanup();
});

describe('headers and errors', () => {
  const urls = [
    '/api/health',
    '/api/sources',
    '/api/items',
    '/api/search?q=reservoir',
    '/api/search?q=%22unclosed',
    '/api/items?limit=0',
    '/api/no-such-route',
    '/',
    '/api/export?format=csv',
    '/api/openapi.json',
  ];

  it.each(urls)('%s carries the strict CSP and the other security headers', async (url) => {
    const r = await get(url);
    expect(r.headers['content-security-policy']).toMatch(/^default-src 'none';.*frame-ancestors 'none'/);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
  });

  it('answers unknown routes with a 404 problem', async () => {
    const r = await get('/api/no-such-route?x=1');
    expect(r.statusCode).toBe(404);
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    const p = json<Record<string, unknown>>(r);
    expect(p).toMatchObject({ type: 'urn:narrascope:problem:not-found', title: 'Not found', status: 404, instance: '/api/no-such-route?x=1' });
    expect(p.detail).toMatch(/GET \/api\/no-such-route/);
  });

  it('answers invalid parameters with a 400 problem naming the parameter', async () => {
    const cases: Array<[string, string]> = [
      ['/api/items?limit=0', 'limit'],
      ['/api/items?limit=many', 'limit'],
      ['/api/items?from=March', 'from'],
      ['/api/items?limt=5', 'limt'],
      ['/api/search', 'q'],
      ['/api/timeseries?by=colour', 'by'],
      ['/api/export?format=xml', 'format'],
      ['/api/items?source=no-such-blog', 'source'],
    ];
    for (const [url, param] of cases) {
      const r = await get(url);
      expect(r.statusCode, url).toBe(400);
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
      const p = json<{ status: number; detail: string; invalidParams: Array<{ name: string }> }>(r);
      expect(p.status).toBe(400);
      expect(p.detail.startsWith(`${param}:`), `${url}: ${p.detail}`).toBe(true);
      expect(p.invalidParams[0]?.name).toBe(param);
    }
    const unknown = json<{ detail: string }>(await get('/api/items?source=no-such-blog'));
    expect(unknown.detail).toContain('harbour-watch');
  });

  it('answers a bad query with 400, the caret message and the position in code points', async () => {
    const q = '🔥 водохранилище AND (офшор';
    const r = await get(`/api/search?q=${encodeURIComponent(q)}`);
    expect(r.statusCode).toBe(400);
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    const p = json<{ type: string; title: string; detail: string; parameter: string; position: number; column: number; message: string }>(r);
    expect(p.type).toBe('urn:narrascope:problem:invalid-query');
    expect(p.parameter).toBe('q');
    const [message, echoed, caret] = p.detail.split('\n');
    expect(message).toBe(p.message);
    expect(echoed).toBe(`  ${q}`);
    expect(caret).toMatch(/^ +\^+$/);
    // The caret and the position name the same character: the unclosed parenthesis.
    expect(Array.from(q)[p.position]).toBe('(');
    expect(p.column).toBe(p.position + 1);
    expect((caret ?? '').indexOf('^') - 2).toBe(p.position);
    // The same compile path guards every route that takes q.
    expect((await get(`/api/items?q=${encodeURIComponent(q)}`)).statusCode).toBe(400);
    expect((await get(`/api/export?q=${encodeURIComponent(q)}`)).statusCode).toBe(400);
  });
});

describe('hostile text', () => {
  it('comes back as plain JSON string data, escaped so no markup appears in the body', async () => {
    const hostile = (await allItems()).find((i) => i.text.includes('<script>'));
    expect(hostile).toBeDefined();
    const r = await get(`/api/items/${hostile?.id ?? ''}`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    expect(r.body).not.toMatch(/<script|<img|<a |<b>/i);
    expect(r.body).toContain('\\u003cscript\\u003e');
    const body = json<{ item: ItemJson }>(r);
    expect(body.item.text).toBe(HOSTILE_TEXT);
    expect(body.item.title).toBe('<b>Moderators</b> delete posts');
    // Stored as scraped: a client must treat it as untrusted data, never as a link to follow.
    expect(typeof body.item.url === 'string' || body.item.url === null).toBe(true);

    const search = await get('/api/search?q=moderators');
    expect(search.body).not.toMatch(/<script|<img/i);
    const hit = json<{ hits: Array<{ title: string; snippet: { text: string } }> }>(search).hits[0];
    expect(hit?.title).toBe('<b>Moderators</b> delete posts');
    expect(hit?.snippet.text).toContain('<script>alert(1)</script>');
  });
});

describe('sources and items', () => {
  it('lists the sources with their counts', async () => {
    const r = await get('/api/sources');
    const body = json<{ total: number; sources: Array<{ name: string; items: number; languages: Record<string, number> }> }>(r);
    expect(body.sources.map((s) => [s.name, s.items])).toEqual([
      ['harbour-watch', 3],
      ['northgate-ledger', 3],
      ['zvezda-forum', 4],
    ]);
    expect(body.sources.find((s) => s.name === 'zvezda-forum')?.languages.ru).toBe(3);
  });

  it('pages items with a total, next and prev links and a Link header', async () => {
    const first = await get('/api/items?limit=4');
    const p1 = json<Page & { items: ItemJson[] }>(first);
    expect(p1.total).toBe(10);
    expect(p1.items).toHaveLength(4);
    expect(p1.prev).toBeNull();
    expect(p1.next).toBe('/api/items?limit=4&offset=4');
    expect(first.headers.link).toBe('</api/items?limit=4&offset=4>; rel="next"');
    const p3 = json<Page & { items: ItemJson[] }>(await get('/api/items?limit=4&offset=8'));
    expect(p3.items).toHaveLength(2);
    expect(p3.next).toBeNull();
    expect(p3.prev).toBe('/api/items?limit=4&offset=4');
    const p2 = json<{ items: ItemJson[] }>(await get(p1.next ?? ''));
    const ids = [...p1.items, ...p2.items, ...p3.items].map((i) => i.id);
    expect(new Set(ids).size).toBe(10);
  });

  it('filters items by parameters and by the search language alike', async () => {
    const byParam = json<{ total: number; items: ItemJson[] }>(await get('/api/items?lang=ru'));
    const byQuery = json<{ total: number; items: ItemJson[] }>(await get('/api/items?q=lang%3Aru'));
    expect(byParam.total).toBe(3);
    expect(byQuery.total).toBe(3);
    expect(new Set(byQuery.items.map((i) => i.id))).toEqual(new Set(byParam.items.map((i) => i.id)));
    const words = json<{ total: number; items: ItemJson[] }>(await get(`/api/items?q=${encodeURIComponent('ferry source:harbour-watch')}`));
    expect(words.items.map((i) => i.title)).toEqual(['Ferry Fares Rise Again']);
    const combined = json<{ total: number }>(await get(`/api/items?q=ferry&source=northgate-ledger&from=2024-03&to=2024-03`));
    expect(combined.total).toBe(1);
    const clash = await get(`/api/items?q=${encodeURIComponent('lang:en ferry')}&lang=ru`);
    expect(clash.statusCode).toBe(400);
    expect(json<{ detail: string }>(clash).detail).toMatch(/^lang: q already has a lang: filter/);
  });

  it('shows one item with its spans by layer and its provenance down to the capture hash', async () => {
    const item = (await allItems()).find((i) => i.title === 'Водохранилище продали?');
    const r = await get(`/api/items/${item?.id ?? ''}`);
    expect(r.statusCode).toBe(200);
    const body = json<{
      item: ItemJson;
      annotations: Record<string, Array<{ start: number; end: number; text: string; producer: string; layer: string }>>;
      provenance: { source: { name: string }; document: { originKey: string; format: string }; capture: { sha256: string; size: number }; producers: string[] };
    }>(r);
    expect(body.item.language).toBe('ru');
    expect(body.provenance.source.name).toBe('zvezda-forum');
    expect(body.provenance.document.format).toBe('jsonl');
    expect(body.provenance.capture.sha256).toBe(createHash('sha256').update(corpus.forumBytes).digest('hex'));
    expect(body.provenance.capture.size).toBe(corpus.forumBytes.length);
    expect(Object.keys(body.annotations)).toContain('language');
    for (const [layer, spans] of Object.entries(body.annotations)) {
      for (const a of spans) {
        expect(a.layer).toBe(layer);
        expect(a.producer).toMatch(/^[a-z-]+@\d+\.\d+\.\d+$/);
        expect(body.provenance.producers).toContain(a.producer);
        // Offsets are code points: the emoji before the words count one each.
        expect(a.text).toBe(cp(body.item.text, a.start, a.end));
      }
    }
    const missing = await get('/api/items/0000000000000000');
    expect(missing.statusCode).toBe(404);
    expect(json<{ type: string }>(missing).type).toBe('urn:narrascope:problem:not-found');
  });
});

describe('search', () => {
  it('returns hits with scores, plain-text snippets, match offsets and facets', async () => {
    const r = await get('/api/search?q=reservoir&facets=true');
    expect(r.statusCode).toBe(200);
    const body = json<{
      total: number;
      query: string;
      hits: Array<{ id: string; score: number; source: string; snippet: { text: string; highlights: Array<{ start: number; end: number }> }; matches: Array<{ start: number; end: number }> }>;
      facets: { source: Record<string, number>; language: Record<string, number>; month: Record<string, number> };
    }>(r);
    expect(body.total).toBe(2);
    expect(body.query).toBe('reservoir');
    expect(body.facets.source).toEqual({ 'harbour-watch': 1, 'northgate-ledger': 1 });
    expect(body.facets.month).toEqual({ '2024-02': 1, '2024-04': 1 });
    const items = new Map((await allItems()).map((i) => [i.id, i]));
    for (const hit of body.hits) {
      expect(hit.score).toBeGreaterThan(0);
      expect(hit.snippet.text).not.toContain('**');
      expect(hit.snippet.highlights.length).toBeGreaterThan(0);
      for (const h of hit.snippet.highlights) expect(cp(hit.snippet.text, h.start, h.end).toLowerCase()).toBe('reservoir');
      for (const m of hit.matches) expect(cp(items.get(hit.id)?.text ?? '', m.start, m.end).toLowerCase()).toBe('reservoir');
    }
  });

  it('stems Russian and gives match offsets in code points past an emoji', async () => {
    const body = json<{ hits: Array<{ id: string; matches: Array<{ start: number; end: number }>; snippet: { text: string; highlights: Array<{ start: number; end: number }> } }> }>(
      await get(`/api/search?q=${encodeURIComponent('водохранилища')}`),
    );
    expect(body.hits).toHaveLength(1);
    const hit = body.hits[0];
    const text = (await allItems()).find((i) => i.id === hit?.id)?.text ?? '';
    expect(text.startsWith('🔥🔥')).toBe(true);
    expect(hit?.matches.map((m) => cp(text, m.start, m.end))).toEqual(['водохранилище']);
    expect(hit?.snippet.highlights.map((m) => cp(hit.snippet.text, m.start, m.end))).toEqual(['водохранилище']);
  });

  it('collapses copies to one hit and pages with links', async () => {
    const all = json<{ total: number; hits: Array<{ copies: number }> }>(await get('/api/search?q=ferry%20fares'));
    expect(all.total).toBe(2);
    expect(all.hits.every((h) => h.copies === 2)).toBe(true);
    const collapsed = json<{ total: number }>(await get('/api/search?q=ferry%20fares&collapse=true'));
    expect(collapsed.total).toBe(1);
    const page = json<{ next: string | null; prev: string | null }>(await get('/api/search?q=ferry%20fares&limit=1'));
    expect(page.next).toBe('/api/search?q=ferry+fares&limit=1&offset=1');
  });
});

describe('duplicates and passages', () => {
  it('clusters the reposted post, first seen first', async () => {
    const body = json<{ total: number; clusters: Array<{ size: number; firstSeen: { source: string; publishedAt: string; exact: boolean }; reposts: Array<{ source: string; exact: boolean; similarity: number }> }> }>(
      await get('/api/duplicates'),
    );
    expect(body.total).toBe(1);
    const c = body.clusters[0];
    expect(c?.size).toBe(2);
    expect(c?.firstSeen).toMatchObject({ source: 'northgate-ledger', publishedAt: '2024-03-04' });
    expect(c?.reposts).toEqual([expect.objectContaining({ source: 'harbour-watch', exact: true, similarity: 1 })]);
    // Served from memory the second time, the same answer.
    expect(json(await get('/api/duplicates'))).toEqual(body);
  });

  it('lists the shared passage with its occurrences in time order, and shows one passage', async () => {
    const list = json<{ total: number; passages: Array<{ id: string; text: string; sources: number; occurrences: Array<{ source: string; publishedAt: string; first: boolean }> }> }>(
      await get('/api/passages'),
    );
    // The statement, and the reposted ferry post (a copy is a shared passage too).
    expect(list.total).toBe(2);
    const p = list.passages.find((x) => x.text.includes('northern reservoir concession'));
    expect(p?.sources).toBe(2);
    expect(p?.occurrences.map((o) => [o.source, o.publishedAt, o.first])).toEqual([
      ['northgate-ledger', '2024-02-26', true],
      ['harbour-watch', '2024-04-02', false],
    ]);
    const one = json<{ occurrences: Array<{ item: string; start: number; end: number; text: string }> }>(await get(`/api/passages/${p?.id ?? ''}`));
    const items = new Map((await allItems()).map((i) => [i.id, i]));
    for (const o of one.occurrences) expect(o.text).toBe(cp(items.get(o.item)?.text ?? '', o.start, o.end));
    expect(one.occurrences[1]?.text).toContain('secretly handed');
    expect(STATEMENT).toContain(one.occurrences[0]?.text.slice(0, 40));
    expect((await get('/api/passages?source=zvezda-forum')).body).toContain('"total":0');
    expect((await get('/api/passages/nope')).statusCode).toBe(404);
  });
});

describe('time series', () => {
  it('counts items per month by source, gaps as zeros, undated and imprecise apart', async () => {
    const body = json<{ buckets: string[]; series: Array<{ key: string; total: number; counts: number[] }>; total: number; undated: number; imprecise: number }>(
      await get('/api/timeseries?by=source&interval=month'),
    );
    expect(body.buckets).toEqual(['2024-02', '2024-03', '2024-04']);
    expect(body.undated).toBe(1);
    const forum = body.series.find((s) => s.key === 'zvezda-forum');
    expect(forum?.counts).toEqual([0, 3, 0]);
    expect(body.series.reduce((n, s) => n + s.total, 0)).toBe(body.total);
    expect(body.total + body.undated + body.imprecise).toBe(10);
  });

  it('names weeks by their Monday and keeps month-only dates out of weeks', async () => {
    const body = json<{ buckets: string[]; imprecise: number; series: Array<{ key: string; counts: number[] }> }>(await get('/api/timeseries?by=language&interval=week&q=lang%3Aen'));
    expect(body.buckets[0]).toBe('2024-02-26');
    for (const b of body.buckets) expect(new Date(`${b}T00:00:00Z`).getUTCDay()).toBe(1);
    expect(body.series.map((s) => s.key)).toEqual(['en']);
    expect(body.imprecise).toBe(1);
  });

  it('counts a layer\'s spans by label', async () => {
    const body = json<{ series: Array<{ key: string; total: number }>; total: number }>(await get('/api/timeseries?by=layer%3Alanguage&interval=month&source=zvezda-forum'));
    expect(body.series.map((s) => s.key)).toContain('ru');
    expect(body.total).toBeGreaterThan(0);
    const reuse = json<{ series: Array<{ key: string; total: number }> }>(await get('/api/timeseries?by=layer%3Areuse'));
    expect(reuse.series).toEqual([expect.objectContaining({ key: 'passage', total: 4 })]);
  });
});

describe('exports', () => {
  it('streams CSV as an attachment, one row per item', async () => {
    const r = await get('/api/export?format=csv&lang=en');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/csv/);
    expect(r.headers['content-disposition']).toBe('attachment; filename="narrascope-items.csv"');
    const lines = r.body.trimEnd().split('\r\n');
    expect(lines[0]?.startsWith('id,source,kind,title')).toBe(true);
    // Every English item: six posts and the forum's hostile one.
    expect(lines).toHaveLength(1 + 7);
  });

  it('streams JSON Lines with annotations, markup escaped', async () => {
    const r = await get('/api/export?format=jsonl&annotations=true');
    const rows = r.body.trim().split('\n').map((l) => JSON.parse(l) as ItemJson & { annotations: unknown[] });
    expect(rows).toHaveLength(10);
    expect(rows.every((x) => Array.isArray(x.annotations))).toBe(true);
    expect(rows.map((x) => x.text)).toContain(HOSTILE_TEXT);
    expect(r.body).not.toContain('<script>');
  });

  it('exports spans as a W3C Web Annotation collection with position and quote selectors', async () => {
    const r = await get('/api/export?format=webannotation&q=reservoir');
    expect(r.headers['content-type']).toMatch(/^application\/ld\+json/);
    expect(r.headers['content-disposition']).toMatch(/^attachment;/);
    const doc = JSON.parse(r.body) as {
      '@context': unknown[];
      type: string;
      total: number;
      first: { type: string; items: Array<{ type: string; layer: string; body: Array<{ value: string }>; creator: { name: string }; target: { source: string; selector: Array<Record<string, unknown>> } }> };
    };
    expect(doc['@context'][0]).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(doc.type).toBe('AnnotationCollection');
    expect(doc.first.type).toBe('AnnotationPage');
    expect(doc.first.items.length).toBe(doc.total);
    const layers = new Set(doc.first.items.map((a) => a.layer));
    expect(layers).toContain('reuse');
    const items = new Map((await allItems()).map((i) => [`urn:narrascope:item:${i.id}`, i]));
    for (const a of doc.first.items) {
      expect(a.type).toBe('Annotation');
      expect(a.creator.name).toMatch(/@/);
      const pos = a.target.selector.find((s) => s.type === 'TextPositionSelector') as { start: number; end: number };
      const quote = a.target.selector.find((s) => s.type === 'TextQuoteSelector') as { exact: string };
      expect(quote.exact).toBe(cp(items.get(a.target.source)?.text ?? '', pos.start, pos.end));
    }
    const only = JSON.parse((await get('/api/export?format=webannotation&layer=reuse')).body) as { total: number };
    expect(only.total).toBe(4);
    expect((await get('/api/export?format=csv&layer=reuse')).statusCode).toBe(400);
  });
});

describe('OpenAPI', () => {
  it('describes every registered route with the schemas the routes validate with', async () => {
    const r = await get('/api/openapi.json');
    const doc = json<{ openapi: string; paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string; required: boolean }> }>> }>(r);
    expect(doc.openapi).toBe('3.1.0');
    // Every route Fastify knows (its own route table, HEAD twins aside) is in the document.
    const registered = routeTable(app.printRoutes({ commonPrefix: false }));
    expect(registered.length).toBeGreaterThanOrEqual(13);
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(new Set(documented)).toEqual(new Set(registered));
    for (const entry of documented) {
      const [method, path] = entry.split(' ') as [string, string];
      expect(app.hasRoute({ method, url: path.replace(/\{(\w+)\}/g, ':$1') }), entry).toBe(true);
    }
    const search = doc.paths['/api/search']?.get?.parameters ?? [];
    expect(search.find((p) => p.name === 'q')).toMatchObject({ in: 'query', required: true });
    expect(doc.paths['/api/items/{id}']?.get?.parameters?.[0]).toMatchObject({ name: 'id', in: 'path', required: true });
  });
});

describe('CSRF', () => {
  it('refuses a change without the session token and accepts it with the token', async () => {
    const none = await app.inject({ method: 'POST', url: '/api/test-change' });
    expect(none.statusCode).toBe(403);
    expect(json<{ type: string }>(none).type).toBe('urn:narrascope:problem:csrf');
    expect(none.headers['content-security-policy']).toBeDefined();
    const wrong = await app.inject({ method: 'POST', url: '/api/test-change', headers: { 'x-csrf-token': 'guess' } });
    expect(wrong.statusCode).toBe(403);

    const session = await get('/api/session');
    const { csrfToken, authRequired } = json<{ csrfToken: string; authRequired: boolean }>(session);
    expect(authRequired).toBe(false);
    expect(String(session.headers['set-cookie'])).toBe(`narrascope_csrf=${csrfToken}; Path=/; SameSite=Strict`);
    const ok = await app.inject({ method: 'POST', url: '/api/test-change', headers: { 'x-csrf-token': csrfToken, cookie: `narrascope_csrf=${csrfToken}` } });
    expect(ok.statusCode).toBe(200);
    expect(json(ok)).toEqual({ changed: true });
    // A cookie from an earlier server start means a stale page.
    const stale = await app.inject({ method: 'POST', url: '/api/test-change', headers: { 'x-csrf-token': csrfToken, cookie: 'narrascope_csrf=old' } });
    expect(stale.statusCode).toBe(403);
    // The token is per server start.
    const other = await buildServer({ store: corpus.store });
    try {
      expect(json<{ csrfToken: string }>(await other.inject({ method: 'GET', url: '/api/session' })).csrfToken).not.toBe(csrfToken);
    } finally {
      await other.close();
    }
  });
});

describe('authentication and hosts', () => {
  it('with a token, needs Authorization: Bearer everywhere but /api/health', async () => {
    const token = 'a-test-token-of-enough-length';
    const locked = await buildServer({ store: corpus.store, token });
    locked.post('/api/test-change', () => ({ changed: true }));
    try {
      expect((await locked.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
      for (const url of ['/api/items', '/api/session', '/api/openapi.json', '/api/no-such-route']) {
        const r = await locked.inject({ method: 'GET', url });
        expect(r.statusCode, url).toBe(401);
        expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(r.headers['www-authenticate']).toMatch(/^Bearer/);
      }
      const wrong = await locked.inject({ method: 'GET', url: '/api/items', headers: { authorization: 'Bearer not-the-token' } });
      expect(wrong.statusCode).toBe(401);
      const ok = await locked.inject({ method: 'GET', url: '/api/items?limit=1', headers: { authorization: `Bearer ${token}` } });
      expect(ok.statusCode).toBe(200);
      // A bearer token is not sent by browsers on their own, so it stands in for the CSRF token.
      const change = await locked.inject({ method: 'POST', url: '/api/test-change', headers: { authorization: `Bearer ${token}` } });
      expect(change.statusCode).toBe(200);
      expect(json<{ authRequired: boolean }>(await locked.inject({ method: 'GET', url: '/api/session', headers: { authorization: `Bearer ${token}` } })).authRequired).toBe(true);
    } finally {
      await locked.close();
    }
  });

  it('answers only to the allowed host names (DNS rebinding)', async () => {
    const pinned = await buildServer({ store: corpus.store, allowedHosts: ['localhost', '127.0.0.1'] });
    try {
      expect((await pinned.inject({ method: 'GET', url: '/api/health', headers: { host: '127.0.0.1:8765' } })).statusCode).toBe(200);
      const evil = await pinned.inject({ method: 'GET', url: '/api/health', headers: { host: 'rebind.attacker.example:8765' } });
      expect(evil.statusCode).toBe(403);
      expect(json<{ type: string }>(evil).type).toBe('urn:narrascope:problem:unexpected-host');
    } finally {
      await pinned.close();
    }
  });
});

describe('cached corpus views', () => {
  // Last in the file: it adds to the corpus that the tests above count.
  it('sees a new ingest on the next request', async () => {
    const before = json<{ clusters: Array<{ size: number }> }>(await get('/api/duplicates'));
    expect(before.clusters[0]?.size).toBe(2);
    const folder = join(corpus.dir, 'later', 'quay-digest');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'digest.jsonl'), `${JSON.stringify({ title: 'Fares, Again', date: '2024-03-08', text: REPOSTED })}\n`);
    const report = await ingest(corpus.store, { inputs: [join(corpus.dir, 'later')] });
    expect(report.items.added).toBe(1);
    const after = json<{ clusters: Array<{ size: number; reposts: Array<{ source: string }> }> }>(await get('/api/duplicates'));
    expect(after.clusters[0]?.size).toBe(3);
    expect(after.clusters[0]?.reposts.map((r) => r.source)).toEqual(['harbour-watch', 'quay-digest']);
  });
});
