// Entities (/entities): the names mentioned most, which techniques surround them (entity ×
// technique matrix), and who is named together (a co-occurrence network to explore: focus or
// click a name to see its neighbours and search the items that name both).
import { apiUrl, getJson } from './api.js';
import { colour, layout, legend, type NetEdge, type NetNode } from './charts.js';
import { apiLink, csvRow, downloadButton, exportBar, fmt, h, message, params, replace, s } from './dom.js';

interface EntityCount {
  id: string;
  key: string;
  type: string;
  name: string;
  aliases: string[];
  mentions: number;
  items: number;
}

interface Matrix {
  entities: EntityCount[];
  techniques: Array<{ technique: string; items: number }>;
  counts: number[][];
}

interface Network {
  nodes: Array<{ id: string; label: string; type: string; weight: number }>;
  edges: Array<{ source: string; target: string; weight: number }>;
}

const TYPES = ['PER', 'ORG', 'LOC', 'MISC'];

/** A search for items naming these entities. */
function entitySearch(...names: string[]): string {
  return apiUrl('/search', { q: names.map((n) => `entity:"${n.replace(/"/g, '')}"`).join(' ') });
}

function topTable(list: readonly EntityCount[]): HTMLElement {
  return h(
    'table',
    { class: 'entities' },
    h('caption', {}, 'Entities found in most items'),
    h('thead', {}, h('tr', {}, ...['name', 'type', 'items', 'mentions', 'also written'].map((c) => h('th', { scope: 'col' }, c)))),
    h(
      'tbody',
      {},
      ...list.map((e) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, h('a', { href: entitySearch(e.name) }, e.name)),
          h('td', {}, e.type),
          h('td', { class: 'num' }, fmt(e.items)),
          h('td', { class: 'num' }, fmt(e.mentions)),
          h('td', { class: 'aliases' }, e.aliases.filter((a) => a !== e.name).slice(0, 4).join(', ')),
        ),
      ),
    ),
  );
}

function matrixTable(m: Matrix): HTMLElement {
  if (m.techniques.length === 0 || m.entities.length === 0) return message('No entity shares an item with a technique span.');
  const max = Math.max(1, ...m.counts.flat());
  return h(
    'div',
    { class: 'scroll' },
    h(
      'table',
      { class: 'matrix' },
      h('caption', {}, 'Items that name the entity and carry a span of the technique'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'entity'), ...m.techniques.map((t) => h('th', { scope: 'col', class: 'rot' }, h('span', {}, t.technique.replace(/_/g, ' ')))))),
      h(
        'tbody',
        {},
        ...m.entities.map((e, i) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, e.name),
            ...m.techniques.map((t, j) => {
              const n = m.counts[i]?.[j] ?? 0;
              const cell = h('td', { class: `num heat h${n === 0 ? 0 : Math.min(5, 1 + Math.floor((n / max) * 4.999))}`, title: `${e.name} × ${t.technique}: ${n} items` });
              if (n > 0) cell.append(h('a', { href: apiUrl('/search', { q: `entity:"${e.name.replace(/"/g, '')}" technique:"${t.technique}"` }) }, String(n)));
              return cell;
            }),
          ),
        ),
      ),
    ),
  );
}

