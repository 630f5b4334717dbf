// The item text with its span layers. The text is cut at every span boundary (spans.ts) and each
// covered stretch becomes one <span> whose classes name the layers covering it; the text itself is
// only ever a text node. One shared tooltip describes the spans under the pointer or the focus.
import type { AnnotationJson } from './api.js';
import { colour } from './charts.js';
import { h } from './dom.js';
import { segment } from './spans.js';

/** Layers in the order of their toggles, and whether they show by default. */
export const LAYER_ORDER: ReadonlyArray<{ layer: string; name: string; on: boolean }> = [
  { layer: 'technique', name: 'Techniques', on: true },
  { layer: 'entity', name: 'Entities', on: true },
  { layer: 'quote', name: 'Quotes', on: true },
  { layer: 'date', name: 'Dates', on: true },
  { layer: 'reuse', name: 'Reused passages', on: true },
  { layer: 'narrative', name: 'Narratives', on: false },
  { layer: 'language', name: 'Languages', on: false },
];

/** A span as the reader draws it: an annotation, or the stretch a link asked to show. */
export interface DrawSpan {
  ann: AnnotationJson;
  /** Index in the full list of the item's spans (stable across re-renders). */
  key: number;
}

export interface Rendered {
  /** The first element of each drawn span, by key, for focus and navigation. */
  firstEl: Map<number, HTMLElement>;
  /** Every element of each drawn span, by key. */
  els: Map<number, HTMLElement[]>;
  /** Keys of the drawn spans in text order. */
  order: number[];
}

/** Technique label → colour class, most frequent first (the legend's order). */
export function techniqueColours(spans: readonly AnnotationJson[]): Map<string, string> {
  const counts = new Map<string, number>();
  for (const a of spans) if (a.layer === 'technique') counts.set(a.label, (counts.get(a.label) ?? 0) + 1);
  const labels = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([l]) => l);
  return new Map(labels.map((l, i) => [l, colour(i)]));
}

/** A one-line description of a span, for titles and lists. */
export function describe(a: AnnotationJson): string {
  const what = a.layer === 'technique' ? a.label.replace(/_/g, ' ') : a.layer === 'reuse' ? 'reused passage' : `${a.layer}: ${a.label}`;
  let detail = '';
  if (a.layer === 'technique' && a.value) detail = ` (cue: ${a.value})`;
  else if (a.layer === 'entity' && a.value) detail = ` (${a.value})`;
  else if (a.layer === 'quote' && a.value) detail = ` (speaker: ${a.value})`;
  else if (a.layer === 'date' && a.value) detail = ` (${a.value})`;
  else if (a.layer === 'reuse' && a.value) {
    const v = reuseValue(a.value);
    if (v) detail = ` (${v.occurrences} occurrences in ${v.sources} sources${v.first ? ', first seen here' : ''})`;
  }
  const review = a.review ? ` [${a.review.status} by ${a.review.reviewer}]` : '';
  return `${what}${detail}${review}`;
}

/** What a reuse span's value holds (see cli/commands/reuse.ts). */
export function reuseValue(value: string | null): { passage: string; first: boolean; occurrences: number; sources: number } | null {
  if (value === null) return null;
  try {
    const v = JSON.parse(value) as Record<string, unknown>;
    if (typeof v.passage !== 'string') return null;
    return { passage: v.passage, first: v.first === true, occurrences: Number(v.occurrences) || 0, sources: Number(v.sources) || 0 };
  } catch {
    return null;
  }
}

const SLUG = /[^a-z0-9-]/g;

/**
 * Draw the text into `target` with the given spans. Every covered stretch gets class `s` plus
 * `l-<layer>` for each covering layer (and a colour class for techniques); the first stretch of each
 * span is focusable and described by the shared tooltip.
 */
