import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { getPath, parseCsv, parseJsonl } from './tabular.js';
import { NarrascopeError } from '../core/errors.js';

const fixture = (name: string): string => readFileSync(new URL(`../../test/fixtures/ingest/${name}`, import.meta.url), 'utf8');

describe('parseCsv', () => {
  const doc = parseCsv(fixture('forum-posts.csv'), { inputName: 'forum-posts.csv' });

  it('guesses the fields from the header and keys rows by their id', () => {
    expect(doc.items[0]).toEqual({
      kind: 'row',
      key: '101',
      parentKey: null,
      title: 'Who owns Northquay?',
      author: 'quaywatcher',
      url: 'https://forum.eastbridge.example/t/harbour-lease/101',
      rawDate: '2024-03-05 10:14',
      text: "Northquay Logistics was registered three weeks before the vote. Coincidence? I don't think so.",
      metadata: { line: 2, thread: 'Harbour lease' },
    });
  });

  it('keeps quoted multi-line fields and doubled quotes', () => {
    expect(doc.items[1]?.text).toBe('Calm down, the council has the right to lease the harbour.\nThey did it in 1998 too.');
    expect(doc.items.find((i) => i.key === '106')?.text).toBe('New ferry times from 11 March; the "express" is gone.');
  });

  it('keeps ragged rows with a warning naming the row, and skips rows without text', () => {
    expect(doc.items.map((i) => i.key)).toEqual(['101', '102', '103', '104', '106']);
    expect(doc.items.find((i) => i.key === '104')?.metadata['extraFields']).toEqual(['spam-flag']);
    expect(doc.warnings).toEqual([
      { line: 5, message: 'row 3 (line 5): 6 fields, the header has 7; missing fields left empty' },
      { line: 6, message: 'row 4 (line 6): 8 fields, the header has 7; extra fields kept in metadata' },
      { line: 7, message: 'row 5 (line 7): no text in "body"; skipped' },
    ]);
  });

  it('detects semicolon and tab delimiters and strips a BOM', () => {
    const semi = parseCsv('\uFEFFid;Message;Datum\n1;Привет, мир;01.02.2024\n', { inputName: 'x.csv' });
    expect(semi.items[0]).toMatchObject({ key: '1', text: 'Привет, мир', rawDate: '01.02.2024' });
    const tsv = parseCsv('headline\tcontent\nA title\tSome, text; here\n', { inputName: 'x.tsv' });
    expect(tsv.items[0]).toMatchObject({ key: '2', title: 'A title', text: 'Some, text; here' });
  });

  it('uses an explicit field mapping, case-insensitively', () => {
    const csv = 'Nick,Said,When,Where\nolga,"Всё решено заранее",2024-01-01,https://f.example/1\n';
    const d = parseCsv(csv, { inputName: 'x.csv', fields: { text: 'said', author: 'Nick', date: 'When', url: 'Where' } });
    expect(d.items[0]).toMatchObject({ author: 'olga', text: 'Всё решено заранее', rawDate: '2024-01-01', url: 'https://f.example/1' });
  });

  it('reads the rest of the file without quoting after a quote that never closes', () => {
    const csv = 'id,text\n1,fine\n2,"broken start\n3,after the break\n';
    const d = parseCsv(csv, { inputName: 'x.csv' });
    expect(d.items.map((i) => [i.key, i.text])).toEqual([
      ['1', 'fine'],
      ['2', '"broken start'],
      ['3', 'after the break'],
    ]);
    expect(d.warnings[0]).toEqual({ line: 3, message: 'line 3: a quote is never closed; the rest of the file was read without quote handling' });
  });

  it('fails naming the columns and the flag when no text column can be found', () => {
    const csv = 'id,score,votes\n1,2,3\n';
    expect(() => parseCsv(csv, { inputName: 'x.csv' })).toThrow(NarrascopeError);
    expect(() => parseCsv(csv, { inputName: 'x.csv' })).toThrow('no text field found; columns seen: id, score, votes; name the text column with --text-field');
    expect(() => parseCsv(csv, { inputName: 'x.csv', fields: { text: 'body' } })).toThrow('text field "body" not found; columns seen: id, score, votes');
  });

  it('returns nothing for an empty file', () => {
    expect(parseCsv('', { inputName: 'x.csv' }).items).toEqual([]);
  });
});

