// Small charts as inline SVG built with DOM calls. Colours are classes (c0 … c9 in app.css), so the
// palette lives in the style sheet and no inline style is needed under the page's CSP.
import { fmt, h, s } from './dom.js';

export const PALETTE_SIZE = 10;

/** A colour class for the i-th key of a legend. */
export function colour(i: number): string {
  return `c${i % PALETTE_SIZE}`;
}

export interface StackedSeries {
  key: string;
  counts: number[];
}

/** Keep the largest `max` series and sum the rest into "other". */
export function topSeries(series: ReadonlyArray<StackedSeries & { total: number }>, max = 8): StackedSeries[] {
  if (series.length <= max) return series.map((x) => ({ key: x.key, counts: x.counts }));
  const keep = series.slice(0, max - 1).map((x) => ({ key: x.key, counts: x.counts }));
  const rest = series.slice(max - 1);
  const other = (rest[0]?.counts ?? []).map((_, i) => rest.reduce((sum, x) => sum + (x.counts[i] ?? 0), 0));
  return [...keep, { key: `other (${rest.length})`, counts: other }];
}

/** A legend: a swatch and a key per series. */
export function legend(keys: readonly string[], label = 'Legend'): HTMLElement {
  return h('ul', { class: 'legend', 'aria-label': label }, ...keys.map((k, i) => h('li', {}, h('span', { class: `sw ${colour(i)}`, 'aria-hidden': 'true' }), k)));
}

/**
 * Stacked bars: one bar per bucket, one colour per series, a title on every piece; the labels of
 * the first, middle and last buckets and the tallest bar's count on the axes.
 */
