// Bytes to text. Captures arrive as raw bytes in whatever charset the site used: UTF-8 (with or
// without BOM), UTF-16 with BOM, windows-1251 and KOI8-R for older Russian sites, latin-1 for
// western ones. The order of trust: what the caller says, the BOM, what the content declares,
// valid UTF-8, then statistics.
import { analyse } from 'chardet';
import { createError, ERRORS } from '../core/errors.js';

export interface SniffResult {
  /** WHATWG encoding name as TextDecoder reports it ("utf-8", "windows-1251", "koi8-r"). */
  charset: string;
  /** Length of the byte order mark in bytes, 0 when the charset was declared rather than marked. */
  bom: number;
  /** True when the charset came from an XML declaration or an HTML meta tag. */
  declared: boolean;
}

export interface DecodeResult {
  text: string;
  charset: string;
  /** 1 for BOM, explicit or declared charsets and valid UTF-8; lower for statistical guesses. */
  confidence: number;
  bomLength: number;
  /** Number of U+FFFD replacement characters the decoder produced for invalid bytes. */
  invalidBytes: number;
}

const DECLARATION_WINDOW = 2048;
const SAMPLE = 64 * 1024;

/** Canonical WHATWG name for a charset label, or null when TextDecoder does not know it. */
export function canonicalCharset(label: string): string | null {
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return null;
  }
}

function bomOf(bytes: Uint8Array): SniffResult | null {
  const [a, b, c] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return { charset: 'utf-8', bom: 3, declared: false };
  if (a === 0xff && b === 0xfe) return { charset: 'utf-16le', bom: 2, declared: false };
  if (a === 0xfe && b === 0xff) return { charset: 'utf-16be', bom: 2, declared: false };
  return null;
}

// Bounded quantifiers keep these linear on hostile input.
const XML_DECL = /<\?xml\s[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']/i;
const META = /<meta\s[^>]{0,400}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})/i;

function declaredCharset(bytes: Uint8Array): string | null {
  // latin1 maps every byte to one char, so ASCII markup is readable whatever the real charset.
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, DECLARATION_WINDOW));
  const m = XML_DECL.exec(head) ?? META.exec(head);
  if (!m?.[1]) return null;
  const cs = canonicalCharset(m[1]);
  // A UTF-16 declaration read through ASCII-compatible bytes is false by construction (HTML
  // standard: treat as UTF-8), and "replacement" would destroy the text.
  if (!cs || cs.startsWith('utf-16') || cs === 'replacement') return null;
  return cs;
}

/**
 * Charset named by a BOM or, failing that, declared in the first 2 KB (XML declaration, HTML meta).
 * @example sniffCharset(Buffer.from('<meta charset="windows-1251">')) // { charset: 'windows-1251', bom: 0, declared: true }
 */
export function sniffCharset(bytes: Uint8Array): SniffResult | null {
  const bom = bomOf(bytes);
  if (bom) return bom;
  const cs = declaredCharset(bytes);
  return cs ? { charset: cs, bom: 0, declared: true } : null;
}

interface Utf8Stats {
  /** Well-formed sequences of two to four bytes. */
  multi: number;
  /** Bytes that start no well-formed sequence. */
  invalid: number;
  /** Well-formed EF BF BD sequences: U+FFFD that was already in the input. */
  literalReplacement: number;
}

function utf8Stats(bytes: Uint8Array, limit = bytes.length): Utf8Stats {
  let multi = 0;
  let invalid = 0;
  let literalReplacement = 0;
  const n = Math.min(limit, bytes.length);
  let i = 0;
  while (i < n) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need = 0;
    let min = 0;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else {
      invalid++;
      i++;
      continue;
    }
    let cp = b & (0x3f >> need);
    let ok = true;
    for (let k = 1; ok && k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) ok = false;
      else cp = (cp << 6) | (c & 0x3f);
    }
    if (ok && (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))) ok = false;
    if (!ok) {
      invalid++;
      i++;
      continue;
    }
    if (cp === 0xfffd) literalReplacement++;
    multi++;
    i += need + 1;
  }
  return { multi, invalid, literalReplacement };
}

