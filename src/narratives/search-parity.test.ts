// Matching in memory must find exactly the items that `narrascope search` finds with the same
// query: this runs both over one small corpus in an in-memory SQLite store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildItem } from '../../test/factories.js';
import { cpLength } from '../core/codepoints.js';
import { sha256, stableId } from '../core/hash.js';
import type { Capture, DocumentRecord, Item, Source } from '../core/types.js';
import { compileQuery } from '../search/index.js';
import { openSqliteStore } from '../store/index.js';
import type { Store } from '../store/index.js';
import { compileNarrative, matchNarratives } from './match.js';

interface Post {
  title: string | null;
  text: string;
  language: string;
  publishedAt: string | null;
  author?: string;
}

const COURIER: Post[] = [
  { title: 'Sanctions backfire', text: 'Europe pays three times more for gas this winter.', language: 'en', publishedAt: '2024-01-10', author: 'Jane Roe' },
  { title: null, text: 'The new sanction package hurts European farmers most of all.', language: 'en', publishedAt: '2024-02' },
  { title: 'Black market claims', text: 'Rifles sent to Kyiv were resold on the black market, a blogger claimed. There is no evidence.', language: 'en', publishedAt: '2024-03-05' },
  { title: null, text: 'Black markets for fuel flourish in the east, where the sanctions bite.', language: 'en', publishedAt: null },
  { title: 'Elections', text: 'The election was rigged, the channel said, and the ballots were stolen.', language: 'en', publishedAt: '2023-11-30', author: 'J. Smith' },
];

const KURIER: Post[] = [
  { title: 'Санкции ударили по Европе', text: 'Ввод новых санкций бьёт по немецким заводам.', language: 'ru', publishedAt: '2024-03' },
  { title: null, text: 'Западное оружие всплыло на чёрном рынке Ближнего Востока.', language: 'ru', publishedAt: '2024-04-01' },
  { title: 'Биолаборатории', text: 'Американские биолаборатории на Украине снова в новостях.', language: 'ru', publishedAt: '2022-03-10' },
  { title: null, text: 'Європа запровадила нові санкції проти Росії.', language: 'uk', publishedAt: '2024-05-02' },
  { title: 'Выборы', text: 'Наблюдатели сообщили о вбросах и фальсификациях на выборах.', language: 'ru', publishedAt: '2024-03-17', author: 'Анна Петрова' },
];

const QUERIES = [
  'sanctions',
  'sanction Europe',
  'санкции',
  'санкции Европа',
  '"black market"',
  '"black mark"*',
  'black market',
  'biolab* OR биолаборатории',
  'sanctions -"no evidence"',
  '(rifles OR оружие) (market OR рынке)',
  'sanctions NEAR/3 farmers',
  'package NEAR/2 farmers',
  'NEAR(Europe gas, 5)',
  'NEAR(gas "Europe", 5)',
  'title:sanctions',
  'title:"sanctions backfire" Europe',
  'sanctions lang:en',
  'санкции lang:ru',
  'санкции -lang:ru',
  'sanctions source:"evening courier"',
  'sanctions -source:"Вечерний курьер"',
  'санкции from:2024-03 to:2024-04',
  'sanctions to:2024-01',
  'election author:"j. smith"',
  '(выборах OR election) -author:"Анна Петрова"',
  'rigged OR вбросах',
  '"рынке" OR "чёрном рынке"',
  'санкц*',
];

describe('narrative matching agrees with search', () => {
  let store: Store;
  const items: Array<{ item: Item; source: Source }> = [];

  beforeAll(async () => {
    store = await openSqliteStore(':memory:');
    for (const [name, posts] of [
      ['Evening Courier', COURIER],
      ['Вечерний курьер', KURIER],
    ] as const) {
      const source = await store.upsertSource({ name, kind: 'feed' });
      const bytes = Buffer.from(posts.map((p) => `${p.title ?? ''}\n${p.text}`).join('\n\n'), 'utf8');
      const hash = sha256(bytes);
      const capture: Capture = { id: hash, sha256: hash, size: bytes.byteLength, origin: `/corpus/${name}.txt`, sourceId: source.id, receivedAt: '2024-06-01T12:00:00.000Z', mediaType: 'text/plain' };
      const docId = stableId('doc', hash);
      let text = '';
      const written = posts.map((p, ordinal) => {
        if (text) text += '\n\n';
        const start = cpLength(text);
        text += p.text;
        return buildItem({
          id: stableId(source.id, ordinal, p.text),
          sourceId: source.id,
          documentId: docId,
          ordinal,
          title: p.title,
          author: p.author ?? null,
          text: p.text,
          publishedAt: p.publishedAt,
          datePrecision: p.publishedAt ? 'day' : null,
          language: p.language,
          start,
          end: start + cpLength(p.text),
          contentHash: sha256(p.text.toLowerCase()),
        });
      });
      const document: DocumentRecord = { id: docId, captureId: hash, sourceId: source.id, originKey: `${name}.txt`, format: 'text', charset: 'utf-8', title: null, text, metadata: {}, createdAt: '2024-06-01T12:00:01.000Z' };
      await store.writeIngest({ capture, chunks: [{ seq: 0, bytes }], documents: [{ document, items: written, annotations: [] }], final: true });
      for (const item of written) items.push({ item, source });
    }
    await store.syncSearchIndex();
  });

  afterAll(async () => {
    await store.close();
  });

  it.each(QUERIES)('%s', async (query) => {
    const c = compileQuery(query);
    const found = await store.search({ match: c.match, mode: c.mode, filters: c.filters, limit: 100, offset: 0 });
    const bySearch = found.hits.map((h) => h.item.id).sort();
    const matcher = compileNarrative({ id: 'n', title: 'n', description: '', queries: [query], examples: [] });
    const byMatch = items
      .filter(({ item, source }) =>
        matchNarratives([matcher], item.text, item.language, { source: source.name, sourceId: source.id, publishedAt: item.publishedAt, title: item.title, author: item.author }).length > 0,
      )
      .map(({ item }) => item.id)
      .sort();
    expect(byMatch).toEqual(bySearch);
  });

  it('is not vacuous: every query finds some items but not all, and the sets differ', async () => {
    const sets = new Set<string>();
    for (const q of QUERIES) {
      const c = compileQuery(q);
      const ids = (await store.search({ match: c.match, mode: c.mode, filters: c.filters, limit: 100, offset: 0 })).hits.map((h) => h.item.id).sort();
      expect(ids.length, q).toBeGreaterThan(0);
      expect(ids.length, q).toBeLessThan(items.length);
      sets.add(ids.join(' '));
    }
    expect(sets.size).toBeGreaterThanOrEqual(10);
  });
});
