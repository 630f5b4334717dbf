// A codebook is a YAML file of narratives (docs/NARRATIVES.md): id, title, description, search
// queries and example sentences. Loading checks everything up front, every query included, and
// reports all faults at once, each with the file, line, narrative and field, so that a codebook
// that loads is one that matching can run.
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isMap, isNode } from 'yaml';
import type { Document } from 'yaml';
import { z } from 'zod';
import { createError, ERRORS } from '../core/errors.js';
import { formatQueryError, QueryError } from '../search/index.js';
import { compileNarrativeQuery } from './match.js';

/** An analyst-defined storyline and the queries that find it. */
export interface Narrative {
  id: string;
  title: string;
  description: string;
  queries: string[];
  examples: Array<{ lang: string; text: string }>;
}

/** Ids become annotation labels and `narrative:` filter values: one word, lower case. */
const ID = /^[a-z0-9][a-z0-9_-]*$/;

const exampleSchema = z.strictObject({
  lang: z.string().regex(/^[a-z]{2,3}$/, 'must be a language code such as en, ru or uk'),
  text: z.string().trim().min(1, 'must not be empty'),
});

const narrativeSchema = z.strictObject({
  id: z.string().regex(ID, 'must be lower-case letters, digits, - or _, as in "biolabs-ukraine"'),
  title: z.string().trim().min(1, 'must not be empty'),
  description: z.string().trim().default(''),
  queries: z.array(z.string().trim().min(1, 'must not be empty')).min(1, 'needs at least one query'),
  examples: z.array(exampleSchema).default([]),
});

const KNOWN_KEYS = Object.keys(narrativeSchema.shape);

function lineOf(doc: Document, counter: LineCounter, path: ReadonlyArray<string | number>): number | null {
  // The deepest node that exists on the path: a missing field points at its narrative.
  for (let k = path.length; k >= 0; k--) {
    const node: unknown = doc.getIn(path.slice(0, k), true);
    if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
  }
  return null;
}

function fieldName(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `${out ? '.' : ''}${String(p)}`;
  return out;
}

function issueMessage(issue: z.core.$ZodIssue, raw: unknown): string {
  if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}; known fields: ${KNOWN_KEYS.join(', ')}`;
  let value: unknown = raw;
  for (const p of issue.path) value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[p] : undefined;
  if (issue.code === 'invalid_type') {
    if (value === undefined) return 'is missing';
    return `must be ${issue.expected === 'array' ? 'a list' : issue.expected === 'object' ? 'a mapping' : `a ${issue.expected}`}`;
  }
  return issue.message;
}

/**
 * Parses and checks a codebook. Throws a NarrascopeError (code config) listing every fault with
 * the file, line, narrative and field, including queries that search would reject.
 */
export function parseCodebook(yamlText: string, file: string): Narrative[] {
  const counter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: counter, prettyErrors: true, uniqueKeys: true });
  const fail = (problems: string[]): never => {
    throw createError(ERRORS.CONFIG, `invalid codebook ${file}:\n${problems.map((p) => `  ${p.replace(/\n/g, '\n    ')}`).join('\n')}`, file);
  };
  if (doc.errors.length > 0) {
    fail(
      doc.errors.map((e) => {
        const pos = e.linePos?.[0];
        const where = pos ? `${file}:${pos.line}:${pos.col}` : file;
        return `${where}: invalid YAML: ${e.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? e.code}`;
      }),
    );
  }
  const root: unknown = doc.toJS();
  if (!isMap(doc.contents) || root === null || typeof root !== 'object' || !Array.isArray((root as Record<string, unknown>).narratives)) {
    fail([`${file}:1: a codebook is a mapping with a "narratives:" list; see docs/NARRATIVES.md`]);
  }
  const top = root as Record<string, unknown>;
  const extra = Object.keys(top).filter((k) => k !== 'narratives');
  const problems: Array<{ line: number; text: string }> = extra.map((k) => {
    const line = lineOf(doc, counter, [k]) ?? 1;
    return { line, text: `${file}:${line}: unknown top-level field "${k}"; a codebook has only "narratives:"` };
  });
  const list = top.narratives as unknown[];
  if (list.length === 0) {
    const line = lineOf(doc, counter, ['narratives']) ?? 1;
    problems.push({ line, text: `${file}:${line}: "narratives:" is empty` });
  }

  const out: Narrative[] = [];
  const seen = new Map<string, number>();
  list.forEach((raw, index) => {
    const fields: Record<string, unknown> = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
    const rawId = fields.id;
    const who = `narrative ${typeof rawId === 'string' ? `"${rawId}" ` : ''}(#${index + 1})`;
    const problem = (path: ReadonlyArray<string | number>, message: string): void => {
      const line = lineOf(doc, counter, ['narratives', index, ...path]) ?? 1;
      problems.push({ line, text: `${file}:${line}: ${who}: ${message}` });
    };
    const parsed = narrativeSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
        // An unknown field points at its own line rather than at the narrative.
        const at = issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined ? [...path, issue.keys[0]] : path;
        const field = fieldName(path);
        problem(at, `${field ? `${field} ` : ''}${issueMessage(issue, raw)}`);
      }
    }
    // Ids and queries are checked even when other fields are wrong, so one run reports them all.
    if (typeof rawId === 'string') {
      const first = seen.get(rawId);
      if (first !== undefined) problem(['id'], `id "${rawId}" is already used by narrative #${first + 1}`);
      else seen.set(rawId, index);
    }
    const queries = Array.isArray(fields.queries) ? fields.queries : [];
    queries.forEach((q: unknown, k) => {
      if (typeof q !== 'string' || q.trim() === '') return;
      try {
        compileNarrativeQuery(q);
      } catch (err) {
        if (!(err instanceof QueryError)) throw err;
        problem(['queries', k], `queries[${k}]: ${formatQueryError(q, err)}`);
      }
    });
    if (parsed.success) out.push(parsed.data);
  });
  if (problems.length > 0) fail(problems.sort((a, b) => a.line - b.line).map((p) => p.text));
  return out;
}

/** Reads and checks a codebook file; see parseCodebook. */
export function loadCodebook(path: string): Narrative[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw createError(ERRORS.INPUT_MISSING, `codebook not found: ${path}`, path);
    throw createError(ERRORS.INPUT_UNREADABLE, `cannot read codebook ${path}: ${(err as Error).message}`, path);
  }
  return parseCodebook(text.replace(/^\uFEFF/, ''), path);
}
