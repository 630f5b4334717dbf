// End to end: the real CLI on fixture folders written for these tests, into a real SQLite file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, symlinkSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, cliAsync, jsonl, tempDir } from './cli-helpers.js';

interface ItemOut {
  id: string;
  source: string;
  title: string | null;
  author: string | null;
  url: string | null;
  publishedAt: string | null;
  datePrecision: string | null;
  language: string;
  text: string;
  document: string;
  offsets: { start: number; end: number };
  contentHash: string;
  parentId: string | null;
}

const BLOG = `1 2 3 4 … 117 Next »

Globalists Fear the Awakening! (25.3.2024)

The so-called experts at the Brussels Institute for Democratic Futures have once again told ordinary people what to think. Nobody voted for them.

Senator Harold Vance said in 1991 that "the people will remember", and they did.

Share this:
Twitter Facebook Telegram
Like this:
Like Loading...

THE MEDIA LIED AGAIN? (17.3.2024)

Three weeks after the flood in Marlow County, the national papers still refuse to name the contractor. The mayor promised answers by 4.4.2024 and delivered nothing.

7 bloggers like this.
Related

1 2 3We Need Unity! (4.3.2024)

Patriots of every party must stand together now. From 1939 to 1945 our grandparents did not ask who voted for whom.

%d bloggers like this:
`;

const FORUM = `Re: who pays for the new bridge?
Nobody on this board has read the budget. Page 14 lists the contractor twice, under two different names, and the council approved both payments on the same evening.

Council meeting moved again
They moved the meeting to Thursday at 9 in the morning so that working people cannot come. This is the third time this year and nobody at the Herald has asked why.
`;

const RU = `Выборы в Петербурге: что скрывают власти? (15.3.2024)

Городская комиссия снова отказалась публиковать протоколы участков. «Мы ничего не скрываем», — заявил председатель комиссии журналистам, но документы так и не появились.

В 1956 г. в городе уже была похожая история, а 5 мая 1920 г. газеты писали о том же.

Поделиться
Нравится

Кто платит за мост? (28.2.2024)

Депутаты Законодательного собрания в 1918–1921 гг. обсуждали этот мост, а сегодня о нём снова спорят. Подрядчик получил деньги дважды.
`;

/** windows-1251 bytes for a string, from the decoder's own table. */
function toCp1251(s: string): Buffer {
  const dec = new TextDecoder('windows-1251');
  const table = new Map<string, number>();
  for (let b = 0; b < 256; b++) table.set(dec.decode(Uint8Array.of(b)), b);
  return Buffer.from([...s].map((ch) => table.get(ch) ?? 0x3f));
}

let tmp: { dir: string; cleanup: () => void };
let db: string;
let corpus: string;

beforeAll(() => {
  tmp = tempDir();
  db = join(tmp.dir, 'test.db');
  corpus = join(tmp.dir, 'corpus');
  mkdirSync(join(corpus, 'patriot-blog'), { recursive: true });
  mkdirSync(join(corpus, 'bridge-forum'), { recursive: true });
  mkdirSync(join(corpus, 'pravda-1251'), { recursive: true });
  writeFileSync(join(corpus, 'patriot-blog', 'dump.txt'), BLOG);
  writeFileSync(join(corpus, 'bridge-forum', 'history.txt'), FORUM);
  writeFileSync(join(corpus, 'pravda-1251', 'archive.txt'), toCp1251(RU));
});
afterAll(() => tmp.cleanup());

function items(source?: string): ItemOut[] {
  const r = cli(db, ['items', '--json', '--limit', '1000', ...(source ? ['--source', source] : [])]);
  expect(r.code, r.stderr).toBe(0);
  return jsonl<ItemOut>(r.stdout);
}

