// End to end: `narrascope watch` as a user runs it, against fixture sites on 127.0.0.1, into a
// SQLite file (and a PostgreSQL database when the test cluster and the PostgreSQL store exist).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { cliAsync, jsonl, tempDir } from './cli-helpers.js';
import { createTestDatabase, dropTestDatabase } from './pg.js';
import { startFeeds, startLemmy, startSitemapSite, startTelegram, startWordPress, type FeedSite, type WpSite } from './fixtures/sites.js';
import type { TestServer } from '../src/collect/testserver.js';

interface ItemOut {
  id: string;
  source: string;
  kind: string;
  title: string | null;
  author: string | null;
  publishedAt: string | null;
  text: string;
  parentId: string | null;
}
interface RunOut {
  watchId: string;
  url: string;
  source: string;
  ok: boolean;
  requests: number;
  notModified: number;
  captures: { added: number };
  items: { added: number };
  error: string | null;
}
interface WatchOut {
  id: string;
  kind: string;
  source: string;
  health: { status: string; lastSuccessAt: string | null; lastFailureAt: string | null; lastError: string | null; consecutiveFailures: number; items: number; gaps: Array<{ kind: string; to: string | null }> };
}

let wp: WpSite;
let feeds: FeedSite;
let sitemap: TestServer;
let lemmy: TestServer;
let tg: TestServer;
const tmp = tempDir('narrascope-watch-');

beforeAll(async () => {
  [wp, feeds, sitemap, lemmy, tg] = await Promise.all([startWordPress(), startFeeds(), startSitemapSite(), startLemmy(), startTelegram()]);
});
afterAll(async () => {
  await Promise.all([wp.server, feeds.server, sitemap, lemmy, tg].map((s) => s.close()));
  tmp.cleanup();
});

const RUN_FLAGS = ['--allow-private', '--rate', '0', '--timeout', '2s', '--max-bytes', '1000000', '--json'];

