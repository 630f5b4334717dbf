// Evaluation of the recogniser against CoNLL-2003 (IOB tags, one token a line) and factRuEval-2016
// (raw text + .spans + .objects). Exact match is conlleval's: same type and same boundaries. The
// overlap figure credits a prediction that overlaps a gold mention of the same type (one to one).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityType } from './gazetteer.js';

/** A gold or predicted mention: UTF-16 offsets into the document text, end exclusive. */
export interface NerSpan {
  type: EntityType;
  start: number;
  end: number;
}

/** One evaluation document: its text, language and gold mentions. */
export interface NerDoc {
  id: string;
  lang: string;
  text: string;
  gold: NerSpan[];
}

export interface PRF {
  precision: number;
  recall: number;
  f1: number;
  gold: number;
  predicted: number;
  correct: number;
}

export interface NerReport {
  perType: Record<EntityType, PRF>;
  overall: PRF;
  /** Same, crediting overlapping spans of the same type instead of exact boundaries. */
  overlap: { perType: Record<EntityType, PRF>; overall: PRF };
  documents: number;
}

const TYPES: EntityType[] = ['PER', 'ORG', 'LOC', 'MISC'];
// A Reuters dateline ("LONDON 1996-08-30") opens each story of the CoNLL files that lost their
// -DOCSTART- lines; the headline before it belongs to the same story.
const DATELINE = /^[A-Z][A-Z .'-]* \d{4}-\d{2}-\d{2}$/;

/**
 * Reads a CoNLL-2003 file (`token POS chunk NER`, IOB1 or IOB2) into documents whose text is the
 * tokens joined by spaces, one sentence a line. Documents split at -DOCSTART- lines, or else at
 * Reuters datelines.
 */
export function readConll(path: string): NerDoc[] {
  const sentences: Array<Array<[string, string]>> = [];
  const docStarts = new Set<number>();
  let cur: Array<[string, string]> = [];
  for (const raw of readFileSync(path, 'utf8').split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('-DOCSTART-')) {
      if (cur.length) sentences.push(cur);
      cur = [];
      docStarts.add(sentences.length);
      continue;
    }
    if (!line) {
      if (cur.length) sentences.push(cur);
      cur = [];
      continue;
    }
    const parts = line.split(/\s+/);
    cur.push([parts[0] ?? '', parts[parts.length - 1] ?? 'O']);
  }
  if (cur.length) sentences.push(cur);
  if (docStarts.size === 0) {
    docStarts.add(0);
    sentences.forEach((s, i) => {
      if (i > 0 && DATELINE.test(s.map((t) => t[0]).join(' '))) docStarts.add(i - 1);
    });
  }
  const docs: NerDoc[] = [];
  let doc: NerDoc | null = null;
  sentences.forEach((sentence, i) => {
    if (!doc || docStarts.has(i)) {
      doc = { id: `conll-${docs.length + 1}`, lang: 'en', text: '', gold: [] };
      docs.push(doc);
    } else doc.text += '\n';
    const d: NerDoc = doc;
    let open: NerSpan | null = null;
    sentence.forEach(([token, tag], k) => {
      if (k > 0) d.text += ' ';
      const start = d.text.length;
      d.text += token;
      const type = tag.slice(2) as EntityType;
      const continues = open !== null && tag.startsWith('I-') && open.type === type;
      if (!continues) {
        open = null;
        if (tag !== 'O' && TYPES.includes(type)) {
          open = { type, start, end: start + token.length };
          d.gold.push(open);
        }
      } else if (open) open.end = start + token.length;
    });
  });
  return docs;
}

/** Maps factRuEval object types to ours; other types (Project, Facility …) are not scored. */
export const FACTRU_TYPES: Record<string, EntityType> = {
  Person: 'PER',
  Org: 'ORG',
  Location: 'LOC',
  // LocOrg is a place named as a political actor ("Москва заявила"); CoNLL and our recogniser
  // call it a place, so it is scored as LOC.
  LocOrg: 'LOC',
};

function codePointsToUtf16(text: string): (cp: number) => number {
  if (!/[\uD800-\uDBFF]/.test(text)) return (cp) => cp;
  const map: number[] = [];
  let u = 0;
  for (const ch of text) {
    map.push(u);
    u += ch.length;
  }
  map.push(u);
  return (cp) => map[cp] ?? u;
}

/**
 * Reads a factRuEval-2016 folder (book_N.txt, .spans, .objects; the devset/ folder inside is found
 * too). A mention runs from the first to the last of its object's spans; duplicates are dropped.
 */
