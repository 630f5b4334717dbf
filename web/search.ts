// The search page: a query box with the syntax at hand, facets that narrow the query, snippets with
// the matches marked (by offset, as text), duplicates collapsed on request, and the matching items
// per month as a small chart. The state lives in the URL, so a search can be bookmarked.
import { ApiError, apiUrl, getJson, type SearchHit, type SearchResponse } from './api.js';
import { stackedBars } from './charts.js';
import { apiLink, exportBar, fmt, h, itemPath, message, params } from './dom.js';

const PAGE = 20;

const SYNTAX: Array<[string, string]> = [
  ['reservoir', 'a word, stemmed: finds reservoirs too (English, Russian, Ukrainian)'],
  ['"never told"', 'an exact phrase'],
  ['ferry AND fares, ferry OR boat', 'both words; either word (AND is the default)'],
  ['NOT election, -election', 'leave out items with the word'],
  ['reserv*', 'a word starting with reserv'],
  ['council NEAR/5 sale', 'two words at most 5 words apart'],
  ['(ferry OR boat) fares', 'group with parentheses'],
  ['source:NAME lang:ru', 'only a source; only a language'],
  ['from:2024-03 to:2024-04-15', 'dates: a year, month or day'],
  ['title:reservoir author:"Edwin Marsh"', 'in the title; by an author'],
  ['technique:loaded entity:PER narrative:ID', 'items with a span of a technique, an entity (a name or a type) or a narrative'],
];

/** A snippet with its matches marked: text nodes and <mark> elements only. */
export function snippet(hit: SearchHit): HTMLElement {
  const p = h('p', { class: 'snippet' });
  const cps = Array.from(hit.snippet.text);
  let at = 0;
  if (hit.snippet.clippedStart) p.append('… ');
  for (const r of [...hit.snippet.highlights].sort((a, b) => a.start - b.start)) {
    if (r.start < at) continue;
    p.append(cps.slice(at, r.start).join(''), h('mark', {}, cps.slice(r.start, r.end).join('')));
    at = r.end;
  }
  p.append(cps.slice(at).join(''));
  if (hit.snippet.clippedEnd) p.append(' …');
  return p;
}

/** A query with a filter added, quoting the value when it has spaces or quotes. */
function withFilter(q: string, field: string, value: string): string {
  const v = /^[\p{L}\p{N}_.-]+$/u.test(value) ? value : `"${value.replace(/"/g, '')}"`;
  return `${q.trim()} ${field}:${v}`.trim();
}

function facetList(title: string, counts: Record<string, number>, field: string | null, q: string, collapse: boolean): HTMLElement {
  const rows = Object.entries(counts).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return h(
    'section',
    { class: 'facet', 'aria-label': `By ${title}` },
    h('h3', {}, title),
    h(
      'ul',
      { class: 'plain' },
      ...rows.slice(0, 12).map(([k, n]) =>
        h('li', {}, field ? h('a', { href: searchHref(withFilter(q, field, k), collapse) }, k) : k, ' ', h('span', { class: 'count' }, fmt(n))),
      ),
    ),
  );
}

function searchHref(q: string, collapse: boolean, offset = 0): string {
  return apiUrl('/search', { q, collapse: collapse ? '1' : undefined, offset: offset > 0 ? offset : undefined });
}

