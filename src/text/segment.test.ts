import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clean } from './clean.js';
import { normalise } from './normalise.js';
import { segment, SINGLE_ITEM_MAX, type Segment } from './segment.js';
import type { SegmentMode } from '../core/types.js';

const body = (text: string, s: Segment): string => text.slice(s.bodyStart, s.bodyEnd);

function checkInvariants(text: string, segs: Segment[]): void {
  let prevEnd = 0;
  for (const s of segs) {
    expect(s.start).toBeGreaterThanOrEqual(prevEnd);
    expect(s.start).toBeLessThanOrEqual(s.bodyStart);
    expect(s.bodyStart).toBeLessThan(s.bodyEnd);
    expect(s.bodyEnd).toBeLessThanOrEqual(s.end);
    expect(s.end).toBeLessThanOrEqual(text.length);
    if (s.title !== null) {
      expect(text.slice(s.titleStart ?? -1, s.titleEnd ?? -1)).toBe(s.title);
      expect(s.titleStart).toBeGreaterThanOrEqual(s.start);
      expect(s.titleEnd).toBeLessThanOrEqual(s.bodyStart);
      expect(s.titleRaw).not.toBeNull();
    } else {
      expect(s.titleStart).toBeNull();
      expect(s.titleEnd).toBeNull();
    }
    expect(/^\s|\s$/.test(body(text, s))).toBe(false);
    prevEnd = s.end;
  }
}

// A fictional blog dump as a scraper saves it: site header, dated headlines, widget debris.
const BLOG_RAW = `The Riverton Patriot — Independent Voice of the Valley

1 2 3We Need Unity! (5.7.2024)

Friends, the council voted again to sell the river port to a foreign consortium. Councillor Mark Feld called it "a modernisation", but everyone in Riverton knows what it really is.

We will not let this happen without a fight. Join us on Saturday at the old bridge.

Share this:
Twitter Facebook Telegram
Like this:
Like Loading...

Election Fraud Exposed Again! (12.3.2024)

The commission ignored 400 complaints, says observer Anna Lisova. Ballot boxes in district 7 arrived already sealed.

What Did They Hide?

Nobody from the commission would answer our questions on Monday.

Leave a comment

The Port Deal Is Dead — 20.3.2024

Victory! After two weeks of protests the council withdrew the sale. Thank you to everyone who came to the bridge.

1 2 3 4 … 117 Next »`;

describe('segment auto: blog dump', () => {
  const text = clean(normalise(BLOG_RAW).text).text;
  const segs = segment(text, 'auto');

  it('splits at dated headlines, keeps undated subheadings inside the post, drops the site header', () => {
    checkInvariants(text, segs);
    // The site name above the first headline is page chrome, not a post.
    expect(segs.map((s) => s.title)).toEqual(['We Need Unity!', 'Election Fraud Exposed Again!', 'The Port Deal Is Dead']);
    expect(segs.map((s) => s.dateText)).toEqual(['5.7.2024', '12.3.2024', '20.3.2024']);
    expect(segs[0]?.titleRaw).toBe('We Need Unity! (5.7.2024)');
    expect(body(text, segs[0] as Segment)).toMatch(/^Friends, the council.*old bridge\.$/s);
    expect(body(text, segs[1] as Segment)).toContain('What Did They Hide?\n\nNobody from the commission');
    expect(body(text, segs[2] as Segment)).toBe('Victory! After two weeks of protests the council withdrew the sale. Thank you to everyone who came to the bridge.');
  });

  it('leaves no debris in any item', () => {
    for (const s of segs) expect(body(text, s)).not.toMatch(/Share this|Loading|Leave a comment|117|Twitter/);
  });
});

