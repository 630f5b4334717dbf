import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_VALUE,
  NUM_HASHES,
  decodeSignature,
  encodeSignature,
  estimateJaccard,
  jaccard,
  jaccardSorted,
  shingleArray,
  shingles,
  signature,
  signatureOfShingles,
} from './minhash.js';

const STATEMENT_EN =
  'The Northfield Dispatch reported on Tuesday that Senator Dana Whitcombe had accused the ' +
  'energy regulator of hiding the real cost of the eastern pipeline. "They knew about the ' +
  'shortfall in March and said nothing," Whitcombe told reporters outside the assembly. The ' +
  'regulator denied the claim and called it a campaign stunt two weeks before the vote.';

const STATEMENT_EN_VARIANT =
  "THE NORTHFIELD DISPATCH reported on Tuesday that Senator Dana Whitcombe had accused the " +
  "energy regulator of hiding the real cost of the eastern pipeline — “They knew about the " +
  "shortfall in March, and said nothing” - Whitcombe told reporters outside the assembly; the " +
  "regulator denied the claim and called it a campaign stunt two weeks before the vote!";

const STATEMENT_RU =
  '«Вестник Заречья» сообщил во вторник, что депутат Игорь Савельев обвинил городскую ' +
  'администрацию в сокрытии расходов на ремонт моста. «Они знали о перерасходе ещё в марте и ' +
  'молчали», — заявил Савельев журналистам. В администрации назвали эти слова предвыборной ' +
  'уловкой за две недели до голосования.';

const STATEMENT_RU_VARIANT =
  '"ВЕСТНИК ЗАРЕЧЬЯ" сообщил во вторник, что депутат Игорь Савельев обвинил городскую ' +
  'администрацию в сокрытии расходов на ремонт моста: "Они знали о перерасходе еще в марте, и ' +
  'молчали" - заявил Савельев журналистам. в администрации назвали эти слова предвыборной ' +
  'уловкой за две недели до голосования...';

describe('shingles', () => {
  it('ignores case, ё, quotes, dashes and punctuation', () => {
    expect(shingleArray(STATEMENT_EN_VARIANT)).toEqual(shingleArray(STATEMENT_EN));
    expect(shingleArray(STATEMENT_RU_VARIANT)).toEqual(shingleArray(STATEMENT_RU));
  });

  it('uses single words for texts shorter than a shingle', () => {
    expect(shingles('Вот и всё.').size).toBe(3);
    expect(shingles('Вот и всё, вот и всё').size).toBe(2);
    expect(shingles('— … !').size).toBe(0);
  });

  it('keeps word order', () => {
    expect(jaccard(shingles('one two three four five'), shingles('five four three two one'))).toBe(0);
  });

  it('returns sorted arrays without repeats', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('мир', 'war', 'да', 'нет', 'vote', 'выборы'), { maxLength: 60 }), (words) => {
        const arr = shingleArray(words.join(' '));
        for (let i = 1; i < arr.length; i++) expect(arr[i - 1]).toBeLessThan(arr[i] ?? 0);
        expect(arr.length).toBe(shingles(words.join(' ')).size);
      }),
    );
  });
});

describe('signature', () => {
  it('is equal for case, quote and dash variants', () => {
    expect(signature(STATEMENT_EN_VARIANT)).toEqual(signature(STATEMENT_EN));
    expect(estimateJaccard(signature(STATEMENT_RU), signature(STATEMENT_RU_VARIANT))).toBe(1);
  });

  it('is stable across runs: stored signatures stay valid', () => {
    const sig = signature(STATEMENT_EN);
    expect(sig.length).toBe(NUM_HASHES);
    // Pinned values: if they change, every stored signature becomes useless.
    expect(Array.from(sig.subarray(0, 4))).toEqual(PINNED_EN);
  });

  it('is the same in another process', () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const script =
      "import('./dist/src/reuse/minhash.js').then(m => process.stdout.write(JSON.stringify(Array.from(m.signature(process.argv[1])))))";
    const out = execFileSync(process.execPath, ['-e', script, STATEMENT_RU], { cwd: root, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual(Array.from(signature(STATEMENT_RU)));
  });

  it('computes (a·h + b) mod (2^31 − 1) exactly', () => {
    const p = 2147483647n;
    const b = signatureOfShingles([0]);
    const ab = signatureOfShingles([1]);
    const a = Array.from(ab, (v, i) => (BigInt(v) - BigInt(b[i] ?? 0) + p) % p);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (h) => {
        const sig = signatureOfShingles([h]);
        const hr = BigInt(h) % p;
        for (let i = 0; i < NUM_HASHES; i++) {
          expect(BigInt(sig[i] ?? 0)).toBe(((a[i] ?? 0n) * hr + BigInt(b[i] ?? 0)) % p);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('marks texts without words', () => {
    const sig = signature('*** — ***');
    expect(sig.every((v) => v === EMPTY_VALUE)).toBe(true);
    expect(estimateJaccard(sig, sig)).toBe(0);
  });

  it('estimates Jaccard within a few hundredths', () => {
    const pool = 'the minister said that budget sanctions border vote army council report media law'.split(' ');
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pool), { minLength: 40, maxLength: 120 }),
        fc.array(fc.constantFrom(...pool), { minLength: 0, maxLength: 30 }),
        (base, tail) => {
          const a = base.join(' ');
          const b = base.slice(0, base.length - tail.length).concat(tail).join(' ');
          const exact = jaccard(shingles(a), shingles(b));
          // 128 hashes: standard error at most 0.045, so 0.2 is more than four of them.
          expect(Math.abs(estimateJaccard(signature(a), signature(b)) - exact)).toBeLessThan(0.2);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('round-trips through bytes', () => {
    const sig = signature(STATEMENT_RU);
    const bytes = encodeSignature(sig);
    expect(bytes.length).toBe(NUM_HASHES * 4);
    expect(decodeSignature(bytes)).toEqual(sig);
    expect(() => decodeSignature(bytes.subarray(1))).toThrow(/512 bytes/);
  });
});

describe('jaccard', () => {
  it('agrees between sets and sorted arrays', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(50)), fc.uniqueArray(fc.nat(50)), (xs, ys) => {
        const a = Uint32Array.from(xs).sort();
        const b = Uint32Array.from(ys).sort();
        expect(jaccardSorted(a, b)).toBeCloseTo(jaccard(new Set(xs), new Set(ys)), 12);
      }),
    );
  });

  it('is 1 for the same text and 0 for unrelated texts', () => {
    expect(jaccard(shingles(STATEMENT_EN), shingles(STATEMENT_EN_VARIANT))).toBe(1);
    expect(jaccard(shingles(STATEMENT_EN), shingles(STATEMENT_RU))).toBe(0);
    expect(jaccard(new Set(), new Set())).toBe(0);
  });
});

const PINNED_EN = [18003912, 76800915, 57143856, 20717913];
