import { describe, expect, it } from 'vitest';
import { decode, looksBinary, sniffCharset } from './decode.js';

// TextEncoder only writes UTF-8, so single-byte fixtures are built from the reverse of
// TextDecoder's own table for the code page.
function encodeSingleByte(label: string, text: string): Uint8Array {
  const dec = new TextDecoder(label);
  const reverse = new Map<string, number>();
  for (let b = 0; b < 256; b++) {
    const ch = dec.decode(Uint8Array.of(b));
    if (!reverse.has(ch)) reverse.set(ch, b);
  }
  return Uint8Array.from(Array.from(text, (ch) => {
    const b = reverse.get(ch);
    if (b === undefined) throw new Error(`${label} cannot encode ${ch}`);
    return b;
  }));
}

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const concat = (...parts: Uint8Array[]): Uint8Array => Uint8Array.from(parts.flatMap((p) => Array.from(p)));

const RU_POST =
  'Выборы в Петербурге прошли с многочисленными нарушениями, сообщают независимые наблюдатели. ' +
  'Избирательная комиссия отрицает все обвинения и называет их провокацией иностранных агентов. ' +
  'На трёх участках члены комиссии не пустили журналистов «Невского вестника» к урнам.';
const RU_SHORT = 'Депутат Соколов снова обещает построить мост через Неву.';
const RU_CAPS = 'ВЫБОРЫ В ПЕТЕРБУРГЕ: НАБЛЮДАТЕЛИ СООБЩАЮТ О НАРУШЕНИЯХ НА УЧАСТКАХ';
const FR_POST = 'Le député a déclaré que les élections régionales étaient truquées. Même les observateurs étrangers sont inquiets.';

describe('sniffCharset', () => {
  it('reads byte order marks first', () => {
    expect(sniffCharset(Uint8Array.of(0xef, 0xbb, 0xbf, 0x41))).toEqual({ charset: 'utf-8', bom: 3, declared: false });
    expect(sniffCharset(Uint8Array.of(0xff, 0xfe, 0x41, 0x00))).toEqual({ charset: 'utf-16le', bom: 2, declared: false });
    expect(sniffCharset(Uint8Array.of(0xfe, 0xff, 0x00, 0x41))).toEqual({ charset: 'utf-16be', bom: 2, declared: false });
  });

  it('reads an XML declaration', () => {
    const xml = utf8('<?xml version="1.0" encoding="windows-1251"?>\n<rss><channel/></rss>');
    expect(sniffCharset(xml)).toEqual({ charset: 'windows-1251', bom: 0, declared: true });
  });

  it('reads HTML meta charset and http-equiv forms', () => {
    expect(sniffCharset(utf8('<html><head><meta charset="KOI8-R"><title>x</title>'))?.charset).toBe('koi8-r');
    expect(sniffCharset(utf8("<meta charset='utf-8' />"))?.charset).toBe('utf-8');
    const equiv = utf8('<head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"></head>');
    expect(sniffCharset(equiv)).toEqual({ charset: 'windows-1251', bom: 0, declared: true });
  });

  it('ignores declarations past the first 2 KB, unknown labels and UTF-16 in ASCII bytes', () => {
    const late = utf8(`<html>${' '.repeat(2100)}<meta charset="windows-1251">`);
    expect(sniffCharset(late)).toBeNull();
    expect(sniffCharset(utf8('<meta charset="no-such-charset">'))).toBeNull();
    expect(sniffCharset(utf8('<meta charset="utf-16">'))).toBeNull();
    expect(sniffCharset(utf8('Plain text about elections.'))).toBeNull();
  });
});

