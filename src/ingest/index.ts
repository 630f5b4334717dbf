// One entry point per input: pick the parser for a format. Text and Markdown dumps are handed
// back whole, for the pipeline to clean and segment.
import type { Format } from '../core/types.js';
import type { ParseOptions, ParsedDocument } from './types.js';
import { parseFeed } from './feed.js';
import { parseHtml } from './html.js';
import { parseCsv, parseJsonl } from './tabular.js';
import { parseTelegram } from './telegram.js';

export { detectFormat, formatFromName, DETECT_HEAD_CHARS } from './detect.js';
export { parseHtml } from './html.js';
export { parseFeed } from './feed.js';
export { parseCsv, parseJsonl } from './tabular.js';
export { parseTelegram } from './telegram.js';
export { domToText, htmlToText } from './dom.js';
export type { FieldMapping, ParseOptions, ParsedDocument, ParsedItem, ParseWarning } from './types.js';

/** Parses decoded text in the given format; text and Markdown come back unsegmented in `text`. */
export function parseDocument(format: Format, text: string, opts: ParseOptions): ParsedDocument {
  switch (format) {
    case 'html':
      return parseHtml(text, opts);
    case 'feed':
      return parseFeed(text, opts);
    case 'jsonl':
      return parseJsonl(text, opts);
    case 'csv':
      return parseCsv(text, opts);
    case 'telegram':
      return parseTelegram(text, opts);
    case 'text':
    case 'markdown':
      return { format, title: null, items: [], text, warnings: [], sourceHint: null, metadata: {} };
  }
}