describe('ingest of text dumps', () => {
  it('ingests a folder, one source per top folder, exit 0', () => {
    const r = cli(db, ['ingest', corpus, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { captures: { added: number }; items: { added: number }; sources: string[] };
    expect(report.captures.added).toBe(3);
    expect(report.sources.sort()).toEqual(['bridge-forum', 'patriot-blog', 'pravda-1251']);
  });

  it('splits dated headlines into items with day-first dates inferred from the source', () => {
    const blog = items('patriot-blog');
    expect(blog.map((i) => i.title)).toEqual(['Globalists Fear the Awakening!', 'THE MEDIA LIED AGAIN?', 'We Need Unity!']);
    expect(blog.map((i) => i.publishedAt)).toEqual(['2024-03-25', '2024-03-17', '2024-03-04']);
    expect(blog.every((i) => i.datePrecision === 'day' && i.language === 'en')).toBe(true);
  });

  it('drops widget debris and pagination from item texts', () => {
    const text = items('patriot-blog')
      .map((i) => `${i.title ?? ''}\n${i.text}`)
      .join('\n');
    for (const debris of ['Share this', 'Twitter Facebook', 'Like Loading', 'bloggers like this', 'Next »', '1 2 3', 'Related']) {
      expect(text).not.toContain(debris);
    }
    expect(text).toContain('Nobody voted for them.');
  });

  it('takes a title line followed directly by its body as a forum post', () => {
    const forum = items('bridge-forum');
    expect(forum.map((i) => i.title)).toEqual(['Re: who pays for the new bridge?', 'Council meeting moved again']);
    expect(forum[0]?.text.startsWith('Nobody on this board')).toBe(true);
  });

  it('decodes windows-1251 and tags Russian items', () => {
    const ru = items('pravda-1251');
    expect(ru.map((i) => i.title)).toEqual(['Выборы в Петербурге: что скрывают власти?', 'Кто платит за мост?']);
    expect(ru.every((i) => i.language === 'ru')).toBe(true);
    expect(ru.map((i) => i.publishedAt)).toEqual(['2024-03-15', '2024-02-28']);
    expect(ru[0]?.text).toContain('«Мы ничего не скрываем»');
    expect(ru[0]?.text).not.toContain('Поделиться');
  });

  it('keeps offsets into the document and dates as annotations', () => {
    const ru = items('pravda-1251');
    const first = ru[0];
    expect(first).toBeDefined();
    const show = cli(db, ['show', first!.id, '--json']);
    expect(show.code, show.stderr).toBe(0);
    const full = JSON.parse(show.stdout) as ItemOut & {
      annotations: Array<{ layer: string; start: number; end: number; value: string; producer: string }>;
      capture: { sha256: string };
    };
    expect(full.capture.sha256).toMatch(/^[0-9a-f]{64}$/);
    const dates = full.annotations.filter((a) => a.layer === 'date');
    const values = dates.map((a) => a.value);
    expect(values).toContain('1956');
    expect(values).toContain('1920-05-05');
    for (const a of dates) {
      expect([...full.text].slice(a.start, a.end).join('')).toMatch(/\d/);
      expect(a.producer).toMatch(/^dates@/);
    }
    expect(full.offsets.end - full.offsets.start).toBe([...full.text].length);
  });

  it('traces each dump item back to its characters in the decoded capture', () => {
    const blog = cli(db, ['items', '--json', '--source', 'patriot-blog']);
    const rows = jsonl<ItemOut & { metadata: { rawOffsets: { start: number; end: number } } }>(blog.stdout);
    const squash = (t: string): string => t.replace(/\s+/g, ' ').trim();
    for (const item of rows) {
      const raw = [...BLOG].slice(item.metadata.rawOffsets.start, item.metadata.rawOffsets.end).join('');
      expect(squash(raw)).toBe(squash(item.text));
    }
  });

  it('re-ingesting identical bytes adds nothing', () => {
    const before = items();
    const r = cli(db, ['ingest', corpus, '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { captures: { added: number; unchanged: number }; items: { added: number } };
    expect(report.captures).toEqual({ added: 0, unchanged: 3 });
    expect(report.items.added).toBe(0);
    expect(items().map((i) => i.id)).toEqual(before.map((i) => i.id));
  });

  it('an edited file adds a capture and changes only the items that changed', () => {
    const before = items('bridge-forum');
    writeFileSync(
      join(corpus, 'bridge-forum', 'history.txt'),
      FORUM.replace('at 9 in the morning', 'at nine in the morning') + '\nNew thread about the ferry\nThe ferry timetable changed again and the operator has not explained why the evening boats were cut.\n',
    );
    const r = cli(db, ['ingest', join(corpus, 'bridge-forum'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { captures: { added: number }; items: { added: number; updated: number; removed: number } };
    expect(report.captures.added).toBe(1);
    expect(report.items).toEqual({ added: 2, updated: 1, removed: 1 });
    const after = items('bridge-forum');
    expect(after).toHaveLength(3);
    expect(after[0]?.id).toBe(before[0]?.id);
    expect(after[1]?.id).not.toBe(before[1]?.id);
  });

  it('exports JSON Lines and CSV with the documented columns', () => {
    const j = cli(db, ['export', '--format', 'jsonl']);
    expect(j.code).toBe(0);
    const rows = jsonl<ItemOut>(j.stdout);
    expect(rows.length).toBe(items().length);
    for (const key of ['id', 'source', 'title', 'author', 'url', 'publishedAt', 'datePrecision', 'language', 'text', 'document', 'offsets', 'contentHash']) {
      expect(rows[0]).toHaveProperty(key);
    }
    const c = cli(db, ['export', '--format', 'csv']);
    expect(c.code).toBe(0);
    expect(c.stdout.split('\r\n')[0]).toBe('id,source,kind,title,author,url,publishedAt,datePrecision,language,languageConfidence,text,document,start,end,contentHash,parentId');
  });

  it('reads standard input', () => {
    const r = cli(db, ['ingest', '-', '--source', 'pasted', '--json'], { input: 'Pasted Statement (12.4.2024)\n\nThe ministry denied every word of the report on Tuesday, calling it a provocation.\n' });
    expect(r.code, r.stderr).toBe(0);
    const pasted = items('pasted');
    expect(pasted).toHaveLength(1);
    expect(pasted[0]?.publishedAt).toBe('2024-04-12');
  });

  it('sources and stats summarise the store', () => {
    const s = cli(db, ['sources', '--json']);
    expect(s.code).toBe(0);
    const sources = jsonl<{ name: string; items: number; languages: Record<string, number> }>(s.stdout);
    expect(sources.find((x) => x.name === 'pravda-1251')?.languages).toEqual({ ru: 2 });
    const st = cli(db, ['stats', '--json']);
    expect(st.code).toBe(0);
    expect((JSON.parse(st.stdout) as { items: number }).items).toBe(items().length);
  });
});

describe('usage errors exit 2', () => {
  it('rejects an unknown format, flag and date order', () => {
    expect(cli(db, ['ingest', corpus, '--format', 'docx']).code).toBe(2);
    expect(cli(db, ['items', '--bogus']).code).toBe(2);
    expect(cli(db, ['ingest', corpus, '--date-order', 'ymd']).code).toBe(2);
    expect(cli(db, ['frobnicate']).code).toBe(2);
    const langs = cli(db, ['ingest', corpus, '--languages', 'english,ru']);
    expect(langs.code).toBe(2);
    expect(langs.stderr).toContain('ISO 639-1');
  });

  it('names a store that cannot be opened', () => {
    const r = cli(join(tmp.dir, 'no', 'such', 'dir', 'x.db'), ['stats']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('x.db');
    // Port 1 on loopback: nothing listens there on any machine.
    const pg = cli('postgres://analyst:hunter2-secret@127.0.0.1:1/narrascope', ['stats']);
    expect(pg.code).toBe(2);
    expect(pg.stderr).toContain('postgres://analyst:***@127.0.0.1:1/narrascope');
    expect(pg.stderr).toContain('nothing listens there');
    expect(pg.stderr).not.toContain('hunter2-secret');
  });

  it('reports an unknown item id', () => {
    const r = cli(db, ['show', 'ffffffffffffffff']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('ffffffffffffffff');
  });
});

describe('bad inputs are skipped and reported, the rest goes on', () => {
  it('handles every kind of bad file in one run', () => {
    const bad = join(tmp.dir, 'bad');
    const src = join(bad, 'mixed');
    mkdirSync(join(src, 'loop'), { recursive: true });
    symlinkSync('..', join(src, 'loop', 'back'));
    writeFileSync(join(src, 'empty.txt'), '');
    writeFileSync(join(src, 'image.txt'), Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'));
    writeFileSync(join(src, 'archive.zip'), Buffer.concat([Buffer.from('504b0304140000000800', 'hex'), Buffer.alloc(64, 7)]));
    writeFileSync(join(src, 'broken-utf8.txt'), Buffer.concat([Buffer.from('Broken Bytes Headline\nThe council in Zürich and the delegation from Київ met on Monday and '), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(' adjourned without a vote on the bridge contract.\n')]));
    writeFileSync(join(src, 'malformed.html'), '<html><head><title>Half a page</title><body><div><p>The mayor <b>denied <i>everything</p> at the hearing on the bridge contract, again, and left early.<div><p>Unclosed');
    writeFileSync(
      join(src, 'bomb.xml'),
      '<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY a "aaaaaaaaaaaaaaaaaaaa">\n<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">\n<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">\n<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">\n<!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n<rss version="2.0"><channel><title>Bomb Feed</title><item><title>Entity test &e; &xxe;</title><description>Feed item body that mentions the harbour authority twice.</description></item></channel></rss>\n',
    );
    writeFileSync(join(src, 'ragged.csv'), 'id,title,text,date\n1,First,"The port strike entered its third day on Monday.",2024-03-01\n2,Second,"Only two fields here"\n3,Third,"The union leader said talks would resume on Friday.",2024-03-03,extra\n');
    writeFileSync(join(src, 'posts.jsonl'), '{"id":1,"text":"The regional governor resigned on Friday after the audit."}\n{"id":2,"text": broken\n{"id":3,"text":"Protesters gathered outside the court on Saturday."}\n');

    const r = cli(db, ['ingest', bad, '--json', '--source', 'bad-inputs', join(tmp.dir, 'does-not-exist.txt')]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { failures: Array<{ input: string; reason: string }>; warnings: Array<{ input: string; reason: string }> };
    const reasons = Object.fromEntries(report.failures.map((f) => [f.input.split('/').pop() ?? f.input, f.reason]));
    expect(reasons['does-not-exist.txt']).toMatch(/no such file/);
    expect(reasons['empty.txt']).toMatch(/empty/);
    expect(reasons['image.txt']).toMatch(/PNG/i);
    expect(reasons['archive.zip']).toMatch(/ZIP/i);
    expect(report.failures.some((f) => /symlink loop/.test(f.reason))).toBe(true);
    const warn = report.warnings.map((w) => `${w.input}: ${w.reason}`).join('\n');
    expect(warn).toMatch(/broken-utf8\.txt: .*invalid/);
    expect(warn).toMatch(/posts\.jsonl: line 2/);
    expect(warn).toMatch(/ragged\.csv: .*(row|line) 3/);
    // Every message names its input.
    expect(r.stderr).toContain('empty.txt');

    const kept = items('bad-inputs').map((i) => i.text).join('\n');
    expect(kept).toContain('adjourned without a vote');
    expect(kept).toContain('denied everything');
    expect(kept).toContain('harbour authority');
    expect(kept).not.toContain('root:');
    expect(kept).not.toContain('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa');
    expect(kept).toContain('third day on Monday');
    expect(kept).toContain('talks would resume');
    expect(kept).toContain('regional governor resigned');
    expect(kept).toContain('Protesters gathered');
  });

  it('reads messages copied out of Telegram: sender, date and forward origin', () => {
    const dir = join(tmp.dir, 'tg-paste', 'zvezda-paste');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'paste.txt'),
      'Звезда Севера, [12.03.2024 14:05]\nБрюссель снова решает за нас, а местные чиновники молчат.\n\n' +
        'Звезда Севера, [12.03.2024 18:40]\n[Forwarded from Совет суверенного диалога]\nЗаседание Совета пройдёт в Москве 14 марта.\n',
    );
    const db2 = join(tmp.dir, 'tg-paste.db');
    expect(cli(db2, ['ingest', join(tmp.dir, 'tg-paste')]).code).toBe(0);
    const rows = jsonl<ItemOut & { metadata: { forwardedFrom?: string } }>(cli(db2, ['items', '--json']).stdout);
    expect(rows.map((r) => [r.title, r.author, r.publishedAt, r.language])).toEqual([
      [null, 'Звезда Севера', '2024-03-12', 'ru'],
      [null, 'Звезда Севера', '2024-03-12', 'ru'],
    ]);
    expect(rows[1]?.metadata.forwardedFrom).toBe('Совет суверенного диалога');
  });

  it('never ingests the store itself when it sits inside the input folder', () => {
    const here = join(tmp.dir, 'cwd-store');
    mkdirSync(join(here, 'notes'), { recursive: true });
    writeFileSync(join(here, 'notes', 'memo.txt'), 'Meeting Moved Again! (3.4.2024)\n\nThe council moved the harbour meeting to Thursday morning without explanation.\n');
    const inner = join(here, 'narrascope.db');
    expect(cli(inner, ['ingest', here, '--json']).code).toBe(0);
    const again = cli(inner, ['ingest', here, '--json']);
    expect(again.code, again.stdout).toBe(0);
    expect((JSON.parse(again.stdout) as { failures: unknown[] }).failures).toEqual([]);
  });

  it('streams a 200 MB single-line file in bounded memory', async () => {
    const big = join(tmp.dir, 'big', 'oneline');
    mkdirSync(big, { recursive: true });
    const file = join(big, 'line.txt');
    const sentence = 'the committee said the contract was signed without a tender and the money went to a firm registered a week earlier ';
    const block = sentence.repeat(Math.ceil((1024 * 1024) / sentence.length));
    writeFileSync(file, '');
    for (let i = 0; i < 200; i++) appendFileSync(file, block);
    // As installed: the binary caps V8's heap, which is what keeps memory bounded.
    const r = await cliAsync(join(tmp.dir, 'big.db'), ['ingest', file, '--segment', 'none', '--json'], { asInstalled: true });
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { bytes: number; items: { added: number }; peakRssMb: number };
    expect(report.bytes).toBeGreaterThan(200 * 1024 * 1024);
    expect(report.items.added).toBeGreaterThan(1);
    expect(report.peakRssMb).toBeLessThan(1024);
  }, 300_000);
});
