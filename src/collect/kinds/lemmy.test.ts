import { describe, expect, it } from 'vitest';
import { lemmyPostRecord, lemmyTarget, parseLemmyComments, parseLemmyPosts } from './lemmy.js';
import { answer } from './testing.js';

const POSTS = JSON.stringify({ posts: [{ post: { id: 5, name: 'Trams back on Line 2', body: 'Service resumed this morning after the bridge repairs.', published: '2024-05-04T07:00:00.5', ap_id: 'https://l.example/post/5' }, creator: { name: 'tramfan', display_name: 'Tram Fan' }, community: { name: 'city' }, counts: { comments: 2 } }] });
const COMMENTS = JSON.stringify({ comments: [
  { comment: { id: 70, post_id: 5, content: 'Finally, it took two months.', published: '2024-05-04T08:00:00Z', path: '0.70' }, creator: { name: 'anna' }, post: { id: 5, name: 'Trams back on Line 2' } },
  { comment: { id: 71, post_id: 5, content: 'Still delays at the depot stop.', published: '2024-05-04T09:00:00Z', path: '0.70.71' }, creator: { name: 'mike' }, post: { id: 5 } },
  { comment: { id: 72, post_id: 5, content: 'removed', published: '2024-05-04T09:10:00Z', path: '0.72', removed: true }, creator: { name: 'spam' }, post: { id: 5 } },
] });

describe('Lemmy parsing', () => {
  it('reads targets from /c/, /u/ and API URLs', () => {
    expect(lemmyTarget('https://l.example/c/city@other.example')).toEqual({ base: 'https://l.example', type: 'community', name: 'city@other.example' });
    expect(lemmyTarget('https://l.example/u/tramfan')).toMatchObject({ type: 'user', name: 'tramfan' });
    expect(lemmyTarget('https://l.example/api/v3/post/list?community_name=city')).toMatchObject({ type: 'community', name: 'city' });
    expect(lemmyTarget('https://l.example/post/5')).toBeNull();
  });

  it('threads comments by path, drops removed ones, and reads zone-less times as UTC', () => {
    const [post] = parseLemmyPosts(POSTS, 'u');
    const comments = parseLemmyComments(COMMENTS, 'u');
    expect(post).toMatchObject({ id: 5, author: 'Tram Fan', published: '2024-05-04T07:00:00.5Z', comments: 2 });
    expect(comments.map((c) => [c.id, c.parentId])).toEqual([[70, null], [71, 70]]);
    if (!post) throw new Error('no post');
    const rec = lemmyPostRecord(post, comments, answer('https://l.example/api/v3/post/list', POSTS));
    expect(rec.items.map((i) => [i.key, i.parentKey])).toEqual([['post-5', null], ['comment-70', 'post-5'], ['comment-71', 'comment-70']]);
    expect(rec.marker).toBe('2|');
  });

  it('names answers that are not Lemmy lists', () => {
    expect(() => parseLemmyPosts('{"error":"couldnt_find_community"}', 'https://l.example/api/v3/post/list')).toThrow(/not a Lemmy post list/);
    expect(() => parseLemmyComments('{"comments": [', 'https://l.example/api/v3/comment/list')).toThrow(/malformed JSON/);
  });
});
