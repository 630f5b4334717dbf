// W3C Web Annotation Data Model (JSON-LD) for narrascope spans: one Annotation per span, its target
// the item's text, located by a TextPositionSelector (code points, end exclusive, as the model
// defines them) and a TextQuoteSelector with the exact text and a little context on each side.
import { OffsetConverter } from '../core/codepoints.js';
import type { Annotation, Item } from '../core/types.js';

/** The JSON-LD context: the W3C one plus two terms of our own for the layer and the confidence. */
export const WEB_ANNOTATION_CONTEXT = [
  'http://www.w3.org/ns/anno.jsonld',
  { narrascope: 'urn:narrascope:vocab#', layer: 'narrascope:layer', confidence: 'narrascope:confidence' },
] as const;

/** The IRI of an item: a URN, so an export stays valid wherever the server ran. */
export function itemIri(itemId: string): string {
  return `urn:narrascope:item:${itemId}`;
}

const MOTIVATION: Record<string, string> = {
  language: 'classifying',
  date: 'describing',
  entity: 'identifying',
  quote: 'highlighting',
  technique: 'classifying',
  narrative: 'classifying',
  reuse: 'linking',
};

const CONTEXT_CHARS = 32;

/** Move a UTF-16 offset off the middle of a surrogate pair. */
function wholeChar(text: string, u: number): number {
  const c = text.charCodeAt(u);
  return c >= 0xdc00 && c <= 0xdfff && u > 0 ? u + 1 : u;
}

/** One span as a Web Annotation (without @context: the collection around it carries it). */
export function toWebAnnotation(a: Annotation, item: Item, conv: OffsetConverter = new OffsetConverter(item.text)): Record<string, unknown> {
  const s = conv.toUtf16(a.start);
  const e = conv.toUtf16(a.end);
  const producer = `${a.producer.id}@${a.producer.version}`;
  const body: Array<Record<string, unknown>> = [{ type: 'TextualBody', purpose: 'tagging', value: a.label, format: 'text/plain' }];
  if (a.value !== null) body.push({ type: 'TextualBody', purpose: 'describing', value: a.value, format: a.value.startsWith('{') ? 'application/json' : 'text/plain' });
  return {
    id: a.id !== undefined ? `urn:narrascope:annotation:${a.id}` : `urn:narrascope:annotation:${item.id}:${a.layer}:${a.start}-${a.end}:${producer}`,
    type: 'Annotation',
    motivation: MOTIVATION[a.layer] ?? 'tagging',
    layer: a.layer,
    confidence: Math.round(a.confidence * 1000) / 1000,
    creator: { id: `urn:narrascope:producer:${producer}`, type: 'Software', name: producer },
    ...(a.review ? { modified: a.review.at } : {}),
    body,
    target: {
      source: itemIri(item.id),
      selector: [
        { type: 'TextPositionSelector', start: a.start, end: a.end },
        {
          type: 'TextQuoteSelector',
          exact: item.text.slice(s, e),
          prefix: item.text.slice(wholeChar(item.text, Math.max(0, s - CONTEXT_CHARS)), s),
          suffix: item.text.slice(e, wholeChar(item.text, Math.min(item.text.length, e + CONTEXT_CHARS))),
        },
      ],
    },
  };
}