/** Render the search page. */
export async function searchPage(root: HTMLElement): Promise<void> {
  const p = params();
  const q = p.get('q') ?? '';
  const collapse = p.get('collapse') === '1';
  const offset = Math.max(0, Number(p.get('offset') ?? 0) || 0);

  const input = h('input', { type: 'search', id: 'q', name: 'q', value: q, autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'syntax-help', required: true });
  const form = h(
    'form',
    { class: 'search-form', role: 'search', action: '/search', method: 'get' },
    h('label', { for: 'q' }, 'Query'),
    input,
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'collapse', value: '1', checked: collapse }), ' Collapse duplicates'),
    h('button', { type: 'submit' }, 'Search'),
  );
  const help = h(
    'details',
    { class: 'syntax', id: 'syntax-help' },
    h('summary', {}, 'Query syntax'),
    h('table', {}, h('tbody', {}, ...SYNTAX.map(([ex, what]) => h('tr', {}, h('td', {}, h('code', {}, ex)), h('td', {}, what))))),
  );
  const results = h('div', { class: 'results', id: 'results' });
  root.replaceChildren(form, help, results);
  if (q.trim() === '') {
    results.append(message('Type a query: words, "phrases", source:, lang:, from:, to: … (see Query syntax).'));
    input.focus();
    return;
  }
  let r: SearchResponse;
  try {
    r = await getJson<SearchResponse>('/api/search', { q, limit: PAGE, offset, collapse, facets: true });
  } catch (err) {
    // The server's detail points at the error with a caret: keep its lines.
    results.append(h('pre', { class: 'msg error', role: 'alert' }, err instanceof ApiError ? err.detail : String(err)));
    return;
  }
  const summary = h('p', { class: 'summary', id: 'result-count' }, `${fmt(r.total)} item${r.total === 1 ? '' : 's'}${collapse ? ' (duplicates collapsed)' : ''}`, r.total > 0 ? `, ${offset + 1}–${offset + r.hits.length} shown` : '');
  const list = h('ol', { class: 'hits', start: offset + 1 });
  for (const hit of r.hits) {
    list.append(
      h(
        'li',
        { class: 'hit' },
        h('h2', { class: 'hit-title' }, h('a', { href: itemPath(hit.id) }, hit.title ?? '(untitled)')),
        h('p', { class: 'meta' }, `${hit.source} · ${hit.publishedAt ?? 'undated'} · ${hit.language}${hit.author ? ` · ${hit.author}` : ''}`, hit.copies > 1 ? h('span', { class: 'badge' }, `${hit.copies} copies`) : null),
        snippet(hit),
      ),
    );
  }
  const nav = h('nav', { class: 'pager', 'aria-label': 'Result pages' });
  if (offset > 0) nav.append(h('a', { href: searchHref(q, collapse, Math.max(0, offset - PAGE)), rel: 'prev' }, '← previous'));
  if (offset + PAGE < r.total) nav.append(h('a', { href: searchHref(q, collapse, offset + PAGE), rel: 'next' }, 'next →'));

  const facets = h('aside', { class: 'facets', 'aria-label': 'Facets' });
  if (r.facets) {
    const months = Object.keys(r.facets.month).filter((m) => /^\d{4}-\d{2}$/.test(m)).sort();
    if (months.length > 0) {
      const all = monthRange(months[0] ?? '', months[months.length - 1] ?? '');
      const counts = all.map((m) => r.facets?.month[m] ?? 0);
      facets.append(h('section', { class: 'facet', 'aria-label': 'Matches over time' }, h('h3', {}, 'Over time (by month)'), stackedBars(all, [{ key: 'items', counts }], { label: `Matching items per month, ${all[0] ?? ''} to ${all[all.length - 1] ?? ''}`, height: 110 })));
    }
    facets.append(facetList('Source', r.facets.source, 'source', q, collapse), facetList('Language', r.facets.language, 'lang', q, collapse));
  }
  results.append(
    h('div', { class: 'search-layout' }, h('div', {}, summary, list, nav), facets),
    exportBar(apiLink('JSON Lines', apiUrl('/api/export', { q, format: 'jsonl' })), apiLink('CSV', apiUrl('/api/export', { q, format: 'csv' })), apiLink('Web Annotation', apiUrl('/api/export', { q, format: 'webannotation' }))),
  );
}

/** Every month from a to b (YYYY-MM), so gaps show as empty bars. */
export function monthRange(a: string, b: string): string[] {
  const out: string[] = [];
  let [y, m] = a.split('-').map(Number) as [number, number];
  const [y2, m2] = b.split('-').map(Number) as [number, number];
  if (!Number.isFinite(y) || !Number.isFinite(m)) return [a];
  while ((y < y2 || (y === y2 && m <= m2)) && out.length < 600) {
    out.push(`${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}
