// Lineage (/lineage/passage/ID, /lineage/cluster/ID): where a shared passage or a duplicated item
// appeared, in time order across sources, first seen first, on a time axis and as a list.
import { apiUrl, getJson, type Cluster, type ClusterMember, type Passage } from './api.js';
import { colour } from './charts.js';
import { apiLink, csvRow, downloadButton, exportBar, fmt, h, itemPath, message, pathParts, replace, s, setTitle } from './dom.js';

interface Point {
  item: string;
  source: string;
  date: string | null;
  label: string;
  first: boolean;
  at?: { start: number; end: number };
}

const DAY = 86_400_000;

/** A date of any precision as a time (the start of its month or year). */
function time(d: string): number {
  const [y, m, day] = d.split('-').map(Number);
  return Date.UTC(y ?? 1970, (m ?? 1) - 1, day ?? 1);
}

/** A time axis: one row per source, a dot per occurrence, the first one ringed. */
export function timeAxis(points: readonly Point[], label: string): SVGElement {
  const dated = points.filter((p) => p.date !== null);
  const sources = [...new Set(points.map((p) => p.source))];
  const left = 150;
  const width = 720;
  const row = 26;
  const height = 30 + sources.length * row;
  const times = dated.map((p) => time(p.date ?? ''));
  const min = Math.min(...times, Date.now());
  const max = Math.max(...times, min + DAY);
  const t0 = dated.length > 0 ? Math.min(...times) : min;
  const t1 = dated.length > 0 ? Math.max(...times, t0 + DAY) : max;
  const x = (t: number): number => left + 10 + ((t - t0) / (t1 - t0)) * (width - left - 30);
  const svg = s('svg', { class: 'chart timeaxis', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': label });
  svg.append(s('title', {}, label));
  sources.forEach((src, i) => {
    const y = 14 + i * row + row / 2;
    svg.append(s('text', { x: left - 6, y: y + 4, class: 'tick', 'text-anchor': 'end' }, src.length > 22 ? `${src.slice(0, 21)}…` : src));
    svg.append(s('line', { x1: left, x2: width - 10, y1: y, y2: y, class: 'grid' }));
  });
  for (const p of dated) {
    const y = 14 + sources.indexOf(p.source) * row + row / 2;
    const a = s('a', { href: itemPath(p.item, p.at) });
    const dot = s('circle', { cx: x(time(p.date ?? '')), cy: y, r: p.first ? 7 : 5, class: `${colour(sources.indexOf(p.source))}${p.first ? ' first' : ''}` });
    dot.append(s('title', {}, `${p.date ?? ''} · ${p.source} · ${p.label}${p.first ? ' (first seen)' : ''}`));
    a.append(dot);
    svg.append(a);
  }
  const lastY = height - 4;
  svg.append(s('text', { x: left, y: lastY, class: 'tick' }, new Date(t0).toISOString().slice(0, 10)));
  svg.append(s('text', { x: width - 10, y: lastY, class: 'tick', 'text-anchor': 'end' }, new Date(t1).toISOString().slice(0, 10)));
  return svg;
}

function occurrenceList(points: readonly Point[], texts?: ReadonlyArray<string | undefined>): HTMLElement {
  return h(
    'ol',
    { class: 'lineage' },
    ...points.map((p, i) =>
      h(
        'li',
        { class: p.first ? 'first' : '' },
        h('span', { class: 'date' }, p.date ?? 'undated'),
        ' ',
        h('span', { class: 'src' }, p.source),
        ' ',
        h('a', { href: itemPath(p.item, p.at) }, p.label),
        p.first ? h('span', { class: 'badge' }, 'first seen') : null,
        texts?.[i] ? h('blockquote', {}, texts[i]) : null,
      ),
    ),
  );
}

async function passageLineage(root: HTMLElement, id: string): Promise<void> {
  const p = await getJson<Passage>(`/api/passages/${encodeURIComponent(id)}`);
  setTitle(`Lineage of a shared passage`);
  const points: Point[] = p.occurrences.map((o) => ({ item: o.item, source: o.source, date: o.publishedAt, label: o.title ?? o.item, first: o.first, at: { start: o.start, end: o.end } }));
  replace(
    root,
    h('p', { class: 'summary' }, `${p.words} words, ${fmt(p.occurrences.length)} occurrences in ${p.sources} source${p.sources === 1 ? '' : 's'}; first seen ${p.firstSeen?.publishedAt ?? 'undated'} in ${p.firstSeen?.source ?? '?'}.`),
    h('blockquote', { class: 'passage' }, p.text),
    timeAxis(points, `Occurrences of the passage over time, by source`),
    h('h2', {}, 'Occurrences in time order'),
    occurrenceList(points, p.occurrences.map((o) => o.text)),
    exportBar(
      apiLink('JSON (API)', `/api/passages/${encodeURIComponent(p.id)}`),
      downloadButton('CSV', `narrascope-passage-${p.id}.csv`, 'text/csv', () =>
        csvRow(['passage', 'item', 'source', 'publishedAt', 'start', 'end', 'first', 'text']) + p.occurrences.map((o) => csvRow([p.id, o.item, o.source, o.publishedAt, o.start, o.end, String(o.first), o.text ?? ''])).join(''),
      ),
    ),
  );
}

async function clusterLineage(root: HTMLElement, id: string): Promise<void> {
  const { clusters } = await getJson<{ clusters: Cluster[] }>('/api/duplicates', { limit: 500 });
  const c = clusters.find((x) => x.id === id);
  if (!c) {
    replace(root, message(`No duplicate cluster "${id}" (clusters change as items are added).`, 'error'));
    return;
  }
  setTitle('Lineage of a duplicated item');
  const members: ClusterMember[] = [c.firstSeen, ...c.reposts];
  const points: Point[] = members.map((m, i) => ({ item: m.id, source: m.source ?? '?', date: m.publishedAt, label: `${m.title ?? m.id}${i > 0 ? ` (${m.exact ? 'identical' : `similarity ${m.similarity}`})` : ''}`, first: i === 0 }));
  replace(
    root,
    h('p', { class: 'summary' }, `${c.size} copies; first seen ${c.firstSeen.publishedAt ?? 'undated'} in ${c.firstSeen.source ?? '?'}.`),
    timeAxis(points, 'Copies of the item over time, by source'),
    h('h2', {}, 'Copies in time order'),
    occurrenceList(points),
    exportBar(
      apiLink('all clusters JSON (API)', apiUrl('/api/duplicates', { limit: 500 })),
      downloadButton('CSV', `narrascope-cluster-${c.id}.csv`, 'text/csv', () => csvRow(['cluster', 'item', 'source', 'publishedAt', 'similarity', 'exact']) + members.map((m) => csvRow([c.id, m.id, m.source, m.publishedAt, m.similarity, String(m.exact)])).join('')),
    ),
  );
}

/** A list of passages and clusters to pick from, when no id is given. */
export async function lineageIndex(root: HTMLElement): Promise<void> {
  const [{ passages }, { clusters }] = await Promise.all([getJson<{ passages: Passage[] }>('/api/passages', { limit: 50 }), getJson<{ clusters: Cluster[] }>('/api/duplicates', { limit: 50 })]);
  replace(
    root,
    h('h2', {}, 'Shared passages'),
    passages.length === 0
      ? message('No shared passages yet (run narrascope reuse).')
      : h('ol', {}, ...passages.map((p) => h('li', {}, h('a', { href: `/lineage/passage/${encodeURIComponent(p.id)}` }, `${p.text.slice(0, 120)}${p.text.length > 120 ? '…' : ''}`), ` · ${p.occurrences.length} occurrences, ${p.sources} sources`))),
    h('h2', {}, 'Duplicate clusters'),
    clusters.length === 0
      ? message('No duplicates.')
      : h('ol', {}, ...clusters.map((c) => h('li', {}, h('a', { href: `/lineage/cluster/${encodeURIComponent(c.id)}` }, c.firstSeen.title ?? c.firstSeen.id), ` · ${c.size} copies`))),
  );
}

/** Render the lineage page. */
export async function lineagePage(root: HTMLElement): Promise<void> {
  const [, kind, id] = pathParts();
  try {
    if (kind === 'passage' && id) await passageLineage(root, id);
    else if (kind === 'cluster' && id) await clusterLineage(root, id);
    else await lineageIndex(root);
  } catch (err) {
    replace(root, message(err instanceof Error ? err.message : String(err), 'error'));
  }
}
