// HTML pages: one item for the article (Readability), one per post on listing pages, and one per
// reader comment. Metadata comes from JSON-LD, meta tags and <time> elements, in that order.
import { Readability } from '@mozilla/readability';
import { createError, ERRORS } from '../core/errors.js';
import type { ParseOptions, ParsedDocument, ParsedItem, ParseWarning } from './types.js';
import { domToText, inlineText, loadHtml, removeAll, WIDGETS } from './dom.js';
import type { DomDocument, DomElement } from './dom.js';

type Json = Record<string, unknown>;

/** Everything a reader would not count as the page's text. Comments are taken out before this. */
const BOILERPLATE = [
  'script', 'style', 'noscript', 'template', 'iframe', 'form', 'nav', 'footer', 'aside', 'button',
  '[role=navigation]', '[role=complementary]', '[role=contentinfo]', '[role=banner] nav', '[hidden]',
  '[aria-hidden=true]', '.screen-reader-text', '.sr-only', '.skip-link',
  WIDGETS,
  '.navigation', '.post-navigation', '.nav-links', '.pagination', '.page-numbers', '.wp-pagenavi',
  '.widget', '.widget-area', '.sidebar', '#sidebar', '.newsletter', '.subscribe',
  '.cookie-notice', '.cookie-banner', '#cookie-notice', '.cookies', '.gdpr',
  '.comment-respond', '#respond', '.advert', '.advertisement', '.ads', '.ad-container',
].join(', ');

/** Reader comments in the markups we know: WordPress, static Disqus, schema.org, generic. */
const COMMENT = [
  '.comment-list li.comment', '.commentlist li.comment', '.comment-list .children > .comment',
  '#disqus_thread li.post', '#dsq-comments li.post', '.disqus-comments li.post',
  '#comments .comment', '.comments .comment', '.comments-area .comment', '[itemprop=comment]',
].join(', ');

/** Whole comment sections, removed from the page once their comments are items. */
const COMMENT_SECTIONS =
  '#comments, .comments-area, .comments, .comment-list, .commentlist, #disqus_thread, #dsq-comments, .disqus-comments';

const COMMENT_AUTHOR = [
  '.comment-author .fn', '.comment-author-name', '.fn', '[itemprop=author] [itemprop=name]', '[itemprop=author]',
  '.post-byline .author', '.author', '.comment-author', '.username', '.user-name',
];
const COMMENT_DATE_ATTR: Array<[string, string]> = [
  ['.comment-metadata time[datetime]', 'datetime'],
  ['.comment-meta time[datetime]', 'datetime'],
  ['time[datetime]', 'datetime'],
  ['[itemprop=dateCreated][datetime]', 'datetime'],
  ['[itemprop=dateCreated][content]', 'content'],
  ['[itemprop=datePublished][datetime]', 'datetime'],
  ['[itemprop=datePublished][content]', 'content'],
  ['a.time-ago[title]', 'title'],
  ['[data-role=relative-time][title]', 'title'],
];
const COMMENT_DATE_TEXT = ['.comment-metadata time', '.comment-metadata a', '.comment-meta a', '.comment-date', '.post-meta time', '.date', 'time'];
const COMMENT_URL = ['.comment-metadata a[href]', '.comment-meta a[href]', 'a.time-ago[href]', 'a[itemprop=url][href]'];
/** Parts of a comment that are not what its author wrote. */
const COMMENT_CHROME = [
  '.reply', '.comment-reply-link', '.comment-reply', '.says', '.edit-link', '.comment-edit-link',
  '.comment-awaiting-moderation', '.post-menu', '.post-actions', '.comment-actions', '.vote', '.votes',
  '.comment-like', 'script', 'style', 'form', 'button',
].join(', ');
const COMMENT_HEADER =
  '.comment-author, .comment-meta, .comment-metadata, .post-byline, .post-meta, .comment-header, .avatar, img, ' +
  '.author, .username, .user-name, .date, .comment-date';
const COMMENT_BODY = ['.comment-content', '.post-message', '[itemprop=text]', '.comment-text', '.comment-body', '.content'];