function countReplacement(text: string): number {
  let n = 0;
  let i = text.indexOf('\ufffd');
  while (i !== -1) {
    n++;
    i = text.indexOf('\ufffd', i + 1);
  }
  return n;
}

function decodeWith(charset: string, bytes: Uint8Array, bomLength: number, confidence: number, literal = 0): DecodeResult {
  const text = new TextDecoder(charset, { ignoreBOM: true }).decode(bytes.subarray(bomLength));
  return { text, charset, confidence, bomLength, invalidBytes: Math.max(0, countReplacement(text) - literal) };
}

function tryUtf8(bytes: Uint8Array, bomLength: number): DecodeResult | null {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(bomLength));
    return { text, charset: 'utf-8', confidence: 1, bomLength, invalidBytes: 0 };
  } catch {
    return null;
  }
}

/**
 * UTF-16 without a BOM: text in Latin or Cyrillic script puts a zero (or 0x04) in every other byte.
 * Returns the byte order or null.
 */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, SAMPLE) & ~1;
  if (n < 8) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.3 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.3 && oddZero < pairs * 0.05) return 'utf-16be';
  return null;
}

// Russian letter frequencies (per mille, lower case, ё folded into е), from large news corpora.
const RU_FREQ: Record<string, number> = {
  о: 110, е: 85, а: 80, и: 74, н: 67, т: 63, с: 55, р: 47, в: 45, л: 44, к: 35, м: 32, д: 30,
  п: 28, у: 26, я: 20, ы: 19, ь: 17, г: 17, з: 17, б: 16, ч: 14, й: 12, х: 10, ж: 9, ш: 7,
  ю: 6, ц: 5, щ: 4, э: 3, ф: 3, ъ: 0.4,
};
const LOG_FREQ = new Map<string, number>(Object.entries(RU_FREQ).map(([k, v]) => [k, Math.log(v / 1000)]));
// Real prose is mostly lower case, and the two code pages swap the cases, so case is a hint; it is
// kept weak (about 0.2 per letter against about 0.4 from letter frequencies) so that an all-caps
// headline is still read right.
const LOG_LOWER = Math.log(0.55);
const LOG_UPPER = Math.log(0.45);

/** Log-likelihood that `text` is Russian prose, per Cyrillic letter; -Infinity when it has none. */
function russianScore(text: string): number {
  let sum = 0;
  let letters = 0;
  for (const ch of text) {
    const lower = ch.toLowerCase();
    const lf = LOG_FREQ.get(lower === 'ё' ? 'е' : lower);
    if (lf === undefined) continue;
    letters++;
    sum += lf + (lower === ch ? LOG_LOWER : LOG_UPPER);
  }
  return letters === 0 ? -Infinity : sum / letters;
}

interface CyrillicGuess {
  charset: 'windows-1251' | 'koi8-r';
  confidence: number;
}

/**
 * Tells windows-1251 from KOI8-R when the high bytes look like a Cyrillic alphabet: both put the
 * Russian letters in 0xC0-0xFF, but with the cases swapped and the letters permuted.
 */
function cyrillicGuess(bytes: Uint8Array): CyrillicGuess | null {
  const n = Math.min(bytes.length, SAMPLE);
  let high = 0;
  let letterRange = 0;
  let asciiLetters = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i] ?? 0;
    if (b >= 0x80) {
      high++;
      if (b >= 0xc0) letterRange++;
    } else if ((b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a)) asciiLetters++;
  }
  // Western latin-1 text has scattered accented letters; Cyrillic text is mostly high bytes.
  if (letterRange < 4 || letterRange < high * 0.7 || letterRange < asciiLetters * 0.25) return null;
  const sample = bytes.subarray(0, n);
  const cp = russianScore(new TextDecoder('windows-1251').decode(sample));
  const koi = russianScore(new TextDecoder('koi8-r').decode(sample));
  const margin = Math.abs(cp - koi);
  const confidence = Math.min(0.95, 0.5 + margin);
  return cp >= koi ? { charset: 'windows-1251', confidence } : { charset: 'koi8-r', confidence };
}

