// JSON Lines, JSON arrays and CSV/TSV exports: one item per record, fields mapped by
// --text-field and friends or guessed from common column names.
import { parse as parseCsvSync } from 'csv-parse/sync';
import { createError, ERRORS } from '../core/errors.js';
import type { FieldMapping, ParseOptions, ParsedDocument, ParsedItem, ParseWarning } from './types.js';
import { guessDelimiter } from './detect.js';

type Row = Record<string, unknown>;
type Role = keyof FieldMapping;

/** Column names tried, in order, when a field is not mapped. Matched case-insensitively. */
const GUESSES: Record<Role, readonly string[]> = {
  text: ['full_text', 'text', 'body', 'content', 'message', 'selftext', 'comment', 'post', 'post_text', 'description', 'текст', 'сообщение', 'текст_сообщения'],
  title: ['title', 'headline', 'subject', 'topic', 'заголовок', 'тема'],
  date: ['date', 'published', 'published_at', 'publishedat', 'pubdate', 'created_at', 'createdat', 'created', 'created_utc', 'timestamp', 'time', 'datetime', 'posted_at', 'datum', 'дата'],
  url: ['url', 'link', 'permalink', 'href', 'post_url', 'ссылка'],
  author: ['author', 'user', 'username', 'screen_name', 'by', 'from', 'author_name', 'user_name', 'автор', 'name'],
};
const KEY_FIELDS = ['id', 'guid', 'uuid', '_id', 'post_id', 'message_id', 'comment_id', 'tweet_id', 'id_str'];
const PARENT_FIELDS = ['parent_id', 'parentid', 'parent', 'reply_to', 'in_reply_to', 'in_reply_to_status_id_str', 'in_reply_to_status_id', 'reply_to_id'];
/** Sub-fields tried when a guessed field holds an object ("author": {"name": …}). */
const NESTED_NAME = ['name', 'username', 'screen_name', 'login', 'display_name', 'title', 'text', 'body', 'href', 'url'];

const ROLES: readonly Role[] = ['text', 'title', 'date', 'url', 'author'];
const FLAG: Record<Role, string> = {
  text: '--text-field',
  title: '--title-field',
  date: '--date-field',
  url: '--url-field',
  author: '--author-field',
};

/** Value at a dot path ("user.name"); a literal key containing dots wins over the path. */
export function getPath(row: Row, path: string): unknown {
  if (Object.hasOwn(row, path)) return row[path];
  let cur: unknown = row;
  for (const part of path.split('.')) {
    if (typeof cur !== 'object' || cur === null || Array.isArray(cur)) return undefined;
    cur = (cur as Row)[part];
  }
  return cur;
}

function scalar(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.join('\n');
  return null;
}

function nonEmpty(v: unknown): boolean {
  const s = scalar(v);
  return s !== null && s.trim() !== '';
}

interface Resolved {
  fields: Partial<Record<Role, string>>;
  /** Other guessed text columns, tried in order when a row's text column is empty (mixed exports). */
  textFallbacks: string[];
  key: string | null;
  parent: string | null;
}

/** Picks the column for each role: the mapping where given, else the first common name with values. */
function resolveFields(sample: Row[], columns: string[], mapping: FieldMapping | undefined, inputName: string, warnings: ParseWarning[]): Resolved {
  const lowerMap = new Map<string, string>();
  for (const c of columns) if (!lowerMap.has(c.toLowerCase())) lowerMap.set(c.toLowerCase(), c);
  const present = (path: string): boolean => sample.some((r) => getPath(r, path) !== undefined);
  const filled = (path: string): boolean => sample.some((r) => nonEmpty(getPath(r, path)));
  const fields: Partial<Record<Role, string>> = {};
  const taken = new Set<string>();

  for (const role of ROLES) {
    const given = mapping?.[role];
    if (given) {
      const path = present(given) ? given : lowerMap.get(given.toLowerCase()) ?? given;
      if (!present(path)) {
        if (role === 'text') {
          throw createError(
            ERRORS.INPUT_MALFORMED,
            `text field "${given}" not found; columns seen: ${columns.join(', ') || '(none)'}`,
            inputName,
          );
        }
        warnings.push({ message: `${role} field "${given}" (${FLAG[role]}) not found; columns seen: ${columns.join(', ')}` });
        continue;
      }
      fields[role] = path;
      taken.add(path);
      continue;
    }
    for (const name of GUESSES[role]) {
      const col = lowerMap.get(name);
      if (!col || taken.has(col)) continue;
      const objectValued = sample.some((r) => typeof getPath(r, col) === 'object' && getPath(r, col) !== null && !Array.isArray(getPath(r, col)));
      if (objectValued) {
        const sub = NESTED_NAME.map((n) => `${col}.${n}`).find((p) => filled(p));
        if (sub) {
          fields[role] = sub;
          taken.add(col);
          break;
        }
        continue;
      }
      // A text column must hold text somewhere in the sample; other roles may be sparse.
      if (role === 'text' && !filled(col)) continue;
      fields[role] = col;
      taken.add(col);
      break;
    }
  }
  const textFallbacks = mapping?.text
    ? []
    : GUESSES.text.map((n) => lowerMap.get(n)).filter((c): c is string => c !== undefined && c !== fields.text && !taken.has(c) && filled(c));
  const key = KEY_FIELDS.map((k) => lowerMap.get(k)).find((c): c is string => c !== undefined && filled(c)) ?? null;
  const parent = PARENT_FIELDS.map((k) => lowerMap.get(k)).find((c): c is string => c !== undefined) ?? null;
  return { fields, textFallbacks, key, parent };
}

