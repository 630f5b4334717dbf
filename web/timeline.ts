// Timeline (/timeline): stacked counts per interval by source, language, technique, narrative or
// entity, for the whole corpus or a query. The form's state is the URL.
import { ApiError, apiUrl, getJson, type Series } from './api.js';
import { legend, seriesTable, stackedBars, topSeries } from './charts.js';
import { apiLink, csvRow, downloadButton, exportBar, fmt, h, message, params } from './dom.js';

const BY: Array<[string, string]> = [
  ['source', 'source'],
  ['language', 'language'],
  ['technique', 'technique (items)'],
  ['narrative', 'narrative (items)'],
  ['entity', 'entity (items)'],
  ['layer:technique', 'technique (spans)'],
  ['layer:entity', 'entity type (spans)'],
];
const INTERVALS = ['day', 'week', 'month'];

function select(name: string, label: string, options: Array<[string, string]>, value: string): HTMLElement {
  const id = `f-${name}`;
  return h('span', { class: 'field' }, h('label', { for: id }, label), h('select', { id, name }, ...options.map(([v, text]) => h('option', { value: v, selected: v === value }, text))));
}

/** Render the timeline page. */
export async function timelinePage(root: HTMLElement): Promise<void> {
  const p = params();
  const by = BY.some(([v]) => v === p.get('by')) ? (p.get('by') ?? 'source') : 'source';
  const interval = INTERVALS.includes(p.get('interval') ?? '') ? (p.get('interval') ?? 'month') : 'month';
  const q = p.get('q') ?? '';
  const form = h(
    'form',
    { class: 'controls', action: '/timeline', method: 'get' },
    select('by', 'Count by', BY, by),
    select('interval', 'Interval', INTERVALS.map((i) => [i, i]), interval),
    h('span', { class: 'field' }, h('label', { for: 'f-q' }, 'Only items matching'), h('input', { id: 'f-q', name: 'q', type: 'search', value: q, placeholder: 'a query (optional)' })),
    h('button', { type: 'submit' }, 'Show'),
  );
  const out = h('div', { class: 'chart-wrap' });
  root.replaceChildren(form, out);
  let r: Series;
  try {
    r = await getJson<Series>('/api/timeseries', { by, interval, q: q || undefined });
  } catch (err) {
    out.append(h('pre', { class: 'msg error', role: 'alert' }, err instanceof ApiError ? err.detail : String(err)));
    return;
  }
  if (r.buckets.length === 0) {
    out.append(message('Nothing dated to count.'));
    return;
  }
  const series = topSeries(r.series, 9);
  const what = BY.find(([v]) => v === by)?.[1] ?? by;
  const label = `${by.startsWith('layer:') ? 'Spans' : 'Items'} per ${interval} by ${what}, ${r.buckets[0] ?? ''} to ${r.buckets[r.buckets.length - 1] ?? ''}`;
  out.append(
    h('p', { class: 'summary' }, `${fmt(r.total)} counted`, r.undated > 0 ? `, ${fmt(r.undated)} undated` : '', r.imprecise > 0 ? `, ${fmt(r.imprecise)} dated less precisely than a ${interval}` : '', r.undated + r.imprecise > 0 ? ' (those not shown).' : '.'),
    h('div', { class: 'scroll' }, stackedBars(r.buckets, series, { label, height: 220 })),
    legend(series.map((x) => x.key), `Colours: ${what}`),
    seriesTable(r.buckets, series, label),
    exportBar(
      apiLink('JSON (API)', apiUrl('/api/timeseries', { by, interval, q: q || undefined })),
      downloadButton('CSV', `narrascope-timeline-${what.replace(/\s+/g, '-')}-${interval}.csv`, 'text/csv', () => csvRow(['interval', 'key', 'count']) + r.series.flatMap((x) => r.buckets.map((b, i) => csvRow([b, x.key, x.counts[i] ?? 0]))).join('')),
    ),
  );
}
