// RSS and Atom: one conditional GET of the feed; each entry becomes its own record, so an entry
// that falls off the end of the feed stays in the corpus and one seen again is not a duplicate.
import { createError, ERRORS } from '../../core/errors.js';
import { parseFeed } from '../../ingest/feed.js';
import type { ParsedItem } from '../../ingest/types.js';
import { sha256 } from '../../core/hash.js';
import type { Collector, CollectedRecord } from './types.js';
import { isoOrNull, responseText } from './types.js';
import type { FetchedResponse } from '../fetch.js';

export const FEED_ACCEPT = 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5';

/** The records of a feed answer: one per entry, keyed by guid/id, else link, else content. */
export function feedRecords(xml: string, response: FetchedResponse): CollectedRecord[] {
  // The XML parser is lenient: a cut-off answer would pass as a shorter feed. It must be whole.
  if (!/<\/(?:[\w-]+:)?(?:rss|feed|RDF)\s*>\s*$/i.test(xml)) {
    throw createError(ERRORS.INPUT_MALFORMED, `${response.url}: malformed or truncated feed (no closing </rss>, </feed> or </rdf:RDF>)`, response.url);
  }
  const doc = parseFeed(xml, { inputName: response.url });
  return doc.items.map((item: ParsedItem) => {
    const guid = typeof item.metadata.guid === 'string' ? item.metadata.guid : null;
    const key = `entry:${item.key ?? guid ?? item.url ?? sha256(`${item.title ?? ''}\n${item.text}`).slice(0, 16)}`;
    return {
      key,
      url: item.url,
      title: item.title,
      items: [{ ...item, parentKey: null, metadata: { ...item.metadata, feed: doc.title ?? response.url } }],
      response,
      publishedAt: isoOrNull(item.rawDate),
      format: 'feed' as const,
    };
  });
}

export const feedCollector: Collector = {
  kind: 'feed',
  async collect(ctx) {
    const res = await ctx.get(ctx.url, { accept: FEED_ACCEPT, conditional: true });
    if (!res) return;
    for (const r of feedRecords(responseText(res), res)) ctx.emit(r);
  },
};