/** The same scenario on any store: every kind, two runs, misbehaving sites, health. */
async function scenario(db: string): Promise<void> {
  const add = async (...args: string[]): Promise<string> => {
    const r = await cliAsync(db, ['watch', 'add', ...args, '--allow-private', '--json']);
    expect(r.code, r.stderr).toBe(0);
    return (JSON.parse(r.stdout) as { id: string }).id;
  };
  // Kinds guessed from the URL (/wp-json, sitemap*.xml, .rss), from the answer (Atom, Lemmy's /api/v3/site), or given.
  await add(`${wp.server.origin}/wp-json/`, '--source', 'Вісті Прибужжя', '--every', '15m');
  await add(`${feeds.server.origin}/news.rss`, '--source', 'Harbour Ledger');
  await add(`${feeds.server.origin}/atom.xml`, '--source', 'Северный вестник');
  await add(`${sitemap.origin}/sitemap_index.xml`, '--source', 'Городские новости');
  await add(`${sitemap.origin}/opinion/column.html`, '--kind', 'page', '--source', 'Колонка');
  await add(`${lemmy.origin}/c/gorod`, '--source', 'lemmy gorod');
  await add(`${lemmy.origin}/u/civicnotes`, '--source', 'lemmy civicnotes');
  await add(`${tg.origin}/s/harbour_daily`, '--kind', 'telegram', '--source', 'Гавань Daily');
  const list0 = jsonl<WatchOut>((await cliAsync(db, ['watch', 'list', '--json'])).stdout);
  expect(Object.fromEntries(list0.map((w) => [w.source, w.kind]))).toEqual({
    'Вісті Прибужжя': 'wordpress', 'Harbour Ledger': 'feed', 'Северный вестник': 'feed', 'Городские новости': 'sitemap',
    Колонка: 'page', 'lemmy gorod': 'lemmy', 'lemmy civicnotes': 'lemmy', 'Гавань Daily': 'telegram',
  });
  expect(list0.every((w) => w.health.status === 'never run')).toBe(true);
  // Adding the same URL again finds the first watch.
  const again = await cliAsync(db, ['watch', 'add', `${feeds.server.origin}/news.rss`]);
  expect(again.stdout).toMatch(/already watched/);

  const first = await cliAsync(db, ['watch', 'run', '--all', ...RUN_FLAGS]);
  expect(first.code, first.stderr + first.stdout).toBe(0);
  const runs1 = jsonl<RunOut>(first.stdout);
  expect(runs1).toHaveLength(8);
  for (const r of runs1) expect(r.ok, `${r.url}: ${r.error ?? ''}`).toBe(true);

  const items = jsonl<ItemOut>((await cliAsync(db, ['items', '--json', '--limit', '500'])).stdout);
  const count = (source: string): number => items.filter((i) => i.source === source).length;
  expect(count('Вісті Прибужжя')).toBe(9);
  expect(count('Harbour Ledger')).toBe(3);
  expect(count('Северный вестник')).toBe(2);
  expect(count('Городские новости')).toBe(3);
  expect(count('Колонка')).toBe(1);
  expect(count('lemmy gorod')).toBe(7);
  expect(count('lemmy civicnotes')).toBe(2);
  expect(count('Гавань Daily')).toBe(45);
  const bridge = items.find((i) => i.title === 'Міст через Прут відкриють у червні');
  expect(bridge).toMatchObject({ kind: 'post', author: 'Олена Коваль' });
  expect(bridge?.publishedAt).toMatch(/^2024-05-02/);
  const reply = items.find((i) => i.text === 'Побачимо, чи справді відкриють у червні.');
  const top = items.find((i) => i.text === 'Нарешті! Чекали на цей міст три роки.');
  expect(reply).toMatchObject({ kind: 'comment', author: 'Марія', parentId: top?.id });
  expect(top?.parentId).toBe(bridge?.id);
  const lemmyReply = items.find((i) => i.text === 'Обещали дать воду к вечеру среды.');
  const lemmyTop = items.find((i) => i.text.startsWith('У нас тоже нет воды'));
  expect(lemmyReply).toMatchObject({ kind: 'comment', author: 'levoberezhnik', parentId: lemmyTop?.id });
  expect(lemmyReply?.publishedAt).toMatch(/^2024-05-05/);
  const msg = items.find((i) => i.source === 'Гавань Daily' && i.text.includes('(#7)'));
  expect(msg).toMatchObject({ kind: 'message', author: 'Гавань Daily' });
  expect(msg?.publishedAt).toMatch(/^2024-03-07/);
  expect(items.find((i) => i.source === 'Harbour Ledger' && i.title === 'Dock workers sign two-year deal')?.author).toBe('Omar Feld');

  // Second run: conditional requests answer 304, nothing new is stored, nothing is duplicated.
  const feedHits = feeds.server.headers.length;
  const second = await cliAsync(db, ['watch', 'run', '--all', ...RUN_FLAGS]);
  expect(second.code, second.stderr).toBe(0);
  const runs2 = jsonl<RunOut>(second.stdout);
  for (const r of runs2) {
    expect(r.captures.added, r.url).toBe(0);
    expect(r.items.added, r.url).toBe(0);
  }
  expect(runs2.find((r) => r.source === 'Harbour Ledger')?.notModified).toBe(1);
  expect(runs2.find((r) => r.source === 'Гавань Daily')?.notModified).toBe(1);
  expect(feeds.server.headers.slice(feedHits).some((h) => h['if-none-match'] !== undefined)).toBe(true);
  const items2 = jsonl<ItemOut>((await cliAsync(db, ['items', '--json', '--limit', '500'])).stdout);
  expect(items2.length).toBe(items.length);
  expect(new Set(items2.map((i) => i.id)).size).toBe(items2.length);

  // Nothing is due right after a run.
  const due = await cliAsync(db, ['watch', 'run', ...RUN_FLAGS]);
  expect(due.code).toBe(0);
  expect(jsonl(due.stdout)).toHaveLength(0);

  // Misbehaving sites fail with the URL and the reason; the others still run; exit code 1.
  const bad = ['slow.rss', 'huge.rss', 'broken.rss', 'loop-a', 'busy.rss', 'private/feed.rss'];
  const ids: string[] = [];
  for (const path of bad) ids.push(await add(`${feeds.server.origin}/${path}`, '--kind', 'feed', '--source', `bad ${path}`));
  ids.push(await add(`${lemmy.origin}/c/broken`, '--source', 'bad lemmy'));
  const goodId = list0.find((w) => w.source === 'Harbour Ledger')?.id ?? '';
  const mixed = await cliAsync(db, ['watch', 'run', ...ids, goodId, ...RUN_FLAGS]);
  expect(mixed.code).toBe(1);
  const runs3 = jsonl<RunOut>(mixed.stdout);
  const err = (source: string): string => runs3.find((r) => r.source === source)?.error ?? '';
  expect(err('bad slow.rss')).toMatch(/slow\.rss: timed out after 2/);
  expect(err('bad huge.rss')).toMatch(/huge\.rss: response over/);
  expect(err('bad broken.rss')).toMatch(/broken\.rss: malformed or truncated feed/);
  expect(err('bad loop-a')).toMatch(/redirect loop/);
  expect(err('bad busy.rss')).toMatch(/busy\.rss: HTTP 429 Too Many Requests \(Retry-After: 1\)/);
  expect(err('bad private/feed.rss')).toMatch(/robots\.txt disallows/);
  expect(err('bad lemmy')).toMatch(/malformed JSON/);
  expect(runs3.find((r) => r.source === 'Harbour Ledger')?.ok).toBe(true);

  const list = jsonl<WatchOut>((await cliAsync(db, ['watch', 'list', '--json'])).stdout);
  const slow = list.find((w) => w.source === 'bad slow.rss');
  expect(slow?.health).toMatchObject({ status: 'failing', consecutiveFailures: 1, lastSuccessAt: null });
  expect(slow?.health.lastError).toMatch(/timed out/);
  expect(slow?.health.gaps[0]).toMatchObject({ kind: 'failing', to: null });
  const channel = list.find((w) => w.source === 'Гавань Daily');
  expect(channel?.health.items).toBe(45);
  expect(channel?.health.lastSuccessAt).not.toBeNull();
  expect(channel?.health.gaps.some((g) => g.kind === 'quiet' && g.to !== null)).toBe(true);
  const table = await cliAsync(db, ['watch', 'list']);
  expect(table.stdout).toMatch(/failing .*fails 1/);
  expect(table.stdout).toMatch(/last error: .*slow\.rss: timed out/);

  // Without --allow-private, a loopback address is refused, saying why and what to do.
  const refused = await cliAsync(db, ['watch', 'run', goodId, '--json']);
  expect(refused.code).toBe(1);
  expect(jsonl<RunOut>(refused.stdout)[0]?.error).toMatch(/refused: 127\.0\.0\.1 is a loopback address \(use --allow-private\)/);

  const removed = await cliAsync(db, ['watch', 'remove', ids[0] ?? '']);
  expect(removed.code).toBe(0);
  expect(jsonl((await cliAsync(db, ['watch', 'list', '--json'])).stdout)).toHaveLength(list.length - 1);
}