// What chardet may answer for this domain; anything else (Shift_JIS, ISO-8859-8...) is noise on
// Russian and western European text.
const CHARDET_ALLOWED: Record<string, string> = {
  'windows-1251': 'windows-1251',
  'KOI8-R': 'koi8-r',
  'ISO-8859-1': 'windows-1252',
  'windows-1252': 'windows-1252',
  'UTF-16LE': 'utf-16le',
  'UTF-16BE': 'utf-16be',
};

function statisticalGuess(bytes: Uint8Array): { charset: string; confidence: number } {
  const sample = bytes.subarray(0, SAMPLE);
  let best: { charset: string; confidence: number } | null = null;
  for (const m of analyse(sample)) {
    const cs = CHARDET_ALLOWED[m.name];
    if (cs) {
      best = { charset: cs, confidence: Math.min(0.95, m.confidence / 100) };
      break;
    }
  }
  const cyr = cyrillicGuess(bytes);
  // chardet's Cyrillic models confuse the two Russian code pages on short or all-caps text;
  // the frequency test decides between them whenever the bytes look Cyrillic at all.
  if (cyr) return cyr;
  if (best && (best.charset === 'windows-1251' || best.charset === 'koi8-r')) {
    // chardet said Cyrillic but the byte distribution does not: latin-1 is the safe reading.
    return { charset: 'windows-1252', confidence: 0.3 };
  }
  return best ?? { charset: 'windows-1252', confidence: 0.2 };
}

/** True when the bytes are UTF-8 with only a few broken sequences (a truncated or spliced file). */
function mostlyUtf8(s: Utf8Stats): boolean {
  return s.multi >= 2 && s.invalid <= Math.max(3, s.multi * 0.05);
}

/**
 * Decodes bytes to text. Order: `opts.charset`, BOM, UTF-16 without BOM (zero bytes in every
 * other position), declared charset, valid UTF-8, mostly-valid UTF-8 (with U+FFFD for the broken
 * bytes, counted in `invalidBytes`),
 * chardet restricted to windows-1251/KOI8-R/latin-1/windows-1252/UTF-16 and a Russian letter
 * frequency test, and windows-1252 as the last resort. The BOM is never part of `text`.
 */
export function decode(bytes: Uint8Array, opts: { charset?: string } = {}): DecodeResult {
  const bom = bomOf(bytes);
  if (opts.charset) {
    const cs = canonicalCharset(opts.charset);
    if (!cs || cs === 'replacement') {
      throw createError(ERRORS.USAGE, `Unknown charset "${opts.charset}"; use a label such as utf-8, windows-1251, koi8-r, iso-8859-1, utf-16le.`, opts.charset);
    }
    const bomLength = bom && bom.charset === cs ? bom.bom : 0;
    return decodeWith(cs, bytes, bomLength, 1);
  }
  if (bom) {
    if (bom.charset === 'utf-8') {
      return tryUtf8(bytes, bom.bom) ?? decodeWith('utf-8', bytes, bom.bom, 1, utf8Stats(bytes).literalReplacement);
    }
    return decodeWith(bom.charset, bytes, bom.bom, 1);
  }

  // Zero bytes in every other position are valid UTF-8 (NUL) but never real UTF-8 text.
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) return decodeWith(utf16, bytes, 0, 0.8);

  const declared = declaredCharset(bytes);
  const valid = tryUtf8(bytes, 0);
  if (declared) {
    if (declared === 'utf-8') {
      if (valid) return valid;
      const stats = utf8Stats(bytes);
      // A page that says UTF-8 but is wholly another charset was re-encoded by a scraper; only
      // trust the declaration while most of the non-ASCII bytes really are UTF-8.
      if (stats.multi > stats.invalid) return decodeWith('utf-8', bytes, 0, 0.9, stats.literalReplacement);
    } else {
      // Valid multi-byte UTF-8 almost never arises by chance from a single-byte charset: the page
      // was saved as UTF-8 and kept its old meta tag.
      if (valid && utf8Stats(bytes, SAMPLE).multi > 0) return { ...valid, confidence: 0.9 };
      return decodeWith(declared, bytes, 0, 1);
    }
  }

  if (valid) return valid;
  const stats = utf8Stats(bytes);
  if (mostlyUtf8(stats)) return decodeWith('utf-8', bytes, 0, 0.8, stats.literalReplacement);

  const guess = statisticalGuess(bytes);
  return decodeWith(guess.charset, bytes, 0, guess.confidence);
}

