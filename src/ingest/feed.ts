// RSS 2.0, RSS 1.0 (RDF) and Atom feeds: one item per entry.
// XML safety: the DOCTYPE (and any internal subset declaring entities) is cut out before parsing,
// and the parser never expands declared entities nor fetches external ones, so entity bombs and
// external entities stay inert literal text.
import { createError, ERRORS } from '../core/errors.js';
import type { ParseOptions, ParsedDocument, ParsedItem, ParseWarning } from './types.js';
import { domToText, htmlToText, inlineText, loadXml } from './dom.js';
import type { DomElement } from './dom.js';

/**
 * Removes every `<!DOCTYPE …>` declaration, internal subset included. A linear scan, so a
 * subset that never closes cannot make it slow.
 */
export function stripDoctype(xml: string): string {
  let out = '';
  let from = 0;
  const re = /<!DOCTYPE/gi;
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml)) !== null) {
    out += xml.slice(from, m.index);
    const gt = xml.indexOf('>', m.index);
    const bracket = xml.indexOf('[', m.index);
    let end: number;
    if (bracket >= 0 && (gt < 0 || bracket < gt)) {
      const close = /\]\s*>/g;
      close.lastIndex = bracket;
      const c = close.exec(xml);
      // An unterminated subset: resume at the root element, or drop the rest.
      end = c ? c.index + c[0].length : nextRoot(xml, bracket);
    } else {
      end = gt < 0 ? xml.length : gt + 1;
    }
    from = end;
    re.lastIndex = end;
  }
  return out + xml.slice(from);
}

function nextRoot(xml: string, from: number): number {
  const m = /<(?:rss|feed|rdf:RDF|[\w.-]+:feed)[\s>]/i.exec(xml.slice(from));
  return m ? from + m.index : xml.length;
}

const lower = (el: DomElement): string => el.tagName.toLowerCase();

function kids(el: DomElement): DomElement[] {
  return Array.from(el.children);
}

/** First child element whose (lower-cased, prefixed) name is one of `names`, tried in order. */
function child(el: DomElement, names: readonly string[]): DomElement | null {
  const list = kids(el);
  for (const name of names) {
    const hit = list.find((k) => lower(k) === name);
    if (hit) return hit;
  }
  return null;
}

function childText(el: DomElement, names: readonly string[]): string | null {
  for (const name of names) {
    for (const k of kids(el)) {
      if (lower(k) !== name) continue;
      const t = inlineText(k);
      if (t) return t;
    }
  }
  return null;
}

/** Descendants named `name` (prefix included), in document order. */
function descendants(root: DomElement, name: string): DomElement[] {
  const out: DomElement[] = [];
  const stack: DomElement[] = [root];
  while (stack.length > 0) {
    const el = stack.pop();
    if (!el) break;
    if (el !== root && lower(el) === name) {
      out.push(el);
      continue;
    }
    const list = kids(el);
    for (let i = list.length - 1; i >= 0; i--) {
      const k = list[i];
      if (k) stack.push(k);
    }
  }
  return out;
}

const TAG_LIKE = /<[a-z][^>]*>|&[a-z]+;|&#\d+;/i;

/** Text of an element that may hold escaped or CDATA HTML, or (Atom xhtml) real child elements. */
function richText(el: DomElement | null): string {
  if (!el) return '';
  const type = (el.getAttribute('type') ?? '').toLowerCase();
  if (type === 'xhtml' || (type === '' && el.children.length > 0)) return domToText(el);
  const raw = el.textContent ?? '';
  if (type === 'text' || !TAG_LIKE.test(raw)) return raw.replace(/[ \t]+/g, ' ').replace(/\n[ \t]+/g, '\n').trim();
  return htmlToText(raw);
}

function plainTitle(el: DomElement | null): string | null {
  if (!el) return null;
  const raw = el.textContent ?? '';
  const t = TAG_LIKE.test(raw) ? htmlToText(raw).replace(/\s+/g, ' ').trim() : raw.replace(/\s+/g, ' ').trim();
  return t === '' ? null : t;
}

type FeedKind = 'rss2' | 'rss1' | 'atom';

function atomLink(el: DomElement, p: string): string | null {
  const links = kids(el).filter((k) => lower(k) === `${p}link`);
  const alt = links.find((l) => (l.getAttribute('rel') ?? 'alternate') === 'alternate') ?? links[0];
  return alt?.getAttribute('href')?.trim() || null;
}

function atomAuthors(el: DomElement, p: string): string | null {
  const names = kids(el)
    .filter((k) => lower(k) === `${p}author` || lower(k) === `${p}contributor`)
    .slice(0, 5)
    .map((a) => childText(a, [`${p}name`]) ?? inlineText(a))
    .filter((n) => n !== '');
  return names.length > 0 ? [...new Set(names)].join(', ') : null;
}

function atomEntry(el: DomElement, p: string, i: number): ParsedItem {
  const title = plainTitle(child(el, [`${p}title`]));
  const content = child(el, [`${p}content`]);
  const summary = child(el, [`${p}summary`]);
  const body = richText(content) || richText(summary);
  const categories = kids(el)
    .filter((k) => lower(k) === `${p}category`)
    .map((c) => c.getAttribute('term') ?? c.getAttribute('label') ?? inlineText(c))
    .filter((c) => c !== '');
  const metadata: Record<string, unknown> = {};
  if (categories.length > 0) metadata['categories'] = categories;
  const updated = childText(el, [`${p}updated`, `${p}modified`]);
  if (updated) metadata['updated'] = updated;
  return {
    kind: 'entry',
    key: childText(el, [`${p}id`]) ?? atomLink(el, p) ?? `entry-${i + 1}`,
    parentKey: null,
    title,
    author: atomAuthors(el, p),
    url: atomLink(el, p),
    rawDate: childText(el, [`${p}published`, `${p}issued`, `${p}created`, `${p}updated`, `${p}modified`, 'dc:date']),
    text: body,
    metadata,
  };
}

