import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseFeed, stripDoctype } from './feed.js';
import { NarrascopeError } from '../core/errors.js';

const fixture = (name: string): string => readFileSync(new URL(`../../test/fixtures/ingest/${name}`, import.meta.url), 'utf8');
const opts = { inputName: 'feed.xml' };

describe('parseFeed on RSS 2.0', () => {
  const doc = parseFeed(fixture('rss2.xml'), opts);

  it('makes one entry per item with title, link, author, date and guid', () => {
    expect(doc.items.map((i) => [i.kind, i.key, i.title, i.author, i.url, i.rawDate])).toEqual([
      ['entry', 'https://northern-ledger.example/?p=5521', 'Minister Oskar Brandt: “The grain convoys will not stop”', 'Lena Fairholm', 'https://northern-ledger.example/2024/03/07/grain-convoys/', 'Thu, 07 Mar 2024 14:05:00 +0000'],
      ['entry', 'https://northern-ledger.example/2024/03/06/miting/', 'В Тарнхольме прошёл митинг против закрытия больницы', 'Павел Орехов', 'https://northern-ledger.example/2024/03/06/miting/', 'Wed, 06 Mar 2024 19:30:00 +0300'],
      ['entry', 'https://northern-ledger.example/?p=5507', 'Ferry timetable changes from 11 March', null, 'https://northern-ledger.example/2024/03/05/ferry/', 'Tue, 05 Mar 2024 09:00:00 +0000'],
    ]);
  });

  it('prefers content:encoded and turns its HTML into paragraphs, widgets left out', () => {
    expect(doc.items[0]?.text).toBe(
      'Speaking in Tarnholm on Thursday, agriculture minister Oskar Brandt said the grain convoys “will not stop, whatever our enemies say”.\n\nOpposition deputies asked for the contracts to be published. The ministry said they were commercially sensitive.',
    );
    expect(doc.items[0]?.metadata).toMatchObject({ categories: ['Politics', 'Trade'] });
  });

  it('decodes escaped HTML in a description', () => {
    expect(doc.items[1]?.text).toBe('Около трёхсот человек вышли на площадь.\n\nОрганизаторы требуют отставки главврача.');
  });

  it('uses the title as text for a headline-only item', () => {
    expect(doc.items[2]).toMatchObject({ text: 'Ferry timetable changes from 11 March', metadata: { textFromTitle: true } });
  });

  it('describes the channel as the source', () => {
    expect(doc.title).toBe('Northern Ledger – News');
    expect(doc.sourceHint).toEqual({ name: 'Northern Ledger – News', url: 'https://northern-ledger.example', kind: 'feed' });
    expect(doc.metadata).toMatchObject({ feedType: 'rss2', language: 'en-GB' });
  });
});

