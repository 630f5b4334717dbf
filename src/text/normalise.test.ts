import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldForMatching, normalise } from './normalise.js';
import { toOriginal, toOriginalEnd } from './offsetmap.js';

/** Every normalised character must come from a raw character that normalises to it. */
function checkMap(raw: string): void {
  const { text, map } = normalise(raw);
  let prev = -1;
  for (let i = 0; i <= text.length; i++) {
    const o = toOriginal(map, i);
    expect(o).toBeGreaterThanOrEqual(prev);
    expect(o).toBeLessThanOrEqual(raw.length);
    prev = o;
    if (i === text.length) break;
    const ch = text[i] ?? '';
    // Exact, or inside a stretch that NFC rewrote as a whole.
    const src = raw.slice(o, toOriginalEnd(map, i + 1));
    expect(src.length).toBeGreaterThan(0);
    if (ch === '\n') expect(/[\n\r\u000b\u000c\u0085\u2028\u2029]/.test(src)).toBe(true);
    else if (ch === ' ') expect(/[\s\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/u.test(src)).toBe(true);
    else expect(normalise(src).text).toContain(ch);
  }
}

describe('normalise', () => {
  it('unifies line breaks and collapses whitespace', () => {
    const raw = '  Riverton  Daily\r\n\r\n\r\n\tThe mayor\u00a0said\u2009no.  \rSecond line\u3000here\n\n\n';
    expect(normalise(raw).text).toBe('Riverton Daily\n\nThe mayor said no.\nSecond line here');
  });

  it('removes invisible and control characters but keeps quotes and dashes', () => {
    const raw = '\ufeff«Мы\u200b победим» — заяв\u00adил\u0007 депутат\u200f “Sokolov” – again';
    expect(normalise(raw).text).toBe('«Мы победим» — заявил депутат “Sokolov” – again');
  });

  it('applies NFC', () => {
    const raw = 'Cafe\u0301 and Pe\u0301tain; и\u0306од';
    expect(normalise(raw).text).toBe('Café and Pétain; йод');
  });

  it('drops leading and trailing blank lines and keeps one blank line between paragraphs', () => {
    expect(normalise('\n\n \nA\n \n\t\n\nB\n\n').text).toBe('A\n\nB');
    expect(normalise('').text).toBe('');
    expect(normalise(' \n\t\r\n').text).toBe('');
  });

  it('treats form feeds and Unicode separators as line breaks', () => {
    expect(normalise('page one\fpage two\u2028three').text).toBe('page one\npage two\nthree');
  });

  it('maps offsets back exactly', () => {
    const raw = 'Intro\r\n\r\n\r\n  Выборы\u00a0 в  Петербурге\u200b (5.7.2024)\r\nCafe\u0301 owner';
    const { text, map } = normalise(raw);
    expect(text).toBe('Intro\n\nВыборы в Петербурге (5.7.2024)\nCafé owner');
    const word = text.indexOf('Петербурге');
    expect(raw.slice(toOriginal(map, word), toOriginalEnd(map, word + 'Петербурге'.length))).toBe('Петербурге');
    const cafe = text.indexOf('Café');
    expect(raw.slice(toOriginal(map, cafe), toOriginalEnd(map, cafe + 4))).toBe('Cafe\u0301');
    const owner = text.indexOf('owner');
    expect(raw.slice(toOriginal(map, owner), toOriginalEnd(map, text.length))).toBe('owner');
    expect(toOriginal(map, text.length)).toBe(raw.length);
    checkMap(raw);
  });

  it('keeps the map small for clean text', () => {
    const raw = 'A clean paragraph about the referendum.\n\nAnother one.\n'.repeat(50);
    const { map } = normalise(raw);
    expect(map.start.length).toBeLessThanOrEqual(60);
  });

  it('splits NFC only where composition cannot cross (checked over the BMP)', () => {
    const safe = /[\u0000-\u02ff\u0400-\u0482\u048a-\u052f\u2002-\u206f\u3000]/;
    const starters: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const ch = String.fromCharCode(c);
      if (!safe.test(ch)) continue;
      starters.push(ch);
      expect(ch.normalize('NFC')).toBe(ch);
      expect(/\p{M}/u.test(ch)).toBe(false);
    }
    // No canonical decomposition has a safe character after its first character.
    for (let c = 0; c < 0x10000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const nfd = String.fromCharCode(c).normalize('NFD');
      for (let k = 1; k < nfd.length; k++) expect(safe.test(nfd[k] ?? '')).toBe(false);
    }
    expect(starters.length).toBeGreaterThan(900);
  });

  const rawChars = fc.constantFrom(
    'a', 'B', 'я', 'Ж', 'é', 'e', '\u0301', '\u0306', 'и', ' ', '  ', '\t', '\n', '\r\n', '\r', '\u00a0', '\u200b', '\u00ad',
    '\u2009', '\u0007', '«', '»', '—', '.', '5', '\ufeff', '\u2028', '😀', 'Å', '\u212b', 'ﬁ', '\u0958',
  );
  const rawText = fc.array(rawChars, { maxLength: 60 }).map((a) => a.join(''));

  it('property: the map is monotone and every character points at its source', () => {
    fc.assert(fc.property(rawText, (raw) => checkMap(raw)), { numRuns: 400 });
  });

  it('property: output has no odd spaces, no double spaces and no triple newlines', () => {
    fc.assert(
      fc.property(rawText, (raw) => {
        const { text } = normalise(raw);
        expect(text).not.toMatch(/ {2}|\n{3}|^\s|\s$|\r|\t|\u00a0|\u200b/);
        expect(text).toBe(text.normalize('NFC'));
        expect(normalise(text).text).toBe(text);
      }),
      { numRuns: 400 },
    );
  });
});

