// DOM helpers. Data only ever enters the page as text nodes (textContent, createTextNode) or as
// attribute values set with setAttribute; nothing here parses HTML, so scraped markup stays text.

export type Child = Node | string | null | undefined | false;
export type Attrs = Record<string, string | number | boolean | null | undefined>;

const SVG_NS = 'http://www.w3.org/2000/svg';

function applyAttrs(el: Element, attrs: Attrs | undefined): void {
  if (!attrs) return;
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    // No event handler attributes, and no href that is not ours (see safeHref).
    if (/^on/i.test(k)) throw new Error(`refusing to set the event attribute ${k}`);
    if ((k === 'href' || k === 'src' || k === 'xlink:href') && !isSafeUrl(String(v))) throw new Error(`refusing the URL in ${k}`);
    el.setAttribute(k, v === true ? '' : String(v));
  }
}

function append(el: Element | DocumentFragment, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  }
}

/** An HTML element with attributes and children (strings become text nodes). */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  applyAttrs(el, attrs);
  append(el, children);
  return el;
}

/** An SVG element with attributes and children. */
export function s(tag: string, attrs?: Attrs, ...children: Child[]): SVGElement {
  const el = document.createElementNS(SVG_NS, tag);
  applyAttrs(el, attrs);
  append(el, children);
  return el;
}

/** Replace an element's children. */
export function replace(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

/** Our own routes (a path on this origin) and http(s) URLs; never javascript:, data: or others. */
export function isSafeUrl(url: string): boolean {
  if (url.startsWith('/') && !url.startsWith('//')) return true;
  if (url.startsWith('#') || url.startsWith('?')) return true;
  if (url.startsWith('blob:')) return true;
  return /^https?:\/\//i.test(url);
}

/** A link to one of our own pages (path built by the caller from encoded ids). */
export function link(path: string, ...children: Child[]): HTMLAnchorElement {
  return h('a', { href: path }, ...children);
}

/** A scraped URL: an anchor only for http(s), plain text otherwise; never followed with a referrer. */
export function externalUrl(url: string | null): Node {
  if (url === null || url === '') return document.createTextNode('—');
  if (/^https?:\/\//i.test(url)) return h('a', { href: url, rel: 'noopener noreferrer', target: '_blank', class: 'ext' }, url);
  return h('code', { class: 'untrusted-url', title: 'not an http(s) address: shown as text' }, url);
}

/** The page's content root. */
export function appRoot(): HTMLElement {
  const el = document.getElementById('app');
  if (!el) throw new Error('no #app element');
  return el;
}

/** Set the page's h1 and document title. */
export function setTitle(text: string): void {
  const h1 = document.getElementById('page-title');
  if (h1) h1.textContent = text;
  document.title = `${text} · narrascope`;
}

/** A download of client-side data (CSV, JSON) through a blob URL. */
export function downloadButton(label: string, filename: string, type: string, make: () => string): HTMLButtonElement {
  const b = h('button', { type: 'button', class: 'export' }, label);
  b.addEventListener('click', () => {
    const url = URL.createObjectURL(new Blob([make()], { type }));
    const a = h('a', { href: url, download: filename });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  });
  return b;
}

/** A CSV line: every field quoted when it needs to be. */
export function csvRow(fields: Array<string | number | null>): string {
  return `${fields.map((f) => (f === null ? '' : /[",\r\n]/.test(String(f)) ? `"${String(f).replace(/"/g, '""')}"` : String(f))).join(',')}\r\n`;
}

/** An export bar: links to API downloads and client-side files. */
export function exportBar(...parts: Node[]): HTMLElement {
  return h('div', { class: 'export-bar', role: 'group', 'aria-label': 'Export' }, h('span', { class: 'export-label' }, 'Export:'), ...parts);
}

/** A link to an API download. */
export function apiLink(label: string, path: string): HTMLAnchorElement {
  return h('a', { href: path, class: 'export', download: '' }, label);
}

/** A short message in an alert region. */
export function message(text: string, kind: 'error' | 'info' = 'info'): HTMLElement {
  return h('p', { class: `msg ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
}

/** A number with thousands separators. */
export function fmt(n: number): string {
  return n.toLocaleString('en');
}

/** Query parameters of the current page. */
export function params(): URLSearchParams {
  return new URLSearchParams(location.search);
}

/** The path segments of the current page ("/items/abc" → ["items", "abc"]). */
export function pathParts(): string[] {
  return location.pathname.split('/').filter((p) => p !== '').map((p) => decodeURIComponent(p));
}

/** The path of an item's reader page. */
export function itemPath(id: string, at?: { start: number; end: number }): string {
  return `/items/${encodeURIComponent(id)}${at ? `?at=${at.start}-${at.end}` : ''}`;
}
