import { describe, expect, it } from 'vitest';
import { parseWpComments, parseWpPosts, wpBase, wpRecord } from './wordpress.js';
import { answer } from './testing.js';

const POSTS = JSON.stringify([
  { id: 12, date: '2024-05-03T14:00:00', date_gmt: '2024-05-03T11:00:00', link: 'https://blog.example.org/budget/', title: { rendered: 'Бюджет&nbsp;2025: перші цифри' }, content: { rendered: '<p>Міська рада оприлюднила <b>проєкт бюджету</b>.</p><p>Обговорення триватиме місяць.</p>' }, _embedded: { author: [{ name: 'Ірина Бойко' }] } },
]);
const COMMENTS = JSON.stringify([
  { id: 40, post: 12, parent: 0, author_name: 'Олег', date_gmt: '2024-05-03T12:00:00', content: { rendered: '<p>Де можна подивитися документ?</p>' } },
  { id: 41, post: 12, parent: 40, author_name: 'Ірина Бойко', date_gmt: '2024-05-03T12:20:00', content: { rendered: '<p>На сайті ради, розділ «Бюджет».</p>' } },
]);

describe('WordPress parsing', () => {
  it('strips HTML from titles and content, reads GMT dates and embedded authors', () => {
    const [post] = parseWpPosts(POSTS, 'https://blog.example.org/wp-json/wp/v2/posts');
    expect(post).toMatchObject({ id: 12, title: 'Бюджет\u00a02025: перші цифри', author: 'Ірина Бойко', dateGmt: '2024-05-03T11:00:00Z' });
    expect(post?.text).toBe('Міська рада оприлюднила проєкт бюджету.\n\nОбговорення триватиме місяць.');
  });

  it('threads comments under their post and their parent comment', () => {
    const [post] = parseWpPosts(POSTS, 'u');
    const comments = parseWpComments(COMMENTS, 'u');
    if (!post) throw new Error('no post');
    const rec = wpRecord(post, comments, answer('https://blog.example.org/wp-json/wp/v2/posts', POSTS));
    expect(rec.key).toBe('post:12');
    expect(rec.items.map((i) => [i.kind, i.key, i.parentKey, i.author])).toEqual([
      ['post', 'post-12', null, 'Ірина Бойко'],
      ['comment', 'comment-40', 'post-12', 'Олег'],
      ['comment', 'comment-41', 'comment-40', 'Ірина Бойко'],
    ]);
  });

  it('names malformed answers and finds the site root', () => {
    expect(() => parseWpPosts('{"code":"rest_forbidden"', 'https://b.example/wp-json/wp/v2/posts')).toThrow(/malformed JSON/);
    expect(() => parseWpComments('{"code":"rest_forbidden"}', 'https://b.example/wp-json/wp/v2/comments')).toThrow(/not a WordPress comment list/);
    expect(wpBase('https://b.example/news/wp-json/wp/v2/posts')).toBe('https://b.example/news');
    expect(wpBase('https://b.example/')).toBe('https://b.example');
  });
});
