// Format detection from the first few kilobytes and the file name. Content wins where it is
// unambiguous (a .txt that is really HTML); the extension decides the weak cases.
import { FORMATS } from '../core/types.js';
import type { Format } from '../core/types.js';
import { createError, ERRORS } from '../core/errors.js';

/** How much of the content detection looks at. */
export const DETECT_HEAD_CHARS = 4096;

const ALIASES: Record<string, Format> = {
  txt: 'text',
  plain: 'text',
  md: 'markdown',
  htm: 'html',
  rss: 'feed',
  atom: 'feed',
  rdf: 'feed',
  xml: 'feed',
  json: 'jsonl',
  ndjson: 'jsonl',
  tsv: 'csv',
};

/**
 * Validates a `--format` value: a format id or a common alias (rss, atom, md, tsv, json, ndjson).
 * Throws a usage error listing the valid ids.
 */
export function formatFromName(s: string): Format {
  const id = s.trim().toLowerCase();
  if ((FORMATS as readonly string[]).includes(id)) return id as Format;
  const alias = ALIASES[id];
  if (alias) return alias;
  throw createError(
    ERRORS.USAGE,
    `unknown format "${s}"; valid formats: ${FORMATS.join(', ')} (aliases: ${Object.keys(ALIASES).join(', ')})`,
    s,
  );
}

const TELEGRAM_CHAT_TYPE =
  /"type"\s*:\s*"(?:personal_chat|bot_chat|private_group|private_supergroup|public_supergroup|private_channel|public_channel|saved_messages)"/;

/** Lower-case extension of a file name or URL path, without the dot ("" when none). */
function extensionOf(name: string): string {
  const path = name.replace(/[?#].*$/, '');
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

/** Name of the first element, skipping the XML prolog, comments, doctype and processing instructions. */
function rootElementName(s: string): string | null {
  const re = /<(!--[\s\S]*?--|![A-Za-z][^>]*|\?[\s\S]*?\?|([A-Za-z][\w.:-]*))/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    if (m[2]) return m[2].toLowerCase();
    // A doctype with an internal subset: skip to its closing "]>" so its declarations are not read as tags.
    if (/^!doctype/i.test(m[1] ?? '')) {
      const rest = s.slice(m.index);
      const bracket = rest.indexOf('[');
      const close = rest.indexOf('>');
      if (bracket >= 0 && bracket < close) {
        const end = rest.indexOf(']>', bracket);
        if (end < 0) return null;
        re.lastIndex = m.index + end + 2;
      }
    }
  }
  return null;
}

function isFeedRoot(root: string, head: string): boolean {
  if (root === 'rss') return true;
  if (root === 'rdf:rdf' || root.endsWith(':rdf') || root === 'rdf') return /purl\.org\/rss\/1\.0|<channel[\s>]|<item[\s>]/i.test(head);
  if (root === 'feed' || root.endsWith(':feed')) return /http:\/\/www\.w3\.org\/2005\/Atom|<entry[\s>]/i.test(head);
  return false;
}

const HTML_ROOTS = new Set(['html', 'head', 'body']);
const HTML_TAG = /<(?:p|div|br|span|a|li|ul|ol|h[1-6]|article|section|table|img|meta|title|blockquote|em|strong|b|i)\b[^>]*>/gi;

function countHtmlTags(s: string): number {
  return s.match(HTML_TAG)?.length ?? 0;
}

/** Fields of one line split on `delim` outside double quotes. */
function fieldCount(line: string, delim: string): number {
  let n = 1;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === delim && !quoted) n++;
  }
  return n;
}

/** Delimiter of a delimited header line: the one of comma, semicolon, tab that occurs most. */
export function guessDelimiter(headerLine: string): ',' | ';' | '\t' {
  const counts: Array<[',' | ';' | '\t', number]> = [
    [',', fieldCount(headerLine, ',')],
    [';', fieldCount(headerLine, ';')],
    ['\t', fieldCount(headerLine, '\t')],
  ];
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]?.[0] ?? ',';
}

