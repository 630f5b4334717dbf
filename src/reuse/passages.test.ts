import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cpSlice } from '../core/codepoints.js';
import { findPassages, PassageIndex, type ReuseItem } from './passages.js';
import { wordTokens } from './tokens.js';

// Fictional outlets, officials and events throughout.
const STATEMENT =
  'The Ministry of Coastal Affairs confirmed on Tuesday that the Varnel bridge will remain closed until the inspection ' +
  'of its northern pylons is complete, and that the port authority has no plans to raise tolls for freight operators ' +
  'before the end of the season, despite earlier reports in several regional newspapers.';
const STATEMENT_EDITED = STATEMENT.replace('the port authority has no plans', 'the harbour board has no intention');

const item = (id: string, source: string, publishedAt: string | null, text: string): ReuseItem => ({ id, source, publishedAt, text });

function expectCovers(text: string, passage: string, start: number, end: number): void {
  const at = text.indexOf(passage);
  expect(at).toBeGreaterThanOrEqual(0);
  // Occurrences run from the first word to the end of the last word (the final stop is not a word).
  expect(start).toBe(at);
  expect(end).toBe(at + passage.replace(/[.!?…]+$/u, '').length);
}

describe('findPassages', () => {
  it('finds a paragraph pasted into two posts with one phrase changed as one passage', () => {
    const a =
      'Morning briefing from the Tallow Creek Gazette.\n\nFishermen in Osterby gathered at the quay to discuss the season. ' +
      STATEMENT +
      '\n\nOur correspondent will follow the council meeting on Friday and report on the vote about the new market hall.';
    const b =
      'Eastern Wire opinion: the mayor Ilse Brandvold has again avoided questions from local reporters.\n\n' +
      STATEMENT_EDITED +
      '\n\nCritics say that the timing of the announcement, weeks before the municipal election, is hardly a coincidence.';
    const passages = findPassages([item('a', 'tallow-creek-gazette', '2024-03-02', a), item('b', 'eastern-wire', '2024-03-03', b)]);
    expect(passages).toHaveLength(1);
    const [p] = passages;
    expect(p?.occurrences.map((o) => o.itemId)).toEqual(['a', 'b']);
    const [oa, ob] = p?.occurrences ?? [];
    expectCovers(a, STATEMENT, oa?.start ?? -1, oa?.end ?? -1);
    expectCovers(b, STATEMENT_EDITED, ob?.start ?? -1, ob?.end ?? -1);
    expect(oa?.first).toBe(true);
    expect(ob?.first).toBe(false);
    expect(p?.text).toBe(STATEMENT.slice(0, -1));
    expect(p?.sources).toBe(2);
    expect(oa?.cpStart).toBe(oa?.start);
  });

  it('matches Russian text across «» and "" quotes, ё and case', () => {
    const ru =
      'Пресс-служба «Северного альянса» заявила, что депутат Олег Вершинин «никогда не получал денег от иностранных фондов» ' +
      'и что все обвинения в его адрес являются частью заранее спланированной кампании, которую ведут анонимные каналы ' +
      'накануне выборов в городской совет Ёлкино.';
    const ruCopy = ru.replace(/«/g, '"').replace(/»/g, '"').replace('Ёлкино', 'ЕЛКИНО').replace('заранее спланированной', 'тщательно спланированной');
    const a = 'Новости Приозёрья. ' + ru + ' Редакция продолжит следить за развитием событий.';
    const b = 'Канал «Утренний вестник» пишет: ' + ruCopy + ' Подписывайтесь, чтобы не пропустить главное.';
    const passages = findPassages([item('ru1', 'priozerye-news', '2023-11-10', a), item('ru2', 'utrenniy-vestnik', '2023-11-11', b)]);
    expect(passages).toHaveLength(1);
    const occ = passages[0]?.occurrences ?? [];
    expect(occ).toHaveLength(2);
    expectCovers(a, ru, occ[0]?.start ?? -1, occ[0]?.end ?? -1);
    expectCovers(b, ruCopy, occ[1]?.start ?? -1, occ[1]?.end ?? -1);
  });

  it('orders three copies in time and marks the first appearance', () => {
    const wrap = (before: string, after: string): string => `${before}\n\n${STATEMENT}\n\n${after}`;
    const items = [
      item('late', 'blue-lantern', '2024-05-09', wrap('Reposted without comment by the Blue Lantern team.', 'Share this with friends who still trust the ministry.')),
      item('early', 'coastal-ministry-feed', '2024-05-01', wrap('Official statement.', 'Press office, Ministry of Coastal Affairs.')),
      item('middle', 'harbour-voices', '2024-05-04', wrap('A reader sent us this text, which we publish in full.', 'What do you think? Tell us in the comments below.')),
      item('undated', 'forum-osterby', null, wrap('quoting the thread from last week', 'nobody believes this anymore')),
    ];
    const [p] = findPassages(items);
    expect(p?.occurrences.map((o) => o.itemId)).toEqual(['early', 'middle', 'late', 'undated']);
    expect(p?.occurrences.map((o) => o.first)).toEqual([true, false, false, false]);
    expect(p?.sources).toBe(4);
  });

  it('does not report a footer repeated in every post of one source', () => {
    const footer =
      'Oak Ridge Dispatch is an independent reader-funded publication. Support our journalism with a monthly donation, ' +
      'follow us on every platform, and remember that all materials are protected by copyright and may not be reproduced.';
    const bodies = [
      'The county commission voted to postpone the decision on the landfill expansion until an independent review is done.',
      'Volunteers cleaned the riverside park on Saturday and collected more than two hundred bags of plastic waste.',
      'A new bakery opened on Fenwick Street, the third on the block, and neighbours are already complaining about parking.',
      'The high school debate team qualified for the state finals after a narrow win against Millbrook Academy.',
      'Residents of the eastern district reported a water outage that lasted almost six hours on Wednesday night.',
      'The library will extend its opening hours during the exam season, the head librarian Maren Holt said.',
    ];
    const items = bodies.map((body, i) => item(`oak${i}`, 'oak-ridge-dispatch', `2024-02-0${i + 1}`, `${body}\n\n${footer}`));
    items.push(item('other', 'pine-hollow-times', '2024-02-03', 'Pine Hollow Times covers the valley. ' + bodies[2]));
    expect(findPassages(items)).toEqual([]);
    expect(findPassages(items, { sameSource: true })).toEqual([]);
  });

  it('reports reuse inside one source only when asked', () => {
    const items = [
      item('s1', 'tallow-creek-gazette', '2024-01-01', 'First post. ' + STATEMENT),
      item('s2', 'tallow-creek-gazette', '2024-01-02', 'Second post repeats it. ' + STATEMENT),
      item('s3', 'tallow-creek-gazette', '2024-01-03', 'An unrelated post about the fishing quota and the weather in the bay.'),
    ];
    expect(findPassages(items)).toEqual([]);
    expect(findPassages(items, { sameSource: true })).toHaveLength(1);
  });

  it('ignores overlaps shorter than minWords', () => {
    const shared = 'the council of elders in Vostrava will meet again next Thursday to decide on the grain tax';
    expect(wordTokens(shared).words.length).toBeLessThan(20);
    const items = [
      item('x', 'north-post', '2024-04-01', `Sources told us that ${shared}, but nobody expects any surprises from the old guard.`),
      item('y', 'south-post', '2024-04-02', `Farmers are angry: ${shared} while prices for diesel keep climbing every single week.`),
    ];
    expect(findPassages(items)).toEqual([]);
    const short = findPassages(items, { minWords: 15, seedWords: 10 });
    expect(short).toHaveLength(1);
    expect(short[0]?.occurrences[0]?.words).toBeGreaterThanOrEqual(17);
  });

  it('gives code point offsets for text with emoji', () => {
    const a = '🔥🔥 BREAKING 🚨 ' + STATEMENT + ' 👇👇';
    const b = 'Repost 🙏: ' + STATEMENT_EDITED;
    const [p] = findPassages([item('e1', 'channel-one', '2024-06-01', a), item('e2', 'channel-two', '2024-06-02', b)]);
    const [oa, ob] = p?.occurrences ?? [];
    expect(oa?.start).toBe(a.indexOf(STATEMENT));
    expect(oa?.cpStart).toBe((oa?.start ?? 0) - 3);
    expect(oa?.cpEnd).toBe((oa?.end ?? 0) - 3);
    expect(cpSlice(a, oa?.cpStart ?? 0, oa?.cpEnd)).toBe(a.slice(oa?.start, oa?.end));
    expect(ob?.cpStart).toBe((ob?.start ?? 0) - 1);
    expect(cpSlice(b, ob?.cpStart ?? 0, ob?.cpEnd)).toBe(b.slice(ob?.start, ob?.end));
  });

  it('bridges scattered edits (one per ten words): substituted, inserted and deleted words', () => {
    const edited = STATEMENT.replace('on Tuesday', 'on Wednesday')
      .replace('will remain closed', 'will stay closed')
      .replace('northern pylons', 'pylons')
      .replace('raise tolls', 'increase tolls');
    const items = [
      item('o', 'coastal-ministry-feed', '2024-08-01', `Statement.\n\n${STATEMENT}\n\nEnd of statement.`),
      item('p', 'harbour-voices', '2024-08-02', `Our readers should know this.\n\n${edited}\n\nWe will keep asking questions.`),
    ];
    const [p, more] = findPassages(items);
    expect(more).toBeUndefined();
    expectCovers(items[1]?.text ?? '', edited, p?.occurrences[1]?.start ?? -1, p?.occurrences[1]?.end ?? -1);
  });

  it('keeps two different passages of one article apart', () => {
    const other =
      'Analysts at the Institute for Baltic Maritime Studies warned that the closure of the bridge will cost local businesses ' +
      'several million euros in lost revenue and could push smaller shipping firms out of the market entirely by next spring.';
    const items = [
      item('m1', 'press-office', '2024-07-01', STATEMENT),
      item('m2', 'institute-blog', '2024-07-02', other),
      item('m3', 'aggregator', '2024-07-03', `${STATEMENT}\n\nMeanwhile, experts disagree about the damage.\n\n${other}`),
    ];
    const passages = findPassages(items);
    expect(passages).toHaveLength(2);
    expect(passages.map((p) => p.occurrences.map((o) => o.itemId))).toEqual([
      ['m1', 'm3'],
      ['m2', 'm3'],
    ]);
  });
});

