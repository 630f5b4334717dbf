import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clean, isBoilerplateLine, lineKey, stripGluedPagination } from './clean.js';
import { normalise } from './normalise.js';
import { composeMaps, toOriginal, toOriginalEnd } from './offsetmap.js';

describe('isBoilerplateLine', () => {
  it.each([
    ['Share this:', 'share'],
    ['Share this post', 'share'],
    ['Twitter Facebook Telegram', 'share'],
    ['Facebook, Twitter, WhatsApp, Email', 'share'],
    ['Share on Facebook', 'share'],
    ['Click to share on X (Opens in new window)', 'share'],
    ['Click to email a link to a friend (Opens in new window)', 'share'],
    ['Поделиться', 'share'],
    ['Поделиться:', 'share'],
    ['Поделиться в Telegram', 'share'],
    ['ВКонтакте Одноклассники Telegram', 'share'],
    ['Like this:', 'like'],
    ['Нравится', 'like'],
    ['%d bloggers like this:', 'like'],
    ['7 bloggers like this.', 'like'],
    ['One blogger likes this.', 'like'],
    ['Like Loading...', 'like'],
    ['Loading…', 'loading'],
    ['Loading...', 'loading'],
    ['Подписаться', 'subscribe'],
    ['Subscribe to our newsletter', 'subscribe'],
    ['Подпишитесь на наш канал', 'subscribe'],
    ['Related', 'related'],
    ['Related posts', 'related'],
    ['Related Posts:', 'related'],
    ['Похожие записи', 'related'],
    ['Читайте также', 'related'],
    ['Читайте также: Депутат Соколов снова обещает мост', 'related'],
    ['Comments (3)', 'comments'],
    ['12 Comments', 'comments'],
    ['Leave a comment', 'comments'],
    ['Leave a Reply Cancel reply', 'comments'],
    ['Reply', 'comments'],
    ['Комментарии (14)', 'comments'],
    ['Ответить', 'comments'],
    ['Tags: elections, Riverton, fraud', 'tags'],
    ['Метки: выборы, Петербург', 'tags'],
    ['Posted in Politics | Tagged elections | 3 Comments', 'category'],
    ['Posted in Politics, World News', 'category'],
    ['Filed under: Elections', 'category'],
    ['Рубрика: Политика', 'category'],
    ['Advertisement', 'advertisement'],
    ['ADVERTISEMENT', 'advertisement'],
    ['Реклама', 'advertisement'],
    ['Print this page', 'print'],
    ['Версия для печати', 'print'],
    ['Read more »', 'read-more'],
    ['Continue reading →', 'read-more'],
    ['Читать далее', 'read-more'],
    ['This website uses cookies to improve your experience. We\'ll assume you\'re ok with this, but you can opt-out if you wish. Accept Read More', 'cookie'],
    ['We use cookies to improve your experience on our site. Accept', 'cookie'],
    ['Мы используем файлы cookie, чтобы сайт работал лучше. Принять', 'cookie'],
    ['Этот сайт использует cookie. Продолжая работу с сайтом, вы соглашаетесь с политикой конфиденциальности.', 'cookie'],
    ['Accept all cookies', 'cookie'],
    ['Home » Politics » Elections', 'navigation'],
    ['1 2 3 4 … 117 Next »', 'pagination'],
    ['« Previous 1 2 3', 'pagination'],
    ['1 2 3', 'pagination'],
    ['« Older posts', 'pagination'],
    ['Newer posts »', 'pagination'],
    ['Page 2 of 117', 'pagination'],
    ['Страница 3 из 40', 'pagination'],
    ['‹ 1 2 … 9 ›', 'pagination'],
  ])('%s → %s', (line, reason) => {
    expect(isBoilerplateLine(line)).toBe(reason);
  });

  it.each([
    'Critics say the portal tracks readers with cookies and shares the data with the ministry.',
    'We use cookies as an excuse, the editor admitted, but the real reason was money.',
    'Share this with everyone you know: the mayor lied about the bridge contract.',
    'Мы используем все законные средства, чтобы добиться пересчёта голосов.',
    'Поделиться своим мнением с редакцией может каждый читатель «Невского вестника».',
    'Like this government, the previous one promised reform and delivered nothing.',
    '1945',
    '1941 - 1945',
    '1941–1945',
    '3 killed in shelling',
    '2024 Elections',
    'Related parties were not informed, according to the commission.',
    'Posted in 2019, the video was viewed millions of times before it was removed.',
    'Tags matter less than content.',
    'Reply to the minister: no more lies!',
    'Facebook banned the channel last week',
    'Election Fraud Exposed Again! (12.3.2024)',
    'Согласен!',
    '',
  ])('keeps %j', (line) => {
    expect(isBoilerplateLine(line)).toBeNull();
  });
});