describe('segment auto: headlines without dates', () => {
  it('recognises "!" and "?" headlines and title case at block starts', () => {
    const text = `We Need Unity!

The valley has been divided for too long by people who profit from it.

Who Pays For The New Bridge?

The contract went to a firm owned by the mayor's brother-in-law, records show.`;
    const segs = segment(text, 'auto');
    checkInvariants(text, segs);
    expect(segs.map((s) => s.title)).toEqual(['We Need Unity!', 'Who Pays For The New Bridge?']);
    expect(segs.map((s) => s.dateText)).toEqual([null, null]);
  });

  it('does not take a line in the middle of a paragraph for a headline', () => {
    const text = `The mayor spoke for an hour. Then he said:
Are We Ready For This?
Nobody answered. The hall stayed silent until the end of the meeting.`;
    const segs = segment(text, 'auto');
    expect(segs).toHaveLength(1);
    expect(segs[0]?.title).toBeNull();
  });

  it('does not split hard-wrapped prose', () => {
    const text = `The Riverton council met on Tuesday to discuss the sale
of the river port. Several members objected to the price, which
they said was far below the market value of the land and the piers.

A second vote is planned for next month, according to the clerk.`;
    expect(segment(text, 'auto')).toEqual([expect.objectContaining({ title: null, start: 0, end: text.length })]);
  });

  it('treats a byline after a headline as body', () => {
    const text = `The Bridge Scandal Deepens!

By Anna Lisova

New documents show the contract was signed before the tender was announced.`;
    const segs = segment(text, 'auto');
    expect(segs).toHaveLength(1);
    expect(segs[0]?.title).toBe('The Bridge Scandal Deepens!');
    expect(body(text, segs[0] as Segment)).toMatch(/^By Anna Lisova\n\nNew documents/);
  });

  it('takes a date line beside the headline as its date', () => {
    const text = `July 5, 2024

Council Sells The Port!

The vote was 7 to 4.

Protest At The Bridge!
July 9, 2024

Hundreds came despite the rain.`;
    const segs = segment(text, 'auto');
    checkInvariants(text, segs);
    expect(segs.map((s) => [s.title, s.dateText, body(text, s)])).toEqual([
      ['Council Sells The Port!', 'July 5, 2024', 'The vote was 7 to 4.'],
      ['Protest At The Bridge!', 'July 9, 2024', 'Hundreds came despite the rain.'],
    ]);
    expect(segs[0]?.start).toBe(0);
  });
});

describe('segment auto: forum comment history', () => {
  const text = `Re: The Mayor Lied Again
I was at the meeting on Tuesday and the mayor said the opposite of what the paper printed the next morning. Check the recording.

Thoughts on the referendum
Nobody I know voted in it, and the turnout figure of 84 percent is simply not believable to anyone who lives here.

Why is nobody talking about the port?
The sale was approved at night with no public notice. This is how they always do it, and the local press stays silent.`;

  it('takes each title line directly above a long body line as a post', () => {
    const segs = segment(text, 'auto');
    checkInvariants(text, segs);
    expect(segs.map((s) => s.title)).toEqual(['Re: The Mayor Lied Again', 'Thoughts on the referendum', 'Why is nobody talking about the port?']);
    expect(body(text, segs[1] as Segment)).toBe(
      'Nobody I know voted in it, and the turnout figure of 84 percent is simply not believable to anyone who lives here.',
    );
  });
});

describe('segment auto: forum posts without blank lines', () => {
  it('starts a post at a strong title line right after a finished body line', () => {
    const text = `Re: The Mayor Lied Again
I was at the meeting on Tuesday and the mayor said the opposite of what the paper printed the next morning.
Why Is Nobody Talking About The Port?
The sale was approved at night with no public notice, and the local press stays silent about it.`;
    const segs = segment(text, 'auto');
    checkInvariants(text, segs);
    expect(segs.map((s) => s.title)).toEqual(['Re: The Mayor Lied Again', 'Why Is Nobody Talking About The Port?']);
  });
});

describe('segment auto: Russian blog', () => {
  const text = `Выборы в Петербурге (5.7.2024)

Наблюдатели сообщили о вбросах на трёх участках Василеостровского района. Председатель комиссии отказался комментировать.

Депутат Соколов снова обещает мост — 12 июля 2024

Это уже четвёртое обещание за два года. Жители острова не верят ни одному слову.

Митинг у моста (15.07.2024)

Несколько сотен человек собрались у моста, несмотря на дождь.`;

  it('reads Russian dated headlines', () => {
    const segs = segment(text, 'auto');
    checkInvariants(text, segs);
    expect(segs.map((s) => [s.title, s.dateText])).toEqual([
      ['Выборы в Петербурге', '5.7.2024'],
      ['Депутат Соколов снова обещает мост', '12 июля 2024'],
      ['Митинг у моста', '15.07.2024'],
    ]);
  });
});