describe('findPassages at scale', () => {
  // Fictional wording; every post gets its own intro and outro from small lists, so posts share
  // the statement and at most a few short phrases.
  const TOWNS = ['Osterby', 'Varnel', 'Kessling', 'Marrow Point', 'Tallow Creek', 'Ebbesund', 'Holloway', 'Greyfen', 'Lindmark', 'Saltby', 'Rookhaven'];
  const WHO = ['a reader', 'our correspondent', 'a harbour pilot', 'the union steward', 'a ferry captain', 'a retired engineer', 'the parish clerk'];
  const WHAT = ['the toll dispute', 'the winter timetable', 'the quay repairs', 'the freight quotas', 'the pilot strike', 'the dredging contract', 'the ferry subsidy', 'the night closures', 'the fuel levy'];
  const post = (i: number): string =>
    `${WHO[i % 7] ?? ''} in ${TOWNS[i % 11] ?? ''} sent us this on day ${i} of ${WHAT[i % 9] ?? ''}.\n\n${STATEMENT}\n\n` +
    `Comment ${i}: ${WHAT[(i * 5) % 9] ?? ''} still worries ${WHO[(i * 3) % 7] ?? ''} from ${TOWNS[(i * 4) % 11] ?? ''}.`;

  it('finds a passage copied into more posts than maxSeedItems as one passage', () => {
    const items = Array.from({ length: 40 }, (_, i) => item(`c${i}`, `outlet-${i}`, `2024-0${1 + (i % 9)}-1${i % 10}`, post(i)));
    for (const maxSeedItems of [4, 16]) {
      const found = findPassages(items, { maxSeedItems });
      expect(found).toHaveLength(1);
      expect(new Set(found[0]?.occurrences.map((o) => o.itemId)).size).toBe(40);
      // Posts that share an intro phrase too share a little more than the statement.
      for (const o of found[0]?.occurrences ?? []) {
        const at = post(Number(o.itemId.slice(1))).indexOf(STATEMENT);
        expect(o.start).toBeLessThanOrEqual(at);
        expect(o.end).toBeGreaterThanOrEqual(at + STATEMENT.length - 1);
      }
    }
  });

  it('does not align posts that share only stock phrases', () => {
    // Each pair of posts shares "sent us this on day" and other short phrases, never 20 words.
    const items = Array.from({ length: 60 }, (_, i) => item(`s${i}`, `outlet-${i}`, '2024-05-01', post(i).replace(STATEMENT, `Item ${i} has its own text.`)));
    expect(findPassages(items)).toEqual([]);
  });
});