describe('stripGluedPagination', () => {
  it('strips page numbers glued to a title', () => {
    expect(stripGluedPagination('1 2 3We Need Unity!')).toEqual({ line: 'We Need Unity!', removedPrefix: 5 });
    expect(stripGluedPagination('1 2 3 … 117Выборы в Петербурге (5.7.2024)')).toEqual({ line: 'Выборы в Петербурге (5.7.2024)', removedPrefix: 11 });
    expect(stripGluedPagination('4 5 6Election Fraud Exposed Again!').line).toBe('Election Fraud Exposed Again!');
  });

  it('keeps numbers that belong to the line', () => {
    for (const line of ['2024 Elections', '3 killed in shelling', '1 2 3 numbers for the lottery', '3D Printing Is Coming', '5 4 3Lift Off', 'We Need Unity!', '1 2 3']) {
      expect(stripGluedPagination(line)).toEqual({ line, removedPrefix: 0 });
    }
  });
});

describe('lineKey', () => {
  it('folds case, quotes, dashes and spaces', () => {
    expect(lineKey('  «Невский  Вестник» — ГЛАВНОЕ ')).toBe('"невский вестник" - главное');
    expect(lineKey('Riverton Daily © 2024')).toBe(lineKey('riverton daily © 2024'));
    expect(lineKey('Page 12')).not.toBe(lineKey('Page 13'));
  });
});

const BLOG = `The Riverton Patriot

1 2 3We Need Unity! (5.7.2024)

Friends, the council voted again to sell the river port to a foreign consortium.
We will not let this happen without a fight.

Share this:
Twitter Facebook Telegram
Like this:
Like Loading...

Related

Election Fraud Exposed Again! (12.3.2024)

The commission ignored 400 complaints, says observer Anna Lisova, and the site tracks readers with cookies.

Leave a comment

1 2 3 4 … 117 Next »`;