function noTextError(columns: string[], inputName: string): Error {
  return createError(
    ERRORS.INPUT_MALFORMED,
    `no text field found; columns seen: ${columns.join(', ') || '(none)'}; name the text column with --text-field`,
    inputName,
  );
}

interface InputRecord {
  row: Row;
  /** 1-based line (JSON Lines, CSV) or record number (JSON array). */
  line: number;
  /** What a warning calls this record ("line 7", "row 3 (line 4)"). */
  label: string;
  extra?: Record<string, unknown>;
}

/** Maps records to items; rows without text are skipped with a warning. */
function toItems(records: InputRecord[], columns: string[], opts: ParseOptions, warnings: ParseWarning[]): ParsedItem[] {
  if (records.length === 0) return [];
  const sample = records.slice(0, 200).map((r) => r.row);
  const res = resolveFields(sample, columns, opts.fields, opts.inputName, warnings);
  const textField = res.fields.text;
  if (!textField) throw noTextError(columns, opts.inputName);
  const mapped = new Set<string>([...Object.values(res.fields), ...res.textFallbacks, res.key ?? '', res.parent ?? ''].map((p) => p.split('.')[0] ?? p));

  const items: ParsedItem[] = [];
  const keys = new Set<string>();
  let empty = 0;
  for (const rec of records) {
    let text = scalar(getPath(rec.row, textField))?.trim() ?? '';
    for (const f of res.textFallbacks) {
      if (text !== '') break;
      text = scalar(getPath(rec.row, f))?.trim() ?? '';
    }
    if (text === '') {
      empty++;
      if (empty <= 20) warnings.push({ line: rec.line, message: `${rec.label}: no text in "${textField}"; skipped` });
      continue;
    }
    const get = (role: Role): string | null => {
      const f = res.fields[role];
      const v = f ? scalar(getPath(rec.row, f))?.trim() : null;
      return v ? v : null;
    };
    let key = res.key ? scalar(getPath(rec.row, res.key))?.trim() || null : null;
    key ??= String(rec.line);
    if (keys.has(key)) {
      warnings.push({ line: rec.line, message: `${rec.label}: id "${key}" already used; keyed by its line instead` });
      key = `${key}#${rec.line}`;
    }
    keys.add(key);
    const metadata: Record<string, unknown> = { line: rec.line };
    for (const [k, v] of Object.entries(rec.row)) {
      if (mapped.has(k)) continue;
      if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
        if (v !== '' && v !== null) metadata[k] = v;
      }
    }
    if (rec.extra) Object.assign(metadata, rec.extra);
    items.push({
      kind: 'row',
      key,
      parentKey: res.parent ? scalar(getPath(rec.row, res.parent))?.trim() || null : null,
      title: get('title'),
      author: get('author'),
      url: get('url'),
      rawDate: get('date'),
      text,
      metadata,
    });
  }
  if (empty > 20) warnings.push({ message: `${empty} records in all had no text and were skipped` });
  linkParents(items);
  return items;
}

/** Reddit-style parent ids ("t3_abc") point at ids without the type prefix; point them at the row. */
function linkParents(items: ParsedItem[]): void {
  const keys = new Set(items.map((i) => i.key));
  for (const item of items) {
    const p = item.parentKey;
    if (p && !keys.has(p)) {
      const bare = /^t\d_(\w+)$/.exec(p)?.[1];
      if (bare && keys.has(bare)) item.parentKey = bare;
    }
  }
}

function columnsOf(rows: Row[]): string[] {
  const seen = new Set<string>();
  for (const r of rows.slice(0, 200)) for (const k of Object.keys(r)) seen.add(k);
  return [...seen];
}

