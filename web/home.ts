// The overview (/): a search box, the sources, and the shared passages and duplicates to follow.
import { getJson, type SourceSummary } from './api.js';
import { apiLink, exportBar, fmt, h, message } from './dom.js';
import { lineageIndex } from './lineage.js';

/** Render the overview page. */
export async function homePage(root: HTMLElement): Promise<void> {
  const { sources } = await getJson<{ sources: SourceSummary[] }>('/api/sources');
  const form = h(
    'form',
    { class: 'search-form', role: 'search', action: '/search', method: 'get' },
    h('label', { for: 'q' }, 'Search the corpus'),
    h('input', { type: 'search', id: 'q', name: 'q', required: true }),
    h('button', { type: 'submit' }, 'Search'),
  );
  const table =
    sources.length === 0
      ? message('No sources yet: ingest something (narrascope ingest PATH).')
      : h(
          'table',
          { class: 'sources' },
          h('caption', {}, 'Sources'),
          h('thead', {}, h('tr', {}, ...['source', 'kind', 'items', 'first', 'last', 'languages'].map((c) => h('th', { scope: 'col' }, c)))),
          h(
            'tbody',
            {},
            ...sources.map((s) =>
              h(
                'tr',
                {},
                h('th', { scope: 'row' }, h('a', { href: `/search?q=${encodeURIComponent(`source:"${s.name}"`)}` }, s.name)),
                h('td', {}, s.kind),
                h('td', { class: 'num' }, fmt(s.items)),
                h('td', {}, s.firstDate ?? '—'),
                h('td', {}, s.lastDate ?? '—'),
                h('td', {}, Object.entries(s.languages).map(([l, n]) => `${l} ${n}`).join(', ')),
              ),
            ),
          ),
        );
  const lineage = h('div', {});
  root.replaceChildren(form, table, lineage, exportBar(apiLink('all items JSON Lines', '/api/export?format=jsonl'), apiLink('all items CSV', '/api/export?format=csv'), apiLink('all spans Web Annotation', '/api/export?format=webannotation')));
  await lineageIndex(lineage);
}
