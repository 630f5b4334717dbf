// Feature templates of the technique model. Every feature is a name hashed into a fixed-size
// weight vector, so a saved model holds weights only, never words or sentences from its corpus.
import { fnv1a, type FeatureBag } from './linear.js';
import { shapeOf, type ModelToken, type TokenizedText } from './text.js';

/** An article prepared once for feature extraction: tokens, sentences and word counts. */
export interface PreparedText {
  text: string;
  tok: TokenizedText;
  /** How often each stem occurs in the article (words only). */
  stemCounts: Map<string, number>;
  /** Per token: inside a quotation (an odd number of quote marks before it in its sentence). */
  inQuote: Uint8Array;
  /** Hashed sentence-level features, filled on first use. */
  sentenceCache: Map<number, { hashes: number[]; values: number[] }>;
}

const QUOTES = new Set(['"', '“', '”', '«', '»', '„']);

/** Tokenizes and counts once so that every feature call on the article is cheap. */
export function prepareText(text: string, tok: TokenizedText): PreparedText {
  const stemCounts = new Map<string, number>();
  for (const t of tok.tokens) if (t.isWord) stemCounts.set(t.stem, (stemCounts.get(t.stem) ?? 0) + 1);
  const inQuote = new Uint8Array(tok.tokens.length);
  for (const s of tok.sentences) {
    let open = false;
    for (let i = s.first; i < s.end; i++) {
      const t = tok.tokens[i];
      if (t && QUOTES.has(t.text)) {
        open = !open;
        continue;
      }
      inQuote[i] = open ? 1 : 0;
    }
  }
  return { text, tok, stemCounts, inQuote, sentenceCache: new Map() };
}

function bucket(n: number, edges: readonly number[]): number {
  let b = 0;
  while (b < edges.length && n >= (edges[b] ?? Infinity)) b++;
  return b;
}

const BOS = { text: '<s>', lower: '<s>', stem: '<s>', isWord: false } as const;
const EOS = { text: '</s>', lower: '</s>', stem: '</s>', isWord: false } as const;
type Neighbour = Pick<ModelToken, 'text' | 'lower' | 'stem' | 'isWord'>;

/** Features of token `i` for span identification (inside a propaganda span or not). */
export function tokenFeatures(p: PreparedText, i: number, bag: FeatureBag): void {
  const { tokens, sentences } = p.tok;
  const t = tokens[i];
  if (!t) return;
  const s = sentences[t.sentence];
  const first = s?.first ?? i;
  const end = s?.end ?? i + 1;
  const at = (j: number): Neighbour => (j < first ? BOS : j >= end ? EOS : (tokens[j] ?? EOS));
  const len = end - first;
  const pos = i - first;
  bag.add('bias');
  bag.add('w=' + t.lower);
  bag.add('s=' + t.stem);
  bag.add('sh=' + shapeOf(t));
  if (t.isWord && t.lower.length > 3) {
    bag.add('p3=' + t.lower.slice(0, 3));
    bag.add('x3=' + t.lower.slice(-3));
  }
  for (const d of [-2, -1, 1, 2]) {
    const n = at(i + d);
    bag.add(`s${d}=` + n.stem);
  }
  bag.add('b-=' + at(i - 1).stem + '|' + t.stem);
  bag.add('b+=' + t.stem + '|' + at(i + 1).stem);
  bag.add('t3=' + at(i - 1).stem + '|' + t.stem + '|' + at(i + 1).stem);
  bag.add('pos=' + bucket(pos, [1, 2, 4, 8, 16, 32]));
  bag.add('rpos=' + bucket(end - 1 - i, [1, 2, 4, 8, 16]));
  bag.add('slen=' + bucket(len, [4, 8, 12, 20, 30, 45]));
  bag.add('line0=' + (s?.line === 0 ? 1 : 0));
  if (p.inQuote[i]) bag.add('inq');
  if (t.isWord) {
    const c = p.stemCounts.get(t.stem) ?? 0;
    bag.add('rep=' + bucket(c, [2, 3, 5, 8]));
  }
  const ctx = sentenceContext(p, t.sentence);
  for (let k = 0; k < ctx.hashes.length; k++) bag.addHash(ctx.hashes[k] ?? 0, ctx.values[k] ?? 0);
}

/**
 * Features shared by every token of a sentence, hashed once per sentence. Exclamations, questions
 * and quotations mark the sentences where loaded phrasing and doubt cluster; the sentence's words,
 * scaled by its length, let a token count as propaganda because its sentence is worded like it
 * (this is what finds long spans such as appeals to fear whole).
 */
