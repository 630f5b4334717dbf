import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../core/hash.js';
import { NarrascopeError } from '../core/errors.js';
import { foldForMatching } from '../text/normalise.js';
import { DuplicateIndex, candidateProbability, chooseBanding } from './dupes.js';
import type { DuplicateItem } from './dupes.js';
import { jaccard, shingles } from './minhash.js';

// Fictional outlets and politicians throughout.
const ARTICLE_EN = `Harbour Ledger, 14 March. The regional assembly voted late on Thursday to extend the
emergency powers of Governor Elena Marsh for another ninety days, despite protests outside the
building that lasted well into the night. Opposition deputy Viktor Lanning said the vote had been
rushed through without a proper debate and accused the governor's office of using the flood
recovery as a pretext to silence critics. "Nobody in this chamber has seen the spending figures,"
Lanning told reporters. "We are asked to sign a blank cheque for a government that has not
published a single audit since last spring." The governor's spokesman, Adrian Pell, rejected the
accusation and said the powers were needed to speed up the reconstruction of bridges and schools
along the river. He added that the full accounts would be presented to the assembly in June, once
the federal inspectors had finished their review. Local volunteers, who have been clearing debris
in the northern districts for three weeks, told the Ledger that promised building materials had
still not arrived. One of them, a retired engineer from Oakridge, said that the villages upstream
had received no help at all and that residents were repairing roofs with their own savings. The
independent monitoring group Civic Watch called on the assembly to publish the contracts signed
under the emergency decree and to invite outside auditors before the next extension is debated.
Its director, Maria Stepanek, said the group had filed eleven requests for information since
January and had received answers to only two of them, both incomplete.`.replace(/\n/g, ' ');

const ARTICLE_RU = `Северный курьер, 3 апреля. Городская дума Светлогорска в четверг одобрила перенос
выборов мэра на осень, сославшись на нехватку средств в бюджете. Против голосовали только четыре
депутата из фракции «Народный выбор». Их лидер Анна Ковалёва заявила, что решение приняли за
закрытыми дверями и без обсуждения с жителями. «Нам говорят об экономии, но на праздничный салют в
мае деньги почему-то нашлись», — сказала Ковалёва журналистам после заседания. Председатель думы
Геннадий Руднев ответил, что перенос позволит провести выборы одновременно с областными и сократит
расходы почти вдвое. По его словам, избирательная комиссия уже подготовила новый календарь, а
участки откроются в тех же школах, что и раньше. Наблюдатели из движения «Честный счёт» напомнили,
что срок полномочий нынешнего мэра истекает в июне, и потребовали объяснить, кто будет руководить
городом летом. В мэрии на запрос редакции не ответили. Жители нескольких районов уже начали сбор
подписей за проведение выборов в прежний срок, а в соцсетях появилась петиция, которую за два дня
подписали более трёх тысяч человек.`.replace(/\n/g, ' ');

const UNRELATED_EN = `Meridian Watch, 2 May. The national football federation confirmed on Monday that
the new stadium in Eastbridge will host the cup final next season. Engineers finished the roof two
months ahead of schedule, and the club expects to sell out the opening match against Port Selmar.
Season ticket prices will rise by eight percent, the federation said, while children under twelve
will be admitted free to league games. Fans' groups welcomed the decision but asked for better bus
connections from the city centre, where parking is already scarce on match days.`.replace(/\n/g, ' ');

let counter = 0;
function item(text: string, over: Partial<DuplicateItem> = {}): DuplicateItem {
  counter++;
  return {
    id: over.id ?? `item-${counter}`,
    contentHash: sha256(foldForMatching(text).replace(/\s+/g, ' ')),
    text,
    publishedAt: over.publishedAt === undefined ? '2024-03-14' : over.publishedAt,
    capturedAt: over.capturedAt ?? '2024-05-01T10:00:00.000Z',
    ...(over.signature ? { signature: over.signature } : {}),
  };
}

function words(text: string): string[] {
  return text.split(' ');
}

/** Replaces `count` consecutive words starting at `from` with filler words. */
function replaceRun(text: string, from: number, count: number): string {
  const w = words(text);
  for (let i = from; i < from + count && i < w.length; i++) w[i] = `changed${i}`;
  return w.join(' ');
}

