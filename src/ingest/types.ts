// What a format parser hands the pipeline. Parsers turn decoded text into items with raw texts;
// the pipeline normalises, cleans, enriches and stores them.
import type { Format, ItemKind } from '../core/types.js';

/** Field mapping for JSON Lines and CSV (--text-field and friends). Unset fields are guessed. */
export interface FieldMapping {
  text?: string;
  title?: string;
  date?: string;
  url?: string;
  author?: string;
}

export interface ParseOptions {
  /** Name of the input, for messages ("posts.csv", "https://…"). */
  inputName: string;
  fields?: FieldMapping;
}

/** One item as found in the input, text not yet normalised. */
export interface ParsedItem {
  kind: ItemKind;
  /** Key unique within the document (guid, message id, comment id, row number), for parent links. */
  key: string | null;
  parentKey: string | null;
  title: string | null;
  author: string | null;
  url: string | null;
  /** Publication date exactly as the input states it (ISO, RFC 822, "5.7.2024", unix time as text). */
  rawDate: string | null;
  text: string;
  metadata: Record<string, unknown>;
}

/** A problem in part of an input: the rest was kept. */
export interface ParseWarning {
  /** 1-based line or record number, when the format has lines. */
  line?: number;
  message: string;
}

export interface ParsedDocument {
  format: Format;
  title: string | null;
  /** What the content says about its source: a feed's channel, a page's site, a Telegram channel. */
  sourceHint: { name?: string; url?: string; kind?: string } | null;
  /**
   * Items found by a structured parser. For text and Markdown, `items` is empty and `text` holds
   * the whole dump, to be cleaned and segmented by the pipeline.
   */
  items: ParsedItem[];
  text?: string;
  warnings: ParseWarning[];
  metadata: Record<string, unknown>;
}