function sentenceContext(p: PreparedText, index: number): { hashes: number[]; values: number[] } {
  const cached = p.sentenceCache.get(index);
  if (cached) return cached;
  const { tokens, sentences } = p.tok;
  const s = sentences[index];
  const out = { hashes: [] as number[], values: [] as number[] };
  if (s) {
    let excl = false;
    let quest = false;
    let quote = false;
    let words = 0;
    for (let j = s.first; j < s.end; j++) {
      const x = tokens[j];
      if (!x) continue;
      if (x.isWord) words++;
      else if (x.text === '!') excl = true;
      else if (x.text === '?') quest = true;
      else if (QUOTES.has(x.text)) quote = true;
    }
    const v = 1 / Math.sqrt(Math.max(1, words));
    for (let j = s.first; j < s.end; j++) {
      const x = tokens[j];
      if (!x?.isWord) continue;
      out.hashes.push(fnv1a('sw=' + x.stem));
      out.values.push(v);
    }
    for (const [on, name] of [[excl, 's!'], [quest, 's?'], [quote, 'sq']] as const) {
      if (!on) continue;
      out.hashes.push(fnv1a(name));
      out.values.push(1);
    }
  }
  p.sentenceCache.set(index, out);
  return out;
}

/** Features of the fragment [from, to) (token indices) for technique classification. */
export function fragmentFeatures(p: PreparedText, from: number, to: number, fragment: string, bag: FeatureBag): void {
  const { tokens, sentences } = p.tok;
  bag.add('bias');
  const words: ModelToken[] = [];
  for (let i = from; i < to; i++) {
    const t = tokens[i];
    if (!t) continue;
    if (t.isWord) words.push(t);
    bag.add('w=' + t.stem);
  }
  for (let i = 0; i + 1 < words.length; i++) bag.add('b=' + (words[i]?.stem ?? '') + '|' + (words[i + 1]?.stem ?? ''));
  const n = words.length;
  bag.add('len=' + bucket(n, [2, 3, 4, 6, 9, 13, 20, 30]));
  if (n > 0) {
    bag.add('f=' + (words[0]?.stem ?? ''));
    bag.add('l=' + (words[n - 1]?.stem ?? ''));
  }
  // The whole fragment as one hashed feature: a phrase labelled in training (a slogan, a label)
  // is recognised again without the phrase being stored.
  const folded = words.map((w) => w.lower).join(' ');
  bag.add('F=' + folded);
  // Repetition: how often the fragment's words recur in the article.
  const occurrences = folded.length > 0 ? countOccurrences(p, words) : 0;
  bag.add('occ=' + bucket(occurrences, [2, 3, 4, 6]));
  let repeatedWords = 0;
  for (const w of words) if ((p.stemCounts.get(w.stem) ?? 0) >= 3) repeatedWords++;
  if (n > 0) bag.add('repw=' + bucket(repeatedWords / n, [0.01, 0.5, 0.99]));
  const firstTok = tokens[from];
  const lastTok = tokens[to - 1];
  const sentence = firstTok ? sentences[firstTok.sentence] : undefined;
  if (sentence) {
    bag.add('sstart=' + (from <= sentence.first ? 1 : 0));
    bag.add('send=' + (to >= sentence.end - 1 ? 1 : 0));
    bag.add('line0=' + (sentence.line === 0 ? 1 : 0));
  }
  if (lastTok && firstTok && lastTok.sentence !== firstTok.sentence) bag.add('multisent');
  if (fragment.includes('!')) bag.add('!');
  if (fragment.includes('?')) bag.add('?');
  if (/["“”«»]/.test(fragment)) bag.add('quote');
  let caps = 0;
  let allCaps = 0;
  for (const w of words) {
    const sh = shapeOf(w);
    if (sh === 'Xx') caps++;
    else if (sh === 'X') allCaps++;
  }
  if (n > 0) bag.add('caps=' + bucket(caps / n, [0.01, 0.5, 0.99]));
  if (allCaps > 0) bag.add('allcaps');
  for (let d = 1; d <= 3; d++) {
    const l = tokens[from - d];
    const r = tokens[to - 1 + d];
    bag.add(`L${d}=` + (l ? l.stem : '<s>'), 0.5);
    bag.add(`R${d}=` + (r ? r.stem : '</s>'), 0.5);
  }
  // Words of the rest of the sentence, weaker: "because", "everyone", "experts say" sit beside the span.
  if (sentence) {
    for (let i = sentence.first; i < sentence.end; i++) {
      if (i >= from && i < to) continue;
      const t = tokens[i];
      if (t?.isWord) bag.add('c=' + t.stem, 0.3);
    }
  }
  bag.add('clen=' + bucket(fragment.length, [10, 20, 40, 80, 160, 320]));
}

function countOccurrences(p: PreparedText, words: ModelToken[]): number {
  const first = words[0];
  if (!first) return 0;
  const { tokens } = p.tok;
  let count = 0;
  // Match the word sequence (folded, punctuation skipped) starting at every word equal to the first.
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]?.lower !== first.lower) continue;
    let j = i;
    let k = 0;
    while (k < words.length && j < tokens.length) {
      const t = tokens[j];
      j++;
      if (!t?.isWord) continue;
      if (t.lower !== words[k]?.lower) break;
      k++;
    }
    if (k === words.length) count++;
  }
  return count;
}