describe('parseJsonl', () => {
  const doc = parseJsonl(fixture('forum-posts.jsonl'), { inputName: 'forum-posts.jsonl' });

  it('maps nested author names, ids, parents and dates', () => {
    expect(doc.items.map((i) => [i.key, i.parentKey, i.author, i.rawDate])).toEqual([
      ['c-501', null, 'Vera Lind', '2024-04-01T09:12:00Z'],
      ['c-502', 'c-501', 'Грег Соколов', '2024-04-01T09:40:00Z'],
      ['c-503', 'c-501', 'Ada Korr', '2024-04-01T10:05:00Z'],
      ['c-506', null, 'Олена Гай', '2024-04-02T12:30:00Z'],
    ]);
    expect(doc.items[0]).toMatchObject({ title: 'Referendum wording', metadata: { line: 1, score: 14 } });
  });

  it('reports a broken line by its number and keeps the good lines', () => {
    expect(doc.warnings.map((w) => w.line)).toEqual([4, 5]);
    expect(doc.warnings[0]?.message).toMatch(/^line 4: invalid JSON/);
    expect(doc.warnings[1]?.message).toBe('line 5: no text in "text"; skipped');
    expect(doc.items.at(-1)?.metadata['line']).toBe(7);
  });

  it('follows dot paths given as field names', () => {
    const d = parseJsonl('{"post":{"body":"Hello"},"meta":{"when":"2024-05-01"},"user.name":"literal"}\n', {
      inputName: 'x.jsonl',
      fields: { text: 'post.body', date: 'meta.when', author: 'user.name' },
    });
    expect(d.items[0]).toMatchObject({ text: 'Hello', rawDate: '2024-05-01', author: 'literal' });
    expect(getPath({ a: { b: { c: 1 } } }, 'a.b.c')).toBe(1);
    expect(getPath({ a: 1 }, 'a.b')).toBeUndefined();
  });

  it('accepts a JSON array of objects and an object wrapping one', () => {
    const arr = parseJsonl('[\n {"headline": "One", "content": "First"},\n {"headline": "Two", "content": "Second"}\n]', { inputName: 'x.json' });
    expect(arr.items.map((i) => [i.key, i.title, i.text])).toEqual([
      ['1', 'One', 'First'],
      ['2', 'Two', 'Second'],
    ]);
    const wrapped = parseJsonl('{\n "count": 1,\n "posts": [{"id": 9, "message": "Wrapped"}]\n}', { inputName: 'x.json' });
    expect(wrapped.items.map((i) => [i.key, i.text])).toEqual([['9', 'Wrapped']]);
  });

  it('reads a Reddit listing and links comments to posts by their bare id', () => {
    const listing = JSON.stringify({
      kind: 'Listing',
      data: { children: [
        { kind: 't3', data: { id: 'abc', title: 'Ballot wording', selftext: 'Is the question fair?', author: 'u1', created_utc: 1711900000, permalink: '/r/x/abc' } },
        { kind: 't1', data: { id: 'def', parent_id: 't3_abc', body: 'No.', author: 'u2', created_utc: 1711900100 } },
      ] },
    });
    const d = parseJsonl(listing, { inputName: 'reddit.json' });
    expect(d.items.map((i) => [i.key, i.parentKey, i.text, i.author, i.rawDate])).toEqual([
      ['abc', null, 'Is the question fair?', 'u1', '1711900000'],
      ['def', 'abc', 'No.', 'u2', '1711900100'],
    ]);
  });

  it('fails clearly when every line is broken or no text field exists', () => {
    expect(() => parseJsonl('{oops\nnot json\n', { inputName: 'x.jsonl' })).toThrow(/no valid JSON lines: all 2 non-empty lines are broken \(first at line 1\)/);
    expect(() => parseJsonl('{"id":1,"n":2}\n', { inputName: 'x.jsonl' })).toThrow('no text field found; columns seen: id, n; name the text column with --text-field');
    expect(() => parseJsonl('[{"text": "a"}, ', { inputName: 'x.json' })).toThrow(/invalid JSON array/);
  });

  it('keeps every good line whatever garbage surrounds it', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant(null), fc.string({ maxLength: 20 })), { maxLength: 30 }), (lines) => {
        const src = lines.map((l, i) => (l === null ? JSON.stringify({ id: `k${i}`, text: `good ${i}` }) : l.replace(/\n/g, ' '))).join('\n');
        const good = lines.flatMap((l, i) => (l === null ? [`k${i}`] : []));
        let keys: Array<string | null>;
        try {
          keys = parseJsonl(src, { inputName: 'x.jsonl' }).items.map((i) => i.key);
        } catch (err) {
          // Only acceptable when there was nothing good to keep.
          expect(err).toBeInstanceOf(NarrascopeError);
          expect(good).toEqual([]);
          return;
        }
        for (const k of good) expect(keys).toContain(k);
      }),
      { numRuns: 200 },
    );
  });
});
