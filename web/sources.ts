// Sources (/sources): per source its items, languages and dates, and its volume per week with the
// empty weeks between its first and last item marked: a gap is either a quiet source or a hole in
// the collection, and the analyst has to know which.
import { apiUrl, getJson, type Series, type SourceSummary } from './api.js';
import { stackedBars } from './charts.js';
import { apiLink, csvRow, downloadButton, exportBar, fmt, h, message } from './dom.js';

/** Runs of empty buckets between the first and the last non-empty one. */
export function gaps(buckets: readonly string[], counts: readonly number[]): Array<{ from: string; to: string; length: number }> {
  const first = counts.findIndex((n) => n > 0);
  let last = -1;
  counts.forEach((n, i) => {
    if (n > 0) last = i;
  });
  const out: Array<{ from: string; to: string; length: number }> = [];
  let start = -1;
  for (let i = Math.max(0, first); i <= last; i++) {
    if ((counts[i] ?? 0) === 0) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      out.push({ from: buckets[start] ?? '', to: buckets[i - 1] ?? '', length: i - start });
      start = -1;
    }
  }
  return out;
}

/** Render the sources page. */
export async function sourcesPage(root: HTMLElement): Promise<void> {
  const [{ sources }, weekly] = await Promise.all([getJson<{ sources: SourceSummary[] }>('/api/sources'), getJson<Series>('/api/timeseries', { by: 'source', interval: 'week' })]);
  if (sources.length === 0) {
    root.replaceChildren(message('No sources yet: ingest something (narrascope ingest PATH).'));
    return;
  }
  const byKey = new Map(weekly.series.map((x) => [x.key, x.counts]));
  const cards = sources.map((src) => {
    const counts = byKey.get(src.name) ?? weekly.buckets.map(() => 0);
    const g = gaps(weekly.buckets, counts);
    const langs = Object.entries(src.languages)
      .sort((a, b) => b[1] - a[1])
      .map(([l, n]) => `${l} ${n}`)
      .join(', ');
    return h(
      'section',
      { class: 'source-card', 'aria-labelledby': `src-${src.id}` },
      h('h2', { id: `src-${src.id}` }, h('a', { href: `/search?q=${encodeURIComponent(`source:"${src.name}"`)}` }, src.name)),
      h('p', { class: 'meta' }, `${src.kind} · ${fmt(src.items)} items · ${fmt(src.captures)} captures · ${src.firstDate ?? '?'} … ${src.lastDate ?? '?'} · ${langs}${src.dateOrder ? ` · dates ${src.dateOrder}` : ''}`),
      weekly.buckets.length > 0 ? h('div', { class: 'scroll' }, stackedBars(weekly.buckets, [{ key: src.name, counts }], { label: `Items of ${src.name} per week`, height: 90, gaps: true })) : null,
      g.length === 0
        ? h('p', { class: 'muted' }, 'No empty week between its first and last dated item.')
        : h('p', { class: 'gaps' }, `Empty weeks: ${g.map((x) => (x.length === 1 ? `week of ${x.from}` : `${x.from} … ${x.to} (${x.length} weeks)`)).join('; ')}`),
    );
  });
  root.replaceChildren(
    h('p', { class: 'summary' }, `${sources.length} sources; weeks run from ${weekly.buckets[0] ?? '?'} to ${weekly.buckets[weekly.buckets.length - 1] ?? '?'} (hatched: no item that week).`),
    ...cards,
    exportBar(
      apiLink('sources JSON (API)', '/api/sources'),
      apiLink('weekly counts JSON (API)', apiUrl('/api/timeseries', { by: 'source', interval: 'week' })),
      downloadButton('gaps CSV', 'narrascope-source-gaps.csv', 'text/csv', () =>
        csvRow(['source', 'from', 'to', 'weeks']) + sources.flatMap((src) => gaps(weekly.buckets, byKey.get(src.name) ?? []).map((x) => csvRow([src.name, x.from, x.to, x.length]))).join(''),
      ),
    ),
  );
}