describe('PassageIndex', () => {
  it('finds matches incrementally and filters by source', () => {
    const index = new PassageIndex();
    index.add(item('a', 'tallow-creek-gazette', '2024-03-02', 'Intro. ' + STATEMENT));
    expect(index.passages()).toEqual([]);
    index.add(item('b', 'eastern-wire', '2024-03-01', STATEMENT_EDITED + ' Outro.'));
    index.add(item('b', 'eastern-wire', '2024-03-01', 'the same id again is ignored'));
    const ps = index.passages();
    expect(ps).toHaveLength(1);
    expect(ps[0]?.occurrences[0]?.itemId).toBe('b');
    expect(ps[0]?.text).toBe(STATEMENT_EDITED.slice(0, -1));
    expect(index.passages({ source: 'eastern-wire' })).toHaveLength(1);
    expect(index.passages({ source: 'nowhere' })).toEqual([]);
    expect(index.passages({ minWords: 60 })).toEqual([]);
    expect(index.size).toBe(2);
  });

  it('rejects invalid options with the value named', () => {
    expect(() => new PassageIndex({ minWords: 2 })).toThrow(/minWords/);
    expect(() => new PassageIndex({ maxSourceShare: 1.5 })).toThrow(/maxSourceShare/);
    expect(() => new PassageIndex({ maxSeedItems: 0 })).toThrow(/maxSeedItems/);
  });
});

