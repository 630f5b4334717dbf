// The item reader (/items/ID): the text with toggleable span layers, a technique legend, a details
// panel (the focused span, reused passages with their other occurrences, duplicates, metadata and
// provenance down to the capture hash and each span's producer) and exports.
import { getJson, type AnnotationJson, type Cluster, type ItemResponse, type Passage } from './api.js';
import { apiLink, csvRow, downloadButton, exportBar, externalUrl, h, itemPath, message, params, pathParts, replace, setTitle, type Child } from './dom.js';
import { attachTooltip, describe, LAYER_ORDER, renderText, reuseValue, techniqueColours, type DrawSpan, type Rendered } from './reader.js';

/** What the reader page and the review page share: the drawn text and its spans. */
export interface ReaderView {
  data: ItemResponse;
  /** Every span of the item, its key being the index here. */
  all: AnnotationJson[];
  textEl: HTMLElement;
  rendered: Rendered;
  /** Layers drawn now. */
  enabled: Set<string>;
  /** Draw again (after a toggle or a review). */
  redraw(): void;
  /** Move the focus to the next (+1) or previous (-1) drawn span; returns its key. */
  move(step: number): number | null;
  /** The key of the span focused or moved to last. */
  current(): number | null;
}

const LANG = /^[a-z]{2,3}$/;

/** Spans of every layer in one list, sorted by start (the order j/k walks). */
export function allSpans(data: ItemResponse): AnnotationJson[] {
  const out: AnnotationJson[] = [];
  for (const list of Object.values(data.annotations)) out.push(...list);
  out.sort((a, b) => a.start - b.start || b.end - a.end || (a.layer < b.layer ? -1 : a.layer > b.layer ? 1 : 0));
  return out;
}

/** The metadata line under the title. */
function metaLine(data: ItemResponse): HTMLElement {
  const it = data.item;
  const parts: Child[] = [
    h('span', {}, h('span', { class: 'k' }, 'source '), h('a', { href: `/search?q=${encodeURIComponent(`source:"${it.source}"`)}` }, it.source)),
    h('span', {}, h('span', { class: 'k' }, 'published '), it.publishedAt ?? 'undated', it.datePrecision && it.datePrecision !== 'day' ? ` (${it.datePrecision})` : ''),
    h('span', {}, h('span', { class: 'k' }, 'language '), `${it.language} (${Math.round(it.languageConfidence * 100)}%)`),
    it.author ? h('span', {}, h('span', { class: 'k' }, 'author '), it.author) : null,
    h('span', {}, h('span', { class: 'k' }, 'kind '), it.kind),
  ];
  return h('p', { class: 'meta' }, ...parts);
}

/** A definition list from label/value pairs. */
function dl(rows: Array<[string, Child]>): HTMLElement {
  const el = h('dl', { class: 'kv' });
  for (const [k, v] of rows) el.append(h('dt', {}, k), h('dd', {}, v));
  return el;
}

function provenance(data: ItemResponse, all: readonly AnnotationJson[]): HTMLElement {
  const { item, provenance: p } = data;
  const producers = new Map<string, number>();
  for (const a of all) producers.set(a.producer, (producers.get(a.producer) ?? 0) + 1);
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'prov-h' },
    h('h2', { id: 'prov-h' }, 'Metadata and provenance'),
    dl([
      ['item id', h('code', {}, item.id)],
      ['title', item.title ?? '—'],
      ['url', externalUrl(item.url)],
      ['source', `${p.source.name} (${p.source.kind})`],
      ['document', p.document ? `${p.document.originKey} · ${p.document.format} · ${p.document.charset}` : '—'],
      ['offsets in document', p.document ? `${p.document.start}–${p.document.end} (code points)` : '—'],
      ['capture sha256', p.capture ? h('code', { class: 'hash' }, p.capture.sha256) : '—'],
      ['capture', p.capture ? `${p.capture.size} bytes, ${p.capture.mediaType ?? 'unknown type'}, received ${p.capture.receivedAt}` : '—'],
      ['capture origin', p.capture ? h('code', {}, p.capture.origin) : '—'],
      ['content hash', h('code', { class: 'hash' }, item.contentHash)],
      ['producers', h('ul', { class: 'plain' }, ...[...producers].map(([id, n]) => h('li', {}, h('code', {}, id), ` · ${n} span${n === 1 ? '' : 's'}`)))],
    ]),
  );
}