const PAGE_DATE_META = [
  'article:published_time', 'og:published_time', 'og:article:published_time', 'datepublished', 'datecreated',
  'dc.date', 'dc.date.issued', 'dc.date.created', 'dcterms.created', 'dcterms.issued', 'dcterms.date',
  'date', 'pubdate', 'publishdate', 'publish-date', 'publish_date', 'parsely-pub-date', 'sailthru.date',
  'article.published', 'citation_publication_date', 'citation_date',
];
const PAGE_AUTHOR_META = ['author', 'article:author', 'parsely-author', 'sailthru.author', 'dc.creator', 'dcterms.creator', 'twitter:creator'];
const PAGE_AUTHOR_SELECTORS = [
  '[itemprop=author] [itemprop=name]', '.byline .author .fn', '.byline .author', '.author .fn', '.entry-author',
  '.post-author', '[rel=author]', '.byline', '[itemprop=author]',
];
const PAGE_TIME_SELECTORS = [
  'time[pubdate][datetime]', 'time.published[datetime]', 'time.entry-date[datetime]', 'article time[datetime]',
  '.entry-meta time[datetime]', '.post-meta time[datetime]', 'time[datetime]',
];

const ARTICLE_TYPE = /(?:Article|Posting|BlogPosting|Report|Review)$/;

function text(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) {
    for (const x of v) {
      const t = text(x);
      if (t) return t;
    }
  }
  return null;
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function types(o: Json): string[] {
  const t = o['@type'];
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string');
  return [];
}

/** Every object in the page's JSON-LD blocks, @graph arrays flattened. Malformed blocks are ignored. */
function readJsonLd(doc: DomDocument): Json[] {
  const out: Json[] = [];
  const visit = (v: unknown, depth: number): void => {
    if (depth > 4) return;
    if (Array.isArray(v)) for (const x of v) visit(x, depth + 1);
    else if (isObject(v)) {
      if (types(v).length > 0 || v['headline'] !== undefined) out.push(v);
      if (v['@graph'] !== undefined) visit(v['@graph'], depth + 1);
    }
  };
  for (const script of Array.from(doc.querySelectorAll('script'))) {
    const type = (script.getAttribute('type') ?? '').toLowerCase();
    if (!type.includes('ld+json')) continue;
    const body = (script.textContent ?? '')
      .replace(/^\s*(?:<!--|\/\/\s*<!\[CDATA\[)/, '')
      .replace(/(?:-->|\/\/\s*\]\]>)\s*$/, '');
    try {
      visit(JSON.parse(body), 0);
    } catch {
      // Broken JSON-LD is common in scraped pages; meta tags and <time> still give the metadata.
    }
  }
  return out;
}

/** Names of a JSON-LD author: a string, a Person, a reference into @graph, or a list of those. */
function ldNames(v: unknown, byId: Map<string, Json>): string[] {
  if (typeof v === 'string') return v.trim() ? [v.trim()] : [];
  if (Array.isArray(v)) return v.flatMap((x) => ldNames(x, byId));
  if (isObject(v)) {
    const name = text(v['name']);
    if (name) return [name];
    const id = typeof v['@id'] === 'string' ? v['@id'] : null;
    const ref = id ? byId.get(id) : undefined;
    if (ref && ref !== v) return ldNames({ ...ref, '@id': undefined }, byId);
  }
  return [];
}

/** Meta tags by lower-cased name, property or itemprop, in document order. */
function readMeta(doc: DomDocument): Map<string, string[]> {
  const meta = new Map<string, string[]>();
  for (const el of Array.from(doc.querySelectorAll('meta[content]'))) {
    const content = (el.getAttribute('content') ?? '').trim();
    if (!content) continue;
    for (const attr of ['property', 'name', 'itemprop']) {
      const key = el.getAttribute(attr)?.trim().toLowerCase();
      if (!key) continue;
      const list = meta.get(key);
      if (list) list.push(content);
      else meta.set(key, [content]);
    }
  }
  return meta;
}

function firstMeta(meta: Map<string, string[]>, keys: readonly string[]): string | null {
  for (const k of keys) {
    const v = meta.get(k)?.[0];
    if (v) return v;
  }
  return null;
}

function absoluteUrl(href: string | null, base: string | null): string | null {
  if (!href) return null;
  try {
    return new URL(href, base ?? undefined).href;
  } catch {
    return href;
  }
}

function isAbsolute(u: string | null): u is string {
  if (!u) return false;
  try {
    new URL(u);
    return true;
  } catch {
    return false;
  }
}

