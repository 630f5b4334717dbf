import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { detectFormat, formatFromName } from './detect.js';
import { NarrascopeError } from '../core/errors.js';

const fixture = (name: string): string => readFileSync(new URL(`../../test/fixtures/ingest/${name}`, import.meta.url), 'utf8');
const head = (name: string): string => fixture(name).slice(0, 4096);

describe('detectFormat', () => {
  it.each([
    ['wordpress-post.html', 'html'],
    ['blog-archive.html', 'html'],
    ['rss2.xml', 'feed'],
    ['atom.xml', 'feed'],
    ['forum-posts.csv', 'csv'],
    ['forum-posts.jsonl', 'jsonl'],
    ['telegram-result.json', 'telegram'],
  ] as const)('detects the fixture %s as %s', (name, format) => {
    expect(detectFormat(name, head(name))).toBe(format);
  });

  it('believes the content over a misleading extension', () => {
    expect(detectFormat('page.txt', head('wordpress-post.html'))).toBe('html');
    expect(detectFormat('export.txt', head('telegram-result.json'))).toBe('telegram');
    expect(detectFormat('feed.html', head('rss2.xml'))).toBe('feed');
    expect(detectFormat('download', head('atom.xml'))).toBe('feed');
    expect(detectFormat('posts.csv', '{"id":1,"text":"hello"}\n{"id":2,"text":"again"}')).toBe('jsonl');
  });

  it('recognises RSS 1.0 (RDF) and a feed with a DOCTYPE subset', () => {
    const rdf = '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel></channel></rdf:RDF>';
    expect(detectFormat('x', rdf)).toBe('feed');
    const bomb = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "<html>">]><rss version="2.0"><channel/></rss>';
    expect(detectFormat('x', bomb)).toBe('feed');
  });

  it('tells a full Telegram account export and a JSON array apart from JSON Lines', () => {
    expect(detectFormat('result.json', '{\n "about": "Here is the data you requested.",\n "personal_information": {}')).toBe('telegram');
    expect(detectFormat('dump.json', '[\n  {"title": "a", "text": "b"}\n]')).toBe('jsonl');
    expect(detectFormat('dump.json', '{\n  "data": [{"text": "b"}]\n}')).toBe('jsonl');
  });

  it('reads HTML fragments without a doctype by their tags', () => {
    expect(detectFormat('saved', '<div class="post"><p>One</p><p>Two</p></div>')).toBe('html');
    expect(detectFormat('notes.txt', 'A line mentioning <b> once.\nAnother line.')).toBe('text');
  });

  it('finds CSV and TSV by extension or by a header with consistent delimiters', () => {
    expect(detectFormat('x.tsv', 'a\tb\n1\t2')).toBe('csv');
    expect(detectFormat('export', 'id;author;text\n1;ann;hello\n2;bob;"hi; there"\n')).toBe('csv');
    expect(detectFormat('prose.txt', 'Well, I said.\nAnd then, she left, quietly.\nThe end.')).toBe('text');
  });

  it('finds Markdown by extension or a leading heading, and falls back to text', () => {
    expect(detectFormat('notes.md', 'Just words')).toBe('markdown');
    expect(detectFormat('dump', '# Report\n\nBody text')).toBe('markdown');
    expect(detectFormat('dump', 'Мы Должны Быть Едины! (5.7.2024)\nТекст поста.')).toBe('text');
    expect(detectFormat('-', '')).toBe('text');
  });
});

describe('formatFromName', () => {
  it('accepts ids and aliases', () => {
    expect(formatFromName('html')).toBe('html');
    expect(formatFromName('RSS')).toBe('feed');
    expect(formatFromName('tsv')).toBe('csv');
    expect(formatFromName('md')).toBe('markdown');
  });

  it('rejects an unknown id with the list of valid ones', () => {
    expect(() => formatFromName('docx')).toThrow(NarrascopeError);
    expect(() => formatFromName('docx')).toThrow(/unknown format "docx"; valid formats: text, markdown, html, feed, jsonl, csv, telegram/);
  });
});
