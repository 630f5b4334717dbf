import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parseHtml } from './html.js';

const fixture = (name: string): string => readFileSync(new URL(`../../test/fixtures/ingest/${name}`, import.meta.url), 'utf8');
const opts = { inputName: 'page.html' };
const POST_URL = 'https://eastbridge-observer.example/2024/03/05/the-harbour-deal-nobody-voted-for/';

describe('parseHtml on a WordPress post with comments', () => {
  const doc = parseHtml(fixture('wordpress-post.html'), opts);
  const post = doc.items[0];
  const comments = doc.items.filter((i) => i.kind === 'comment');

  it('takes title, author, date, URL and site from the metadata', () => {
    expect(doc.title).toBe('The Harbour Deal Nobody Voted For');
    expect(post).toMatchObject({
      kind: 'post',
      key: POST_URL,
      title: 'The Harbour Deal Nobody Voted For',
      author: 'Maren Tollis',
      url: POST_URL,
      rawDate: '2024-03-05T08:14:00+00:00',
    });
    expect(post?.metadata).toMatchObject({ modified: '2024-03-06T10:02:11+00:00', tags: ['Harbour', 'Councillor Varn'], lang: 'en-US' });
    expect(doc.sourceHint).toEqual({ name: 'Eastbridge Observer', url: 'https://eastbridge-observer.example', kind: 'site' });
  });

  it('keeps the article paragraphs and leaves widgets, navigation, sidebar and scripts out', () => {
    const text = post?.text ?? '';
    expect(text.startsWith('On Tuesday night the city council of Eastbridge')).toBe(true);
    expect(text).toContain('minutes.\n\nCouncillor Edda Varn');
    expect(text).toContain('Its website went online on the day of the vote.\nRequests for comment went unanswered.');
    expect(text).toContain('Lease term: 30 years\nAnnual rent: not disclosed');
    expect(text.endsWith('The council will discuss the lease again on 19 March.')).toBe(true);
    for (const junk of ['Share this', 'Like this', 'Loading', 'Related', 'Recent Posts', 'Previous post', 'Skip to content', 'INJECTED', 'trackPage', 'Leave a Reply', 'Piotr', 'powered by']) {
      expect(text).not.toContain(junk);
    }
  });

  it('makes each comment an item with author, date, URL and text, without "says:" or "Reply"', () => {
    expect(comments.map((c) => [c.key, c.author, c.rawDate])).toEqual([
      ['comment-1021', 'Piotr Halvik', '2024-03-05T09:30:12+00:00'],
      ['comment-1022', 'Алёна Крылова', '2024-03-05T11:02:40+00:00'],
      ['comment-1025', 'Harbour Watch', '2024-03-06T07:45:00+00:00'],
    ]);
    expect(comments[0]?.text).toBe('Thirty years! My grandchildren will still be paying for this.\n\nWho checked the company before the vote?');
    expect(comments[0]?.url).toBe(`${POST_URL}#comment-1021`);
    expect(comments[1]?.text).toBe('Никто не проверял. Всё решили заранее, как обычно.');
    for (const c of comments) expect(c.text).not.toMatch(/says:|Reply/);
  });

  it('links top-level comments to the post and replies to their parent comment', () => {
    expect(comments.map((c) => c.parentKey)).toEqual([POST_URL, 'comment-1021', POST_URL]);
    expect(comments[1]?.metadata['depth']).toBe(1);
  });
});

describe('parseHtml on listing pages', () => {
  it('splits an archive page into one item per post, each with its own metadata', () => {
    const doc = parseHtml(fixture('blog-archive.html'), opts);
    expect(doc.metadata['listing']).toBe(true);
    expect(doc.items.map((i) => [i.title, i.author, i.rawDate, i.url])).toEqual([
      ['Мост через реку снова откладывают', 'Иван Светлов', '2024-03-14T18:20:00+03:00', 'https://golos-zarechya.example/2024/03/14/most-cherez-reku/'],
      ['Выборы в совет: кто на самом деле стоит за новыми кандидатами?', 'Ольга Ветрова', '2024-03-09T10:05:00+03:00', 'https://golos-zarechya.example/2024/03/09/vybory-v-sovet/'],
      ['Weekly summary in English', 'Ivan Svetlov', '2024-03-02T09:00:00+03:00', 'https://golos-zarechya.example/2024/03/02/english-summary/'],
    ]);
    expect(doc.items[0]?.text).toBe(
      'Администрация района в третий раз перенесла начало строительства моста. Жители деревни Ольховка по-прежнему ездят в школу в обход, сорок километров.\n\nПодрядчик ссылается на «внешние обстоятельства».',
    );
    for (const item of doc.items) expect(item.text).not.toMatch(/Читать далее|Новости|Далее|Свежие записи|Автор/);
    expect(doc.sourceHint).toEqual({ name: 'Голос Заречья', url: 'https://golos-zarechya.example', kind: 'site' });
  });

  it('splits repeated .post blocks that are not <article> elements', () => {
    const html = `<html><body><div id="main">
      <div class="post"><h2><a href="/a">First headline</a></h2><p>First post body text.</p></div>
      <div class="post"><h2><a href="/b">Second headline</a></h2><p>Second post body text.</p></div>
    </div></body></html>`;
    const doc = parseHtml(html, opts);
    expect(doc.items.map((i) => [i.title, i.text, i.url, i.key])).toEqual([
      ['First headline', 'First post body text.', '/a', '/a'],
      ['Second headline', 'Second post body text.', '/b', '/b'],
    ]);
  });
});

