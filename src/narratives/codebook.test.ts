import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ERRORS, NarrascopeError } from '../core/errors.js';
import { compileNarrative, loadCodebook, parseCodebook, unmatchedExamples } from './index.js';

const EXAMPLE = fileURLToPath(new URL('../../docs/codebook.example.yaml', import.meta.url));

/** The message parseCodebook throws for `yaml`, or '' when it loads. */
function problems(yaml: string): string {
  try {
    parseCodebook(yaml, 'cb.yaml');
    return '';
  } catch (err) {
    expect(err).toBeInstanceOf(NarrascopeError);
    expect((err as NarrascopeError).code).toBe(ERRORS.CONFIG);
    return (err as Error).message;
  }
}

const GOOD = `narratives:
  - id: sanctions-backfire
    title: Sanctions hurt Europe more than Russia
    description: Western sanctions backfire on Europeans.
    queries:
      - sanctions (backfired OR boomerang) Europe
      - санкции бумеранг Европа
    examples:
      - lang: en
        text: The sanctions backfired and Europe pays the price.
`;

describe('parseCodebook', () => {
  it('reads narratives with their fields and defaults', () => {
    expect(parseCodebook(GOOD, 'cb.yaml')).toEqual([
      {
        id: 'sanctions-backfire',
        title: 'Sanctions hurt Europe more than Russia',
        description: 'Western sanctions backfire on Europeans.',
        queries: ['sanctions (backfired OR boomerang) Europe', 'санкции бумеранг Европа'],
        examples: [{ lang: 'en', text: 'The sanctions backfired and Europe pays the price.' }],
      },
    ]);
    const [minimal] = parseCodebook('narratives:\n  - id: a\n    title: A\n    queries: [x]\n', 'cb.yaml');
    expect(minimal).toEqual({ id: 'a', title: 'A', description: '', queries: ['x'], examples: [] });
  });

  it('reports bad YAML with file, line and column', () => {
    expect(problems('narratives:\n  - id: a\n    title: [unclosed\n')).toMatch(/^invalid codebook cb\.yaml:\n {2}cb\.yaml:4:1: invalid YAML: Flow sequence/);
    expect(problems('narratives:\n  - id: a\n    title: A\n    title: B\n    queries: [x]\n')).toContain('cb.yaml:4:5: invalid YAML: Map keys must be unique');
  });

  it('names the narrative, the line and the field of a missing or wrong field', () => {
    const msg = problems('narratives:\n  - id: sanctions\n    queries: [sanctions]\n  - id: Bad Id\n    title: T\n    queries: sanctions\n    exmples: []\n');
    expect(msg.split('\n').slice(1)).toEqual([
      '  cb.yaml:2: narrative "sanctions" (#1): title is missing',
      '  cb.yaml:4: narrative "Bad Id" (#2): id must be lower-case letters, digits, - or _, as in "biolabs-ukraine"',
      '  cb.yaml:6: narrative "Bad Id" (#2): queries must be a list',
      '  cb.yaml:7: narrative "Bad Id" (#2): unknown field "exmples"; known fields: id, title, description, queries, examples',
    ]);
    expect(problems('narratives:\n  - title: No id\n    queries: [x]\n')).toContain('cb.yaml:2: narrative (#1): id is missing');
    expect(problems('narratives:\n  - id: a\n    title: A\n    queries: []\n')).toContain('narrative "a" (#1): queries needs at least one query');
    expect(problems('narratives:\n  - id: a\n    title: A\n    queries: [x]\n    examples:\n      - lang: russian\n        text: ""\n')).toContain(
      'cb.yaml:6: narrative "a" (#1): examples[0].lang must be a language code such as en, ru or uk',
    );
  });

  it('points at the fault in a query that does not parse', () => {
    const msg = problems('narratives:\n  - id: a\n    title: A\n    queries:\n      - sanctions\n      - "sanctions (Europe"\n');
    expect(msg).toContain('cb.yaml:6: narrative "a" (#1): queries[1]: missing ) for ( at column 11\n      sanctions (Europe\n                ^');
  });

  it('refuses filters on other layers and queries without a word', () => {
    const msg = problems('narratives:\n  - id: a\n    title: A\n    queries:\n      - technique:loaded-language sanctions\n      - lang:ru -война\n');
    expect(msg).toContain('queries[0]: technique: cannot be used in a narrative query');
    expect(msg).toContain('queries[1]: a narrative query needs a word or "phrase"');
  });

  it('rejects duplicate ids, pointing at the second', () => {
    const msg = problems('narratives:\n  - id: a\n    title: A\n    queries: [x]\n  - id: a\n    title: A again\n    queries: [y]\n');
    expect(msg).toContain('cb.yaml:5: narrative "a" (#2): id "a" is already used by narrative #1');
  });

  it('requires a mapping with a narratives list', () => {
    expect(problems('- id: a\n')).toContain('a codebook is a mapping with a "narratives:" list');
    expect(problems('narratives: []\nversion: 2\n')).toContain('cb.yaml:2: unknown top-level field "version"');
  });
});

describe('loadCodebook', () => {
  const dir = mkdtempSync(join(tmpdir(), 'narrascope-codebook-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a file, with or without a byte order mark', () => {
    const path = join(dir, 'bom.yaml');
    writeFileSync(path, `\uFEFF${GOOD}`);
    expect(loadCodebook(path).map((n) => n.id)).toEqual(['sanctions-backfire']);
  });

  it('names a missing file', () => {
    const missing = join(dir, 'none.yaml');
    expect(() => loadCodebook(missing)).toThrow(`codebook not found: ${missing}`);
  });

  it('loads the example codebook, whose narratives each find all their own examples', () => {
    const narratives = loadCodebook(EXAMPLE);
    expect(narratives.length).toBeGreaterThanOrEqual(6);
    for (const n of narratives) {
      expect(new Set(n.examples.map((e) => e.lang))).toEqual(new Set(['en', 'ru', 'uk']));
      expect(unmatchedExamples(n, compileNarrative(n)), n.id).toEqual([]);
    }
  });
});