function rssItem(el: DomElement, i: number): ParsedItem {
  const title = plainTitle(child(el, ['title', 'dc:title']));
  const body = richText(child(el, ['content:encoded'])) || richText(child(el, ['description', 'dc:description', 'summary', 'atom:summary', 'media:description']));
  const guid = childText(el, ['guid', 'dc:identifier']);
  const link =
    childText(el, ['link']) ??
    child(el, ['atom:link'])?.getAttribute('href') ??
    (guid && /^https?:\/\//i.test(guid) ? guid : null) ??
    el.getAttribute('rdf:about');
  const categories = kids(el)
    .filter((k) => lower(k) === 'category' || lower(k) === 'dc:subject')
    .map((c) => inlineText(c))
    .filter((c) => c !== '');
  const metadata: Record<string, unknown> = {};
  if (categories.length > 0) metadata['categories'] = categories;
  const comments = childText(el, ['comments', 'wfw:commentrss']);
  if (comments) metadata['comments'] = comments;
  const enclosure = child(el, ['enclosure'])?.getAttribute('url');
  if (enclosure) metadata['enclosure'] = enclosure;
  return {
    kind: 'entry',
    key: guid ?? link ?? el.getAttribute('rdf:about') ?? `item-${i + 1}`,
    parentKey: null,
    title,
    author: childText(el, ['dc:creator', 'author', 'atom:author', 'itunes:author', 'dc:contributor']),
    url: link,
    rawDate: childText(el, ['pubdate', 'dc:date', 'published', 'atom:published', 'updated', 'atom:updated', 'a10:updated', 'dcterms:created', 'dcterms:issued']),
    text: body,
    metadata,
  };
}

/** Parses an RSS 2.0, RSS 1.0 (RDF) or Atom feed into one item per entry. Never expands entities. */
export function parseFeed(xml: string, opts: ParseOptions): ParsedDocument {
  const doc = loadXml(stripDoctype(xml.replace(/^\uFEFF/, '')));
  const root = doc.documentElement;
  if (!root) throw createError(ERRORS.INPUT_MALFORMED, 'not a feed: no XML root element found', opts.inputName);
  const rootName = lower(root);
  let kind: FeedKind;
  let prefix = '';
  if (rootName === 'rss') kind = 'rss2';
  else if (rootName === 'rdf:rdf' || rootName === 'rdf') kind = 'rss1';
  else if (rootName === 'feed' || rootName.endsWith(':feed')) {
    kind = 'atom';
    prefix = rootName.slice(0, rootName.length - 'feed'.length);
  } else if (descendants(root, 'item').length > 0) kind = 'rss2';
  else if (descendants(root, 'entry').length > 0) kind = 'atom';
  else throw createError(ERRORS.INPUT_MALFORMED, `not an RSS or Atom feed: the root element is <${root.tagName}>`, opts.inputName);

  const warnings: ParseWarning[] = [];
  const parsed: ParsedItem[] = [];
  let feedTitle: string | null;
  let feedLink: string | null;
  const metadata: Record<string, unknown> = { feedType: kind };

  if (kind === 'atom') {
    feedTitle = plainTitle(child(root, [`${prefix}title`]));
    feedLink = atomLink(root, prefix);
    const subtitle = childText(root, [`${prefix}subtitle`, `${prefix}tagline`]);
    if (subtitle) metadata['description'] = subtitle;
    const entries = rootName.endsWith('feed') ? kids(root).filter((k) => lower(k) === `${prefix}entry`) : descendants(root, 'entry');
    entries.forEach((e, i) => parsed.push(atomEntry(e, prefix, i)));
  } else {
    const channel = child(root, ['channel']) ?? root;
    feedTitle = plainTitle(child(channel, ['title', 'dc:title']));
    feedLink = childText(channel, ['link']) ?? child(channel, ['atom:link'])?.getAttribute('href') ?? null;
    const description = childText(channel, ['description', 'dc:description']);
    if (description) metadata['description'] = description;
    const language = childText(channel, ['language', 'dc:language']);
    if (language) metadata['language'] = language;
    descendants(root, 'item').forEach((e, i) => parsed.push(rssItem(e, i)));
  }

  const items: ParsedItem[] = [];
  const keys = new Set<string>();
  parsed.forEach((item, i) => {
    if (item.text === '') {
      if (!item.title) {
        warnings.push({ line: i + 1, message: `entry ${i + 1} has neither text nor title; skipped` });
        return;
      }
      // Headline-only entries (link blogs, news tickers) still carry the statement.
      item.text = item.title;
      item.metadata['textFromTitle'] = true;
    }
    if (item.key !== null && keys.has(item.key)) {
      warnings.push({ line: i + 1, message: `entry ${i + 1} repeats the id "${item.key}"` });
      item.key = `${item.key}#${i + 1}`;
    }
    if (item.key !== null) keys.add(item.key);
    items.push(item);
  });
  if (feedLink) metadata['link'] = feedLink;

  return {
    format: 'feed',
    title: feedTitle,
    sourceHint:
      feedTitle || feedLink ? { ...(feedTitle ? { name: feedTitle } : {}), ...(feedLink ? { url: feedLink } : {}), kind: 'feed' } : null,
    items,
    warnings,
    metadata,
  };
}