export function readFactRu(dir: string): NerDoc[] {
  let root = dir;
  let names = readdirSync(root);
  if (!names.some((n) => n.endsWith('.objects')) && names.includes('devset')) {
    root = join(dir, 'devset');
    names = readdirSync(root);
  }
  const books = names.filter((n) => /^book_\d+\.txt$/.test(n)).sort((x, y) => Number(/\d+/.exec(x)?.[0]) - Number(/\d+/.exec(y)?.[0]));
  const docs: NerDoc[] = [];
  for (const name of books) {
    const base = join(root, name.slice(0, -4));
    const text = readFileSync(`${base}.txt`, 'utf8');
    const toU16 = codePointsToUtf16(text);
    const spans = new Map<string, [number, number]>();
    for (const line of readFileSync(`${base}.spans`, 'utf8').split('\n')) {
      const p = line.split('#')[0]?.trim().split(/\s+/) ?? [];
      if (p.length < 4) continue;
      const start = Number(p[2]);
      spans.set(p[0] ?? '', [start, start + Number(p[3])]);
    }
    const gold: NerSpan[] = [];
    const seen = new Set<string>();
    for (const line of readFileSync(`${base}.objects`, 'utf8').split('\n')) {
      const p = line.split('#')[0]?.trim().split(/\s+/) ?? [];
      const type = FACTRU_TYPES[p[1] ?? ''];
      if (!type) continue;
      let start = Infinity;
      let end = -1;
      for (const id of p.slice(2)) {
        const s = spans.get(id);
        if (!s) continue;
        start = Math.min(start, s[0]);
        end = Math.max(end, s[1]);
      }
      if (end < 0) continue;
      const span = { type, start: toU16(start), end: toU16(end) };
      const key = `${type}:${span.start}:${span.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      gold.push(span);
    }
    docs.push({ id: name.slice(0, -4), lang: 'ru', text, gold });
  }
  return docs;
}

function prf(correctP: number, correctG: number, predicted: number, gold: number): PRF {
  const precision = predicted ? correctP / predicted : 0;
  const recall = gold ? correctG / gold : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  const r = (x: number): number => Math.round(x * 10_000) / 10_000;
  return { precision: r(precision), recall: r(recall), f1: r(f1), gold, predicted, correct: correctG };
}

/** Scores `recognise` on `docs`: exact (type and boundaries) and overlap figures per type. */
export function evaluateNer(docs: readonly NerDoc[], recognise: (text: string, lang: string) => readonly NerSpan[]): NerReport {
  const counts = { exact: new Map<EntityType, number>(), overlap: new Map<EntityType, number>(), gold: new Map<EntityType, number>(), pred: new Map<EntityType, number>() };
  const inc = (m: Map<EntityType, number>, t: EntityType, by = 1): void => {
    m.set(t, (m.get(t) ?? 0) + by);
  };
  for (const doc of docs) {
    const predicted = recognise(doc.text, doc.lang).map((s) => ({ type: s.type, start: s.start, end: s.end }));
    const goldKeys = new Set(doc.gold.map((g) => `${g.type}:${g.start}:${g.end}`));
    for (const g of doc.gold) inc(counts.gold, g.type);
    const matchedGold = new Set<number>();
    for (const p of predicted) {
      inc(counts.pred, p.type);
      if (goldKeys.has(`${p.type}:${p.start}:${p.end}`)) inc(counts.exact, p.type);
      // Overlap: the first unmatched gold mention of the same type that shares a character.
      const gi = doc.gold.findIndex((g, i) => !matchedGold.has(i) && g.type === p.type && g.start < p.end && p.start < g.end);
      if (gi >= 0) {
        matchedGold.add(gi);
        inc(counts.overlap, p.type);
      }
    }
  }
  const table = (correct: Map<EntityType, number>): { perType: Record<EntityType, PRF>; overall: PRF } => {
    const perType = {} as Record<EntityType, PRF>;
    let c = 0;
    let g = 0;
    let p = 0;
    for (const t of TYPES) {
      const ct = correct.get(t) ?? 0;
      perType[t] = prf(ct, ct, counts.pred.get(t) ?? 0, counts.gold.get(t) ?? 0);
      c += ct;
      g += counts.gold.get(t) ?? 0;
      p += counts.pred.get(t) ?? 0;
    }
    return { perType, overall: prf(c, c, p, g) };
  };
  const exact = table(counts.exact);
  return { ...exact, overlap: table(counts.overlap), documents: docs.length };
}
