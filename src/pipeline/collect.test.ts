import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../store/index.js';
import type { Store } from '../store/store.js';
import { openWatchStore, watchHealth, type WatchStore } from '../collect/watches.js';
import type { WatchKind } from '../collect/kinds/types.js';
import { startFeeds, startLemmy, startSitemapSite, startTelegram, startWordPress, type FeedSite, type WpSite } from '../../test/fixtures/sites.js';
import type { TestServer } from '../collect/testserver.js';
import { buildServer } from '../server/app.js';
import { runDueWatches, runWatch } from './collect.js';

let wp: WpSite;
let feeds: FeedSite;
let sitemap: TestServer;
let lemmy: TestServer;
let tg: TestServer;

beforeAll(async () => {
  [wp, feeds, sitemap, lemmy, tg] = await Promise.all([startWordPress(), startFeeds(), startSitemapSite(), startLemmy(), startTelegram()]);
});
afterAll(async () => {
  await Promise.all([wp.server, feeds.server, sitemap, lemmy, tg].map((s) => s.close()));
});

const opts = { allowPrivate: true, minIntervalMs: 0, enrichers: ['language', 'dates'], timeoutMs: 3000 };

async function fresh(): Promise<{ store: Store; ws: WatchStore }> {
  const store = await openSqliteStore(':memory:');
  return { store, ws: await openWatchStore(store) };
}

async function add(ws: WatchStore, kind: WatchKind, url: string, source: string) {
  return (await ws.add({ kind, url, everySeconds: 900, source })).watch;
}