describe('chooseBanding', () => {
  it('derives bands and rows from the threshold', () => {
    expect(chooseBanding(0.8)).toEqual({ bands: 21, rows: 6 });
    expect(chooseBanding(0.5)).toEqual({ bands: 42, rows: 3 });
    expect(chooseBanding(0.9)).toEqual({ bands: 14, rows: 9 });
  });

  it('makes pairs at the threshold candidates nearly always', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.05, max: 1, noNaN: true }), (t) => {
        const { bands, rows } = chooseBanding(t);
        expect(bands * rows).toBeLessThanOrEqual(128);
        expect(candidateProbability(t, bands, rows)).toBeGreaterThanOrEqual(0.995);
      }),
    );
  });

  it('rejects thresholds outside (0, 1] and impossible banding', () => {
    expect(() => new DuplicateIndex({ threshold: 1.5 })).toThrow(NarrascopeError);
    expect(() => new DuplicateIndex({ threshold: 0 })).toThrow(/above 0 and at most 1/);
    expect(() => new DuplicateIndex({ bands: 20, rows: 8 })).toThrow(/at most 128/);
    expect(new DuplicateIndex({ bands: 16 }).rows).toBe(8);
  });
});

describe('DuplicateIndex', () => {
  it('links exact duplicates by content hash', () => {
    const index = new DuplicateIndex();
    const a = index.add(item(ARTICLE_EN, { id: 'a' }));
    expect(a).toEqual({ clusterId: 'a', exact: false, similarTo: null, similarity: 0 });
    const b = index.add(item(ARTICLE_EN, { id: 'b', publishedAt: '2024-03-15' }));
    expect(b).toEqual({ clusterId: 'a', exact: true, similarTo: 'a', similarity: 1 });
    const [cluster] = index.clusters();
    expect(cluster?.members.map((m) => [m.id, m.exact, m.similarity])).toEqual([
      ['a', true, 1],
      ['b', true, 1],
    ]);
  });

  it('links quote, case and dash variants as near duplicates with similarity 1', () => {
    const index = new DuplicateIndex();
    // Punctuation changes the folded text, hence the content hash, but never a word.
    const variant = ARTICLE_RU.replace(/«|»/g, '"').replace(/—/g, '-').replace(/ё/g, 'е').replace(/,/g, '').toUpperCase();
    index.add(item(ARTICLE_RU, { id: 'ru-1' }));
    const r = index.add(item(variant, { id: 'ru-2', publishedAt: '2024-04-04' }));
    expect(r.similarTo).toBe('ru-1');
    expect(r.exact).toBe(false);
    expect(r.similarity).toBe(1);
    expect(r.clusterId).toBe('ru-1');
  });

  it('clusters a 10% edit at 0.8', () => {
    const n = words(ARTICLE_EN).length;
    const edited = replaceRun(ARTICLE_EN, n - Math.round(n * 0.1), Math.round(n * 0.1));
    expect(jaccard(shingles(ARTICLE_EN), shingles(edited))).toBeGreaterThanOrEqual(0.8);
    const index = new DuplicateIndex({ threshold: 0.8 });
    index.add(item(ARTICLE_EN, { id: 'orig' }));
    const r = index.add(item(edited, { id: 'copy', publishedAt: '2024-03-20' }));
    expect(r.similarTo).toBe('orig');
    expect(r.similarity).toBeGreaterThanOrEqual(0.8);
    expect(index.clusters()[0]?.reposts).toEqual(['copy']);
  });

  it('keeps unrelated texts and heavy edits apart', () => {
    const index = new DuplicateIndex();
    index.add(item(ARTICLE_EN, { id: 'en' }));
    index.add(item(ARTICLE_RU, { id: 'ru' }));
    index.add(item(UNRELATED_EN, { id: 'football' }));
    // Every fourth word changed: Jaccard over 5-word shingles falls far below 0.8.
    const scattered = words(ARTICLE_EN)
      .map((w, i) => (i % 4 === 0 ? `x${i}` : w))
      .join(' ');
    const r = index.add(item(scattered, { id: 'rewrite' }));
    expect(r.similarTo).toBeNull();
    expect(index.clusters()).toEqual([]);
    expect(index.clusterOf('rewrite')).toBe('rewrite');
  });

  it('merges two clusters through a bridging item', () => {
    const n = words(ARTICLE_EN).length;
    const k = Math.round(n * 0.06);
    const head = replaceRun(ARTICLE_EN, 0, k);
    const tail = replaceRun(ARTICLE_EN, n - k, k);
    const j = (x: string, y: string): number => jaccard(shingles(x), shingles(y));
    expect(j(head, tail)).toBeLessThan(0.8);
    expect(j(head, ARTICLE_EN)).toBeGreaterThanOrEqual(0.8);
    expect(j(tail, ARTICLE_EN)).toBeGreaterThanOrEqual(0.8);

    const index = new DuplicateIndex();
    index.add(item(head, { id: 'head', publishedAt: '2024-03-16' }));
    index.add(item(head + ' Updated.', { id: 'head-2', publishedAt: '2024-03-18' }));
    index.add(item(tail, { id: 'tail', publishedAt: '2024-03-15' }));
    expect(index.clusters().map((c) => c.members.length)).toEqual([2]);
    expect(index.clusterOf('tail')).toBe('tail');

    const bridge = index.add(item(ARTICLE_EN, { id: 'bridge', publishedAt: '2024-03-17' }));
    expect(bridge.clusterId).toBe('tail');
    const clusters = index.clusters();
    expect(clusters).toHaveLength(1);
    expect(clusters[0]?.firstSeen).toBe('tail');
    expect(clusters[0]?.reposts).toEqual(['head', 'bridge', 'head-2']);
    expect(index.clusterOf('head-2')).toBe('tail');
  });

  it('orders members by first seen: publication date, else capture time, then id', () => {
    const index = new DuplicateIndex();
    const t = (s: string): string => ARTICLE_RU + s;
    index.add(item(t(' Обновлено.'), { id: 'late', publishedAt: '2024-04-10', capturedAt: '2024-04-10T08:00:00Z' }));
    index.add(item(t(' Источник: форум.'), { id: 'undated', publishedAt: null, capturedAt: '2024-04-02T09:30:00Z' }));
    index.add(item(t(' Читайте также.'), { id: 'b-early', publishedAt: '2024-04-03', capturedAt: '2024-04-05T00:00:00Z' }));
    index.add(item(t(' Подписывайтесь.'), { id: 'a-early', publishedAt: '2024-04-03', capturedAt: '2024-04-05T00:00:00Z' }));
    index.add(item(t(' Поделиться.'), { id: 'captured-first', publishedAt: '2024-04-03', capturedAt: '2024-04-03T12:00:00Z' }));
    const [c] = index.clusters();
    expect(c?.firstSeen).toBe('undated');
    expect(c?.reposts).toEqual(['captured-first', 'a-early', 'b-early', 'late']);
    expect(c?.members.every((m) => m.similarity >= 0.8 && m.similarity <= 1)).toBe(true);
  });

  it('returns the same answer when an item is added twice', () => {
    const index = new DuplicateIndex();
    index.add(item(ARTICLE_EN, { id: 'a' }));
    const first = index.add(item(ARTICLE_EN + ' Share this.', { id: 'b' }));
    expect(index.add(item(ARTICLE_EN + ' Share this.', { id: 'b' }))).toEqual(first);
    expect(index.size).toBe(2);
  });

  it('never links texts without words, except exact copies', () => {
    const index = new DuplicateIndex();
    index.add(item('*** ***', { id: 'stars' }));
    expect(index.add(item('— — —', { id: 'dashes' })).similarTo).toBeNull();
    expect(index.add(item('*** ***', { id: 'stars-2' })).exact).toBe(true);
    expect(index.clusters().map((c) => c.members.map((m) => m.id))).toEqual([['stars', 'stars-2']]);
  });

  it('verifies against texts from textOf instead of keeping shingles', () => {
    const texts = new Map<string, string>();
    const asked: string[] = [];
    const index = new DuplicateIndex({
      textOf: (id) => {
        asked.push(id);
        return texts.get(id);
      },
    });
    const n = words(ARTICLE_EN).length;
    const near = replaceRun(ARTICLE_EN, n - 18, 18);
    const exact = jaccard(shingles(ARTICLE_EN), shingles(near));
    expect(Math.abs(exact - 0.8)).toBeLessThanOrEqual(0.1);
    texts.set('one', ARTICLE_EN);
    index.add(item(ARTICLE_EN, { id: 'one' }));
    texts.set('two', near);
    const r = index.add(item(near, { id: 'two' }));
    // Near the threshold the index asks for the earlier text and reports the exact figure.
    expect(asked).toContain('one');
    expect(r.clusterId).toBe('one');
    expect(r.similarity).toBeCloseTo(exact, 6);
  });

  it('round-trips through serialise and load, then keeps adding', () => {
    const index = new DuplicateIndex();
    const n = words(ARTICLE_EN).length;
    index.add(item(ARTICLE_EN, { id: 'a', publishedAt: null, capturedAt: '2024-03-01T00:00:00Z' }));
    index.add(item(ARTICLE_EN, { id: 'a-copy' }));
    index.add(item(replaceRun(ARTICLE_EN, 0, 8), { id: 'a-near', publishedAt: '2023' }));
    index.add(item(ARTICLE_RU, { id: 'ru' }));
    index.add(item(UNRELATED_EN, { id: 'football' }));
    const bytes = index.serialise();
    expect(bytes.length).toBeLessThan(5 * 700);

    const loaded = DuplicateIndex.load(bytes);
    // Shingles are not stored: similarities come back as estimates, membership and order exactly.
    const shape = (d: DuplicateIndex): unknown => d.clusters().map((c) => ({ ...c, members: c.members.map((m) => ({ ...m, similarity: 0 })) }));
    expect(shape(loaded)).toEqual(shape(index));
    const sims = (d: DuplicateIndex): number[] => d.clusters().flatMap((c) => c.members.map((m) => m.similarity));
    sims(loaded).forEach((s, i) => expect(Math.abs(s - (sims(index)[i] ?? 0))).toBeLessThan(0.1));
    expect(loaded.threshold).toBe(0.8);
    expect([loaded.bands, loaded.rows]).toEqual([index.bands, index.rows]);
    expect(loaded.signatureOf('ru')).toEqual(index.signatureOf('ru'));
    expect(loaded.add(item(ARTICLE_EN, { id: 'a-copy' }))).toEqual(index.add(item(ARTICLE_EN, { id: 'a-copy' })));

    const later = loaded.add(item(replaceRun(ARTICLE_EN, n - 8, 8), { id: 'a-later', publishedAt: '2024-06-01' }));
    expect(later.clusterId).toBe('a-near');
    const ruCopy = loaded.add(item(ARTICLE_RU.toLowerCase(), { id: 'ru-copy', publishedAt: '2024-05-01' }));
    expect(ruCopy.clusterId).toBe('ru');
    expect(DuplicateIndex.load(loaded.serialise()).clusters()).toEqual(loaded.clusters());
  });

  it('re-links from stored signatures when loaded with another threshold', () => {
    const index = new DuplicateIndex({ threshold: 0.9 });
    const n = words(ARTICLE_EN).length;
    const edited = replaceRun(ARTICLE_EN, n - 30, 30);
    const j = jaccard(shingles(ARTICLE_EN), shingles(edited));
    expect(j).toBeGreaterThan(0.6);
    expect(j).toBeLessThan(0.85);
    index.add(item(ARTICLE_EN, { id: 'x' }));
    index.add(item(edited, { id: 'y' }));
    expect(index.clusters()).toEqual([]);
    const looser = DuplicateIndex.load(index.serialise(), { threshold: 0.5 });
    expect(looser.threshold).toBe(0.5);
    expect(looser.clusterOf('y')).toBe('x');
  });

  it('refuses bytes that are not an index', () => {
    const bytes = new DuplicateIndex().serialise();
    expect(DuplicateIndex.load(bytes).size).toBe(0);
    expect(() => DuplicateIndex.load(bytes.subarray(0, 10))).toThrow(/truncated/);
    expect(() => DuplicateIndex.load(new TextEncoder().encode('not an index at all, really'))).toThrow(/magic/);
  });

  it('partitions items into clusters consistent with clusterOf', () => {
    const sentences = ARTICLE_EN.split('. ');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(sentences.length - 1), fc.nat(sentences.length - 1), fc.boolean()), { minLength: 1, maxLength: 25 }),
        (specs) => {
          const index = new DuplicateIndex();
          specs.forEach(([from, to, upper], i) => {
            const lo = Math.min(from, to);
            const text = sentences.slice(lo, Math.max(from, to) + 1).join('. ');
            index.add(item(upper ? text.toUpperCase() : text, { id: `p${i}`, publishedAt: `2024-01-${String((i % 28) + 1).padStart(2, '0')}` }));
          });
          const seen = new Set<string>();
          for (const c of index.clusters()) {
            expect(c.members[0]?.id).toBe(c.firstSeen);
            for (const m of c.members) {
              expect(seen.has(m.id)).toBe(false);
              seen.add(m.id);
              expect(index.clusterOf(m.id)).toBe(c.id);
            }
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