describe('narrascope watch (SQLite)', () => {
  it('collects every kind, reruns conditionally without duplicates, and reports failures', async () => {
    await scenario(join(tmp.dir, 'watch.db'));
  }, 120_000);

  it('refuses bad usage with exit code 2', async () => {
    const db = join(tmp.dir, 'usage.db');
    expect((await cliAsync(db, ['watch', 'add', 'not a url'])).code).toBe(2);
    expect((await cliAsync(db, ['watch', 'add', 'https://example.org/feed.rss', '--every', 'soon'])).code).toBe(2);
    expect((await cliAsync(db, ['watch', 'add', 'https://example.org/feed.rss', '--kind', 'podcast'])).code).toBe(2);
    expect((await cliAsync(db, ['watch', 'remove', 'nope'])).code).toBe(2);
    expect((await cliAsync(db, ['watch', 'run', 'nope'])).code).toBe(2);
  }, 60_000);
});

describe.skipIf(!process.env.NARRASCOPE_TEST_PG)('narrascope watch (PostgreSQL)', () => {
  it('runs the same scenario on a PostgreSQL store', async () => {
    const url = await createTestDatabase('watch_e2e');
    try {
      await scenario(url);
    } finally {
      await dropTestDatabase(url);
    }
  }, 180_000);
});