function firstText(root: DomElement, selectors: readonly string[]): string | null {
  for (const sel of selectors) {
    for (const el of Array.from(root.querySelectorAll(sel))) {
      const t = inlineText(el);
      if (t) return t;
    }
  }
  return null;
}

function firstAttr(root: DomElement, pairs: ReadonlyArray<readonly [string, string]>): string | null {
  for (const [sel, attr] of pairs) {
    const v = root.querySelector(sel)?.getAttribute(attr)?.trim();
    if (v) return v;
  }
  return null;
}

/** Strips "by", "says:" and similar wrapping from a displayed name. */
function cleanName(s: string | null): string | null {
  if (!s) return null;
  const t = s
    .replace(/\s*(?:says|пишет|написал[аи]?|говорит)\s*:?\s*$/i, '')
    .replace(/^(?:by|posted by|автор|от)\s*:?\s+/i, '')
    .trim();
  return t === '' ? null : t;
}

function commentKey(el: DomElement, n: number): string {
  const id = el.id || el.querySelector('[id^=comment-], [id^=div-comment-], [id^=post-]')?.id || '';
  const m = /(?:comment|post)[-_](\w+)$/i.exec(id);
  if (m?.[1]) return `comment-${m[1]}`;
  return id || `comment-${n}`;
}

/**
 * Turns every reader comment into an item and removes the comment sections from the page.
 * Comments are read deepest first and detached, so a reply's text never leaks into its parent's.
 */
function extractComments(doc: DomDocument, postKey: string | null, base: string | null): ParsedItem[] {
  const found = Array.from(doc.querySelectorAll(COMMENT));
  if (found.length === 0) {
    removeAll(doc, COMMENT_SECTIONS);
    return [];
  }
  const set = new Set(found);
  const keys = new Map<DomElement, string>();
  const used = new Set<string>();
  found.forEach((el, i) => {
    let key = commentKey(el, i + 1);
    if (used.has(key)) key = `${key}-${i + 1}`;
    used.add(key);
    keys.set(el, key);
  });
  const parentOf = new Map<DomElement, DomElement | null>();
  for (const el of found) {
    let p = el.parentElement;
    while (p && !set.has(p)) p = p.parentElement;
    parentOf.set(el, p);
  }
  const items: Array<{ index: number; item: ParsedItem }> = [];
  for (let i = found.length - 1; i >= 0; i--) {
    const el = found[i];
    if (!el) continue;
    const author = cleanName(firstText(el, COMMENT_AUTHOR));
    const rawDate = firstAttr(el, COMMENT_DATE_ATTR) ?? firstText(el, COMMENT_DATE_TEXT);
    const href = firstAttr(el, COMMENT_URL.map((s) => [s, 'href'] as const));
    removeAll(el, COMMENT_CHROME);
    let bodyEl: DomElement | null = null;
    for (const sel of COMMENT_BODY) {
      bodyEl = el.querySelector(sel);
      if (bodyEl) break;
    }
    if (!bodyEl || bodyEl.matches('.comment-body, .content')) removeAll(bodyEl ?? el, COMMENT_HEADER);
    const body = domToText(bodyEl ?? el)
      .replace(/^\s*(?:says|пишет)\s*:\s*/i, '')
      .trim();
    const parent = parentOf.get(el);
    if (body !== '') {
      items.push({
        index: i,
        item: {
          kind: 'comment',
          key: keys.get(el) ?? null,
          parentKey: parent ? (keys.get(parent) ?? null) : postKey,
          title: null,
          author,
          url: absoluteUrl(href, base),
          rawDate,
          text: body,
          metadata: parent ? { depth: depthOf(el, parentOf) } : { depth: 0 },
        },
      });
    }
    el.remove();
  }
  removeAll(doc, COMMENT_SECTIONS);
  return items.sort((a, b) => a.index - b.index).map((x) => x.item);
}

function depthOf(el: DomElement, parentOf: Map<DomElement, DomElement | null>): number {
  let d = 0;
  for (let p = parentOf.get(el); p; p = parentOf.get(p)) d++;
  return d;
}

