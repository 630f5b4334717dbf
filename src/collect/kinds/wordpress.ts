// WordPress through its REST API. Posts are listed newest first (`after=` the newest date seen on
// later runs), page by page up to X-WP-TotalPages or the run's bound; each post becomes one record
// together with all its comments, so comments link to their post and a new comment replaces the
// record without duplicating anything. Comments on older posts are found through the site-wide
// comment listing (`after=` the newest comment date seen).
import { createError, ERRORS } from '../../core/errors.js';
import { htmlToText } from '../../ingest/dom.js';
import type { ParsedItem } from '../../ingest/types.js';
import type { FetchedResponse } from '../fetch.js';
import type { Collector, CollectContext, CollectedRecord } from './types.js';
import { isObject, isoOrNull, num, parseJson, responseText, str } from './types.js';

const PER_PAGE = 20;
const COMMENTS_PER_PAGE = 100;

export interface WpPost {
  id: number;
  date: string | null;
  dateGmt: string | null;
  link: string | null;
  title: string;
  text: string;
  author: string | null;
  raw: Record<string, unknown>;
}

export interface WpComment {
  id: number;
  post: number;
  parent: number;
  dateGmt: string | null;
  author: string | null;
  text: string;
  link: string | null;
}

/** The site root of a WordPress URL: everything before /wp-json, or the origin. */
export function wpBase(url: string): string {
  const i = url.indexOf('/wp-json');
  if (i >= 0) return url.slice(0, i);
  const u = new URL(url);
  return `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
}

const rendered = (v: unknown): string => (isObject(v) ? (str(v.rendered) ?? '') : (str(v) ?? ''));
/** GMT dates come without a zone ("2024-06-04T09:15:00"): say so. */
const gmt = (v: unknown): string | null => {
  const s = str(v);
  return s ? (/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s}Z`) : null;
};

/** Posts in a /wp/v2/posts answer (a list), or one post (an object). */
export function parseWpPosts(text: string, url: string): WpPost[] {
  const json = parseJson(text, url);
  const list = Array.isArray(json) ? json : isObject(json) && typeof json.id === 'number' ? [json] : null;
  if (!list) throw createError(ERRORS.INPUT_MALFORMED, `${url}: not a WordPress post list (expected a JSON array)`, url);
  return list.filter(isObject).flatMap((p) => {
    const id = num(p.id);
    if (id === null) return [];
    const embedded: unknown = isObject(p._embedded) && Array.isArray(p._embedded.author) ? (p._embedded.author as unknown[])[0] : undefined;
    return [{
      id,
      date: str(p.date),
      dateGmt: gmt(p.date_gmt) ?? str(p.date),
      link: str(p.link),
      title: htmlToText(rendered(p.title)),
      text: htmlToText(rendered(p.content)) || htmlToText(rendered(p.excerpt)),
      author: isObject(embedded) ? str(embedded.name) : null,
      raw: p,
    }];
  });
}

/** Comments in a /wp/v2/comments answer. */
export function parseWpComments(text: string, url: string): WpComment[] {
  const json = parseJson(text, url);
  if (!Array.isArray(json)) throw createError(ERRORS.INPUT_MALFORMED, `${url}: not a WordPress comment list (expected a JSON array)`, url);
  return json.filter(isObject).flatMap((c) => {
    const id = num(c.id);
    const post = num(c.post);
    if (id === null || post === null) return [];
    return [{ id, post, parent: num(c.parent) ?? 0, dateGmt: gmt(c.date_gmt) ?? str(c.date), author: str(c.author_name), text: htmlToText(rendered(c.content)), link: str(c.link) }];
  });
}

/** One record: the post and its comments, threaded by parentKey. */
export function wpRecord(post: WpPost, comments: WpComment[], response: FetchedResponse): CollectedRecord {
  const items: ParsedItem[] = [{
    kind: 'post', key: `post-${post.id}`, parentKey: null, title: post.title || null, author: post.author, url: post.link,
    rawDate: post.dateGmt, text: post.text, metadata: { wordpressId: post.id },
  }];
  for (const c of [...comments].sort((a, b) => a.id - b.id)) {
    items.push({
      kind: 'comment', key: `comment-${c.id}`, parentKey: c.parent ? `comment-${c.parent}` : `post-${post.id}`, title: null,
      author: c.author, url: c.link, rawDate: c.dateGmt, text: c.text, metadata: { wordpressId: c.id },
    });
  }
  return { key: `post:${post.id}`, url: post.link, title: post.title || null, items, response, publishedAt: isoOrNull(post.dateGmt), format: 'jsonl' };
}

