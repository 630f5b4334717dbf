// The small slice of the DOM that the HTML and feed parsers use, typed here because the project
// compiles without the DOM lib, plus the DOM-to-text conversion both parsers share.
import { DOMParser, parseHTML } from 'linkedom';

export interface DomNode {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly textContent: string | null;
  readonly childNodes: ArrayLike<DomNode>;
  readonly parentNode: DomNode | null;
  readonly parentElement: DomElement | null;
}

export interface DomElement extends DomNode {
  readonly tagName: string;
  readonly localName: string;
  readonly id: string;
  readonly children: ArrayLike<DomElement>;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  closest(selector: string): DomElement | null;
  matches(selector: string): boolean;
  cloneNode(deep: boolean): DomElement;
  remove(): void;
  contains(other: DomNode): boolean;
}

export interface DomDocument {
  readonly documentElement: DomElement | null;
  readonly head: DomElement | null;
  readonly body: DomElement | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  getElementsByTagName(name: string): ArrayLike<DomElement>;
}

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;
export const CDATA_SECTION_NODE = 4;

/**
 * Parses an HTML page or fragment. linkedom leaves content outside `<body>` (or a page without
 * `<html>`) out of the body, so the markup is completed first.
 */
export function loadHtml(html: string): DomDocument {
  let src = html;
  const hasHtml = /<html[\s>]/i.test(src);
  const hasBody = /<body[\s>]/i.test(src);
  if (!hasBody) {
    const headEnd = /<\/head\s*>/i.exec(src);
    const htmlOpen = /<html[^>]*>/i.exec(src);
    if (headEnd) src = `${src.slice(0, headEnd.index + headEnd[0].length)}<body>${src.slice(headEnd.index + headEnd[0].length)}`;
    else if (htmlOpen) src = `${src.slice(0, htmlOpen.index + htmlOpen[0].length)}<body>${src.slice(htmlOpen.index + htmlOpen[0].length)}`;
    else src = `<body>${src}`;
  }
  if (!hasHtml) src = `<html>${src}</html>`;
  const win: unknown = parseHTML(src);
  return (win as { document: DomDocument }).document;
}

/** Parses XML without expanding or fetching any entity (the caller strips DTD subsets first). */
export function loadXml(xml: string): DomDocument {
  const doc: unknown = new DOMParser().parseFromString(xml, 'text/xml');
  return doc as DomDocument;
}

/** Elements after which a paragraph break (blank line) is due. */
const PARAGRAPH = new Set([
  'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'div', 'section', 'article', 'main',
  'header', 'ul', 'ol', 'dl', 'table', 'figure', 'figcaption', 'address', 'hr', 'form', 'fieldset',
  'details', 'summary', 'center', 'footer', 'aside', 'nav',
]);
/** Elements that start a new line but stay in their paragraph. */
const LINE = new Set(['li', 'tr', 'dt', 'dd', 'caption', 'option']);
/** Elements whose content is never text a reader sees. */
const SKIP = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'embed', 'canvas',
  'head', 'title', 'meta', 'link', 'select', 'button', 'input', 'textarea', 'audio', 'video', 'map',
]);

class TextBuilder {
  private readonly parts: string[] = [];
  private pending = 0;
  private lineStart = true;
  private lastSpace = true;
  private empty = true;

  brk(level: 1 | 2): void {
    if (!this.empty && level > this.pending) this.pending = level;
  }

  /** A `<br>`: one starts a line, a second in a row leaves a blank line, as browsers render it. */
  lineBreak(): void {
    if (!this.empty) this.pending = Math.min(2, this.pending + 1);
  }