function networkView(net: Network): HTMLElement {
  if (net.nodes.length === 0) return message('No two entities are named together often enough.');
  const size = 560;
  const nodes: NetNode[] = net.nodes.map((n) => ({ id: n.id, label: n.label, weight: n.weight, group: Math.max(0, TYPES.indexOf(n.type)) }));
  const edges: NetEdge[] = net.edges.map((e) => ({ a: e.source, b: e.target, weight: e.weight }));
  const pos = layout(nodes, edges, size);
  const maxW = Math.max(1, ...nodes.map((n) => n.weight));
  const maxE = Math.max(1, ...edges.map((e) => e.weight));
  const svg = s('svg', { class: 'chart network', viewBox: `0 0 ${size} ${size}`, width: size, height: size, role: 'group', 'aria-label': 'Entities named together: focus a name to see its neighbours' });
  const edgeEls = new Map<string, SVGElement[]>();
  for (const e of edges) {
    const a = pos.get(e.a);
    const b = pos.get(e.b);
    if (!a || !b) continue;
    const line = s('line', { x1: a.x, y1: a.y, x2: b.x, y2: b.y, class: 'edge', 'stroke-width': 1 + (3 * e.weight) / maxE });
    line.append(s('title', {}, `${e.weight} items`));
    svg.append(line);
    for (const id of [e.a, e.b]) (edgeEls.get(id) ?? edgeEls.set(id, []).get(id))?.push(line);
  }
  const detail = h('div', { class: 'panel', id: 'node-detail', 'aria-live': 'polite' }, h('p', { class: 'muted' }, 'Focus (Tab) or click a name to see who it is named with.'));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const select = (n: NetNode): void => {
    svg.querySelectorAll('.edge.on').forEach((el) => el.classList.remove('on'));
    for (const el of edgeEls.get(n.id) ?? []) el.classList.add('on');
    const neighbours = edges
      .filter((e) => e.a === n.id || e.b === n.id)
      .map((e) => ({ other: byId.get(e.a === n.id ? e.b : e.a), weight: e.weight }))
      .filter((x): x is { other: NetNode; weight: number } => x.other !== undefined)
      .sort((x, y) => y.weight - x.weight);
    replace(
      detail,
      h('h3', {}, n.label),
      h('p', {}, `${n.weight} items · `, h('a', { href: entitySearch(n.label) }, 'search its items')),
      h('ul', { class: 'plain' }, ...neighbours.map((x) => h('li', {}, h('a', { href: entitySearch(n.label, x.other.label) }, `with ${x.other.label}`), ` · ${x.weight} items`))),
    );
  };
  for (const n of nodes) {
    const p = pos.get(n.id);
    if (!p) continue;
    const r = 4 + 10 * Math.sqrt(n.weight / maxW);
    const g = s('g', { class: 'node', tabindex: 0, role: 'button', 'aria-label': `${n.label}, ${n.weight} items` });
    g.append(s('circle', { cx: p.x, cy: p.y, r, class: colour(n.group) }), s('text', { x: p.x, y: p.y - r - 3, 'text-anchor': 'middle', class: 'label' }, n.label));
    g.addEventListener('focus', () => select(n));
    g.addEventListener('click', () => select(n));
    g.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') location.href = entitySearch(n.label);
    });
    svg.append(g);
  }
  return h('div', { class: 'network-wrap' }, h('div', { class: 'scroll' }, svg), h('div', {}, legend(TYPES, 'Entity types'), detail));
}

/** Render the entities page. */
export async function entitiesPage(root: HTMLElement): Promise<void> {
  const p = params();
  const type = TYPES.includes(p.get('type') ?? '') ? (p.get('type') ?? undefined) : undefined;
  const q = p.get('q') ?? '';
  const form = h(
    'form',
    { class: 'controls', action: '/entities', method: 'get' },
    h('span', { class: 'field' }, h('label', { for: 'f-type' }, 'Type'), h('select', { id: 'f-type', name: 'type' }, h('option', { value: '' }, 'all'), ...TYPES.map((t) => h('option', { value: t, selected: t === type }, t)))),
    h('span', { class: 'field' }, h('label', { for: 'f-q' }, 'Only items matching'), h('input', { id: 'f-q', name: 'q', type: 'search', value: q, placeholder: 'a query (optional)' })),
    h('button', { type: 'submit' }, 'Show'),
  );
  root.replaceChildren(form, h('p', { class: 'loading' }, 'Counting…'));
  const query = { type, q: q || undefined };
  const [top, matrix, net] = await Promise.all([
    getJson<{ total: number; entities: EntityCount[] }>('/api/entities', { ...query, limit: 30 }),
    getJson<Matrix>('/api/entities/matrix', { ...query, limit: 15 }),
    getJson<Network>('/api/entities/network', { ...query, limit: 30, min: 2 }),
  ]);
  // A small corpus has few pairs named together twice: then show the pairs named together once.
  const network = net.nodes.length >= 5 ? net : await getJson<Network>('/api/entities/network', { ...query, limit: 30, min: 1 });
  root.replaceChildren(
    form,
    h('p', { class: 'summary' }, `${fmt(top.total)} entities${type ? ` of type ${type}` : ''}${q ? ` in items matching ${q}` : ''}.`),
    h('div', { class: 'two-col' }, h('section', { 'aria-labelledby': 'top-h' }, h('h2', { id: 'top-h' }, 'Top entities'), topTable(top.entities)), h('section', { 'aria-labelledby': 'mx-h' }, h('h2', { id: 'mx-h' }, 'Entity × technique'), matrixTable(matrix))),
    h('section', { 'aria-labelledby': 'net-h' }, h('h2', { id: 'net-h' }, 'Named together'), networkView(network)),
    exportBar(
      apiLink('entities JSON (API)', apiUrl('/api/entities', { ...query, limit: 500 })),
      apiLink('matrix JSON (API)', apiUrl('/api/entities/matrix', { ...query, limit: 50 })),
      apiLink('network GEXF', apiUrl('/api/export', { format: 'gexf', q: q || undefined })),
      downloadButton('matrix CSV', 'narrascope-entity-technique.csv', 'text/csv', () => csvRow(['entity', 'type', ...matrix.techniques.map((t) => t.technique)]) + matrix.entities.map((e, i) => csvRow([e.name, e.type, ...matrix.techniques.map((_, j) => matrix.counts[i]?.[j] ?? 0)])).join('')),
    ),
  );
}