const totalPages = (res: FetchedResponse): number => {
  const n = Number(res.headers['x-wp-totalpages']);
  return Number.isFinite(n) && n > 0 ? n : 1;
};

/** All comments of one post (every page). */
async function commentsOf(ctx: CollectContext, base: string, postId: number): Promise<WpComment[] | null> {
  const all: WpComment[] = [];
  for (let page = 1; page <= Math.max(ctx.maxPages, 10); page++) {
    const url = `${base}/wp-json/wp/v2/comments?post=${postId}&per_page=${COMMENTS_PER_PAGE}&page=${page}&orderby=id&order=asc`;
    try {
      const res = await ctx.get(url, { accept: 'application/json' });
      if (!res) break;
      all.push(...parseWpComments(responseText(res), url));
      if (page >= totalPages(res)) break;
    } catch (err) {
      ctx.fail(url, err instanceof Error ? err.message : String(err));
      return null;
    }
  }
  return all;
}

export const wordpressCollector: Collector = {
  kind: 'wordpress',
  async collect(ctx) {
    const base = wpBase(ctx.url);
    const after = str(ctx.cursor.lastPostDate);
    const firstRun = ctx.cursor.lastCommentDate === undefined;
    const posts = new Map<number, { post: WpPost; response: FetchedResponse }>();
    let newest = after;
    for (let page = 1; page <= ctx.maxPages; page++) {
      const url = `${base}/wp-json/wp/v2/posts?per_page=${PER_PAGE}&page=${page}&orderby=date&order=desc&_embed=author${after ? `&after=${encodeURIComponent(after)}` : ''}`;
      // Only the first page is asked conditionally: when it is unchanged, nothing newer exists.
      const res = await ctx.get(url, { accept: 'application/json', conditional: page === 1 });
      if (!res) break;
      const found = parseWpPosts(responseText(res), url);
      for (const p of found) {
        posts.set(p.id, { post: p, response: res });
        if (p.date && (!newest || p.date > newest)) newest = p.date;
      }
      if (found.length === 0 || page >= totalPages(res)) break;
    }

    // Comments posted since the last run, on posts of any age.
    const touched = new Set<number>();
    let newestComment = str(ctx.cursor.lastCommentDate);
    if (!firstRun) {
      for (let page = 1; page <= ctx.maxPages; page++) {
        const url = `${base}/wp-json/wp/v2/comments?per_page=${COMMENTS_PER_PAGE}&page=${page}&orderby=date&order=desc${newestComment ? `&after=${encodeURIComponent(newestComment.replace(/Z$/, ''))}` : ''}`;
        let res: FetchedResponse | null;
        try {
          res = await ctx.get(url, { accept: 'application/json' });
        } catch (err) {
          ctx.fail(url, err instanceof Error ? err.message : String(err));
          break;
        }
        if (!res) break;
        const found = parseWpComments(responseText(res), url);
        for (const c of found) touched.add(c.post);
        if (found.length === 0 || page >= totalPages(res)) break;
      }
    }
    for (const id of touched) {
      if (posts.has(id)) continue;
      const url = `${base}/wp-json/wp/v2/posts/${id}?_embed=author`;
      try {
        const res = await ctx.get(url, { accept: 'application/json' });
        const post = res ? parseWpPosts(responseText(res), url)[0] : undefined;
        if (res && post) posts.set(id, { post, response: res });
      } catch (err) {
        ctx.fail(url, err instanceof Error ? err.message : String(err));
      }
    }

    for (const { post, response } of posts.values()) {
      const comments = await commentsOf(ctx, base, post.id);
      // Without its comments the record would drop the stored ones: keep the old record instead.
      if (comments === null) continue;
      for (const c of comments) if (c.dateGmt && (!newestComment || c.dateGmt > newestComment)) newestComment = c.dateGmt;
      ctx.emit(wpRecord(post, comments, response));
    }
    if (newest) ctx.cursor.lastPostDate = newest;
    ctx.cursor.lastCommentDate = newestComment ?? `${new Date().toISOString().slice(0, 19)}Z`;
  },
};