  text(raw: string, pre: boolean): void {
    let s = pre ? raw.replace(/\r\n?/g, '\n') : raw.replace(/[ \t\n\r\f]+/g, ' ');
    if (s === '') return;
    if (!pre && s === ' ') {
      if (!this.lineStart && !this.lastSpace && this.pending === 0) {
        this.parts.push(' ');
        this.lastSpace = true;
      }
      return;
    }
    if (this.pending > 0) {
      this.parts.push(this.pending === 2 ? '\n\n' : '\n');
      this.pending = 0;
      this.lineStart = true;
      this.lastSpace = true;
    }
    if (!pre && (this.lineStart || this.lastSpace) && s.startsWith(' ')) s = s.slice(1);
    if (s === '') return;
    this.parts.push(s);
    this.empty = false;
    this.lineStart = s.endsWith('\n');
    this.lastSpace = /\s$/.test(s);
  }

  done(): string {
    return this.parts
      .join('')
      .replace(/[ \t]+\n/g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  }
}

/**
 * Text of a DOM subtree as a reader sees it: block elements become line breaks, with a blank
 * line between paragraphs; scripts, styles and form controls are left out. Iterative, so
 * pathologically deep markup cannot overflow the stack.
 */
export function domToText(root: DomNode): string {
  const out = new TextBuilder();
  // Each frame is a node to enter, or a marker to close an element (break after it).
  type Frame = { node: DomNode; close: false; pre: boolean } | { close: true; level: 0 | 1 | 2; pre: boolean };
  const stack: Frame[] = [{ node: root, close: false, pre: false }];
  while (stack.length > 0) {
    const frame = stack.pop();
    if (!frame) break;
    if (frame.close) {
      if (frame.level > 0) out.brk(frame.level as 1 | 2);
      continue;
    }
    const node = frame.node;
    if (node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE) {
      out.text(node.textContent ?? '', frame.pre);
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE && node !== root) continue;
    const name = node.nodeName.toLowerCase();
    if (SKIP.has(name)) continue;
    if (name === 'br') {
      out.lineBreak();
      continue;
    }
    let level: 0 | 1 | 2 = 0;
    if (PARAGRAPH.has(name)) level = 2;
    else if (LINE.has(name)) level = 1;
    else if (name === 'td' || name === 'th') out.text(' ', false);
    if (level > 0) out.brk(level as 1 | 2);
    const pre = frame.pre || name === 'pre' || name === 'textarea';
    stack.push({ close: true, level, pre });
    const kids = node.childNodes;
    for (let i = kids.length - 1; i >= 0; i--) {
      const kid = kids[i];
      if (kid) stack.push({ node: kid, close: false, pre });
    }
  }
  return out.done();
}

/** Share, like and related-post widgets that blog engines put inside post content. */
export const WIDGETS = [
  '.sharedaddy', '.sd-sharing', '.sd-block', '.sd-like', '.jetpack-likes-widget-wrapper', '.wpl-likebox',
  '.share', '.shares', '.sharing', '.share-buttons', '.share-links', '.social-share', '.social-sharing',
  '.social-buttons', '.addtoany_share_save_container', '.a2a_kit', '.heateor_sss_sharing_container',
  '.jp-relatedposts', '.related-posts', '.related', '.yarpp-related', '.crp_related',
].join(', ');

interface Scratch extends DomElement {
  innerHTML: string;
}
let scratch: Scratch | null = null;

/** Text of an HTML fragment (a feed's description, a JSON-LD body), widgets left out. */
export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return html.replace(/[ \t]+/g, ' ').trim();
  // Parsing into one reused container is several times faster than a new document per fragment,
  // which matters for feeds with thousands of entries.
  if (!scratch) {
    const el = loadHtml('<html><body><div></div></body></html>').querySelector('div');
    if (!el) throw new Error('linkedom could not create a scratch element');
    scratch = el as Scratch;
  }
  const box = scratch;
  box.innerHTML = html;
  try {
    removeAll(box, WIDGETS);
    return domToText(box);
  } finally {
    box.innerHTML = '';
  }
}

/** Whitespace-collapsed text content, for titles, names and dates. */
export function inlineText(node: DomNode | null | undefined): string {
  if (!node) return '';
  return (node.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Removes every element matching `selector` under `root`. */
export function removeAll(root: DomElement | DomDocument, selector: string): void {
  for (const el of Array.from(root.querySelectorAll(selector))) el.remove();
}
