import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { composeMaps, identityMap, isIdentity, OffsetMapBuilder, toOriginal, toOriginalEnd, type OffsetMap } from './offsetmap.js';

/** Applies random edits to `src`, returning the result and its map (a reference implementation). */
function edit(src: string, ops: Array<'keep' | 'drop' | 'merge' | 'expand'>): { text: string; map: OffsetMap } {
  const b = new OffsetMapBuilder();
  const out: string[] = [];
  let i = 0;
  for (const op of ops) {
    if (i >= src.length) break;
    if (op === 'keep') {
      out.push(src[i] ?? '');
      b.copy(i, 1);
      i++;
    } else if (op === 'drop') {
      i++;
    } else if (op === 'merge' && i + 1 < src.length) {
      out.push('M');
      b.replace(i, i + 2, 1);
      i += 2;
    } else if (op === 'expand') {
      out.push('XY');
      b.replace(i, i + 1, 2);
      i++;
    }
  }
  for (; i < src.length; i++) {
    out.push(src[i] ?? '');
    b.copy(i, 1);
  }
  return { text: out.join(''), map: b.finish(src.length) };
}

describe('OffsetMap', () => {
  it('merges contiguous copies into one piece', () => {
    const b = new OffsetMapBuilder();
    b.copy(0, 5);
    b.copy(5, 3);
    b.copy(10, 2);
    const m = b.finish(12);
    expect(m.start).toEqual([0, 8]);
    expect(m.srcStart).toEqual([0, 10]);
    expect(toOriginal(m, 7)).toBe(7);
    expect(toOriginal(m, 8)).toBe(10);
    expect(toOriginalEnd(m, 8)).toBe(8);
    expect(toOriginalEnd(m, 10)).toBe(12);
    expect(toOriginal(m, 10)).toBe(12);
  });

  it('maps a merged piece as a whole', () => {
    const b = new OffsetMapBuilder();
    b.copy(0, 2);
    b.replace(2, 4, 1);
    b.copy(4, 2);
    const m = b.finish(6);
    expect(toOriginal(m, 2)).toBe(2);
    expect(toOriginalEnd(m, 3)).toBe(4);
    expect(toOriginal(m, 3)).toBe(4);
  });

  it('keeps equal-length replacements whole', () => {
    const b = new OffsetMapBuilder();
    b.replace(0, 3, 3);
    const m = b.finish(3);
    expect(m.whole).toEqual([0]);
    expect(isIdentity(m)).toBe(false);
    expect(toOriginal(m, 2)).toBe(0);
    expect(toOriginalEnd(m, 1)).toBe(3);
  });

  it('handles the identity and empty maps', () => {
    const id = identityMap(10);
    expect(isIdentity(id)).toBe(true);
    expect(toOriginal(id, 4)).toBe(4);
    const empty = new OffsetMapBuilder().finish(5);
    expect(toOriginal(empty, 0)).toBe(0);
    expect(toOriginalEnd(empty, 0)).toBe(0);
  });

  const ops = fc.array(fc.constantFrom<'keep' | 'drop' | 'merge' | 'expand'>('keep', 'keep', 'keep', 'drop', 'merge', 'expand'), { maxLength: 40 });

  it('property: composition equals mapping twice on characters mapped one for one', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), ops, ops, (a, ops1, ops2) => {
        const first = edit(a, ops1);
        const second = edit(first.text, ops2);
        const composed = composeMaps(second.map, first.map);
        let prev = -1;
        for (let i = 0; i < second.text.length; i++) {
          const viaTwo = toOriginal(first.map, toOriginal(second.map, i));
          const direct = toOriginal(composed, i);
          expect(direct).toBeGreaterThanOrEqual(prev);
          prev = direct;
          const end = toOriginalEnd(composed, i + 1);
          // The composed piece holding i covers the two-step position.
          expect(direct).toBeLessThanOrEqual(viaTwo);
          expect(end).toBeGreaterThan(viaTwo);
          expect(end).toBeLessThanOrEqual(a.length);
        }
      }),
      { numRuns: 500 },
    );
  });
});
