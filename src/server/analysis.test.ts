// The analysis routes in-process (fastify.inject) over a real store filled by the real ingest
// pipeline and the real `narratives` matcher: entities, techniques, narratives, their time series,
// the co-occurrence network (JSON and GEXF), and reviews that change what is counted.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entityNetwork, entityTable, type SpanRow } from './analysis.js';
import { buildAnalysisCorpus, type AnalysisCorpus } from './analysis-fixture.test-helpers.js';
import { buildServer } from './app.js';
import { toGexf, xmlEscape } from './gexf.js';

let corpus: AnalysisCorpus;
let app: FastifyInstance;

const cp = (s: string, start: number, end: number): string => Array.from(s).slice(start, end).join('');

async function get(url: string): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'GET', url });
}

function json<T>(r: LightMyRequestResponse): T {
  return JSON.parse(r.body) as T;
}

interface EntityJson {
  id: string;
  key: string;
  type: string;
  name: string;
  aliases: string[];
  mentions: number;
  items: number;
}
interface TechniqueJson {
  technique: string;
  spans: number;
  items: number;
  accepted: number;
  rejected: number;
  added: number;
  precision: number | null;
}
interface Problem {
  status: number;
  type: string;
  detail: string;
  invalidParams?: Array<{ name: string; in: string }>;
}

const ZELENSKY = 'PER:volodymyr zelensky';

/**
 * A small well-formedness check: tags nest and close, attributes are quoted and hold no raw < or
 * stray &, text holds no raw <; returns the elements with their decoded attributes.
 */
function parseXml(xml: string): Array<{ name: string; attrs: Record<string, string> }> {
  const decode = (s: string): string => s.replace(/&(amp|lt|gt|quot|apos);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[e] ?? '');
  const badAmp = /&(?!(amp|lt|gt|quot|apos);)/;
  const body = xml.replace(/^<\?xml [^?]*\?>\s*/, '');
  const stack: string[] = [];
  const out: Array<{ name: string; attrs: Record<string, string> }> = [];
  const tag = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>/y;
  let i = 0;
  while (i < body.length) {
    const lt = body.indexOf('<', i);
    const text = body.slice(i, lt < 0 ? body.length : lt);
    if (badAmp.test(text) || text.includes('>')) throw new Error(`bad text at ${i}: ${text}`);
    if (lt < 0) break;
    tag.lastIndex = lt;
    const m = tag.exec(body);
    if (!m) throw new Error(`malformed tag at ${lt}: ${body.slice(lt, lt + 60)}`);
    const [whole, close, name = '', attrText = '', selfClose] = m;
    if (close) {
      if (stack.pop() !== name) throw new Error(`</${name}> closes the wrong element`);
    } else {
      const attrs: Record<string, string> = {};
      for (const a of attrText.matchAll(/([\w:.-]+)="([^"]*)"/g)) {
        if (badAmp.test(a[2] ?? '')) throw new Error(`bad & in attribute ${a[1] ?? ''}`);
        attrs[a[1] ?? ''] = decode(a[2] ?? '');
      }
      out.push({ name, attrs });
      if (!selfClose) stack.push(name);
    }
    i = lt + whole.length;
  }
  if (stack.length > 0) throw new Error(`unclosed: ${stack.join(' > ')}`);
  return out;
}

beforeAll(async () => {
  corpus = await buildAnalysisCorpus();
  expect(corpus.report.failures).toEqual([]);
  app = await buildServer({ store: corpus.store });
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  await corpus?.cleanup();
});