describe('runWatch', () => {
  it('collects a WordPress site with threaded comments, and a second run adds nothing', async () => {
    const { store, ws } = await fresh();
    try {
      const w = await add(ws, 'wordpress', wp.server.origin, 'Вісті');
      const first = await runWatch(store, w, { ...opts, watches: ws });
      expect(first.failures).toEqual([]);
      expect(first.ok).toBe(true);
      expect(first.items.added).toBe(9);
      const items = await store.listItems();
      const bridge = items.find((i) => i.title?.startsWith('Міст'));
      expect(bridge?.author).toBe('Олена Коваль');
      expect(bridge?.publishedAt).toMatch(/^2024-05-02/);
      const reply = items.find((i) => i.text.startsWith('Побачимо'));
      const top = items.find((i) => i.text.startsWith('Нарешті'));
      expect(reply?.kind).toBe('comment');
      expect(reply?.parentId).toBe(top?.id);
      expect(top?.parentId).toBe(bridge?.id);
      const second = await runWatch(store, w, { ...opts, watches: ws });
      expect(second.ok).toBe(true);
      expect(second.captures.added).toBe(0);
      expect(second.items.added).toBe(0);
      expect(await store.countItems()).toBe(9);

      wp.comments.push({ id: 505, post: 103, parent: 0, date: '2024-05-10T08:00:00', author: 'Оксана', html: '<p>Молодці, гарна школа.</p>' });
      wp.posts.push({ id: 106, date: '2024-05-11T08:00:00', slug: 'lights', title: 'New street lights on Quay Road', author: 'Mark Hollis', html: '<p>Forty LED street lights were installed along Quay Road this week.</p>' });
      const third = await runWatch(store, w, { ...opts, watches: ws });
      expect(third.failures).toEqual([]);
      expect(third.items.added).toBe(2);
      expect(await store.countItems()).toBe(11);
      const h = await watchHealth(ws, w);
      expect(h.lastSuccessAt).not.toBeNull();
      expect(h.consecutiveFailures).toBe(0);
      expect(h.items).toBe(6);
    } finally {
      wp.comments.splice(4);
      wp.posts.splice(5);
      await store.close();
    }
  });

  it('collects feeds, sitemaps, pages, Lemmy and Telegram; reruns use conditional requests', async () => {
    const { store, ws } = await fresh();
    try {
      await add(ws, 'feed', `${feeds.server.origin}/news.rss`, 'Harbour Ledger');
      await add(ws, 'feed', `${feeds.server.origin}/atom.xml`, 'Северный вестник');
      await add(ws, 'sitemap', `${sitemap.origin}/sitemap_index.xml`, 'Городские новости');
      await add(ws, 'page', `${sitemap.origin}/opinion/column.html`, 'Колонка');
      await add(ws, 'lemmy', `${lemmy.origin}/c/gorod`, 'lemmy gorod');
      await add(ws, 'lemmy', `${lemmy.origin}/u/civicnotes`, 'lemmy civicnotes');
      await add(ws, 'telegram', `${tg.origin}/s/harbour_daily`, 'Гавань Daily');
      const first = await runDueWatches(store, { ...opts, watches: ws, maxPages: 3 });
      for (const r of first) expect(r.failures, r.url).toEqual([]);
      const bySource = (await store.listSources()).map((s) => [s.name, s.items]);
      expect(Object.fromEntries(bySource)).toEqual({
        'Harbour Ledger': 3, 'Северный вестник': 2, 'Городские новости': 3, Колонка: 1, 'lemmy gorod': 7, 'lemmy civicnotes': 2, 'Гавань Daily': 45,
      });
      const second = await runDueWatches(store, { ...opts, watches: ws, all: true, maxPages: 3 });
      for (const r of second) {
        expect(r.ok, r.url).toBe(true);
        expect(r.captures.added, r.url).toBe(0);
        expect(r.items.added, r.url).toBe(0);
      }
      const feedRun = second.find((r) => r.url.endsWith('/news.rss'));
      expect(feedRun?.notModified).toBe(1);
      const tgWatch = (await ws.list()).find((w) => w.kind === 'telegram');
      const h = tgWatch ? await watchHealth(ws, tgWatch, new Date('2024-05-01T00:00:00Z')) : null;
      expect(h?.usualIntervalSeconds).toBeGreaterThan(80_000);
      expect(h?.gaps.some((g) => g.kind === 'quiet' && g.to !== null && g.seconds > 19 * 86400)).toBe(true);

      const app = await buildServer({ store });
      try {
        const res = await app.inject({ method: 'GET', url: '/api/watches' });
        expect(res.statusCode).toBe(200);
        const body = res.json<{ watches: Array<{ kind: string; source: string; health: { status: string; lastSuccessAt: string | null; consecutiveFailures: number; items: number; gaps: unknown[] } }> }>();
        expect(body.watches).toHaveLength(7);
        const tgApi = body.watches.find((w) => w.kind === 'telegram');
        expect(tgApi?.health.items).toBe(45);
        expect(tgApi?.health.consecutiveFailures).toBe(0);
        expect(tgApi?.health.lastSuccessAt).not.toBeNull();
        // Its last message is from 2024: quiet now, and the 20-day silence is a gap.
        expect(tgApi?.health.status).toBe('quiet');
        expect(tgApi?.health.gaps.length).toBeGreaterThanOrEqual(2);
      } finally {
        await app.close();
      }
    } finally {
      await store.close();
    }
  });

  it('reports each failing watch with its URL and reason, and goes on with the rest', async () => {
    const { store, ws } = await fresh();
    try {
      const base = feeds.server.origin;
      await add(ws, 'feed', `${base}/slow.rss`, 'slow');
      await add(ws, 'feed', `${base}/huge.rss`, 'huge');
      await add(ws, 'feed', `${base}/broken.rss`, 'broken');
      await add(ws, 'feed', `${base}/loop-a`, 'loop');
      await add(ws, 'feed', `${base}/busy.rss`, 'busy');
      await add(ws, 'feed', `${base}/private/feed.rss`, 'private');
      await add(ws, 'lemmy', `${lemmy.origin}/c/broken`, 'lemmy broken');
      await add(ws, 'feed', `${base}/flaky.rss`, 'flaky');
      const reports = await runDueWatches(store, { ...opts, watches: ws, timeoutMs: 1500, maxBytes: 1024 * 1024 });
      const reason = (name: string): string => reports.find((r) => r.source === name)?.error ?? '';
      expect(reason('slow')).toMatch(/slow\.rss: timed out after/);
      expect(reason('huge')).toMatch(/huge\.rss: response over 1 MiB/);
      expect(reason('broken')).toMatch(/broken\.rss/);
      expect(reason('loop')).toMatch(/redirect loop/);
      expect(reason('busy')).toMatch(/busy\.rss: HTTP 429 Too Many Requests \(Retry-After: 1\)/);
      expect(reason('private')).toMatch(/robots\.txt disallows/);
      expect(reason('lemmy broken')).toMatch(/malformed JSON/);
      const flaky = reports.find((r) => r.source === 'flaky');
      expect(flaky?.ok).toBe(true);
      expect(flaky?.items.added).toBe(3);
      // The 429 was waited out (Retry-After: 1) before asking again.
      expect((feeds.flakyHits[1] ?? 0) - (feeds.flakyHits[0] ?? 0)).toBeGreaterThanOrEqual(950);
      const slow = (await ws.list()).find((w) => w.source === 'slow');
      const h = slow ? await watchHealth(ws, slow) : null;
      expect(h?.status).toBe('failing');
      expect(h?.consecutiveFailures).toBe(1);
      expect(h?.lastError).toMatch(/timed out/);
      expect(h?.gaps[0]).toMatchObject({ kind: 'failing', to: null });

      // Without allowPrivate, a loopback address is refused with the reason and the way out.
      const flakyWatch = (await ws.list()).find((w) => w.source === 'flaky');
      if (!flakyWatch) throw new Error('no flaky watch');
      const refused = await runWatch(store, flakyWatch, { ...opts, allowPrivate: false, watches: ws });
      expect(refused.error).toMatch(/refused: 127\.0\.0\.1 is a loopback address \(use --allow-private\)/);
    } finally {
      await store.close();
    }
  });
});