describe('foldForMatching', () => {
  it('folds case, ё, quotes, dashes and non-breaking spaces', () => {
    expect(foldForMatching('«Ёлки» — ДА')).toBe('"елки" - да');
    expect(foldForMatching('ПЕТЕРБУРГ Петербурге')).toBe('петербург петербурге');
    expect(foldForMatching('„Nein“ ‚ja‘ ‹x› `y´ 5″ 6′')).toBe('"nein" \'ja\' \'x\' \'y\' 5" 6\'');
    expect(foldForMatching('a‐b‑c‒d–e—f―g−h⸺i')).toBe('a-b-c-d-e-f-g-h-i');
    expect(foldForMatching('1\u00a0000\u202fруб')).toBe('1 000 руб');
  });

  it('keeps characters whose lower case is longer than one unit', () => {
    expect(foldForMatching('İstanbul')).toBe('İstanbul');
  });

  it('handles long strings and surrogate pairs', () => {
    const s = 'Депутат СОКОЛОВ 😀 сказал «нет». '.repeat(2000);
    const f = foldForMatching(s);
    expect(f.length).toBe(s.length);
    expect(f.startsWith('депутат соколов 😀 сказал "нет". ')).toBe(true);
  });

  it('property: preserves length', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => foldForMatching(s).length === s.length), { numRuns: 500 });
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 50 }), (s) => foldForMatching(s).length === s.length), { numRuns: 300 });
  });

  it('property: idempotent', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 100 }), (s) => foldForMatching(foldForMatching(s)) === foldForMatching(s)), { numRuns: 300 });
  });
});

describe('NFC units', () => {
  it('every non-first character of a canonical decomposition is a mark or a Hangul jamo', () => {
    const cont = /^[\p{M}\u1160-\u11ff]$/u;
    for (let c = 0; c < 0x10000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const nfd = Array.from(String.fromCharCode(c).normalize('NFD'));
      for (let k = 1; k < nfd.length; k++) expect(cont.test(nfd[k] ?? '')).toBe(true);
    }
  });
});
