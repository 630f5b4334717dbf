import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../store/index.js';
import { ingestBuffers } from './ingest.js';

const FEED = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Harbour Watch</title><link>https://harbour.example.org/</link>
<item><title>Port tariffs rise again</title><link>https://harbour.example.org/tariffs</link><guid>hw-101</guid>
<pubDate>Tue, 04 Jun 2024 09:15:00 GMT</pubDate><description>The port authority raised berth tariffs for the third time this year, citing fuel costs.</description></item>
<item><title>Dockers announce strike vote</title><link>https://harbour.example.org/strike</link><guid>hw-102</guid>
<pubDate>Wed, 05 Jun 2024 17:40:00 GMT</pubDate><description>The dockers' union will hold a strike vote on Friday after talks with the operators stalled.</description></item>
</channel></rss>`;

describe('ingestBuffers', () => {
  it('stores a fetched response as a capture with its headers, and a repeat as unchanged', async () => {
    const store = await openSqliteStore(':memory:');
    try {
      const bytes = new TextEncoder().encode(FEED);
      const buffer = {
        display: 'https://harbour.example.org/feed',
        origin: 'https://harbour.example.org/feed',
        originKey: 'https://harbour.example.org/feed',
        bytes,
        receivedAt: '2024-06-06T08:00:00.000Z',
        mediaType: 'application/rss+xml',
        headers: { ':status': '200', etag: '"hw-feed-7"' },
      };
      const first = await ingestBuffers(store, { source: 'Harbour Watch', sourceKind: 'feed', sourceUrl: 'https://harbour.example.org/', buffers: [buffer], enrichers: ['language'] });
      expect(first.failures).toEqual([]);
      expect(first.captures).toEqual({ added: 1, unchanged: 0 });
      expect(first.items.added).toBe(2);
      const [capture] = await store.listCaptures();
      expect(capture?.origin).toBe('https://harbour.example.org/feed');
      expect(capture?.headers).toEqual({ ':status': '200', etag: '"hw-feed-7"' });
      expect(capture?.receivedAt).toBe('2024-06-06T08:00:00.000Z');
      const items = await store.listItems();
      expect(items.map((i) => i.title).sort()).toEqual(['Dockers announce strike vote', 'Port tariffs rise again']);
      expect((await store.getSource('Harbour Watch'))?.kind).toBe('feed');

      const again = await ingestBuffers(store, { source: 'Harbour Watch', buffers: [buffer], enrichers: ['language'] });
      expect(again.captures).toEqual({ added: 0, unchanged: 1 });
      expect(await store.countItems()).toBe(2);
    } finally {
      await store.close();
    }
  });

  it('uses a caller parser for formats the file pipeline does not know, and reports a failing one', async () => {
    const store = await openSqliteStore(':memory:');
    try {
      const json = JSON.stringify([{ id: 7, body: 'Council approves the new tram line to the northern districts.' }]);
      const ok = {
        display: 'https://city.example.org/api/posts?page=1',
        origin: 'https://city.example.org/api/posts?page=1',
        originKey: 'posts-7',
        bytes: new TextEncoder().encode(json),
        parse: (text: string) => ({
          format: 'jsonl' as const,
          title: null,
          sourceHint: null,
          items: (JSON.parse(text) as Array<{ id: number; body: string }>).map((p) => ({
            kind: 'post' as const, key: String(p.id), parentKey: null, title: null, author: null, url: null, rawDate: null, text: p.body, metadata: {},
          })),
          warnings: [],
          metadata: {},
        }),
      };
      const bad = { ...ok, display: 'https://city.example.org/api/broken', originKey: 'broken', bytes: new TextEncoder().encode('{"not": "a list"'), parse: (t: string) => { JSON.parse(t); throw new Error('unreachable'); } };
      const report = await ingestBuffers(store, { source: 'City Desk', buffers: [bad, ok], enrichers: ['language'] });
      expect(report.failures).toHaveLength(1);
      expect(report.failures[0]?.input).toBe('https://city.example.org/api/broken');
      expect(report.failures[0]?.reason).toMatch(/JSON/);
      expect((await store.listItems()).map((i) => i.text)).toEqual(['Council approves the new tram line to the northern districts.']);
    } finally {
      await store.close();
    }
  });
});