describe('decode', () => {
  it('decodes UTF-8 with and without BOM, leaving the BOM out of the text', () => {
    const plain = decode(utf8(RU_SHORT));
    expect(plain).toMatchObject({ text: RU_SHORT, charset: 'utf-8', confidence: 1, bomLength: 0, invalidBytes: 0 });
    const withBom = decode(concat(Uint8Array.of(0xef, 0xbb, 0xbf), utf8(RU_SHORT)));
    expect(withBom).toMatchObject({ text: RU_SHORT, charset: 'utf-8', bomLength: 3 });
  });

  it('decodes UTF-16 LE and BE with BOM', () => {
    const le = concat(Uint8Array.of(0xff, 0xfe), Buffer.from(RU_SHORT, 'utf16le'));
    expect(decode(le)).toMatchObject({ text: RU_SHORT, charset: 'utf-16le', bomLength: 2 });
    const be = Buffer.from(RU_SHORT, 'utf16le').swap16();
    expect(decode(concat(Uint8Array.of(0xfe, 0xff), be))).toMatchObject({ text: RU_SHORT, charset: 'utf-16be', bomLength: 2 });
  });

  it('recognises UTF-16 without a BOM from its zero bytes', () => {
    const text = 'Election observers in Riverton reported ballot stuffing.';
    expect(decode(Buffer.from(text, 'utf16le'))).toMatchObject({ text, charset: 'utf-16le' });
    expect(decode(Buffer.from(text, 'utf16le').swap16())).toMatchObject({ text, charset: 'utf-16be' });
  });

  it('tells windows-1251 from KOI8-R', () => {
    // KOI8-R has no guillemets.
    for (const sample of [RU_POST.replace(/[«»]/g, '"'), RU_SHORT, RU_CAPS]) {
      const cp = decode(encodeSingleByte('windows-1251', sample));
      expect(cp.charset).toBe('windows-1251');
      expect(cp.text).toBe(sample);
      const koi = decode(encodeSingleByte('koi8-r', sample));
      expect(koi.charset).toBe('koi8-r');
      expect(koi.text).toBe(sample);
    }
  });

  it('decodes windows-1251 mixed with Latin markup and English', () => {
    const page = `<p>Press release, Riverton City Council</p>\n<p>${RU_POST}</p>\n<p>Contact: press@riverton.example</p>`;
    const r = decode(encodeSingleByte('windows-1251', page));
    expect(r.charset).toBe('windows-1251');
    expect(r.text).toBe(page);
    expect(r.confidence).toBeGreaterThan(0.5);
    expect(r.confidence).toBeLessThan(1);
  });

  it('decodes Ukrainian in windows-1251', () => {
    const uk = 'Депутати міської ради знову відклали голосування щодо бюджету, повідомляє «Вечірній Київ». Їхні аргументи ніхто не почув.';
    const r = decode(encodeSingleByte('windows-1251', uk));
    expect(r.charset).toBe('windows-1251');
    expect(r.text).toBe(uk);
  });

  it('decodes western latin-1 text', () => {
    const r = decode(encodeSingleByte('windows-1252', FR_POST));
    expect(r.charset).toBe('windows-1252');
    expect(r.text).toBe(FR_POST);
  });

  it('follows a declared charset', () => {
    const html = `<html><head><meta charset="koi8-r"></head><body>${RU_SHORT}</body></html>`;
    const r = decode(encodeSingleByte('koi8-r', html));
    expect(r).toMatchObject({ charset: 'koi8-r', confidence: 1, text: html });
  });

  it('prefers UTF-8 when a page declares a single-byte charset but was saved as UTF-8', () => {
    const html = `<html><head><meta charset="windows-1251"></head><body>${RU_SHORT}</body></html>`;
    const r = decode(utf8(html));
    expect(r.charset).toBe('utf-8');
    expect(r.text).toBe(html);
  });

  it('honours an explicit charset over everything else', () => {
    const bytes = encodeSingleByte('windows-1251', RU_SHORT);
    expect(decode(bytes, { charset: 'cp1251' })).toMatchObject({ charset: 'windows-1251', text: RU_SHORT, confidence: 1 });
    expect(decode(utf8(RU_SHORT), { charset: 'utf-8' }).text).toBe(RU_SHORT);
    expect(() => decode(bytes, { charset: 'klingon-8' })).toThrow(/klingon-8/);
  });

  it('keeps mostly-UTF-8 text as UTF-8 and counts the broken bytes', () => {
    const bytes = concat(utf8(RU_POST.slice(0, 60)), Uint8Array.of(0xd0), utf8(' и далее '), Uint8Array.of(0xff, 0xfe), utf8(RU_POST.slice(60)));
    const r = decode(bytes);
    expect(r.charset).toBe('utf-8');
    expect(r.invalidBytes).toBe(3);
    expect(r.text.startsWith(RU_POST.slice(0, 60))).toBe(true);
    expect(r.text.endsWith(RU_POST.slice(60))).toBe(true);
  });

  it('does not count U+FFFD that was already in the input', () => {
    const bytes = concat(utf8('Ответ: \ufffd и '), Uint8Array.of(0xc3), utf8(RU_SHORT));
    const r = decode(bytes);
    expect(r.charset).toBe('utf-8');
    expect(r.invalidBytes).toBe(1);
  });

  it('decodes an empty input and pure ASCII', () => {
    expect(decode(new Uint8Array(0))).toMatchObject({ text: '', charset: 'utf-8', invalidBytes: 0 });
    expect(decode(utf8('Vote early.')).text).toBe('Vote early.');
  });
});