/** Every span in a table by layer: text, label, value, producer, review. */
function spanTable(all: readonly AnnotationJson[]): HTMLElement {
  const rows = (): HTMLElement[] => all.map((a) =>
    h(
      'tr',
      {},
      h('td', {}, a.layer),
      h('td', {}, a.label),
      h('td', { class: 'num' }, `${a.start}–${a.end}`),
      h('td', { class: 'quote' }, a.text),
      h('td', {}, a.value ?? ''),
      h('td', {}, h('code', {}, a.producer)),
      h('td', {}, a.review ? `${a.review.status} (${a.review.reviewer})` : ''),
    ),
  );
  const details = h('details', { class: 'panel' }, h('summary', {}, `All spans (${all.length})`));
  // Built when first opened: a long item has thousands of rows nobody may look at.
  details.addEventListener(
    'toggle',
    () =>
      details.append(
        h(
          'div',
          { class: 'scroll' },
          h(
            'table',
            { class: 'spans' },
            h('thead', {}, h('tr', {}, ...['layer', 'label', 'offsets', 'text', 'value', 'producer', 'review'].map((c) => h('th', { scope: 'col' }, c)))),
            h('tbody', {}, ...rows()),
          ),
        ),
      ),
    { once: true },
  );
  return details;
}

/** Reused passages of this item, each with a link to its lineage and its other occurrences. */
function reusePanel(all: readonly AnnotationJson[], itemId: string): HTMLElement | null {
  const reuse = all.filter((a) => a.layer === 'reuse');
  if (reuse.length === 0) return null;
  const list = h('ol', { class: 'reuse-list' });
  for (const a of reuse) {
    const v = reuseValue(a.value);
    const others = h('ul', { class: 'plain others' }, h('li', { class: 'muted' }, 'loading the other occurrences…'));
    const li = h(
      'li',
      {},
      h('q', {}, a.text.length > 160 ? `${a.text.slice(0, 159)}…` : a.text),
      ' ',
      v ? h('a', { href: `/lineage/passage/${encodeURIComponent(v.passage)}` }, `lineage: ${v.occurrences} occurrences in ${v.sources} sources${v.first ? ', first seen here' : ''}`) : null,
      others,
    );
    list.append(li);
    if (v) {
      getJson<Passage>(`/api/passages/${encodeURIComponent(v.passage)}`)
        .then((p) => {
          const rows = p.occurrences
            .filter((o) => !(o.item === itemId && o.start === a.start))
            .map((o) => h('li', {}, h('a', { href: itemPath(o.item, { start: o.start, end: o.end }) }, `${o.publishedAt ?? 'undated'} · ${o.source}${o.title ? ` · ${o.title}` : ''}`), o.first ? ' (first seen)' : ''));
          replace(others, ...(rows.length > 0 ? rows : [h('li', { class: 'muted' }, 'no other occurrence')]));
        })
        .catch(() => replace(others, h('li', { class: 'muted' }, 'the passage is no longer stored (run reuse again)')));
    }
  }
  return h('section', { class: 'panel', 'aria-labelledby': 'reuse-h' }, h('h2', { id: 'reuse-h' }, 'Reused passages'), list);
}

/** The duplicate cluster this item belongs to, if any. */
function duplicatesPanel(itemId: string): HTMLElement {
  const body = h('div', {}, h('p', { class: 'muted' }, 'Looking for copies…'));
  getJson<{ clusters: Cluster[] }>('/api/duplicates', { limit: 500 })
    .then(({ clusters }) => {
      const c = clusters.find((x) => x.firstSeen.id === itemId || x.reposts.some((m) => m.id === itemId));
      if (!c) {
        replace(body, h('p', { class: 'muted' }, 'No identical or near-identical copy.'));
        return;
      }
      replace(
        body,
        h('p', {}, `${c.size} copies; first seen ${c.firstSeen.publishedAt ?? 'undated'} in ${c.firstSeen.source ?? '?'}. `, h('a', { href: `/lineage/cluster/${encodeURIComponent(c.id)}` }, 'Show the lineage')),
      );
    })
    .catch(() => replace(body, h('p', { class: 'muted' }, 'Duplicates are not available.')));
  return h('section', { class: 'panel', 'aria-labelledby': 'dup-h' }, h('h2', { id: 'dup-h' }, 'Copies'), body);
}

