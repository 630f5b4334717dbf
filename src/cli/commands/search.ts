import { plainSnippet } from '../../search/snippet.js';
import type { Item } from '../../core/types.js';
import { compileQuery, formatQueryError, QueryError } from '../../search/index.js';
import type { HighlightPlan } from '../../search/index.js';
import { clip, out, sourceMap, withStore, type GlobalOptions } from '../common.js';
import { presentItem } from '../present.js';

interface SearchFlags extends GlobalOptions {
  limit: number;
  offset: number;
  collapseDuplicates?: boolean;
  facets?: boolean;
}

/**
 * A window of the text around its first match with the matches wrapped in ** (the API's plain
 * snippet, marked for a terminal), and the match offsets in the whole text as code points.
 */
export function snippet(item: Item, plan: HighlightPlan): { snippet: string; highlights: Array<{ start: number; end: number }> } {
  const p = plainSnippet(item.text, item.language, plan);
  const chars = Array.from(p.text);
  let marked = '';
  let at = 0;
  for (const h of p.highlights) {
    marked += `${chars.slice(at, h.start).join('')}**${chars.slice(h.start, h.end).join('')}**`;
    at = h.end;
  }
  marked += chars.slice(at).join('');
  return { snippet: `${p.clippedStart ? '…' : ''}${marked}${p.clippedEnd ? '…' : ''}`, highlights: p.matches };
}

/** `narrascope search QUERY`: exit 2 with the error pointed at when the query is invalid. */
export async function runSearch(query: string, flags: SearchFlags): Promise<number> {
  let compiled;
  try {
    compiled = compileQuery(query);
  } catch (err) {
    if (err instanceof QueryError) {
      process.stderr.write(`narrascope: invalid query\n${formatQueryError(query, err)}\n`);
      return 2;
    }
    throw err;
  }
  return withStore(flags, async (store) => {
    await store.syncSearchIndex();
    const result = await store.search({
      match: compiled.match,
      mode: compiled.mode,
      filters: compiled.filters,
      limit: flags.limit,
      offset: flags.offset,
      collapseDuplicates: flags.collapseDuplicates,
      facets: flags.facets,
    });
    const sources = await sourceMap(store);
    if (flags.json) {
      for (const hit of result.hits) {
        const item = presentItem(hit.item, sources);
        const snip = snippet(hit.item, compiled.highlight);
        await out(
          `${JSON.stringify({
            id: item.id,
            title: item.title,
            source: item.source,
            language: item.language,
            publishedAt: item.publishedAt,
            score: hit.score,
            snippet: snip.snippet,
            highlights: snip.highlights,
            copies: hit.copies,
            url: item.url,
            author: item.author,
            text: item.text,
          })}\n`,
        );
      }
      if (flags.facets && result.facets) await out(`${JSON.stringify({ total: result.total, facets: result.facets })}\n`);
      return 0;
    }
    for (const hit of result.hits) {
      const source = sources.get(hit.item.sourceId)?.name ?? hit.item.sourceId;
      const title = hit.item.title ?? clip(hit.item.text, 60);
      await out(
        `${hit.item.id}  ${(hit.item.publishedAt ?? '—').padEnd(10)}  ${hit.item.language.padEnd(3)}  ${clip(source, 20).padEnd(20)}  ${clip(title, 60)}` +
          `${hit.copies > 1 ? `  (${hit.copies} copies)` : ''}\n    ${snippet(hit.item, compiled.highlight).snippet}\n`,
      );
    }
    if (result.facets) {
      for (const [name, counts] of Object.entries(result.facets)) {
        const top = Object.entries(counts)
          .slice(0, 12)
          .map(([k, n]) => `${k} ${n}`)
          .join(', ');
        await out(`${name}: ${top}\n`);
      }
    }
    process.stderr.write(`${result.hits.length > 0 ? flags.offset + 1 : 0}–${flags.offset + result.hits.length} of ${result.total} result(s)\n`);
    return 0;
  });
}