const HEADING = 'h1, h2, h3, h4, h5, h6';
/** Lines around a post that restate its metadata: date, author, categories, "read more". */
const POST_META =
  '.entry-meta, .post-meta, .entry-footer, .post-footer, .byline, .posted-on, .more-link, .read-more, .post-categories, .post-tags, .tags-links, .cat-links';

/** Post blocks of a listing or archive page, outermost only, each with its own heading. */
function listingBlocks(doc: DomDocument): DomElement[] {
  for (const sel of ['article', '.hentry, .post, .entry, .blog-post, .post-item, .type-post']) {
    const all = Array.from(doc.querySelectorAll(sel));
    const outer = all.filter((el) => !all.some((o) => o !== el && o.contains(el)));
    const withHeading = outer.filter((el) => el.querySelector(HEADING) !== null);
    if (withHeading.length >= 2) return withHeading;
  }
  return [];
}

interface PageMeta {
  title: string | null;
  author: string | null;
  rawDate: string | null;
  url: string | null;
  siteName: string | null;
  isArticle: boolean;
  metadata: Record<string, unknown>;
}

function readPageMeta(doc: DomDocument): PageMeta {
  const meta = readMeta(doc);
  const ld = readJsonLd(doc);
  const byId = new Map<string, Json>();
  for (const o of ld) if (typeof o['@id'] === 'string') byId.set(o['@id'], o);
  const article =
    ld.find((o) => types(o).some((t) => ARTICLE_TYPE.test(t))) ??
    ld.find((o) => o['headline'] !== undefined || (types(o).includes('WebPage') && o['datePublished'] !== undefined));
  const website = ld.find((o) => types(o).includes('WebSite'));
  const publisher = article && isObject(article['publisher']) ? article['publisher'] : undefined;

  const canonicalHref = doc.querySelector('link[rel=canonical][href]')?.getAttribute('href')?.trim() ?? null;
  const baseHref = doc.querySelector('base[href]')?.getAttribute('href')?.trim() ?? null;
  const ogUrl = firstMeta(meta, ['og:url']);
  const ldUrl = article ? text(article['url']) ?? text(article['mainEntityOfPage']) : null;
  let url: string | null = null;
  for (const cand of [canonicalHref, ogUrl, ldUrl]) {
    const abs = absoluteUrl(cand, isAbsolute(baseHref) ? baseHref : isAbsolute(ogUrl) ? ogUrl : null);
    if (isAbsolute(abs)) {
      url = abs;
      break;
    }
  }

  const ldAuthors = article ? ldNames(article['author'], byId) : [];
  let author: string | null = ldAuthors.length > 0 ? [...new Set(ldAuthors)].join(', ') : null;
  if (!author) {
    const m = firstMeta(meta, PAGE_AUTHOR_META);
    if (m && !isAbsolute(m)) author = m;
  }
  const rawDate =
    (article ? text(article['datePublished']) ?? text(article['dateCreated']) : null) ??
    firstMeta(meta, PAGE_DATE_META) ??
    null;

  const title =
    (article ? text(article['headline']) ?? text(article['name']) : null) ??
    firstMeta(meta, ['og:title', 'twitter:title', 'dc.title']) ??
    null;

  const siteName =
    firstMeta(meta, ['og:site_name', 'application-name']) ??
    (publisher ? ldNames(publisher, byId)[0] ?? null : null) ??
    (website ? text(website['name']) : null);

  const metadata: Record<string, unknown> = {};
  const description = firstMeta(meta, ['description', 'og:description']);
  if (description) metadata['description'] = description;
  const modified = (article ? text(article['dateModified']) : null) ?? firstMeta(meta, ['article:modified_time', 'og:updated_time']);
  if (modified) metadata['modified'] = modified;
  const section = firstMeta(meta, ['article:section']) ?? (article ? text(article['articleSection']) : null);
  if (section) metadata['section'] = section;
  const tags = meta.get('article:tag') ?? [];
  if (tags.length > 0) metadata['tags'] = tags;
  else if (article && typeof article['keywords'] === 'string') metadata['tags'] = article['keywords'].split(',').map((s) => s.trim()).filter(Boolean);
  const lang = doc.documentElement?.getAttribute('lang')?.trim();
  if (lang) metadata['lang'] = lang;

  const ogType = firstMeta(meta, ['og:type']);
  const isArticle = article !== undefined || ogType === 'article' || meta.has('article:published_time');
  return { title, author, rawDate, url, siteName, isArticle, metadata };
}