export function stackedBars(buckets: readonly string[], series: readonly StackedSeries[], opts: { label: string; height?: number; gaps?: boolean } = { label: 'chart' }): SVGElement {
  const height = opts.height ?? 160;
  const barW = Math.max(3, Math.min(28, Math.floor(640 / Math.max(1, buckets.length))));
  const left = 34;
  const bottom = 22;
  const width = left + buckets.length * barW + 8;
  const totals = buckets.map((_, i) => series.reduce((sum, x) => sum + (x.counts[i] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const plotH = height - bottom - 8;
  const svg = s('svg', { class: 'chart', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': opts.label });
  svg.append(s('title', {}, opts.label));
  svg.append(s('line', { x1: left, x2: width - 4, y1: height - bottom + 0.5, y2: height - bottom + 0.5, class: 'axis' }));
  svg.append(s('text', { x: left - 4, y: 14, class: 'tick', 'text-anchor': 'end' }, fmt(max)));
  svg.append(s('text', { x: left - 4, y: height - bottom, class: 'tick', 'text-anchor': 'end' }, '0'));
  buckets.forEach((b, i) => {
    const x = left + i * barW;
    let y = height - bottom;
    if (opts.gaps && totals[i] === 0) {
      // An empty interval between dated items: marked, since a silent source is news too.
      const gap = s('rect', { x: x + 0.5, y: 8, width: Math.max(1, barW - 1), height: plotH, class: 'gap' });
      gap.append(s('title', {}, `${b}: nothing`));
      svg.append(gap);
    }
    series.forEach((x2, j) => {
      const n = x2.counts[i] ?? 0;
      if (n === 0) return;
      const hgt = Math.max(1, (n / max) * plotH);
      y -= hgt;
      const r = s('rect', { x: x + 0.5, y, width: Math.max(1, barW - 1), height: hgt, class: colour(j) });
      r.append(s('title', {}, `${x2.key}, ${b}: ${fmt(n)}`));
      svg.append(r);
    });
  });
  // First, last and middle labels, each only where it does not run into one already drawn.
  const ticks = buckets.length <= 1 ? [0] : [0, buckets.length - 1, Math.floor((buckets.length - 1) / 2)];
  const drawn: Array<[number, number]> = [];
  for (const i of new Set(ticks)) {
    const b = buckets[i];
    if (b === undefined) continue;
    const anchor = i === 0 ? 'start' : i === buckets.length - 1 ? 'end' : 'middle';
    const x = left + i * barW + (anchor === 'start' ? 0 : anchor === 'end' ? barW : barW / 2);
    const w = b.length * 6;
    const span: [number, number] = anchor === 'start' ? [x, x + w] : anchor === 'end' ? [x - w, x] : [x - w / 2, x + w / 2];
    if (drawn.some(([a, z]) => span[0] < z + 6 && span[1] > a - 6)) continue;
    drawn.push(span);
    svg.append(s('text', { x, y: height - 6, class: 'tick', 'text-anchor': anchor }, b));
  }
  return svg;
}

/** The numbers behind a chart, as a table (for screen readers and for copying). */
export function seriesTable(buckets: readonly string[], series: readonly StackedSeries[], caption: string): HTMLElement {
  return h(
    'details',
    { class: 'table-details' },
    h('summary', {}, 'Table'),
    h(
      'div',
      { class: 'scroll' },
      h(
        'table',
        {},
        h('caption', {}, caption),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'interval'), ...series.map((x) => h('th', { scope: 'col' }, x.key)))),
        h('tbody', {}, ...buckets.map((b, i) => h('tr', {}, h('th', { scope: 'row' }, b), ...series.map((x) => h('td', {}, fmt(x.counts[i] ?? 0)))))),
      ),
    ),
  );
}

export interface NetNode {
  id: string;
  label: string;
  weight: number;
  group: number;
}

export interface NetEdge {
  a: string;
  b: string;
  weight: number;
}

/**
 * Place nodes with a few hundred steps of a plain force layout (springs on edges, repulsion
 * between all pairs), seeded on a circle so the picture is the same on every load.
 */
export function layout(nodes: readonly NetNode[], edges: readonly NetEdge[], size: number): Map<string, { x: number; y: number }> {
  const pos = new Map<string, { x: number; y: number; dx: number; dy: number }>();
  nodes.forEach((n, i) => {
    const a = (2 * Math.PI * i) / Math.max(1, nodes.length);
    pos.set(n.id, { x: size / 2 + (size / 3) * Math.cos(a), y: size / 2 + (size / 3) * Math.sin(a), dx: 0, dy: 0 });
  });
  const k = Math.sqrt((size * size) / Math.max(1, nodes.length)) * 0.9;
  const list = [...pos.values()];
  for (let step = 0; step < 300; step++) {
    const t = (size / 10) * (1 - step / 300);
    for (const p of list) {
      p.dx = 0;
      p.dy = 0;
    }
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const p = list[i];
        const q = list[j];
        if (!p || !q) continue;
        const dx = p.x - q.x;
        const dy = p.y - q.y;
        const d = Math.max(0.01, Math.hypot(dx, dy));
        const f = (k * k) / d;
        p.dx += (dx / d) * f;
        p.dy += (dy / d) * f;
        q.dx -= (dx / d) * f;
        q.dy -= (dy / d) * f;
      }
    }
    for (const e of edges) {
      const p = pos.get(e.a);
      const q = pos.get(e.b);
      if (!p || !q) continue;
      const dx = p.x - q.x;
      const dy = p.y - q.y;
      const d = Math.max(0.01, Math.hypot(dx, dy));
      const f = ((d * d) / k) * Math.min(3, 1 + Math.log(e.weight));
      p.dx -= (dx / d) * f;
      p.dy -= (dy / d) * f;
      q.dx += (dx / d) * f;
      q.dy += (dy / d) * f;
    }
    for (const p of list) {
      const d = Math.max(0.01, Math.hypot(p.dx, p.dy));
      // Margins wide enough for a label centred on its node.
      p.x = Math.min(size - 70, Math.max(70, p.x + (p.dx / d) * Math.min(d, t)));
      p.y = Math.min(size - 16, Math.max(24, p.y + (p.dy / d) * Math.min(d, t)));
    }
  }
  return new Map([...pos].map(([id, p]) => [id, { x: p.x, y: p.y }]));
}