describe('segment: headline dates', () => {
  it.each([
    ['We Need Unity! (5.7.2024)', 'We Need Unity!', '5.7.2024'],
    ['We Need Unity! (05/07/2024)', 'We Need Unity!', '05/07/2024'],
    ['We Need Unity! - July 5, 2024', 'We Need Unity!', 'July 5, 2024'],
    ['We Need Unity! | 5 July 2024', 'We Need Unity!', '5 July 2024'],
    ['We Need Unity! [2024-07-05]', 'We Need Unity!', '2024-07-05'],
    ['Выборы в Петербурге (5 июля 2024 г.)', 'Выборы в Петербурге', '5 июля 2024 г.'],
    ['05.07.2024 | We Need Unity!', 'We Need Unity!', '05.07.2024'],
    ['Victory Day In Riverton (1945)', 'Victory Day In Riverton (1945)', null],
  ])('%s', (line, title, date) => {
    const text = `${line}\n\nThe council met again on Tuesday and nobody from the opposition was allowed to speak at all.`;
    const segs = segment(text, 'headlines');
    expect(segs).toHaveLength(1);
    expect(segs[0]?.title).toBe(title);
    expect(segs[0]?.dateText).toBe(date);
    expect(segs[0]?.titleRaw).toBe(line);
    checkInvariants(text, segs);
  });
});

describe('segment: glued pagination', () => {
  it('gives "1 2 3We Need Unity!" the title "We Need Unity!"', () => {
    const text = '1 2 3We Need Unity!\n\nThe valley has been divided for too long by people who profit from it.';
    const segs = segment(text, 'auto');
    expect(segs).toHaveLength(1);
    expect(segs[0]).toMatchObject({ title: 'We Need Unity!', titleRaw: '1 2 3We Need Unity!', titleStart: 5, start: 0 });
    checkInvariants(text, segs);
  });
});

describe('segment modes', () => {
  const text = 'Intro paragraph one.\n\nSecond paragraph\nwith two lines.\n\n\nThird.';

  it('none: one item, trimmed', () => {
    expect(segment(`\n  ${text}  \n`, 'none')).toEqual([
      { start: 3, end: 3 + text.length, title: null, titleStart: null, titleEnd: null, bodyStart: 3, bodyEnd: 3 + text.length, dateText: null, titleRaw: null },
    ]);
    expect(segment('  \n ', 'none')).toEqual([]);
  });

  it('paragraphs: one item per block', () => {
    const segs = segment(text, 'paragraphs');
    expect(segs.map((s) => body(text, s))).toEqual(['Intro paragraph one.', 'Second paragraph\nwith two lines.', 'Third.']);
  });

  it('headlines: every headline-shaped line at a block start begins an item', () => {
    const t = 'Council meets again\n\nThe agenda was not published.\n\nport sale postponed\n\nNo reason was given.';
    const segs = segment(t, 'headlines');
    expect(segs.map((s) => s.title)).toEqual(['Council meets again']);
    expect(body(t, segs[0] as Segment)).toBe('The agenda was not published.\n\nport sale postponed\n\nNo reason was given.');
  });

  it('drops an item whose body is empty (a headline alone)', () => {
    expect(segment('We Need Unity!', 'auto')).toEqual([]);
    expect(segment('We Need Unity! (5.7.2024)\n\nElection Fraud Exposed Again! (12.3.2024)\n\nThe commission ignored us.', 'auto').map((s) => s.title)).toEqual([
      'Election Fraud Exposed Again!',
    ]);
  });

  it('auto without headlines: one item when short, paragraphs when long', () => {
    const short = 'The council met on Tuesday.\n\nNobody from the opposition spoke.';
    expect(segment(short, 'auto')).toHaveLength(1);
    const para = 'The council met on Tuesday and discussed the port sale at length, without a decision.';
    const long = Array.from({ length: Math.ceil(SINGLE_ITEM_MAX / para.length) + 1 }, () => para).join('\n\n');
    expect(segment(long, 'auto').length).toBe(segment(long, 'paragraphs').length);
    expect(segment('', 'auto')).toEqual([]);
  });
});