function postFromBlock(block: DomElement, i: number, base: string | null): ParsedItem | null {
  const heading = block.querySelector('.entry-title') ?? block.querySelector(HEADING);
  const title = heading ? inlineText(heading) || null : null;
  const link = heading?.querySelector('a[href]')?.getAttribute('href') ?? block.querySelector('a[rel=bookmark][href]')?.getAttribute('href') ?? null;
  const url = absoluteUrl(link, base);
  const rawDate =
    firstAttr(block, [
      ['time[datetime]', 'datetime'],
      ['[itemprop=datePublished][content]', 'content'],
      ['[itemprop=datePublished][datetime]', 'datetime'],
    ]) ?? firstText(block, ['time', '.published', '.entry-date', '.post-date', '.date']);
  const author = cleanName(firstText(block, ['.author .fn', '[itemprop=author] [itemprop=name]', '[rel=author]', '.byline .author', '.author', '.byline']));
  heading?.remove();
  removeAll(block, POST_META);
  const body = domToText(block);
  if (body === '') return null;
  return { kind: 'post', key: url ?? `post-${i + 1}`, parentKey: null, title, author, url, rawDate, text: body, metadata: { position: i + 1 } };
}

function timeFromPage(doc: DomDocument): string | null {
  for (const sel of PAGE_TIME_SELECTORS) {
    const v = doc.querySelector(sel)?.getAttribute('datetime')?.trim();
    if (v) return v;
  }
  const ip = doc.querySelector('[itemprop=datePublished], [itemprop=dateCreated]');
  if (ip) return ip.getAttribute('datetime') ?? ip.getAttribute('content') ?? (inlineText(ip) || null);
  // Themes without markup for dates still wrap them in a "date" class ("12.03.2024 14:05").
  for (const el of Array.from(doc.querySelectorAll(PAGE_DATE_TEXT))) {
    const text = inlineText(el);
    if (text.length >= 4 && text.length <= 60 && /\d/.test(text)) return text;
  }
  return null;
}

/** Containers that themes use for exactly the article body (WordPress, schema.org, common CMSs). */
const ARTICLE_BODY =
  '[itemprop=articleBody], .entry-content, .post-content, .article-content, .article-body, .article__body, .post-body, .story-body';

const PAGE_DATE_TEXT =
  '.entry-date, .post-date, .published, .article-date, .news-date, .meta-date, .posted-on, .date, [class*="date"]';

/** The body without a first paragraph that repeats the title, and a date line right under it. */
function withoutRepeatedHeader(body: string, title: string | null, rawDate: string | null): string {
  if (!title) return body;
  const squash = (t: string): string => t.replace(/\s+/g, ' ').trim().toLowerCase();
  const paras = body.split(/\n\n/);
  if (paras.length < 2 || squash(paras[0] ?? '') !== squash(title)) return body;
  let from = 1;
  if (rawDate && paras.length > 2 && squash(paras[1] ?? '') === squash(rawDate)) from = 2;
  return paras.slice(from).join('\n\n');
}

function authorFromPage(doc: DomDocument): string | null {
  const body = doc.body;
  return body ? cleanName(firstText(body, PAGE_AUTHOR_SELECTORS)) : null;
}