describe('parseFeed on Atom and RSS 1.0', () => {
  it('reads Atom entries, html and xhtml content, authors and links', () => {
    const doc = parseFeed(fixture('atom.xml'), opts);
    expect(doc.sourceHint).toEqual({ name: 'Free Coast Review', url: 'https://freecoast.example/', kind: 'feed' });
    expect(doc.items.map((i) => [i.key, i.title, i.author, i.url, i.rawDate])).toEqual([
      ['tag:freecoast.example,2024:post-301', 'Why the referendum question is rigged', 'Tomas Reyl', 'https://freecoast.example/2024/04/referendum-question', '2024-04-02T10:15:00+02:00'],
      ['tag:freecoast.example,2024:post-299', 'Ответ нашим критикам', 'Редакция', 'https://freecoast.example/2024/03/otvet', '2024-03-28T08:00:00Z'],
    ]);
    expect(doc.items[0]?.text).toBe(
      'The electoral commission published the question on Monday.\n\nRead it twice: there is only one answer a reasonable voter can give, and that is no accident.',
    );
    expect(doc.items[1]?.text).toBe('Нас снова обвиняют в предвзятости.\n\nМы публикуем все документы полностью.');
  });

  it('reads RSS 1.0 items that sit beside the channel', () => {
    const rdf = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://valley.example/"><title>Valley Notes</title><link>https://valley.example/</link></channel>
  <item rdf:about="https://valley.example/n/7"><title>Dam inspection postponed</title><link>https://valley.example/n/7</link>
    <description>The inspection was moved to May.</description><dc:date>2024-04-20T07:00:00Z</dc:date><dc:creator>Ines Falk</dc:creator></item>
</rdf:RDF>`;
    const doc = parseFeed(rdf, opts);
    expect(doc.metadata['feedType']).toBe('rss1');
    expect(doc.items).toEqual([
      {
        kind: 'entry',
        key: 'https://valley.example/n/7',
        parentKey: null,
        title: 'Dam inspection postponed',
        author: 'Ines Falk',
        url: 'https://valley.example/n/7',
        rawDate: '2024-04-20T07:00:00Z',
        text: 'The inspection was moved to May.',
        metadata: {},
      },
    ]);
  });
});

describe('parseFeed XML safety', () => {
  const bomb = `<?xml version="1.0"?>
<!DOCTYPE lolz [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>Laughs &lol9;</title>
<item><title>Bomb</title><description>Before &lol9; after</description></item></channel></rss>`;

  it('does not expand a billion-laughs bomb and finishes fast', () => {
    const t0 = performance.now();
    const doc = parseFeed(bomb, opts);
    expect(performance.now() - t0).toBeLessThan(500);
    expect(doc.title).toBe('Laughs &lol9;');
    expect(doc.items[0]?.text).toBe('Before &lol9; after');
  });

  it('never reads an external entity', () => {
    const xxe = `<?xml version="1.0"?>
<!DOCTYPE rss [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> <!ENTITY remote SYSTEM "http://attacker.example/x"> ]>
<rss version="2.0"><channel><title>Feed</title><item><title>&xxe;</title><description>text &remote; &xxe;</description></item></channel></rss>`;
    const doc = parseFeed(xxe, opts);
    expect(doc.items[0]?.title).toBe('&xxe;');
    expect(doc.items[0]?.text).toBe('text &remote; &xxe;');
    expect(JSON.stringify(doc)).not.toContain('root:');
  });

  it('strips a DOCTYPE subset that never closes in linear time', () => {
    const evil = `<!DOCTYPE x [ <!ENTITY a "b"> ${'['.repeat(200_000)}<rss><channel><title>T</title><item><title>Kept</title></item></channel></rss>`;
    const t0 = performance.now();
    const doc = parseFeed(evil, opts);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(doc.items.map((i) => i.title)).toEqual(['Kept']);
  });

  it('removes doctypes with and without subsets', () => {
    expect(stripDoctype('<?xml version="1.0"?><!DOCTYPE rss SYSTEM "http://x/rss.dtd"><rss/>')).toBe('<?xml version="1.0"?><rss/>');
    expect(stripDoctype('<!DOCTYPE a [<!ENTITY b "c">]>\n<a>&b;</a>')).toBe('\n<a>&b;</a>');
  });
});

describe('parseFeed on bad input', () => {
  it('rejects XML that is not a feed, naming the root element', () => {
    expect(() => parseFeed('<?xml version="1.0"?><catalog><book>x</book></catalog>', opts)).toThrow(NarrascopeError);
    expect(() => parseFeed('<?xml version="1.0"?><catalog><book>x</book></catalog>', opts)).toThrow(/root element is <catalog>/);
  });

  it('keeps the items of a truncated feed', () => {
    const doc = parseFeed('<rss><channel><title>Cut</title><item><title>One</title><description>First.</description></item><item><title>Two</title><descr', opts);
    expect(doc.items[0]).toMatchObject({ title: 'One', text: 'First.' });
  });

  it('warns about entries with neither text nor title and repeated ids', () => {
    const doc = parseFeed('<rss><channel><item><guid>a</guid><title>X</title></item><item><guid>a</guid><title>Y</title></item><item><link>http://z</link></item></channel></rss>', opts);
    expect(doc.items.map((i) => i.key)).toEqual(['a', 'a#2']);
    expect(doc.warnings.map((w) => w.message)).toEqual(['entry 2 repeats the id "a"', 'entry 3 has neither text nor title; skipped']);
  });
});