function startsWith(bytes: Uint8Array, magic: readonly number[], at = 0): boolean {
  if (bytes.length < at + magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (bytes[at + i] !== magic[i]) return false;
  return true;
}

const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));

const MAGIC: Array<{ reason: string; magic: number[]; at?: number }> = [
  { reason: 'PNG image', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { reason: 'JPEG image', magic: [0xff, 0xd8, 0xff] },
  { reason: 'GIF image', magic: ascii('GIF87a') },
  { reason: 'GIF image', magic: ascii('GIF89a') },
  { reason: 'PDF document', magic: ascii('%PDF-') },
  { reason: 'gzip data', magic: [0x1f, 0x8b] },
  { reason: 'bzip2 data', magic: ascii('BZh') },
  { reason: 'xz data', magic: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00] },
  { reason: '7z archive', magic: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { reason: 'RAR archive', magic: ascii('Rar!\x1a\x07') },
  { reason: 'SQLite database', magic: ascii('SQLite format 3\0') },
  { reason: 'ELF executable', magic: [0x7f, 0x45, 0x4c, 0x46] },
  { reason: 'MP4/QuickTime video', magic: ascii('ftyp'), at: 4 },
];

/**
 * A reason when the bytes are not text ("PNG image", "ZIP archive", "contains NUL bytes"),
 * else null. UTF-16 text, with or without BOM, is text.
 */
export function looksBinary(bytes: Uint8Array): string | null {
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'WebP image';
  if (startsWith(bytes, ascii('PK\x03\x04')) || startsWith(bytes, ascii('PK\x05\x06')) || startsWith(bytes, ascii('PK\x07\x08'))) {
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
    if (head.includes('word/')) return 'Word document (ZIP archive)';
    if (head.includes('xl/')) return 'Excel workbook (ZIP archive)';
    if (head.includes('[Content_Types].xml') || head.includes('mimetype')) return 'office document (ZIP archive)';
    return 'ZIP archive';
  }
  for (const m of MAGIC) if (startsWith(bytes, m.magic, m.at ?? 0)) return m.reason;

  const bom = bomOf(bytes);
  if (bom && bom.charset !== 'utf-8') return null;
  if (utf16WithoutBom(bytes)) return null;

  const n = Math.min(bytes.length, 8192);
  if (n === 0) return null;
  let nul = 0;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i] ?? 0;
    if (b === 0) nul++;
    // Tab, LF, VT, FF, CR and ESC (terminal colour codes in logs) occur in text.
    else if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0b && b !== 0x0c && b !== 0x0d && b !== 0x1b) control++;
  }
  // One stray NUL in a long scrape is damage, not a binary file; a steady share of them is not text.
  if (nul > 0 && nul / n > 0.001) return 'contains NUL bytes';
  if ((nul + control) / n > 0.1) return 'contains control bytes';
  return null;
}
