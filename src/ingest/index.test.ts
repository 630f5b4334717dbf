import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { detectFormat, parseDocument } from './index.js';

const fixture = (name: string): string => readFileSync(new URL(`../../test/fixtures/ingest/${name}`, import.meta.url), 'utf8');

describe('parseDocument', () => {
  it.each([
    ['wordpress-post.html', 'html', 4],
    ['blog-archive.html', 'html', 3],
    ['rss2.xml', 'feed', 3],
    ['atom.xml', 'feed', 2],
    ['forum-posts.csv', 'csv', 5],
    ['forum-posts.jsonl', 'jsonl', 4],
    ['telegram-result.json', 'telegram', 4],
  ] as const)('detects and parses %s', (name, format, count) => {
    const text = fixture(name);
    const detected = detectFormat(name, text.slice(0, 4096));
    expect(detected).toBe(format);
    const doc = parseDocument(detected, text, { inputName: name });
    expect(doc.format).toBe(format);
    expect(doc.items).toHaveLength(count);
    for (const item of doc.items) expect(item.text.trim()).not.toBe('');
  });

  it('hands text and Markdown dumps back whole for the pipeline to segment', () => {
    const dump = 'Мы должны быть едины! (5.7.2024)\nТекст поста.\n';
    expect(parseDocument('text', dump, { inputName: 'dump.txt' })).toEqual({
      format: 'text',
      title: null,
      items: [],
      text: dump,
      warnings: [],
      sourceHint: null,
      metadata: {},
    });
    expect(parseDocument('markdown', '# Title\n\nBody', { inputName: 'a.md' })).toMatchObject({ format: 'markdown', items: [], text: '# Title\n\nBody' });
  });
});