function hostOrigin(u: string | null): string | null {
  if (!u) return null;
  try {
    const url = new URL(u);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}

/** Text of a page by plain DOM walk, for when Readability finds no article. */
function fallbackText(html: string): string {
  const doc = loadHtml(html);
  removeAll(doc, COMMENT_SECTIONS);
  removeAll(doc, BOILERPLATE);
  return doc.body ? domToText(doc.body) : '';
}

/**
 * Parses an HTML page: the article (or each post of a listing page) and its reader comments,
 * with title, author, date, URL and site from the page's metadata.
 */
export function parseHtml(html: string, opts: ParseOptions): ParsedDocument {
  const warnings: ParseWarning[] = [];
  let doc: DomDocument;
  try {
    doc = loadHtml(html);
  } catch (err) {
    throw createError(ERRORS.INPUT_MALFORMED, `HTML could not be parsed: ${err instanceof Error ? err.message : String(err)}`, opts.inputName);
  }
  const page = readPageMeta(doc);
  const headTitle = inlineText(doc.querySelector('title')) || null;
  const base = page.url;

  // The page's own date and author are read before comments go, but must not come from a comment.
  const commentsRoot = Array.from(doc.querySelectorAll(COMMENT_SECTIONS));
  const outsideComments = (el: DomElement | null): boolean => el !== null && !commentsRoot.some((c) => c.contains(el));

  const postKey = page.url ?? 'page';
  let rawDate = page.rawDate;
  if (!rawDate) {
    for (const sel of PAGE_TIME_SELECTORS) {
      const el = Array.from(doc.querySelectorAll(sel)).find(outsideComments);
      const v = el?.getAttribute('datetime')?.trim();
      if (v) {
        rawDate = v;
        break;
      }
    }
  }

  removeAll(doc, 'script, style, noscript, template');
  const comments = extractComments(doc, postKey, base);
  rawDate ??= timeFromPage(doc);
  removeAll(doc, BOILERPLATE);
  const author = page.author ?? authorFromPage(doc);

  const items: ParsedItem[] = [];
  let title = page.title;
  let listing = false;
  const blocks = listingBlocks(doc);
  if (blocks.length >= 2) {
    const lengths = blocks.map((b) => (b.textContent ?? '').length);
    const total = lengths.reduce((a, b) => a + b, 0);
    const dominant = lengths.some((n) => n > total * 0.6);
    if (!page.isArticle || (blocks.length >= 3 && !dominant)) {
      const posts = blocks.map((b, i) => postFromBlock(b, i, base)).filter((p): p is ParsedItem => p !== null);
      if (posts.length > 0) {
        listing = true;
        items.push(...posts);
        if (posts.length < blocks.length) warnings.push({ message: `${blocks.length - posts.length} of ${blocks.length} posts on the listing page had no text` });
        // Comments on a listing page cannot be tied to one post.
        for (const c of comments) if (c.parentKey === postKey) c.parentKey = null;
      }
    }
  }

  if (!listing) {
    // Date, author and category lines are metadata already read; in the text they are debris.
    removeAll(doc, POST_META);
    let body = '';
    let readTitle: string | null = null;
    let byline: string | null = null;
    // A theme that marks its article body needs no guessing: Readability's scoring is most of the
    // cost of a page, and the marked container is what it would have found.
    const marked = Array.from(doc.querySelectorAll(ARTICLE_BODY));
    const only = marked.length === 1 ? marked[0] : undefined;
    const markedText = only ? domToText(only) : '';
    if (markedText.length >= 200) {
      body = markedText;
    } else {
      try {
        const article = new Readability(doc, { charThreshold: 200 }).parse();
        if (article?.content) {
          const content = loadHtml(article.content);
          body = content.body ? domToText(content.body) : '';
        }
        readTitle = article?.title?.trim() || null;
        byline = article?.byline?.trim() || null;
      } catch (err) {
        warnings.push({ message: `readability failed (${err instanceof Error ? err.message : String(err)}); used the whole page text` });
      }
    }
    if (body === '') body = fallbackText(html);
    // A page's one h1 is its headline; <title> often carries the site name too.
    const h1s = doc.querySelectorAll('h1');
    const h1 = h1s.length === 1 ? inlineText(h1s[0]) || null : null;
    title ??= readTitle ?? h1 ?? headTitle;
    body = withoutRepeatedHeader(body, title, rawDate);
    if (body !== '') {
      items.push({
        kind: page.isArticle || rawDate ? 'post' : 'page',
        key: postKey,
        parentKey: null,
        title,
        author: author ?? cleanName(byline),
        url: page.url,
        rawDate,
        text: body,
        metadata: page.metadata,
      });
    } else {
      warnings.push({ message: 'no readable text in the page' });
    }
  }
  items.push(...comments);

  const origin = hostOrigin(page.url);
  const sourceHint =
    page.siteName || origin
      ? { ...(page.siteName ? { name: page.siteName } : {}), ...(origin ? { url: origin } : {}), kind: 'site' }
      : null;
  return {
    format: 'html',
    title: title ?? headTitle,
    sourceHint,
    items,
    warnings,
    metadata: { ...page.metadata, ...(page.url ? { url: page.url } : {}), listing, comments: comments.length },
  };
}
