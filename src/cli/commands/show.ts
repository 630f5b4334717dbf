import { createError, ERRORS } from '../../core/errors.js';
import { cpSlice } from '../../core/codepoints.js';
import { out, sourceMap, withStore, type GlobalOptions } from '../common.js';
import { presentAnnotation, presentItem } from '../present.js';

/** `narrascope show ID`: the item, its provenance down to the capture hash, and its annotations. */
export async function runShow(id: string, flags: GlobalOptions): Promise<number> {
  return withStore(flags, async (store) => {
    const item = await store.getItem(id);
    if (!item) throw createError(ERRORS.NOT_FOUND, 'no item with this id; list ids with `narrascope items`', id);
    const sources = await sourceMap(store);
    const annotations = await store.listAnnotations(item.id);
    const document = await store.getDocument(item.documentId);
    if (flags.json) {
      await out(
        `${JSON.stringify({
          ...presentItem(item, sources),
          capture: document ? { sha256: document.captureId, originKey: document.originKey, format: document.format, charset: document.charset } : null,
          annotations: annotations.map(presentAnnotation),
        })}\n`,
      );
      return 0;
    }
    const source = sources.get(item.sourceId);
    const lines = [
      item.title ? `# ${item.title}` : `# (untitled ${item.kind})`,
      `id:        ${item.id}`,
      `source:    ${source?.name ?? item.sourceId}`,
      `published: ${item.publishedAt ?? 'unknown'}${item.datePrecision ? ` (${item.datePrecision})` : ''}`,
      `language:  ${item.language} (${item.languageConfidence.toFixed(2)})`,
      ...(item.author ? [`author:    ${item.author}`] : []),
      ...(item.url ? [`url:       ${item.url}`] : []),
      `document:  ${item.documentId} [${item.start}, ${item.end})${document ? ` of ${document.originKey} (${document.format}, ${document.charset})` : ''}`,
      ...(document ? [`capture:   sha256 ${document.captureId}`] : []),
      '',
      item.text,
      '',
      `annotations (${annotations.length}):`,
      ...annotations.map(
        (a) =>
          `  ${a.layer.padEnd(9)} ${a.label.padEnd(8)} [${a.start}, ${a.end}) ${JSON.stringify(cpSlice(item.text, a.start, a.end))}${a.value ? ` → ${a.value}` : ''}  (${a.producer.id}@${a.producer.version}, ${a.confidence.toFixed(2)})`,
      ),
    ];
    await out(`${lines.join('\n')}\n`);
    return 0;
  });
}