describe('entities', () => {
  it('lists entities by mentions, spellings and Russian case forms merged under one key', async () => {
    const r = await get('/api/entities');
    expect(r.statusCode).toBe(200);
    const body = json<{ total: number; entities: EntityJson[] }>(r);
    const first = body.entities[0];
    expect(first).toMatchObject({ id: ZELENSKY, key: 'volodymyr zelensky', type: 'PER', mentions: 5, items: 4 });
    // Named by the form the texts use most.
    expect(first?.name).toBe('Zelensky');
    expect(first?.aliases).toEqual(expect.arrayContaining(['Zelensky', 'Zelenskyy', 'Зеленский', 'Зеленского']));
    // Vilnius in English and in the Russian locative is one place.
    expect(body.entities.find((e) => e.id === 'LOC:vilnius')).toMatchObject({ mentions: 2, items: 2 });

    const places = json<{ entities: EntityJson[] }>(await get('/api/entities?type=LOC')).entities;
    expect(places.length).toBeGreaterThan(0);
    expect(places.every((e) => e.type === 'LOC')).toBe(true);
    const channel = json<{ entities: EntityJson[] }>(await get('/api/entities?source=polar-channel')).entities;
    expect(channel.find((e) => e.id === ZELENSKY)).toMatchObject({ mentions: 2, items: 2, name: 'Zelensky' });
    expect(channel.find((e) => e.id === 'ORG:nato')).toBeUndefined();

    const page = await get('/api/entities?limit=2');
    const p = json<{ total: number; entities: EntityJson[]; next: string | null }>(page);
    expect(p.entities).toHaveLength(2);
    expect(p.next).toBe('/api/entities?limit=2&offset=2');
    expect(page.headers.link).toContain('rel="next"');
    expect(p.total).toBe(body.total);

    const bad = json<Problem>(await get('/api/entities?type=PERSON'));
    expect(bad.status).toBe(400);
    expect(bad.invalidParams?.[0]?.name).toBe('type');
  });

  it('shows one entity with its mentions and their items, in time order, paged', async () => {
    const r = await get(`/api/entities/${encodeURIComponent(ZELENSKY)}?limit=3`);
    expect(r.statusCode).toBe(200);
    const body = json<{ total: number; next: string | null; entity: EntityJson; mentions: Array<{ id: number; item: { id: string; publishedAt: string; source: string }; start: number; end: number; text: string }> }>(r);
    expect(body.entity).toMatchObject({ id: ZELENSKY, mentions: 5, items: 4 });
    expect(body.total).toBe(5);
    expect(body.mentions).toHaveLength(3);
    expect(body.mentions.map((m) => m.item.publishedAt)).toEqual(['2024-05-06', '2024-05-06', '2024-05-14']);
    expect(body.mentions.map((m) => m.text)).toEqual(['Zelensky', 'Zelensky', 'Zelenskyy']);
    const rest = json<{ mentions: Array<{ text: string; item: { id: string; source: string } }> }>(await get(body.next ?? ''));
    expect(rest.mentions.map((m) => m.text)).toEqual(['Зеленский', 'Зеленского']);
    expect(rest.mentions.every((m) => m.item.source === 'polar-channel')).toBe(true);
    // The offsets are code points into the item text.
    for (const m of rest.mentions) {
      const item = json<{ item: { text: string } }>(await get(`/api/items/${m.item.id}`)).item;
      const found = json<{ mentions: Array<{ item: { id: string }; start: number; end: number; text: string }> }>(
        await get(`/api/entities/${encodeURIComponent(ZELENSKY)}?limit=10`),
      ).mentions.filter((x) => x.item.id === m.item.id);
      for (const x of found) expect(cp(item.text, x.start, x.end)).toBe(x.text);
    }
    // A bare key finds the entity when only one type has it.
    expect(json<{ entity: EntityJson }>(await get(`/api/entities/${encodeURIComponent('volodymyr zelensky')}`)).entity.id).toBe(ZELENSKY);
    const missing = await get('/api/entities/PER%3Anobody');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('counts entity × technique co-occurrences in the same item', async () => {
    const body = json<{ entities: EntityJson[]; techniques: Array<{ technique: string; items: number }>; counts: number[][] }>(await get('/api/entities/matrix?limit=5'));
    expect(body.entities).toHaveLength(5);
    expect(body.entities[0]?.id).toBe(ZELENSKY);
    expect(body.counts).toHaveLength(5);
    for (const row of body.counts) expect(row).toHaveLength(body.techniques.length);
    const at = (entity: string, technique: string): number | undefined =>
      body.counts[body.entities.findIndex((e) => e.id === entity)]?.[body.techniques.findIndex((t) => t.technique === technique)];
    // Summit, Kyiv and the Russian post: three items name him beside charged words.
    expect(at(ZELENSKY, 'Loaded_Language')).toBe(3);
    expect(at(ZELENSKY, 'Flag-Waving')).toBe(1);
    expect(at('ORG:nato', 'Loaded_Language')).toBe(1);
    expect(at('LOC:brussels', 'Loaded_Language')).toBe(0);
    expect(body.techniques[0]).toEqual({ technique: 'Loaded_Language', items: 3 });
  });

  it('builds the co-occurrence network as JSON and as GEXF 1.3', async () => {
    const strict = json<{ nodes: Array<{ id: string; label: string; type: string; weight: number }>; edges: Array<{ source: string; target: string; weight: number }> }>(
      await get('/api/entities/network?min=2'),
    );
    expect(strict.edges).toEqual([{ source: ZELENSKY, target: 'LOC:vilnius', weight: 2 }]);
    expect(strict.nodes).toEqual([
      { id: ZELENSKY, label: 'Zelensky', type: 'PER', weight: 4 },
      { id: 'LOC:vilnius', label: 'Vilnius', type: 'LOC', weight: 2 },
    ]);
    const loose = json<{ nodes: Array<{ id: string }>; edges: Array<{ source: string; target: string; weight: number }> }>(await get('/api/entities/network?min=1'));
    expect(loose.edges.length).toBeGreaterThan(strict.edges.length);
    // Undirected: the better-known end comes first.
    expect(loose.edges.find((e) => new Set([e.source, e.target]).has('ORG:nato') && new Set([e.source, e.target]).has('LOC:brussels'))?.weight).toBe(1);
    const ids = new Set(loose.nodes.map((n) => n.id));
    for (const e of loose.edges) expect(ids.has(e.source) && ids.has(e.target)).toBe(true);

    const r = await get('/api/export?format=gexf&min=1');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^application\/gexf\+xml/);
    expect(r.headers['content-disposition']).toBe('attachment; filename="narrascope-entities.gexf"');
    const elements = parseXml(r.body);
    expect(elements[0]).toMatchObject({ name: 'gexf', attrs: { xmlns: 'http://gexf.net/1.3', version: '1.3' } });
    expect(elements.find((e) => e.name === 'graph')?.attrs.defaultedgetype).toBe('undirected');
    const nodes = elements.filter((e) => e.name === 'node');
    const edges = elements.filter((e) => e.name === 'edge');
    expect(nodes.map((n) => n.attrs.id)).toEqual(loose.nodes.map((n) => n.id));
    expect(edges.map((e) => [e.attrs.source, e.attrs.target, Number(e.attrs.weight)])).toEqual(loose.edges.map((e) => [e.source, e.target, e.weight]));
    const types = elements.filter((e) => e.name === 'attvalue' && e.attrs.for === 'type').map((e) => e.attrs.value);
    expect(types).toHaveLength(nodes.length);
    expect(new Set(types)).toEqual(new Set(loose.nodes.map((n) => (n as { type?: string }).type)));

    expect(json<Problem>(await get('/api/export?format=csv&min=2')).detail).toMatch(/^min: works with format=gexf only/);
    // The item filters narrow the network as they narrow every listing.
    const channelOnly = parseXml((await get('/api/export?format=gexf&min=1&source=polar-channel')).body).filter((e) => e.name === 'node');
    expect(channelOnly.map((n) => n.attrs.id)).toContain(ZELENSKY);
    expect(channelOnly.map((n) => n.attrs.id)).not.toContain('ORG:nato');
  });
});

describe('GEXF and the network, pure', () => {
  it('escapes scraped names and drops characters XML cannot carry', () => {
    expect(xmlEscape(`<b>"A&B's"</b>\u0001\ud800`)).toBe('&lt;b&gt;&quot;A&amp;B&apos;s&quot;&lt;/b&gt;');
    const hostile = '<script>alert("x")</script> & Co\u0007';
    const xml = toGexf(
      { nodes: [{ id: 'ORG:a&b', label: hostile, type: 'ORG', weight: 2 }, { id: 'PER:"q"', label: '😀 Ёж', type: 'PER', weight: 1 }], edges: [{ source: 'ORG:a&b', target: 'PER:"q"', weight: 1 }] },
      { creator: 'narrascope test', description: 'a <test>', date: '2024-06-01' },
    );
    expect(xml).not.toContain('<script>');
    const nodes = parseXml(xml).filter((e) => e.name === 'node');
    expect(nodes.map((n) => n.attrs.label)).toEqual(['<script>alert("x")</script> & Co', '😀 Ёж']);
    expect(parseXml(xml).find((e) => e.name === 'edge')?.attrs).toMatchObject({ source: 'ORG:a&b', target: 'PER:"q"', weight: '1' });
  });

  it('joins a lone surname to the one full name that ends with it, and counts pairs once per item', () => {
    const row = (itemId: string, label: string, value: string, text: string, status: SpanRow['status'] = null): SpanRow => ({
      id: 0,
      itemId,
      sourceId: 's',
      publishedAt: '2024-01-01',
      label,
      value,
      start: 0,
      end: text.length,
      status,
      text,
    });
    const t = entityTable([
      row('a', 'PER', 'ivan petrov', 'Ivan Petrov'),
      row('a', 'PER', 'petrov', 'Petrov'),
      row('a', 'LOC', 'lisbon', 'Lisbon'),
      row('b', 'PER', 'petrov', 'Petrov'),
      row('b', 'LOC', 'lisbon', 'Lisbon'),
      row('c', 'PER', 'petrov', 'Petrov', 'rejected'),
      row('c', 'LOC', 'lisbon', 'Lisbon'),
    ]);
    expect([...t.entities.keys()].sort()).toEqual(['LOC:lisbon', 'PER:ivan petrov']);
    expect(t.entities.get('PER:ivan petrov')?.name).toBe('Petrov');
    // Item a names both twice over, b once; c's Petrov was rejected.
    expect(entityNetwork(t, {}, 10, 1).edges).toEqual([{ source: 'LOC:lisbon', target: 'PER:ivan petrov', weight: 2 }]);
  });
});

describe('techniques and narratives', () => {
  it('counts spans and items per technique, narrowed by source and dates', async () => {
    const all = json<{ total: number; techniques: TechniqueJson[] }>(await get('/api/techniques'));
    const by = new Map(all.techniques.map((t) => [t.technique, t]));
    expect(by.get('Loaded_Language')).toEqual({ technique: 'Loaded_Language', spans: 7, items: 3, accepted: 0, rejected: 0, added: 0, precision: null });
    expect(by.get('Name_Calling,Labeling')).toMatchObject({ spans: 2, items: 1 });
    expect(by.get('Name_Calling-Labeling')).toMatchObject({ spans: 1, items: 1 });
    expect(by.get('Flag-Waving')).toMatchObject({ spans: 1, items: 1 });
    expect(all.techniques[0]?.technique).toBe('Loaded_Language');
    expect(all.total).toBe(all.techniques.length);

    const channel = json<{ techniques: TechniqueJson[] }>(await get('/api/techniques?source=polar-channel')).techniques;
    expect(channel.find((t) => t.technique === 'Loaded_Language')).toMatchObject({ spans: 3, items: 1 });
    expect(channel.find((t) => t.technique === 'Flag-Waving')).toBeUndefined();
    const late = json<{ techniques: TechniqueJson[] }>(await get('/api/techniques?from=2024-05-10&to=2024-05-31')).techniques;
    expect(late.find((t) => t.technique === 'Loaded_Language')).toMatchObject({ spans: 5, items: 2 });
    expect(late.find((t) => t.technique === 'Name_Calling,Labeling')).toBeUndefined();
    expect(json<Problem>(await get('/api/techniques?source=nowhere')).invalidParams?.[0]?.name).toBe('source');
  });

  it('lists narratives with items, sentences and dates, and their items in time order', async () => {
    const body = json<{ total: number; narratives: Array<{ id: string; items: number; spans: number; firstDate: string; lastDate: string }> }>(await get('/api/narratives'));
    expect(body.narratives).toEqual([
      { id: 'summit-farce', items: 2, spans: 2, firstDate: '2024-05-06', lastDate: '2024-05-20' },
      { id: 'fuel-tax', items: 1, spans: 1, firstDate: '2024-05-14', lastDate: '2024-05-14' },
    ]);
    const items = json<{ total: number; narrative: string; items: Array<{ item: { title: string; source: string }; spans: Array<{ text: string; query: string }> }> }>(
      await get('/api/narratives/summit-farce/items'),
    );
    expect(items.total).toBe(2);
    expect(items.items.map((i) => [i.item.title, i.item.source])).toEqual([
      ['Summit in Vilnius', 'east-wire'],
      ['Опять саммит', 'polar-channel'],
    ]);
    expect(items.items[0]?.spans[0]?.text).toContain('shameful farce');
    expect(items.items[1]?.spans[0]?.text).toContain('позорный спектакль');
    expect(items.items[1]?.spans[0]?.query).toMatch(/спектакль/);
    const paged = json<{ items: unknown[]; prev: string | null }>(await get('/api/narratives/summit-farce/items?limit=1&offset=1'));
    expect(paged.items).toHaveLength(1);
    expect(paged.prev).toBe('/api/narratives/summit-farce/items?limit=1&offset=0');
    expect((await get('/api/narratives/no-such-story/items')).statusCode).toBe(404);
  });

  it('counts items per month by technique, narrative and entity; an item once per label', async () => {
    type TS = { buckets: string[]; series: Array<{ key: string; total: number; counts: number[] }>; total: number };
    const tech = json<TS>(await get('/api/timeseries?by=technique&interval=month'));
    expect(tech.buckets).toEqual(['2024-05']);
    // Seven Loaded_Language spans, three items.
    expect(tech.series.find((s) => s.key === 'Loaded_Language')).toEqual({ key: 'Loaded_Language', total: 3, counts: [3] });
    const spans = json<TS>(await get('/api/timeseries?by=layer%3Atechnique&interval=month'));
    expect(spans.series.find((s) => s.key === 'Loaded_Language')?.total).toBe(7);
    const narr = json<TS>(await get('/api/timeseries?by=narrative&interval=week'));
    expect(narr.buckets).toEqual(['2024-05-06', '2024-05-13', '2024-05-20']);
    expect(narr.series.find((s) => s.key === 'summit-farce')?.counts).toEqual([1, 0, 1]);
    const ent = json<TS>(await get('/api/timeseries?by=entity&interval=month&top=1'));
    expect(ent.series).toEqual([{ key: 'Zelensky', total: 4, counts: [3, 1] }]);
    expect(ent.buckets).toEqual(['2024-05', '2024-06']);
    const wire = json<TS>(await get('/api/timeseries?by=entity&interval=month&source=east-wire'));
    expect(wire.series.find((s) => s.key === 'Zelensky')?.counts).toEqual([2, 0]);
  });
});

describe('reviews', () => {
  // Last in the file: reviews change the counts the tests above check.
  async function session(): Promise<Record<string, string>> {
    const { csrfToken } = json<{ csrfToken: string }>(await get('/api/session'));
    return { 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
  }

  async function techniqueSpans(): Promise<Array<{ id: number; label: string; text: string; item: string }>> {
    const items = json<{ items: Array<{ id: string; title: string }> }>(await get('/api/items?source=east-wire')).items;
    const summit = items.find((i) => i.title === 'Summit in Vilnius');
    const body = json<{ annotations: Record<string, Array<{ id: number; label: string; text: string }>> }>(await get(`/api/items/${summit?.id ?? ''}`));
    return (body.annotations.technique ?? []).map((a) => ({ ...a, item: summit?.id ?? '' }));
  }

  it('refuses a review without the CSRF token', async () => {
    const [span] = await techniqueSpans();
    const r = await app.inject({ method: 'POST', url: `/api/annotations/${span?.id ?? 0}/review`, payload: { status: 'rejected' } });
    expect(r.statusCode).toBe(403);
    expect(json<Problem>(r).type).toBe('urn:narrascope:problem:csrf');
    const none = await app.inject({ method: 'POST', url: `/api/items/${span?.item ?? ''}/annotations`, payload: { layer: 'technique', label: 'Doubt', start: 0, end: 5 } });
    expect(none.statusCode).toBe(403);
  });

  it('accepts and rejects spans, records the reviewer, and leaves rejected spans out of the counts', async () => {
    const headers = await session();
    const spans = await techniqueSpans();
    const farce = spans.find((s) => s.text === 'farce');
    const shameful = spans.find((s) => s.text === 'shameful');
    expect(farce && shameful).toBeTruthy();
    // The counts are cached before the review.
    expect(json<{ techniques: TechniqueJson[] }>(await get('/api/techniques')).techniques.find((t) => t.technique === 'Loaded_Language')?.spans).toBe(7);

    const rejected = await app.inject({ method: 'POST', url: `/api/annotations/${farce?.id ?? 0}/review`, headers: { ...headers, 'x-reviewer': 'Mara Quinn' }, payload: { status: 'rejected' } });
    expect(rejected.statusCode).toBe(200);
    const a = json<{ id: number; item: string; text: string; label: string; review: { reviewer: string; at: string; status: string } }>(rejected);
    expect(a).toMatchObject({ id: farce?.id, item: farce?.item, text: 'farce', label: 'Loaded_Language' });
    expect(a.review.reviewer).toBe('Mara Quinn');
    expect(a.review.status).toBe('rejected');
    expect(Math.abs(Date.parse(a.review.at) - Date.now())).toBeLessThan(60_000);

    const accepted = json<{ review: { reviewer: string; status: string } }>(
      await app.inject({ method: 'POST', url: `/api/annotations/${shameful?.id ?? 0}/review`, headers, payload: { status: 'accepted' } }),
    );
    expect(accepted.review).toMatchObject({ reviewer: 'anonymous', status: 'accepted' });

    const after = json<{ techniques: TechniqueJson[] }>(await get('/api/techniques')).techniques.find((t) => t.technique === 'Loaded_Language');
    expect(after).toEqual({ technique: 'Loaded_Language', spans: 6, items: 3, accepted: 1, rejected: 1, added: 0, precision: 0.5 });

    const cases: Array<[string, Record<string, string>, unknown, number, string]> = [
      [`/api/annotations/${farce?.id ?? 0}/review`, headers, { status: 'maybe' }, 400, 'status'],
      [`/api/annotations/${farce?.id ?? 0}/review`, { ...headers, 'x-reviewer': 'x'.repeat(81) }, { status: 'accepted' }, 400, 'X-Reviewer'],
      [`/api/annotations/${farce?.id ?? 0}/review`, { ...headers, 'x-reviewer': 'tab\there' }, { status: 'accepted' }, 400, 'X-Reviewer'],
      ['/api/annotations/abc/review', headers, { status: 'accepted' }, 400, 'id'],
    ];
    for (const [url, h, payload, status, name] of cases) {
      const r = await app.inject({ method: 'POST', url, headers: h, payload: payload as Record<string, unknown> });
      expect(r.statusCode, `${url} ${JSON.stringify(payload)}`).toBe(status);
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
      const p = json<Problem>(r);
      expect(p.detail.startsWith(`${name}:`), p.detail).toBe(true);
      expect(p.invalidParams?.[0]?.name).toBe(name);
    }
    expect((await app.inject({ method: 'POST', url: '/api/annotations/999999/review', headers, payload: { status: 'accepted' } })).statusCode).toBe(404);
  });

  it('adds a span by hand within the item text, and refuses offsets outside it naming the field', async () => {
    const headers = { ...(await session()), 'x-reviewer': 'Edwin Marsh' };
    const items = json<{ items: Array<{ id: string; title: string; text: string }> }>(await get('/api/items?source=east-wire')).items;
    const brussels = items.find((i) => i.title === 'Ministers in Brussels');
    const text = brussels?.text ?? '';
    const start = text.indexOf('to discuss');
    const url = `/api/items/${brussels?.id ?? ''}/annotations`;
    const r = await app.inject({ method: 'POST', url, headers, payload: { layer: 'technique', label: 'Doubt', start, end: start + 10, value: 'by hand' } });
    expect(r.statusCode).toBe(201);
    const added = json<{ id: number; text: string; producer: string; value: string; review: { reviewer: string; status: string } }>(r);
    expect(added.text).toBe('to discuss');
    expect(added.producer).toBe('review@1');
    expect(added.value).toBe('by hand');
    expect(added.review).toMatchObject({ reviewer: 'Edwin Marsh', status: 'added' });
    const shown = json<{ annotations: Record<string, Array<{ id: number; text: string }>> }>(await get(`/api/items/${brussels?.id ?? ''}`));
    expect(shown.annotations.technique?.find((a) => a.id === added.id)?.text).toBe('to discuss');

    const length = Array.from(text).length;
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ layer: 'technique', label: 'Doubt', start: 0, end: length + 1 }, 'end'],
      [{ layer: 'technique', label: 'Doubt', start: length, end: length + 1 }, 'start'],
      [{ layer: 'technique', label: 'Doubt', start: 5, end: 5 }, 'end'],
      [{ layer: 'technique', label: 'Doubt', start: -1, end: 5 }, 'start'],
      [{ label: 'Doubt', start: 0, end: 5 }, 'layer'],
      [{ layer: 'colour', label: 'Doubt', start: 0, end: 5 }, 'layer'],
      [{ layer: 'technique', label: 'Doubt', start: 0, end: 5, extra: 1 }, 'extra'],
    ];
    for (const [payload, name] of bad) {
      const res = await app.inject({ method: 'POST', url, headers, payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      const p = json<Problem>(res);
      expect(p.detail.startsWith(`${name}:`), p.detail).toBe(true);
      expect(p.invalidParams?.[0]).toMatchObject({ name, in: 'body' });
    }
    expect((await app.inject({ method: 'POST', url: '/api/items/0000000000000000/annotations', headers, payload: { layer: 'technique', label: 'Doubt', start: 0, end: 1 } })).statusCode).toBe(404);

    const doubt = json<{ techniques: TechniqueJson[] }>(await get('/api/techniques')).techniques.find((t) => t.technique === 'Doubt');
    expect(doubt).toMatchObject({ spans: 1, items: 1, added: 1, precision: null });
  });

  it('sums reviews per label with the precision they give', async () => {
    const body = json<{ layer: string; labels: Array<{ label: string; accepted: number; rejected: number; added: number; precision: number | null }>; total: { accepted: number; rejected: number; added: number; precision: number | null } }>(
      await get('/api/reviews/summary?layer=technique'),
    );
    expect(body.layer).toBe('technique');
    expect(body.labels).toEqual([
      { label: 'Doubt', accepted: 0, rejected: 0, added: 1, precision: null },
      { label: 'Loaded_Language', accepted: 1, rejected: 1, added: 0, precision: 0.5 },
    ]);
    expect(body.total).toEqual({ accepted: 1, rejected: 1, added: 1, precision: 0.5 });
    expect(json<{ labels: unknown[]; total: { precision: number | null } }>(await get('/api/reviews/summary?layer=entity'))).toEqual({
      layer: 'entity',
      labels: [],
      total: { accepted: 0, rejected: 0, added: 0, precision: null },
    });
  });

  it('documents every new route, its body and the reviewer header in the OpenAPI document', async () => {
    const doc = json<{ paths: Record<string, Record<string, { requestBody?: unknown; parameters?: Array<{ name: string; in: string }>; responses: Record<string, unknown> }>> }>(
      await get('/api/openapi.json'),
    );
    for (const path of ['/api/entities', '/api/entities/{key}', '/api/entities/matrix', '/api/entities/network', '/api/techniques', '/api/narratives', '/api/narratives/{id}/items', '/api/reviews/summary']) {
      expect(doc.paths[path]?.get, path).toBeDefined();
    }
    const add = doc.paths['/api/items/{id}/annotations']?.post;
    expect(add?.requestBody).toBeDefined();
    expect(Object.keys(add?.responses ?? {})).toContain('201');
    const review = doc.paths['/api/annotations/{id}/review']?.post;
    expect(review?.parameters?.map((p) => `${p.in}:${p.name}`)).toEqual(expect.arrayContaining(['path:id', 'header:X-Reviewer', 'header:X-CSRF-Token']));
  });
});