describe('segment markdown', () => {
  const md = `# Riverton Patriot Archive

Collected posts, spring 2024.

## We Need Unity!

The valley has been divided for too long.

---

An untitled note between posts.

## Port Deal Is Dead ##

Victory after two weeks of protests.

***

Closing remarks from the editors.`;

  it('uses headings as titles and rules as separators', () => {
    const segs = segment(md, 'auto', { markdown: true });
    checkInvariants(md, segs);
    expect(segs.map((s) => [s.title, body(md, s)])).toEqual([
      ['Riverton Patriot Archive', 'Collected posts, spring 2024.'],
      ['We Need Unity!', 'The valley has been divided for too long.'],
      [null, 'An untitled note between posts.'],
      ['Port Deal Is Dead', 'Victory after two weeks of protests.'],
      [null, 'Closing remarks from the editors.'],
    ]);
  });

  it('reads setext headings', () => {
    const t = 'Council Sells The Port\n======================\n\nThe vote was 7 to 4.';
    const segs = segment(t, 'auto', { markdown: true });
    expect(segs.map((s) => [s.title, body(t, s)])).toEqual([['Council Sells The Port', 'The vote was 7 to 4.']]);
  });
});

describe('segment properties', () => {
  const lines = fc.constantFrom(
    '', '', ' ', 'We Need Unity! (5.7.2024)', 'Election Fraud Exposed Again!', 'Выборы в Петербурге (5.7.2024)',
    'The council met on Tuesday and discussed the port sale at length, without reaching any decision at all.',
    'short line', 'Another Title Here', '1 2 3We Need Unity!', '# Heading', '---', 'July 5, 2024', 'By Anna Lisova',
    'Наблюдатели сообщили о вбросах на трёх участках Василеостровского района, но комиссия молчит.',
  );
  const texts = fc.array(lines, { maxLength: 40 }).map((a) => a.join('\n'));
  const modes = fc.constantFrom<SegmentMode>('auto', 'headlines', 'paragraphs', 'none');

  it('segments are ordered, non-overlapping, inside the text, with bodies inside items', () => {
    fc.assert(
      fc.property(texts, modes, fc.boolean(), (text, mode, markdown) => {
        checkInvariants(text, segment(text, mode, { markdown }));
      }),
      { numRuns: 500 },
    );
  });

  it('paragraphs mode covers every non-blank character', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const segs = segment(text, 'paragraphs');
        const covered = new Uint8Array(text.length);
        for (const s of segs) covered.fill(1, s.start, s.end);
        for (let i = 0; i < text.length; i++) if (!/\s/.test(text[i] ?? '')) expect(covered[i]).toBe(1);
      }),
      { numRuns: 300 },
    );
  });

  it('auto and headlines modes lose no body line', () => {
    const bodyLines = [
      'The council met on Tuesday and discussed the port sale at length, without reaching any decision at all.',
      'Наблюдатели сообщили о вбросах на трёх участках Василеостровского района, но комиссия молчит.',
    ];
    fc.assert(
      fc.property(texts, fc.constantFrom<SegmentMode>('auto', 'headlines'), (text, mode) => {
        const segs = segment(text, mode);
        for (const line of bodyLines) {
          for (let at = text.indexOf(line); at !== -1; at = text.indexOf(line, at + 1)) {
            expect(segs.some((s) => s.bodyStart <= at && at + line.length <= s.bodyEnd)).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('page chrome before the first headline', () => {
  it('drops a short site header and keeps a real opening post', () => {
    const dump = 'Harbour Watch\nIndependent voices since 2009\n\nPort Deal Signed in Secret! (3.4.2024)\n\nThe minister signed the lease at night and told nobody until the morning papers had gone to print.\n';
    const segs = segment(dump, 'auto');
    expect(segs.map((s) => s.title)).toEqual(['Port Deal Signed in Secret!']);
    const withIntro = 'This blog collects what the national papers leave out, every week, with sources and documents attached.\n\nPort Deal Signed in Secret! (3.4.2024)\n\nThe minister signed the lease at night and told nobody until the morning papers had gone to print.\n';
    const segs2 = segment(withIntro, 'auto');
    expect(segs2).toHaveLength(2);
    expect(segs2[0]?.title).toBeNull();
  });
});

describe('bylines under headlines', () => {
  it('takes "headline / By author / date" as one header and names the author', () => {
    const dump =
      'The Border Crisis Nobody Will Name\nBy Dwight Carver\n03/14/2024\n\nWashington insiders have spent a decade telling you everything is under control.\n\n' +
      'Senate Votes Tonight!\n03/05/2024\n\nThe vote was moved again, this time to 11 pm, when most of the country is asleep.\n\n' +
      'Кто заплатил за рекламу?\n28.02.2024\nАвтор: Ирина Соколова\n\nГруппа, о которой до января никто не слышал, потратила четыре миллиона.\n';
    const segs = segment(dump, 'auto');
    expect(segs.map((s) => s.title)).toEqual(['The Border Crisis Nobody Will Name', 'Senate Votes Tonight!', 'Кто заплатил за рекламу?']);
    expect(segs.map((s) => s.dateText)).toEqual(['03/14/2024', '03/05/2024', '28.02.2024']);
    expect(segs.map((s) => s.byline ?? null)).toEqual(['Dwight Carver', null, 'Ирина Соколова']);
    expect(dump.slice(segs[0]?.bodyStart, segs[0]?.bodyEnd)).toBe('Washington insiders have spent a decade telling you everything is under control.');
    expect(dump.slice(segs[2]?.bodyStart, segs[2]?.bodyEnd)).toMatch(/^Группа/);
  });
});

describe('WordPress-style date lines', () => {
  it('takes "Posted on DATE by NAME" under a headline as its date and author', () => {
    const dump =
      'The Harbour Lease Scandal Deepens\nPosted on March 5, 2024 by admin\n\nThe documents we obtained show that the lease was signed two weeks before the consultation began.\n\n' +
      'Who Owns the Ferry Company?\nОпубликовано 27 февраля 2024 автором Редакция\n\nA shell company registered abroad holds 51 percent of the shares.\n';
    const segs = segment(dump, 'auto');
    expect(segs.map((s) => s.title)).toEqual(['The Harbour Lease Scandal Deepens', 'Who Owns the Ferry Company?']);
    expect(segs.map((s) => s.dateText)).toEqual(['March 5, 2024', '27 февраля 2024']);
    expect(segs.map((s) => s.byline)).toEqual(['admin', 'Редакция']);
    expect(dump.slice(segs[0]?.bodyStart, segs[0]?.bodyEnd)).toMatch(/^The documents/);
  });
});

describe('scrape dumps with separators and URL lines', () => {
  const dump =
    'URL: https://harbour-truth.example/2024/03/05/quiet-takeover/\nThe Quiet Takeover of Our Ports\n5 March 2024\n\nThree harbours changed hands this winter and not one newspaper asked who the buyers were.\n\n' +
    '--------------------------------------------------\n' +
    'https://harbour-truth.example/2024/02/20/grain-lies/\nGrain Lies and Those Who Tell Them\n20 February 2024\n\nThe ministry promised that export quotas would protect farmers. Farmers say the opposite.\n';

  it('takes the URL line as the post link and the rule as a separator', () => {
    const segs = segment(dump, 'auto');
    expect(segs.map((s) => s.title)).toEqual(['The Quiet Takeover of Our Ports', 'Grain Lies and Those Who Tell Them']);
    expect(segs.map((s) => s.url)).toEqual([
      'https://harbour-truth.example/2024/03/05/quiet-takeover/',
      'https://harbour-truth.example/2024/02/20/grain-lies/',
    ]);
    expect(segs.map((s) => s.dateText)).toEqual(['5 March 2024', '20 February 2024']);
    expect(dump.slice(segs[0]?.bodyStart, segs[0]?.bodyEnd)).toBe('Three harbours changed hands this winter and not one newspaper asked who the buyers were.');
  });

  it('splits untitled pages at rules in plain text too', () => {
    const pages = 'First scraped page text that has no headline at all, just a long sentence.\n\n==========\n\nSecond page, also without a headline, about the ferry timetable.\n';
    const segs = segment(pages, 'auto');
    expect(segs).toHaveLength(2);
    expect(pages.slice(segs[1]?.bodyStart, segs[1]?.bodyEnd)).toMatch(/^Second page/);
  });
});

describe('messages copied out of Telegram', () => {
  it('takes "Channel, [date time]" as the sender and date, not a title', () => {
    const paste =
      'Звезда Севера, [12.03.2024 14:05]\nБрюссель снова решает за нас. Еврокомиссар пообещала «очистить информационное пространство».\n\n' +
      'Звезда Севера, [13.03.2024 09:15]\nФермеры выезжают на тракторах в столицу 25 апреля.\n';
    const segs = segment(paste, 'auto');
    expect(segs).toHaveLength(2);
    expect(segs.map((s) => s.title)).toEqual([null, null]);
    expect(segs.map((s) => s.byline)).toEqual(['Звезда Севера', 'Звезда Севера']);
    expect(segs.map((s) => s.dateText)).toEqual(['12.03.2024 14:05', '13.03.2024 09:15']);
  });
});