describe('parseHtml metadata sources', () => {
  it('reads JSON-LD headline, author list and date, ignoring a malformed block', () => {
    const html = `<!doctype html><html><head><title>Site | Page</title>
      <script type="application/ld+json">{ broken json</script>
      <script type="application/ld+json">[{"@type":"NewsArticle","headline":"Deputies Demand Answers","datePublished":"2024-02-11","author":[{"@type":"Person","name":"Rita Vos"},{"name":"Jon Elm"}],"publisher":{"@type":"Organization","name":"Coastal Wire"}}]</script>
      </head><body><article><p>${'Deputies demanded that the ministry publish the contracts. '.repeat(8)}</p></article></body></html>`;
    const doc = parseHtml(html, opts);
    expect(doc.items[0]).toMatchObject({ title: 'Deputies Demand Answers', author: 'Rita Vos, Jon Elm', rawDate: '2024-02-11', kind: 'post' });
    expect(doc.sourceHint).toEqual({ name: 'Coastal Wire', kind: 'site' });
  });

  it.each([
    ['<meta itemprop="datePublished" content="2023-11-02">', '2023-11-02'],
    ['<meta name="dc.date" content="2023-11-03">', '2023-11-03'],
    ['<meta name="parsely-pub-date" content="2023-11-04T10:00:00Z">', '2023-11-04T10:00:00Z'],
    ['<meta name="sailthru.date" content="2023-11-05 10:00:00">', '2023-11-05 10:00:00'],
    ['<meta name="pubdate" content="20231106">', '20231106'],
  ])('reads the date from %s', (meta, date) => {
    const html = `<html><head>${meta}<title>T</title></head><body><p>Some text about the budget vote.</p></body></html>`;
    expect(parseHtml(html, opts).items[0]?.rawDate).toBe(date);
  });

  it('falls back to a <time datetime> element outside the comments', () => {
    const html = `<html><body><div class="post-meta"><time datetime="2022-05-09">9 May</time></div><p>Body of the note.</p>
      <div class="comments"><div class="comment"><span class="author">Kim</span><time datetime="2022-06-01">June</time><div class="comment-text">Late reply.</div></div></div></body></html>`;
    const doc = parseHtml(html, opts);
    expect(doc.items[0]?.rawDate).toBe('2022-05-09');
    expect(doc.items[0]?.text).toBe('Body of the note.');
    expect(doc.items[1]).toMatchObject({ kind: 'comment', author: 'Kim', rawDate: '2022-06-01', text: 'Late reply.', parentKey: 'page' });
  });
});

describe('parseHtml comment markups', () => {
  it('reads static Disqus threads with nested replies', () => {
    const html = `<html><head><link rel="canonical" href="https://zeta.example/p/1"></head><body><article><p>Post body.</p></article>
      <div id="disqus_thread"><ul id="post-list">
        <li class="post" id="post-9001"><div class="post-content"><div class="post-byline"><span class="author"><a>Dmitri V.</a></span></div>
          <div class="post-meta"><a class="time-ago" href="https://zeta.example/p/1#comment-9001" title="Monday, March 4, 2024 10:12 AM">4 days ago</a></div>
          <div class="post-message"><p>Это всё постановка.</p></div></div>
          <ul class="children"><li class="post" id="post-9002"><div class="post-content"><div class="post-byline"><span class="author"><a>Mia</a></span></div>
            <div class="post-meta"><a class="time-ago" title="Monday, March 4, 2024 11:00 AM">4 days ago</a></div>
            <div class="post-message"><p>Source?</p></div></div></li></ul>
        </li></ul></div></body></html>`;
    const comments = parseHtml(html, opts).items.filter((i) => i.kind === 'comment');
    expect(comments.map((c) => [c.key, c.parentKey, c.author, c.rawDate, c.text])).toEqual([
      ['comment-9001', 'https://zeta.example/p/1', 'Dmitri V.', 'Monday, March 4, 2024 10:12 AM', 'Это всё постановка.'],
      ['comment-9002', 'comment-9001', 'Mia', 'Monday, March 4, 2024 11:00 AM', 'Source?'],
    ]);
  });

  it('reads schema.org comments', () => {
    const html = `<html><body><article><p>Main text.</p></article><section>
      <div itemprop="comment" itemscope itemtype="https://schema.org/Comment" id="c7">
        <span itemprop="author" itemscope><span itemprop="name">Lena</span></span>
        <meta itemprop="dateCreated" content="2024-01-05T08:00:00Z">
        <div itemprop="text"><p>Well said.</p></div>
      </div></section></body></html>`;
    const comment = parseHtml(html, opts).items.find((i) => i.kind === 'comment');
    expect(comment).toMatchObject({ key: 'c7', author: 'Lena', rawDate: '2024-01-05T08:00:00Z', text: 'Well said.' });
  });
});