/** A first line that reads as column names, followed by lines with the same number of fields. */
function looksDelimited(head: string): boolean {
  const lines = head.split(/\r?\n/);
  // The last line of a 4 KB head may be cut off.
  if (lines.length > 1 && head.length >= DETECT_HEAD_CHARS) lines.pop();
  const nonEmpty = lines.filter((l) => l.trim() !== '');
  const header = nonEmpty[0];
  if (header === undefined || nonEmpty.length < 2) return false;
  const delim = guessDelimiter(header);
  const n = fieldCount(header, delim);
  if (n < 2) return false;
  const names = header.split(delim).map((f) => f.trim().replace(/^"|"$/g, ''));
  const headerLike = names.every((f) => f.length > 0 && f.length <= 40 && /^[\p{L}_#@][\p{L}\p{N} _.#@()/-]*$/u.test(f));
  if (names.some((f) => f.endsWith('.') || f.split(' ').length > 3)) return false;
  if (!headerLike) return false;
  const rows = nonEmpty.slice(1, 8);
  const matching = rows.filter((l) => fieldCount(l, delim) === n).length;
  return matching >= Math.ceil(rows.length / 2);
}

/** True when the first non-empty line is a complete JSON object. */
function firstLineIsJsonObject(s: string): boolean {
  const nl = s.indexOf('\n');
  const line = (nl < 0 ? s : s.slice(0, nl)).trim();
  if (!line.startsWith('{') || !line.endsWith('}')) return false;
  try {
    const v: unknown = JSON.parse(line);
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
}

/** Format of an input from its name and the first ~4 KB of its decoded text. */
export function detectFormat(name: string, head: string): Format {
  const ext = extensionOf(name);
  const s = head.replace(/^\uFEFF/, '').trimStart();
  if (s === '') return ALIASES[ext] ?? ((FORMATS as readonly string[]).includes(ext) ? (ext as Format) : 'text');

  if (s.startsWith('{')) {
    if (TELEGRAM_CHAT_TYPE.test(s) && /"messages"\s*:\s*\[/.test(s)) return 'telegram';
    if (/"personal_information"\s*:|"chats"\s*:\s*\{\s*"about"|"chats"\s*:\s*\{\s*"list"/.test(s)) return 'telegram';
    if (firstLineIsJsonObject(s)) return 'jsonl';
    // A pretty-printed single object: the tabular parser reads its array of records.
    if (ext === 'json' || ext === 'jsonl' || ext === 'ndjson' || /^\{\s*"/.test(s)) return 'jsonl';
  }
  if (s.startsWith('[') && /^\[\s*(?:\{|\]|$)/.test(s)) return 'jsonl';

  if (s.startsWith('<')) {
    const root = rootElementName(s);
    if (root && isFeedRoot(root, s)) return 'feed';
    if (root && HTML_ROOTS.has(root)) return 'html';
    if (/^<!doctype\s+html/i.test(s)) return 'html';
  }
  if (/<!doctype\s+html|<html[\s>]|<body[\s>]/i.test(s.slice(0, 1024))) return 'html';

  switch (ext) {
    case 'html':
    case 'htm':
    case 'xhtml':
      return 'html';
    case 'rss':
    case 'atom':
    case 'rdf':
      return 'feed';
    case 'xml':
      return s.startsWith('<') && /<(?:rss|feed|rdf:RDF)[\s>]/i.test(s) ? 'feed' : 'text';
    case 'csv':
    case 'tsv':
      return 'csv';
    case 'jsonl':
    case 'ndjson':
    case 'json':
      return 'jsonl';
    case 'md':
    case 'markdown':
      return 'markdown';
    default:
      break;
  }

  if (s.startsWith('<') && countHtmlTags(s) >= 2) return 'html';
  if (countHtmlTags(s) >= 6) return 'html';
  if (looksDelimited(s)) return 'csv';
  if (/^#{1,6} \S/.test(s) || (s.match(/^#{1,6} \S/gm)?.length ?? 0) >= 2) return 'markdown';
  return 'text';
}