function isRow(v: unknown): v is Row {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The records of a whole-file JSON value: an array of objects, or an object holding one. */
function recordsOfJson(value: unknown): Row[] | null {
  if (Array.isArray(value)) return value.filter(isRow);
  if (!isRow(value)) return null;
  // A record with text of its own is one row, whatever lists (comments, attachments) it holds.
  if (GUESSES.text.some((k) => typeof value[k] === 'string')) return [value];
  for (const k of ['data', 'items', 'posts', 'results', 'records', 'rows', 'entries', 'messages', 'comments', 'children']) {
    const v = value[k];
    if (Array.isArray(v) && v.some(isRow)) return v.filter(isRow);
    // Reddit listings: {"data": {"children": [{"data": {...}}]}}
    if (isRow(v)) {
      const inner = recordsOfJson(v);
      if (inner) return inner.map((r) => (isRow(r['data']) ? r['data'] : r));
    }
  }
  const arrays = Object.values(value).filter((v): v is unknown[] => Array.isArray(v) && v.some(isRow));
  if (arrays.length === 1 && arrays[0]) return arrays[0].filter(isRow);
  return [value];
}

function document(items: ParsedItem[], warnings: ParseWarning[], format: 'jsonl' | 'csv', metadata: Record<string, unknown>): ParsedDocument {
  return { format, title: null, sourceHint: null, items, warnings, metadata };
}

/**
 * Parses JSON Lines (one object a line; broken lines become warnings with their line number),
 * a JSON array of objects, or one JSON object that holds such an array.
 */
export function parseJsonl(text: string, opts: ParseOptions): ParsedDocument {
  const src = text.replace(/^\uFEFF/, '');
  const warnings: ParseWarning[] = [];
  const trimmed = src.trimStart();
  if (trimmed === '') return document([], warnings, 'jsonl', { records: 0 });

  const firstLineEnd = trimmed.indexOf('\n');
  const firstLine = (firstLineEnd < 0 ? trimmed : trimmed.slice(0, firstLineEnd)).trim();
  const oneLine = firstLineEnd < 0 || trimmed.slice(firstLineEnd).trim() === '';
  let firstLineOk = false;
  try {
    firstLineOk = isRow(JSON.parse(firstLine));
  } catch {
    firstLineOk = false;
  }
  let arrayError: string | null = null;
  // Whole-file JSON: a pretty-printed array or object, or one line holding a wrapper object.
  if ((!firstLineOk || oneLine) && (trimmed.startsWith('[') || trimmed.startsWith('{'))) {
    let whole: unknown;
    let parsed = false;
    try {
      whole = JSON.parse(trimmed);
      parsed = true;
    } catch (err) {
      if (trimmed.startsWith('[')) arrayError = err instanceof Error ? err.message : String(err);
    }
    if (parsed) {
      const rows = recordsOfJson(whole);
      if (!rows) throw createError(ERRORS.INPUT_MALFORMED, 'JSON holds no objects to read as records', opts.inputName);
      const records = rows.map((row, i) => ({ row, line: i + 1, label: `record ${i + 1}` }));
      const items = toItems(records, columnsOf(rows), opts, warnings);
      return document(items, warnings, 'jsonl', { records: rows.length, shape: Array.isArray(whole) ? 'array' : 'object' });
    }
  }

  const records: InputRecord[] = [];
  let broken = 0;
  let lineNo = 0;
  let start = 0;
  while (start <= src.length) {
    let end = src.indexOf('\n', start);
    if (end < 0) end = src.length;
    lineNo++;
    const line = src.slice(start, end).trim();
    start = end + 1;
    if (line === '') continue;
    try {
      const v: unknown = JSON.parse(line);
      if (isRow(v)) records.push({ row: v, line: lineNo, label: `line ${lineNo}` });
      else {
        broken++;
        warnings.push({ line: lineNo, message: `line ${lineNo}: not a JSON object; skipped` });
      }
    } catch (err) {
      broken++;
      warnings.push({ line: lineNo, message: `line ${lineNo}: invalid JSON (${err instanceof Error ? err.message : String(err)}); skipped` });
    }
  }
  if (records.length === 0 && arrayError !== null) {
    throw createError(ERRORS.INPUT_MALFORMED, `invalid JSON array: ${arrayError}`, opts.inputName);
  }
  if (records.length === 0 && broken > 0) {
    throw createError(ERRORS.INPUT_MALFORMED, `no valid JSON lines: all ${broken} non-empty lines are broken (first at line ${warnings[0]?.line ?? 1})`, opts.inputName);
  }
  const items = toItems(records, columnsOf(records.map((r) => r.row)), opts, warnings);
  return document(items, warnings, 'jsonl', { records: records.length, brokenLines: broken });
}

interface CsvInfo {
  lines: number;
  empty_lines: number;
}
interface CsvRecord {
  record: string[];
  info: CsvInfo;
}

function readCsv(text: string, delimiter: string, quote: boolean, onSkip: (message: string) => void): CsvRecord[] {
  return parseCsvSync(text, {
    delimiter,
    quote: quote ? '"' : false,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    bom: true,
    info: true,
    skip_records_with_error: true,
    on_skip: (err: Error | undefined) => {
      onSkip(err?.message ?? 'unreadable record');
      return undefined;
    },
  }) as unknown as CsvRecord[];
}

/** Offset just after the `n`th line break, or the text's length. */
function afterLine(text: string, n: number): number {
  let at = 0;
  for (let i = 0; i < n; i++) {
    const nl = text.indexOf('\n', at);
    if (nl < 0) return text.length;
    at = nl + 1;
  }
  return at;
}

/**
 * Parses CSV or TSV with a header row; the delimiter (comma, semicolon, tab) is read from the
 * header. Ragged rows are kept with a warning; an unclosed quote makes the rest be read without
 * quoting, with a warning, rather than lost.
 */
export function parseCsv(text: string, opts: ParseOptions): ParsedDocument {
  const src = text.replace(/^\uFEFF/, '');
  const warnings: ParseWarning[] = [];
  const headerLine = src.slice(0, 65536).split(/\r?\n/, 50).find((l) => l.trim() !== '');
  if (headerLine === undefined) return document([], warnings, 'csv', { rows: 0 });
  const delimiter = /\.tsv$/i.test(opts.inputName) ? '\t' : guessDelimiter(headerLine);

  const skipped: string[] = [];
  let recs = readCsv(src, delimiter, true, (m) => skipped.push(m));
  const unclosed = skipped.some((m) => /quote not closed/i.test(m));
  for (const m of skipped) if (!/quote not closed/i.test(m)) warnings.push({ message: `a record could not be read: ${m}` });
  if (unclosed) {
    const lastLine = recs[recs.length - 1]?.info.lines ?? 0;
    warnings.push({ line: lastLine + 1, message: `line ${lastLine + 1}: a quote is never closed; the rest of the file was read without quote handling` });
    const rest = readCsv(src.slice(afterLine(src, lastLine)), delimiter, false, () => undefined);
    const lineOffset = lastLine;
    const emptyBefore = recs[recs.length - 1]?.info.empty_lines ?? 0;
    recs = recs.concat(
      rest.map((r) => ({ record: r.record, info: { lines: r.info.lines + lineOffset, empty_lines: r.info.empty_lines + emptyBefore } })),
    );
  }
  const header = recs[0]?.record ?? [];
  const columns: string[] = [];
  header.forEach((h, i) => {
    let name = h.trim() || `column_${i + 1}`;
    if (columns.includes(name)) name = `${name}_${i + 1}`;
    columns.push(name);
  });

  const records: InputRecord[] = [];
  let prevLines = recs[0]?.info.lines ?? 1;
  let prevEmpty = recs[0]?.info.empty_lines ?? 0;
  let ragged = 0;
  for (let r = 1; r < recs.length; r++) {
    const rec = recs[r];
    if (!rec) continue;
    // csv-parse reports the line a record ends on; a warning names the line it starts on.
    const line = Math.min(prevLines + 1 + (rec.info.empty_lines - prevEmpty), rec.info.lines);
    prevLines = rec.info.lines;
    prevEmpty = rec.info.empty_lines;
    const fields = rec.record;
    const label = `row ${r} (line ${line})`;
    const row: Row = {};
    columns.forEach((c, i) => {
      row[c] = fields[i] ?? '';
    });
    let extra: Record<string, unknown> | undefined;
    if (fields.length !== columns.length) {
      ragged++;
      if (ragged <= 50) {
        warnings.push({
          line,
          message: `${label}: ${fields.length} fields, the header has ${columns.length}; ${fields.length < columns.length ? 'missing fields left empty' : 'extra fields kept in metadata'}`,
        });
      }
      if (fields.length > columns.length) extra = { extraFields: fields.slice(columns.length) };
    }
    records.push({ row, line, label, ...(extra ? { extra } : {}) });
  }
  if (ragged > 50) warnings.push({ message: `${ragged} rows in all had a different number of fields than the header` });
  if (records.length === 0) return document([], warnings, 'csv', { rows: 0, columns });
  const items = toItems(records, columns, opts, warnings);
  return document(items, warnings, 'csv', { rows: records.length, columns, delimiter });
}