export function renderText(target: HTMLElement, text: string, spans: readonly DrawSpan[], colours: ReadonlyMap<string, string>): Rendered {
  const segs = segment(text, spans.map((d) => d.ann));
  const frag = document.createDocumentFragment();
  const firstEl = new Map<number, HTMLElement>();
  const els = new Map<number, HTMLElement[]>();
  const order: number[] = [];
  // One description per span, shared by all its stretches.
  const described = new Map<number, string>();
  for (const seg of segs) {
    const piece = text.slice(seg.from, seg.to);
    if (seg.covering.length === 0) {
      frag.append(piece);
      continue;
    }
    const el = document.createElement('span');
    let cls = 's';
    const layers = new Set<string>();
    let title = '';
    let keys = '';
    for (const i of seg.covering) {
      const d = spans[i];
      if (!d) continue;
      const a = d.ann;
      if (!layers.has(a.layer)) {
        layers.add(a.layer);
        cls += ` l-${a.layer.replace(SLUG, '')}`;
        if (a.layer === 'technique') cls += ` ${colours.get(a.label) ?? 'c0'}`;
      }
      if (a.layer === 'entity') cls += ` e-${a.label.toLowerCase().replace(SLUG, '')}`;
      if (a.review) cls += ` r-${a.review.status.replace(SLUG, '')}`;
      let desc = described.get(i);
      if (desc === undefined) described.set(i, (desc = describe(a)));
      title = title === '' ? desc : `${title}\n${desc}`;
      keys = keys === '' ? String(d.key) : `${keys} ${d.key}`;
      const list = els.get(d.key);
      if (list) list.push(el);
      else els.set(d.key, [el]);
    }
    for (const i of seg.starting) {
      const d = spans[i];
      if (!d || firstEl.has(d.key)) continue;
      firstEl.set(d.key, el);
      order.push(d.key);
    }
    el.className = cls;
    el.title = title;
    el.setAttribute('data-spans', keys);
    if (seg.starting.length > 0) {
      el.tabIndex = 0;
      el.setAttribute('aria-describedby', 'span-tip');
    }
    el.textContent = piece;
    frag.append(el);
  }
  target.replaceChildren(frag);
  return { firstEl, els, order };
}

/** The shared tooltip: shows the spans of the stretch under the pointer or with the focus. */
export function attachTooltip(textEl: HTMLElement, spanOf: (key: number) => AnnotationJson | undefined): HTMLElement {
  const tip = h('div', { id: 'span-tip', role: 'tooltip', class: 'tip', hidden: true });
  document.body.append(tip);
  const show = (el: HTMLElement): void => {
    const keys = (el.dataset.spans ?? '').split(' ').filter((k) => k !== '').map(Number);
    const lines = keys.map((k) => spanOf(k)).filter((a): a is AnnotationJson => a !== undefined);
    if (lines.length === 0) return;
    tip.replaceChildren(
      ...lines.map((a) => h('div', { class: 'tip-line' }, h('strong', {}, describe(a)), h('span', { class: 'producer' }, ` · ${a.producer}, confidence ${a.confidence}`))),
    );
    tip.hidden = false;
    const r = el.getBoundingClientRect();
    tip.style.left = `${Math.max(4, Math.min(window.scrollX + r.left, window.scrollX + document.documentElement.clientWidth - 360))}px`;
    tip.style.top = `${window.scrollY + r.bottom + 6}px`;
  };
  const hide = (): void => {
    tip.hidden = true;
  };
  const target = (e: Event): HTMLElement | null => (e.target instanceof HTMLElement ? e.target.closest<HTMLElement>('span.s') : null);
  textEl.addEventListener('focusin', (e) => {
    const el = target(e);
    if (el) show(el);
  });
  textEl.addEventListener('focusout', hide);
  textEl.addEventListener('mouseover', (e) => {
    const el = target(e);
    if (el) show(el);
  });
  textEl.addEventListener('mouseleave', hide);
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') hide();
  });
  return tip;
}

/** Code point offsets of the current selection inside `textEl`, or null when there is none there. */
export function selectionOffsets(textEl: HTMLElement, text: string): { start: number; end: number } | null {
  const sel = window.getSelection();
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
  const range = sel.getRangeAt(0);
  if (!textEl.contains(range.startContainer) || !textEl.contains(range.endContainer)) return null;
  // The length of the text from the start of textEl to a boundary point, in UTF-16 units.
  const offsetOf = (node: Node, offset: number): number => {
    const r = document.createRange();
    r.setStart(textEl, 0);
    r.setEnd(node, offset);
    return r.toString().length;
  };
  const a = offsetOf(range.startContainer, range.startOffset);
  const b = offsetOf(range.endContainer, range.endOffset);
  if (b <= a) return null;
  const cp = (u: number): number => Array.from(text.slice(0, u)).length;
  return { start: cp(a), end: cp(b) };
}