describe('clean', () => {
  it('removes debris from a blog dump and keeps the prose', () => {
    const { text, removed } = clean(BLOG);
    expect(text).toBe(`The Riverton Patriot

We Need Unity! (5.7.2024)

Friends, the council voted again to sell the river port to a foreign consortium.
We will not let this happen without a fight.

Election Fraud Exposed Again! (12.3.2024)

The commission ignored 400 complaints, says observer Anna Lisova, and the site tracks readers with cookies.`);
    expect(removed.map((r) => r.reason)).toEqual(['pagination', 'share', 'share', 'like', 'like', 'related', 'comments', 'pagination']);
    for (const r of removed.slice(1)) expect(isBoilerplateLine(BLOG.slice(r.start, r.end))).toBe(r.reason);
    expect(BLOG.slice(removed[0]?.start, removed[0]?.end)).toBe('1 2 3');
  });

  it('removes lines repeated across the source', () => {
    const text = 'Riverton Patriot — independent news since 2009\n\nThe mayor resigned.\n\nRIVERTON PATRIOT - INDEPENDENT NEWS SINCE 2009';
    const repeated = new Set([lineKey('Riverton Patriot — independent news since 2009')]);
    const r = clean(text, { repeatedLines: repeated });
    expect(r.text).toBe('The mayor resigned.');
    expect(r.removed.map((x) => x.reason)).toEqual(['repeated', 'repeated']);
  });

  it('turns a removed run between kept lines into a paragraph break', () => {
    expect(clean('Last line of a post.\nShare this:\nFacebook Twitter\nNext Post Title!').text).toBe('Last line of a post.\n\nNext Post Title!');
    expect(clean('One.\nTwo.').text).toBe('One.\nTwo.');
  });

  it('returns empty text when everything is debris', () => {
    const r = clean('Share this:\n\nLoading...\n');
    expect(r.text).toBe('');
    expect(r.removed).toHaveLength(2);
  });

  it('maps cleaned offsets back to the input and, composed, to the raw text', () => {
    const raw = 'Intro\u00a0line\r\n\r\nShare this:\r\n1 2 3We  Need Unity!\r\nBody\u200b text.';
    const norm = normalise(raw);
    const cleaned = clean(norm.text);
    expect(cleaned.text).toBe('Intro line\n\nWe Need Unity!\nBody text.');
    const i = cleaned.text.indexOf('We Need');
    expect(norm.text.slice(toOriginal(cleaned.map, i), toOriginalEnd(cleaned.map, i + 14))).toBe('We Need Unity!');
    const toRaw = composeMaps(cleaned.map, norm.map);
    expect(raw.slice(toOriginal(toRaw, i), toOriginalEnd(toRaw, i + 14))).toBe('We  Need Unity!');
    const b = cleaned.text.indexOf('text.');
    expect(raw.slice(toOriginal(toRaw, b), toOriginalEnd(toRaw, b + 5))).toBe('text.');
  });

  const lines = fc.constantFrom(
    'Share this:', 'Like Loading...', '1 2 3 4 … 117 Next »', '1 2 3We Need Unity!', 'The mayor lied about the bridge.',
    'Выборы в Петербурге (5.7.2024)', '', '  ', 'Мы используем файлы cookie', 'Tags: a, b', 'Депутат Соколов сказал «нет».',
  );
  it('property: every kept character maps to the same character in the input', () => {
    fc.assert(
      fc.property(fc.array(lines, { maxLength: 30 }), (ls) => {
        const input = ls.join('\n');
        const { text, map } = clean(input);
        let prev = -1;
        for (let i = 0; i < text.length; i++) {
          const o = toOriginal(map, i);
          expect(o).toBeGreaterThan(prev);
          prev = o;
          expect(input[o]).toBe(text[i]);
        }
        expect(text).not.toMatch(/\n{3}|^\n|\n$/);
      }),
      { numRuns: 300 },
    );
  });
});

describe('menu bars and page chrome', () => {
  it('drops a line made only of menu words, keeps prose that uses them', () => {
    expect(isBoilerplateLine('Home  About  Donate  Contact')).toBe('navigation');
    expect(isBoilerplateLine('Главная | Новости | Архив | Контакты')).toBe('navigation');
    expect(isBoilerplateLine('Home news: the council will debate the archive budget.')).toBeNull();
    expect(isBoilerplateLine('Search archive')).toBeNull();
  });
});

describe('blog engine furniture', () => {
  it('drops sidebar, comment form and footer lines of WordPress-style themes', () => {
    for (const line of [
      'Your email address will not be published. Required fields are marked *',
      'Save my name, email, and website in this browser for the next time I comment.',
      'Post navigation',
      '← Previous Post Next Post →',
      'Recent Posts',
      'Join 1,234 other subscribers',
      'Privacy & Cookies: This site uses cookies. By continuing to use this website, you agree to their use.',
      'Blog at WordPress.com.',
      '© 2024 Harbour Watch. All rights reserved.',
      'Ваш адрес email не будет опубликован. Обязательные поля помечены *',
      'Навигация по записям',
      'Читать далее…',
    ]) {
      expect(isBoilerplateLine(line), line).not.toBeNull();
    }
  });

  it('keeps prose that uses the same words', () => {
    for (const line of [
      'The council will search for a new harbour master after the archives were opened.',
      'Follow the money, said the senator: the email address on the invoice belongs to his brother-in-law.',
      'All rights reserved, the minister said, meant nothing once the documents were leaked to three newspapers and a Telegram channel.',
      'Previous post-holders were never asked to declare their shares.',
    ]) {
      expect(isBoilerplateLine(line), line).toBeNull();
    }
  });
});

describe('share widgets with a label', () => {
  it('drops "Поделиться:" or "Share:" followed by network names', () => {
    expect(isBoilerplateLine('Поделиться: ВКонтакте Одноклассники Telegram')).toBe('share');
    expect(isBoilerplateLine('Share: Facebook, Twitter, WhatsApp')).toBe('share');
    expect(isBoilerplateLine('Share: the minister refused to say who paid for the Telegram ads.')).toBeNull();
  });
});
