import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hashWord, wordHashes, wordTokens } from './tokens.js';

describe('wordTokens', () => {
  it('folds case, ё, quotes and drops punctuation', () => {
    const t = wordTokens('«Ёлки» — ДА! "Ёжик", сказал Mayor O’Neill.');
    expect(t.words).toEqual(['елки', 'да', 'ежик', 'сказал', 'mayor', 'o', 'neill']);
  });

  it('gives UTF-16 offsets into the original text', () => {
    const text = 'Vote 🗳️ for Žofie Dvořák, 2024!';
    const t = wordTokens(text);
    expect(t.words).toEqual(['vote', 'for', 'žofie', 'dvořák', '2024']);
    for (let i = 0; i < t.words.length; i++) {
      expect(text.slice(t.starts[i], t.ends[i]).toLowerCase()).toBe(t.words[i]);
    }
  });

  it('keeps combining marks inside a word', () => {
    expect(wordTokens('cafe\u0301 au lait').words).toEqual(['cafe\u0301', 'au', 'lait']);
  });

  it('returns nothing for text without letters', () => {
    const t = wordTokens(' — … 🙂 ');
    expect(t.words).toEqual([]);
    expect(t.starts.length).toBe(0);
  });

  it('wordHashes agrees with hashWord over wordTokens', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (s) => {
        const t = wordTokens(s);
        const h = wordHashes(s);
        expect(Array.from(h.hashes)).toEqual(t.words.map(hashWord));
        expect(Array.from(h.starts)).toEqual(Array.from(t.starts));
        expect(Array.from(h.ends)).toEqual(Array.from(t.ends));
        for (let i = 0; i < t.words.length; i++) {
          expect(t.starts[i]).toBeLessThan(t.ends[i] ?? 0);
          if (i > 0) expect(t.starts[i]).toBeGreaterThan(t.ends[i - 1] ?? 0);
        }
      }),
    );
  });

  it('hashes differ for different words and are 32-bit unsigned', () => {
    const words = ['мир', 'миру', 'peace', 'piece', 'a', 'b', '1', '2'];
    const hashes = words.map(hashWord);
    expect(new Set(hashes).size).toBe(words.length);
    for (const h of hashes) expect(h >>> 0).toBe(h);
  });
});