/**
 * Mount the reader for an item into `root`: layer toggles, legend, text and tooltip. `onKey`
 * handles keys the caller wants (review shortcuts); j and k move between spans everywhere.
 */
export function mountReader(root: HTMLElement, data: ItemResponse, opts: { extraLayers?: Map<number, AnnotationJson>; layers?: Set<string> } = {}): ReaderView {
  const all = allSpans(data);
  const colours = techniqueColours(all);
  const present = new Set(all.map((a) => a.layer));
  const enabled = opts.layers ?? new Set(LAYER_ORDER.filter((l) => l.on).map((l) => l.layer));
  const lang = LANG.test(data.item.language) ? data.item.language : undefined;
  const textEl = h('div', { class: 'text', id: 'item-text', lang, 'aria-label': 'Item text' });
  const counts = new Map<string, number>();
  for (const a of all) counts.set(a.layer, (counts.get(a.layer) ?? 0) + 1);

  const toggles = h('fieldset', { class: 'layers' }, h('legend', {}, 'Layers'));
  const known = new Set(LAYER_ORDER.map((l) => l.layer));
  const layerList = [...LAYER_ORDER, ...[...present].filter((l) => !known.has(l)).map((l) => ({ layer: l, name: l, on: false }))];
  for (const l of layerList) {
    const id = `layer-${l.layer}`;
    const box = h('input', { type: 'checkbox', id, name: 'layer', value: l.layer, checked: enabled.has(l.layer), disabled: !present.has(l.layer) });
    box.addEventListener('change', () => {
      if (box.checked) enabled.add(l.layer);
      else enabled.delete(l.layer);
      view.redraw();
    });
    toggles.append(h('label', { for: id, class: `toggle l-${l.layer}` }, box, ` ${l.name} `, h('span', { class: 'count' }, String(counts.get(l.layer) ?? 0))));
  }

  const legendEl = h('div', { class: 'technique-legend' });
  if (colours.size > 0) {
    legendEl.append(
      h('h2', { class: 'small' }, 'Techniques'),
      h('ul', { class: 'legend' }, ...[...colours].map(([label, c]) => h('li', {}, h('span', { class: `sw l-technique ${c}`, 'aria-hidden': 'true' }), label.replace(/_/g, ' '), h('span', { class: 'count' }, ` ${all.filter((a) => a.label === label && a.layer === 'technique').length}`)))),
    );
  }
  root.append(toggles, legendEl, textEl);

  let last: number | null = null;
  const view: ReaderView = {
    data,
    all,
    textEl,
    enabled,
    rendered: { firstEl: new Map(), els: new Map(), order: [] },
    redraw() {
      const draw: DrawSpan[] = [];
      all.forEach((ann, key) => {
        if (enabled.has(ann.layer)) draw.push({ ann, key });
      });
      for (const [key, ann] of opts.extraLayers ?? []) draw.push({ ann, key });
      view.rendered = renderText(textEl, data.item.text, draw, colours);
    },
    move(step) {
      const order = view.rendered.order.filter((k) => k >= 0);
      if (order.length === 0) return null;
      const at = last === null ? -1 : order.indexOf(last);
      const i = at < 0 ? (step > 0 ? 0 : order.length - 1) : Math.max(0, Math.min(order.length - 1, at + step));
      const key = order[i] ?? null;
      if (key !== null) {
        view.rendered.firstEl.get(key)?.focus();
        last = key;
      }
      return key;
    },
    current() {
      return last;
    },
  };
  view.redraw();
  attachTooltip(textEl, (k) => all[k] ?? opts.extraLayers?.get(k));
  textEl.addEventListener('focusin', (e) => {
    const el = e.target instanceof HTMLElement ? e.target : null;
    if (!el?.dataset.spans) return;
    // The focused stretch's first span that starts here becomes the current one.
    for (const k of el.dataset.spans.split(' ').map(Number)) {
      if (view.rendered.firstEl.get(k) === el) {
        last = k;
        break;
      }
    }
  });
  document.addEventListener('keydown', (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
    if (e.key === 'j') view.move(1);
    else if (e.key === 'k') view.move(-1);
  });
  return view;
}