// Property: random texts over a small vocabulary with a planted passage, edited a little.
const VOCAB = (
  'river council bridge tax grain mayor harbour election ministry report vote market school budget road fleet ' +
  'winter summer price diesel farmers police court judge border treaty envoy channel rumour protest strike ' +
  'минск совет мост налог выборы министр рынок школа бюджет дорога зима лето цена суд граница договор слух ' +
  'alpha bravo delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa quebec romeo'
).split(' ');

function lcs(a: string[], b: string[]): number {
  const dp = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    let prev = 0;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j] ?? 0;
      dp[j] = x === b[j - 1] ? prev + 1 : Math.max(dp[j] ?? 0, dp[j - 1] ?? 0);
      prev = tmp;
    }
  }
  return dp[b.length] ?? 0;
}

describe('findPassages properties', () => {
  it('occurrences lie within their items and each is similar to another occurrence', () => {
    const words = (n: number): fc.Arbitrary<string[]> => fc.array(fc.constantFrom(...VOCAB), { minLength: n, maxLength: n + 40 });
    const arb = fc.record({
      passage: words(25),
      fillers: fc.array(fc.tuple(words(0), words(0)), { minLength: 2, maxLength: 5 }),
      edits: fc.array(fc.tuple(fc.nat(), fc.constantFrom(...VOCAB)), { maxLength: 2 }),
      emoji: fc.boolean(),
    });
    fc.assert(
      fc.property(arb, ({ passage, fillers, edits, emoji }) => {
        const items = fillers.map(([before, after], i) => {
          const p = [...passage];
          if (i > 0) for (const [at, w] of edits) p[(at * (i + 3)) % p.length] = w;
          const text = [emoji ? '🙂 ' : '', before.join(' '), '. ', p.join(' '), '! ', after.join(' ')].join('');
          return item(`i${i}`, `src${i}`, `2024-01-${String(10 + i)}`, text);
        });
        const texts = new Map(items.map((it) => [it.id, it.text]));
        const found = findPassages(items);
        for (const p of found) {
          expect(p.occurrences.length).toBeGreaterThanOrEqual(2);
          const spans = p.occurrences.map((o) => {
            const text = texts.get(o.itemId) ?? '';
            expect(0 <= o.start && o.start < o.end && o.end <= text.length).toBe(true);
            expect(cpSlice(text, o.cpStart, o.cpEnd)).toBe(text.slice(o.start, o.end));
            return wordTokens(text.slice(o.start, o.end)).words;
          });
          // Occurrences are grouped through pairwise matches, so A~B and B~C may put A and C in one
          // passage although A and C alone are a little less alike: every occurrence must be
          // close to at least one other occurrence of its passage.
          for (let i = 0; i < spans.length; i++) {
            const a = spans[i] ?? [];
            let best = 0;
            for (let j = 0; j < spans.length; j++) {
              if (j === i) continue;
              const b = spans[j] ?? [];
              best = Math.max(best, lcs(a, b) / Math.max(a.length, b.length));
            }
            expect(best).toBeGreaterThanOrEqual(0.6);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
