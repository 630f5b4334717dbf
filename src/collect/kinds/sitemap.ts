// Sitemaps (and sitemap indexes): the listed pages that are new, or whose <lastmod> moved since the
// last run, are fetched newest first, a bounded number per run; the rest wait in the cursor for the
// next run, so a big first sitemap is worked off over several runs instead of in one burst.
import { createError, ERRORS } from '../../core/errors.js';
import { stripDoctype } from '../../ingest/feed.js';
import { inlineText, loadXml } from '../../ingest/dom.js';
import type { DomElement } from '../../ingest/dom.js';
import type { Collector } from './types.js';
import { isoOrNull, responseText } from './types.js';

export interface SitemapEntry {
  loc: string;
  lastmod: string | null;
}

export interface ParsedSitemap {
  type: 'urlset' | 'index';
  entries: SitemapEntry[];
}

const PENDING_MAX = 2000;
const CHILD_SITEMAPS_MAX = 20;

const child = (el: DomElement, name: string): string | null => {
  for (const c of Array.from(el.children)) if (c.localName.toLowerCase().replace(/^.*:/, '') === name) return inlineText(c) || null;
  return null;
};

/** Entries of a sitemap (<urlset>) or sitemap index (<sitemapindex>); relative and non-http locs are dropped. */
export function parseSitemap(xml: string, url: string): ParsedSitemap {
  const doc = loadXml(stripDoctype(xml.replace(/^\uFEFF/, '')));
  const root = doc.documentElement;
  const name = root?.localName.toLowerCase().replace(/^.*:/, '') ?? '';
  if (!root || (name !== 'urlset' && name !== 'sitemapindex') || root.querySelector('parsererror')) {
    throw createError(ERRORS.INPUT_MALFORMED, `${url}: not a sitemap (expected <urlset> or <sitemapindex>${root ? `, found <${root.tagName}>` : ''})`, url);
  }
  const entries: SitemapEntry[] = [];
  for (const el of Array.from(root.children)) {
    const loc = child(el, 'loc');
    if (!loc) continue;
    let abs: URL;
    try {
      abs = new URL(loc, url);
    } catch {
      continue;
    }
    if (abs.protocol !== 'http:' && abs.protocol !== 'https:') continue;
    entries.push({ loc: abs.href, lastmod: isoOrNull(child(el, 'lastmod')) });
  }
  return { type: name === 'sitemapindex' ? 'index' : 'urlset', entries };
}

export const sitemapCollector: Collector = {
  kind: 'sitemap',
  async collect(ctx) {
    const top = await ctx.get(ctx.url, { accept: 'application/xml, text/xml;q=0.9, */*;q=0.5', conditional: true });
    const listed: SitemapEntry[] = [];
    if (top) {
      const parsed = parseSitemap(responseText(top), top.url);
      if (parsed.type === 'urlset') listed.push(...parsed.entries);
      else {
        const children = [...parsed.entries].sort((a, b) => (b.lastmod ?? '').localeCompare(a.lastmod ?? '')).slice(0, CHILD_SITEMAPS_MAX);
        for (const c of children) {
          try {
            const res = await ctx.get(c.loc, { accept: 'application/xml, text/xml;q=0.9, */*;q=0.5', conditional: true });
            if (!res) continue;
            const sub = parseSitemap(responseText(res), res.url);
            // An index inside an index is not followed: the protocol forbids it, and it could loop.
            if (sub.type === 'urlset') listed.push(...sub.entries);
          } catch (err) {
            ctx.fail(c.loc, err instanceof Error ? err.message : String(err));
          }
        }
      }
    }
    const pending = Array.isArray(ctx.cursor.pending) ? (ctx.cursor.pending as SitemapEntry[]) : [];
    const byLoc = new Map<string, SitemapEntry>();
    for (const e of [...pending, ...listed]) byLoc.set(e.loc, e);
    const known = await ctx.known([...byLoc.keys()]);
    const wanted = [...byLoc.values()]
      .filter((e) => !known.has(e.loc) || (e.lastmod !== null && known.get(e.loc) !== e.lastmod))
      .sort((a, b) => (b.lastmod ?? '').localeCompare(a.lastmod ?? ''));
    const now = wanted.slice(0, ctx.maxPageFetches);
    ctx.cursor.pending = wanted.slice(ctx.maxPageFetches, ctx.maxPageFetches + PENDING_MAX);
    for (const e of now) {
      try {
        const res = await ctx.get(e.loc, { accept: 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5', conditional: true });
        if (res) ctx.emitPage({ key: e.loc, response: res, ...(e.lastmod ? { marker: e.lastmod } : {}) });
      } catch (err) {
        ctx.fail(e.loc, err instanceof Error ? err.message : String(err));
      }
    }
  },
};
