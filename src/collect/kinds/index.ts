// The collector of each watch kind, and guessing a kind from a URL.
import { feedCollector } from './feed.js';
import { lemmyCollector } from './lemmy.js';
import { pageCollector } from './page.js';
import { sitemapCollector } from './sitemap.js';
import { telegramCollector } from './telegram.js';
import type { Collector, WatchKind } from './types.js';
import { wordpressCollector } from './wordpress.js';

export { WATCH_KINDS } from './types.js';
export type { Collector, CollectContext, CollectedRecord, CollectedPage, WatchKind } from './types.js';

export const COLLECTORS: Record<WatchKind, Collector> = {
  feed: feedCollector,
  wordpress: wordpressCollector,
  sitemap: sitemapCollector,
  page: pageCollector,
  lemmy: lemmyCollector,
  telegram: telegramCollector,
};

/** The kind a URL's shape names (t.me, /wp-json, sitemap*.xml, /feed, .rss …), or null when only its answer can tell. */
export function kindFromUrl(url: string): WatchKind | null {
  const u = new URL(url);
  const host = u.hostname.toLowerCase();
  const path = u.pathname.toLowerCase();
  if (host === 't.me' || host === 'telegram.me') return 'telegram';
  if (path.includes('/wp-json')) return 'wordpress';
  if (/\/sitemap[^/]*\.xml$/.test(path)) return 'sitemap';
  if (/\/api\/v3\//.test(path)) return 'lemmy';
  if (/\.(rss|atom)$|\/(feed|rss|atom)(\.xml)?\/?$/.test(path)) return 'feed';
  return null;
}