describe('parseHtml on bad input', () => {
  it('gives what text there is from unclosed and garbled markup', () => {
    const doc = parseHtml('<html><head><title>Broken</title><body><div><p>First paragraph<p>Second <b>bold <i>para</div></span>&&&<<<>>>', opts);
    expect(doc.items).toHaveLength(1);
    expect(doc.items[0]?.text).toContain('First paragraph');
    expect(doc.items[0]?.text).toContain('Second bold para');
  });

  it('reads a bare fragment with no <html> or <body>', () => {
    const doc = parseHtml('<p>Only a fragment.</p><p>Two paragraphs.</p>', opts);
    expect(doc.items[0]?.text).toBe('Only a fragment.\n\nTwo paragraphs.');
  });

  it('returns no items, with a warning, for a page with no text', () => {
    const doc = parseHtml('<html><head><script>alert(1)</script></head><body><nav>Home</nav></body></html>', opts);
    expect(doc.items).toEqual([]);
    expect(doc.warnings.map((w) => w.message)).toEqual(['no readable text in the page']);
  });

  it('never throws on arbitrary tag soup', () => {
    const piece = fc.constantFrom('<article>', '</article>', '<h2>', '</h2>', '<p>', '<div class="comment">', '<li class="comment">', '</li>', '<ol class="comment-list">', 'Text', '<script>', '</script>', '<time datetime="2024-01-01">', '&', '<!--', '-->', 'Слово');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
        const doc = parseHtml(parts.join(''), opts);
        for (const item of doc.items) expect(item.text.trim()).not.toBe('');
      }),
      { numRuns: 150 },
    );
  });

  it('parses a typical page in a few milliseconds', () => {
    const html = fixture('wordpress-post.html');
    parseHtml(html, opts);
    const t0 = performance.now();
    for (let i = 0; i < 20; i++) parseHtml(html, opts);
    expect((performance.now() - t0) / 20).toBeLessThan(50);
  });
});

describe('generic theme without date markup', () => {
  const page = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Мэрия скрывает отчёт о мосте | Городские вести</title></head><body>
<div id="header"><a href="/">Главная</a> | <a href="/news">Новости</a></div>
<div class="content"><h1>Мэрия скрывает отчёт о мосте</h1><div class="date">12.03.2024 14:05</div>
<p>Третью неделю мэрия не публикует отчёт об аудите строительства моста через реку. Депутат городской думы Игорь Сафонов заявил: «Мы запросили документы ещё 5 февраля, ответа нет».</p>
<p>По данным нашего источника в администрации, подрядчик получил аванс ещё в 2021 г., а работы начались только в 2023 г.</p></div>
<div class="comments"><div class="comment"><span class="author">Сергей</span> <span class="date">12.03.2024</span><p>Так было и с набережной в 2019 году. Никто не ответил.</p></div></div>
</body></html>`;
  const doc = parseHtml(page, { inputName: 'bridge.html' });

  it('reads the date from a "date" element and drops the repeated title and date from the text', () => {
    const post = doc.items.find((i) => i.kind !== 'comment');
    expect(post?.title).toBe('Мэрия скрывает отчёт о мосте');
    expect(post?.rawDate).toBe('12.03.2024 14:05');
    expect(post?.text.startsWith('Третью неделю')).toBe(true);
  });

  it('keeps the comment author and date out of the comment text', () => {
    const comment = doc.items.find((i) => i.kind === 'comment');
    expect(comment?.author).toBe('Сергей');
    expect(comment?.rawDate).toBe('12.03.2024');
    expect(comment?.text).toBe('Так было и с набережной в 2019 году. Никто не ответил.');
  });
});
