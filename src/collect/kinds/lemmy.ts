// Lemmy through its v3 API: a community (/c/NAME) or a user (/u/NAME). A community's posts are
// listed newest first until a page holds nothing new (or the run's bound); a post that is new, or
// whose comment count moved, is fetched with all its comments and becomes one record, comments
// threaded by their path. A user's posts and comments are records of their own.
import { createError, ERRORS } from '../../core/errors.js';
import type { ParsedItem } from '../../ingest/types.js';
import type { FetchedResponse } from '../fetch.js';
import type { Collector, CollectContext, CollectedRecord } from './types.js';
import { isObject, isoOrNull, num, parseJson, responseText, str } from './types.js';

const LIMIT = 20;
const COMMENT_LIMIT = 50;

export interface LemmyTarget {
  base: string;
  type: 'community' | 'user';
  name: string;
}

/** What a Lemmy URL watches: /c/NAME, /u/NAME, or an API URL naming community_name/username. */
export function lemmyTarget(url: string): LemmyTarget | null {
  const u = new URL(url);
  const m = /^\/(c|u)\/([^/?#]+)/.exec(u.pathname);
  if (m?.[1] && m[2]) return { base: u.origin, type: m[1] === 'c' ? 'community' : 'user', name: decodeURIComponent(m[2]) };
  const community = u.searchParams.get('community_name');
  if (community) return { base: u.origin, type: 'community', name: community };
  const user = u.searchParams.get('username');
  if (user) return { base: u.origin, type: 'user', name: user };
  return null;
}

export interface LemmyPost {
  id: number;
  title: string;
  body: string;
  url: string | null;
  apId: string | null;
  published: string | null;
  author: string | null;
  community: string | null;
  comments: number;
  newestComment: string | null;
}

export interface LemmyComment {
  id: number;
  postId: number;
  parentId: number | null;
  content: string;
  published: string | null;
  author: string | null;
  apId: string | null;
  postTitle: string | null;
}

/** Lemmy writes UTC times, older versions without a zone. */
const utc = (v: unknown): string | null => {
  const s = str(v);
  return s ? (/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s}Z`) : null;
};
const person = (v: unknown): string | null => (isObject(v) ? (str(v.display_name) ?? str(v.name)) : null);

function toPost(v: unknown): LemmyPost | null {
  if (!isObject(v) || !isObject(v.post)) return null;
  const p = v.post;
  const id = num(p.id);
  if (id === null) return null;
  const counts = isObject(v.counts) ? v.counts : {};
  return {
    id,
    title: str(p.name) ?? '',
    body: str(p.body) ?? '',
    url: str(p.url),
    apId: str(p.ap_id),
    published: utc(p.published),
    author: person(v.creator),
    community: isObject(v.community) ? str(v.community.name) : null,
    comments: num(counts.comments) ?? 0,
    newestComment: utc(counts.newest_comment_time),
  };
}

function toComment(v: unknown): LemmyComment | null {
  if (!isObject(v) || !isObject(v.comment)) return null;
  const c = v.comment;
  const id = num(c.id);
  const postId = num(c.post_id);
  if (id === null || postId === null || c.deleted === true || c.removed === true) return null;
  // path "0.12.15": the comment 15 answers comment 12; "0.15" answers the post.
  const path = (str(c.path) ?? '').split('.').map(Number);
  const parent = path.length >= 3 ? (path[path.length - 2] ?? null) : null;
  return {
    id,
    postId,
    parentId: parent !== null && Number.isFinite(parent) && parent !== 0 ? parent : null,
    content: str(c.content) ?? '',
    published: utc(c.published),
    author: person(v.creator),
    apId: str(c.ap_id),
    postTitle: isObject(v.post) ? str(v.post.name) : null,
  };
}

/** Posts of a /api/v3/post/list or /api/v3/user answer. */
export function parseLemmyPosts(text: string, url: string): LemmyPost[] {
  const json = parseJson(text, url);
  if (!isObject(json) || !Array.isArray(json.posts)) throw createError(ERRORS.INPUT_MALFORMED, `${url}: not a Lemmy post list (no "posts" array)`, url);
  return json.posts.map(toPost).filter((p): p is LemmyPost => p !== null);
}

/** Comments of a /api/v3/comment/list or /api/v3/user answer. */
export function parseLemmyComments(text: string, url: string): LemmyComment[] {
  const json = parseJson(text, url);
  if (!isObject(json) || !Array.isArray(json.comments)) throw createError(ERRORS.INPUT_MALFORMED, `${url}: not a Lemmy comment list (no "comments" array)`, url);
  return json.comments.map(toComment).filter((c): c is LemmyComment => c !== null);
}

const postItem = (p: LemmyPost): ParsedItem => ({
  kind: 'post', key: `post-${p.id}`, parentKey: null, title: p.title || null, author: p.author, url: p.apId ?? p.url,
  rawDate: p.published, text: [p.body, p.url && !p.body.includes(p.url) ? p.url : ''].filter(Boolean).join('\n\n') || p.title,
  metadata: { lemmyId: p.id, ...(p.community ? { community: p.community } : {}), ...(p.url ? { link: p.url } : {}) },
});

const commentItem = (c: LemmyComment, parentKey: string | null): ParsedItem => ({
  kind: 'comment', key: `comment-${c.id}`, parentKey, title: null, author: c.author, url: c.apId, rawDate: c.published, text: c.content,
  metadata: { lemmyId: c.id, postId: c.postId, ...(c.postTitle && parentKey === null ? { postTitle: c.postTitle } : {}) },
});

/** One record: a post and its comments, threaded. */
export function lemmyPostRecord(post: LemmyPost, comments: LemmyComment[], response: FetchedResponse): CollectedRecord {
  const items = [postItem(post)];
  for (const c of [...comments].sort((a, b) => a.id - b.id)) items.push(commentItem(c, c.parentId ? `comment-${c.parentId}` : `post-${post.id}`));
  return { key: `post:${post.id}`, url: post.apId, title: post.title || null, items, response, publishedAt: isoOrNull(post.published), format: 'jsonl', marker: `${post.comments}|${post.newestComment ?? ''}` };
}

async function commentsOf(ctx: CollectContext, base: string, postId: number): Promise<LemmyComment[] | null> {
  const all: LemmyComment[] = [];
  for (let page = 1; page <= Math.max(ctx.maxPages, 10); page++) {
    const url = `${base}/api/v3/comment/list?post_id=${postId}&sort=Old&type_=All&limit=${COMMENT_LIMIT}&page=${page}`;
    try {
      const res = await ctx.get(url, { accept: 'application/json' });
      if (!res) break;
      const found = parseLemmyComments(responseText(res), url);
      all.push(...found);
      if (found.length < COMMENT_LIMIT) break;
    } catch (err) {
      ctx.fail(url, err instanceof Error ? err.message : String(err));
      return null;
    }
  }
  return all;
}

export const lemmyCollector: Collector = {
  kind: 'lemmy',
  async collect(ctx) {
    const target = lemmyTarget(ctx.url);
    if (!target) throw createError(ERRORS.USAGE, `${ctx.url}: not a Lemmy community or user URL (expected /c/NAME or /u/NAME)`, ctx.url);
    const { base, name } = target;
    const firstRun = ctx.cursor.runs === undefined;
    ctx.cursor.runs = (typeof ctx.cursor.runs === 'number' ? ctx.cursor.runs : 0) + 1;
    if (target.type === 'user') {
      for (let page = 1; page <= ctx.maxPages; page++) {
        const url = `${base}/api/v3/user?username=${encodeURIComponent(name)}&sort=New&limit=${LIMIT}&page=${page}`;
        const res = await ctx.get(url, { accept: 'application/json', conditional: page === 1 });
        if (!res) break;
        const text = responseText(res);
        const posts = parseLemmyPosts(text, url);
        const comments = parseLemmyComments(text, url);
        const records = [
          ...posts.map((p) => lemmyPostRecord(p, [], res)),
          ...comments.map((c): CollectedRecord => ({ key: `comment:${c.id}`, url: c.apId, title: c.postTitle, items: [commentItem(c, null)], response: res, publishedAt: isoOrNull(c.published), format: 'jsonl' })),
        ];
        const known = await ctx.known(records.map((r) => r.key));
        for (const r of records) ctx.emit(r);
        if (posts.length < LIMIT && comments.length < LIMIT) break;
        if (!firstRun && records.every((r) => known.has(r.key))) break;
      }
      return;
    }
    for (let page = 1; page <= ctx.maxPages; page++) {
      const url = `${base}/api/v3/post/list?community_name=${encodeURIComponent(name)}&sort=New&type_=All&limit=${LIMIT}&page=${page}`;
      const res = await ctx.get(url, { accept: 'application/json', conditional: page === 1 });
      if (!res) break;
      const posts = parseLemmyPosts(responseText(res), url);
      const known = await ctx.known(posts.map((p) => `post:${p.id}`));
      let fresh = 0;
      for (const post of posts) {
        const marker = `${post.comments}|${post.newestComment ?? ''}`;
        if (known.get(`post:${post.id}`) === marker) continue;
        fresh++;
        const comments = post.comments > 0 ? await commentsOf(ctx, base, post.id) : [];
        if (comments === null) continue;
        ctx.emit(lemmyPostRecord(post, comments, res));
      }
      if (posts.length < LIMIT) break;
      if (!firstRun && fresh === 0) break;
    }
  },
};
