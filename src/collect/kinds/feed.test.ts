import { describe, expect, it } from 'vitest';
import { feedRecords } from './feed.js';
import { answer } from './testing.js';

const RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>Port Notes</title>
<item><title>Night shift ends at the grain terminal</title><link>https://port.example.org/grain</link><guid>pn-11</guid><pubDate>Tue, 07 May 2024 06:00:00 GMT</pubDate><description>The grain terminal will stop night loading from next week.</description></item>
<item><title>Новый буксир</title><link>https://port.example.org/tug</link><pubDate>Wed, 08 May 2024 09:30:00 GMT</pubDate><description>Порт получил новый буксир для работы зимой.</description></item>
</channel></rss>`;

describe('feedRecords', () => {
  it('makes one record per entry, keyed by guid or link, dated', () => {
    const recs = feedRecords(RSS, answer('https://port.example.org/feed', RSS));
    expect(recs.map((r) => r.key)).toEqual(['entry:pn-11', 'entry:https://port.example.org/tug']);
    expect(recs[1]?.publishedAt).toBe('2024-05-08T09:30:00.000Z');
    expect(recs[0]?.items[0]).toMatchObject({ kind: 'entry', title: 'Night shift ends at the grain terminal', text: 'The grain terminal will stop night loading from next week.' });
  });

  it('refuses a cut-off feed instead of reading it as a shorter one', () => {
    const cut = RSS.slice(0, RSS.indexOf('<item>', 100) + 30);
    expect(() => feedRecords(cut, answer('https://port.example.org/feed', cut))).toThrow(/malformed or truncated feed/);
  });
});