describe('looksBinary', () => {
  const pad = (head: number[]): Uint8Array => concat(Uint8Array.from(head), new Uint8Array(64).fill(0x41));

  it('recognises magic numbers', () => {
    expect(looksBinary(pad([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('PNG image');
    expect(looksBinary(pad([0xff, 0xd8, 0xff, 0xe0]))).toBe('JPEG image');
    expect(looksBinary(utf8('GIF89a.....'))).toBe('GIF image');
    expect(looksBinary(utf8('RIFF\x10\x00\x00\x00WEBPVP8 '))).toBe('WebP image');
    expect(looksBinary(utf8('PK\x03\x04\x14\x00 some/file.txt'))).toBe('ZIP archive');
    expect(looksBinary(utf8('PK\x03\x04\x14\x00[Content_Types].xml word/document.xml'))).toBe('Word document (ZIP archive)');
    expect(looksBinary(utf8('%PDF-1.7\n%âãÏÓ'))).toBe('PDF document');
    expect(looksBinary(pad([0x1f, 0x8b, 0x08]))).toBe('gzip data');
    expect(looksBinary(pad([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]))).toBe('7z archive');
    expect(looksBinary(utf8('Rar!\x1a\x07\x01\x00'))).toBe('RAR archive');
    expect(looksBinary(utf8('SQLite format 3\0\x10\x00'))).toBe('SQLite database');
    expect(looksBinary(pad([0x7f, 0x45, 0x4c, 0x46, 0x02]))).toBe('ELF executable');
  });

  it('flags NUL and control bytes', () => {
    const nul = concat(utf8('header'), new Uint8Array(200), utf8('tail'));
    expect(looksBinary(nul)).toBe('contains NUL bytes');
    const ctrl = Uint8Array.from({ length: 500 }, (_, i) => (i % 3 === 0 ? 0x01 : 0x61));
    expect(looksBinary(ctrl)).toBe('contains control bytes');
  });

  it('accepts text, UTF-16 with or without BOM, and a stray NUL in a long file', () => {
    expect(looksBinary(utf8(RU_POST))).toBeNull();
    expect(looksBinary(encodeSingleByte('windows-1251', RU_POST))).toBeNull();
    expect(looksBinary(concat(Uint8Array.of(0xff, 0xfe), Buffer.from(RU_POST, 'utf16le')))).toBeNull();
    expect(looksBinary(Buffer.from('Observers reported ballot stuffing.', 'utf16le'))).toBeNull();
    expect(looksBinary(concat(utf8(RU_POST.repeat(20)), Uint8Array.of(0), utf8(RU_POST)))).toBeNull();
    expect(looksBinary(new Uint8Array(0))).toBeNull();
  });
});