/** Render the reader page. */
export async function itemPage(root: HTMLElement): Promise<void> {
  const id = pathParts()[1] ?? '';
  let data: ItemResponse;
  try {
    data = await getJson<ItemResponse>(`/api/items/${encodeURIComponent(id)}`);
  } catch (err) {
    replace(root, message(err instanceof Error ? err.message : String(err), 'error'));
    return;
  }
  // The benchmark splits the time at this mark: fetching the item before it, drawing it after.
  performance.mark('data');
  const q = params();
  setTitle(data.item.title ?? `Item ${data.item.id}`);
  root.replaceChildren();
  if (q.get('plain') === '1') {
    // The benchmark's baseline: the same text as one text node, no spans.
    const textEl = h('div', { class: 'text', id: 'item-text' });
    textEl.append(document.createTextNode(data.item.text));
    root.append(textEl);
    markRendered();
    return;
  }
  const main = h('article', { class: 'reader', 'aria-labelledby': 'page-title' });
  const side = h('aside', { class: 'side', 'aria-label': 'Details' });
  root.append(metaLine(data), h('div', { class: 'item-layout' }, main, side));

  // A stretch to show (from a lineage link): drawn as its own layer, always on.
  const extra = new Map<number, AnnotationJson>();
  const at = /^(\d+)-(\d+)$/.exec(q.get('at') ?? '');
  if (at) {
    extra.set(-1, { id: null, layer: 'focus', label: 'linked passage', start: Number(at[1]), end: Number(at[2]), text: '', value: null, confidence: 1, producer: 'link', review: null });
  }
  const view = mountReader(main, data, { extraLayers: extra });
  markRendered();
  if (at) view.rendered.firstEl.get(-1)?.scrollIntoView({ block: 'center' });

  main.append(
    h('p', { class: 'keys' }, 'Keys: ', h('kbd', {}, 'j'), ' next span, ', h('kbd', {}, 'k'), ' previous span, ', h('kbd', {}, 'Esc'), ' hide the tooltip. ', h('a', { href: `/review?item=${encodeURIComponent(data.item.id)}` }, 'Review this item')),
    exportBar(
      apiLink('item JSON (API)', `/api/items/${encodeURIComponent(data.item.id)}`),
      downloadButton('spans CSV', `narrascope-${data.item.id}-spans.csv`, 'text/csv', () =>
        csvRow(['item', 'layer', 'label', 'start', 'end', 'text', 'value', 'confidence', 'producer', 'review']) +
        view.all.map((a) => csvRow([data.item.id, a.layer, a.label, a.start, a.end, a.text, a.value, a.confidence, a.producer, a.review?.status ?? null])).join(''),
      ),
      downloadButton('text', `narrascope-${data.item.id}.txt`, 'text/plain', () => data.item.text),
    ),
  );
  const focusPanel = h('section', { class: 'panel', 'aria-labelledby': 'focus-h' }, h('h2', { id: 'focus-h' }, 'Span'), h('p', { class: 'muted', id: 'focus-body' }, 'Focus or hover a marked stretch (Tab, j, k) to see its spans here.'));
  side.append(focusPanel);
  const reuse = reusePanel(view.all, data.item.id);
  if (reuse) side.append(reuse);
  side.append(duplicatesPanel(data.item.id), provenance(data, view.all), spanTable(view.all));

  view.textEl.addEventListener('focusin', (e) => {
    const el = e.target instanceof HTMLElement ? e.target : null;
    if (!el?.dataset.spans) return;
    const anns = el.dataset.spans.split(' ').map((k) => view.all[Number(k)]).filter((a): a is AnnotationJson => a !== undefined);
    replace(
      focusPanel,
      h('h2', { id: 'focus-h' }, 'Span'),
      h('ul', { class: 'plain' }, ...anns.map((a) => h('li', {}, h('strong', {}, describe(a)), h('br'), h('q', {}, a.text), h('br'), h('span', { class: 'muted' }, `${a.start}–${a.end} · ${a.producer}`)))),
    );
  });
}

/**
 * Mark the text as built ("rendered"), and the first frame after it ("painted": style, layout and
 * paint done), for the benchmark and the tests.
 */
function markRendered(): void {
  performance.mark('rendered');
  document.body.dataset.rendered = '1';
  requestAnimationFrame(() =>
    setTimeout(() => {
      performance.mark('painted');
      document.body.dataset.painted = '1';
    }, 0),
  );
}

/** True when a key goes to a form field. */
export function isTyping(t: EventTarget | null): boolean {
  return t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement || (t instanceof HTMLElement && t.isContentEditable);
}
