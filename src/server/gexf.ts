// The entity co-occurrence network as GEXF 1.3 (https://gexf.net/), the format Gephi reads: nodes
// with their entity type and item count as attributes, undirected weighted edges. Every name comes
// from scraped text, so every attribute value is escaped and characters XML 1.0 forbids are dropped.
import type { Network } from './analysis.js';

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text safe inside an XML attribute or element: escaped, with characters XML 1.0 cannot carry removed. */
export function xmlEscape(s: string): string {
  return (
    s
      // Control characters other than tab, newline and return; lone surrogates; U+FFFE and U+FFFF.
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
      .replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c)
  );
}

/** The network as a GEXF 1.3 document. */
export function toGexf(net: Network, meta: { creator: string; description: string; date: string }): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">',
    `  <meta lastmodifieddate="${xmlEscape(meta.date)}">`,
    `    <creator>${xmlEscape(meta.creator)}</creator>`,
    `    <description>${xmlEscape(meta.description)}</description>`,
    '  </meta>',
    '  <graph mode="static" defaultedgetype="undirected">',
    '    <attributes class="node">',
    '      <attribute id="type" title="type" type="string"/>',
    '      <attribute id="items" title="items" type="integer"/>',
    '    </attributes>',
    '    <nodes>',
  ];
  for (const n of net.nodes) {
    out.push(
      `      <node id="${xmlEscape(n.id)}" label="${xmlEscape(n.label)}">`,
      `        <attvalues><attvalue for="type" value="${xmlEscape(n.type)}"/><attvalue for="items" value="${n.weight}"/></attvalues>`,
      '      </node>',
    );
  }
  out.push('    </nodes>', '    <edges>');
  net.edges.forEach((e, i) => {
    out.push(`      <edge id="e${i}" source="${xmlEscape(e.source)}" target="${xmlEscape(e.target)}" weight="${e.weight}"/>`);
  });
  out.push('    </edges>', '  </graph>', '</gexf>', '');
  return out.join('\n');
}
