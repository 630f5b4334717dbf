// Propaganda Techniques Corpus (PTC) folders: SemEval-2020 Task 11 (English, 14 techniques) and
// SemEval-2023 Task 3 subtask 3 (23 persuasion techniques). Offsets in the label files are code
// points into the raw article text, end exclusive; nothing here converts them.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { OffsetConverter } from '../core/codepoints.js';
import { createError, ERRORS } from '../core/errors.js';

/** One article: its id (from the file name) and its raw file text, byte for byte decoded. */
export interface PtcArticle {
  id: string;
  text: string;
}

/** One labelled fragment; `technique` is null for span identification (SI). Code points, end exclusive. */
export interface PtcSpan {
  articleId: string;
  technique: string | null;
  start: number;
  end: number;
}

/** A gold folder: articles, SI spans (merged, non-overlapping) and TC spans (one per label line). */
export interface PtcCorpus {
  articles: PtcArticle[];
  si: PtcSpan[];
  tc: PtcSpan[];
}

/** The 14 techniques of SemEval-2020 Task 11, spelled as in its label files. */
export const PTC2020_TECHNIQUES = [
  'Appeal_to_Authority',
  'Appeal_to_fear-prejudice',
  'Bandwagon,Reductio_ad_hitlerum',
  'Black-and-White_Fallacy',
  'Causal_Oversimplification',
  'Doubt',
  'Exaggeration,Minimisation',
  'Flag-Waving',
  'Loaded_Language',
  'Name_Calling,Labeling',
  'Repetition',
  'Slogans',
  'Thought-terminating_Cliches',
  'Whataboutism,Straw_Men,Red_Herring',
] as const;

/** The 23 persuasion techniques of SemEval-2023 Task 3 (subtask 3), spelled as in its label files. */
export const SEMEVAL2023_TECHNIQUES = [
  'Appeal_to_Authority',
  'Appeal_to_Fear-Prejudice',
  'Appeal_to_Hypocrisy',
  'Appeal_to_Popularity',
  'Appeal_to_Time',
  'Appeal_to_Values',
  'Causal_Oversimplification',
  'Consequential_Oversimplification',
  'Conversation_Killer',
  'Doubt',
  'Exaggeration-Minimisation',
  'False_Dilemma-No_Choice',
  'Flag_Waving',
  'Guilt_by_Association',
  'Loaded_Language',
  'Name_Calling-Labeling',
  'Obfuscation-Vagueness-Confusion',
  'Questioning_the_Reputation',
  'Red_Herring',
  'Repetition',
  'Slogans',
  'Straw_Man',
  'Whataboutism',
] as const;

export type Ptc2020Technique = (typeof PTC2020_TECHNIQUES)[number];
export type Semeval2023Technique = (typeof SEMEVAL2023_TECHNIQUES)[number];

const ARTICLE_FILE = /^article([^.\-\s]+)\.txt$/;

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function listNames(dir: string): string[] {
  return readdirSync(dir).sort();
}

/** Reads every `article<ID>.txt` of one folder. */
function readArticles(dir: string): PtcArticle[] {
  const out: PtcArticle[] = [];
  for (const name of listNames(dir)) {
    const m = ARTICLE_FILE.exec(name);
    if (!m?.[1]) continue;
    out.push({ id: m[1], text: readFileSync(join(dir, name), 'utf8') });
  }
  return out;
}

function malformed(path: string, line: number, why: string): Error {
  return createError(ERRORS.INPUT_MALFORMED, `${path}, line ${line}: ${why}`, path);
}

function parseOffset(s: string | undefined, path: string, line: number): number {
  if (s === undefined || !/^\d+$/.test(s.trim())) throw malformed(path, line, `offset "${s ?? ''}" is not a non-negative integer`);
  return Number(s.trim());
}

/**
 * Parses one label file. SI lines are `id<TAB>start<TAB>end`; TC lines `id<TAB>technique<TAB>start<TAB>end`.
 * Blank lines are skipped; anything else that does not fit is an error naming the line.
 */
export function parsePtcLabels(content: string, task: 'si' | 'tc', path = '<labels>'): PtcSpan[] {
  const spans: PtcSpan[] = [];
  const lines = content.replace(/^\ufeff/, '').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = (lines[i] ?? '').replace(/\r$/, '');
    if (raw.trim() === '') continue;
    const cols = raw.split('\t');
    const want = task === 'si' ? 3 : 4;
    if (cols.length !== want) {
      throw malformed(path, i + 1, `expected ${want} tab-separated columns (${task === 'si' ? 'id, start, end' : 'id, technique, start, end'}), found ${cols.length}`);
    }
    const articleId = (cols[0] ?? '').trim();
    if (!articleId) throw malformed(path, i + 1, 'empty article id');
    const technique = task === 'tc' ? (cols[1] ?? '').trim() : null;
    if (task === 'tc' && !technique) throw malformed(path, i + 1, 'empty technique name');
    const start = parseOffset(cols[want - 2], path, i + 1);
    const end = parseOffset(cols[want - 1], path, i + 1);
    if (end <= start) throw malformed(path, i + 1, `end ${end} is not after start ${start}`);
    spans.push({ articleId, technique, start, end });
  }
  return spans;
}

function readLabelFolder(dir: string, task: 'si' | 'tc'): PtcSpan[] {
  const out: PtcSpan[] = [];
  for (const name of listNames(dir)) {
    if (!/\.(labels|txt)$/.test(name)) continue;
    const path = join(dir, name);
    out.push(...parsePtcLabels(readFileSync(path, 'utf8'), task, path));
  }
  return out;
}

/**
 * Merges spans of one article that share at least one character, as the SemEval-2020 SI scorer
 * does (touching spans stay apart). Returns SI spans (technique null), ordered by article then start.
 */
export function mergeOverlaps(spans: readonly PtcSpan[]): PtcSpan[] {
  const byArticle = new Map<string, PtcSpan[]>();
  for (const s of spans) {
    const list = byArticle.get(s.articleId);
    if (list) list.push(s);
    else byArticle.set(s.articleId, [s]);
  }
  const out: PtcSpan[] = [];
  for (const [articleId, list] of byArticle) {
    const sorted = [...list].sort((a, b) => a.start - b.start || a.end - b.end);
    let cur: PtcSpan | null = null;
    for (const s of sorted) {
      if (cur && s.start < cur.end) {
        cur.end = Math.max(cur.end, s.end);
      } else {
        if (cur) out.push(cur);
        cur = { articleId, technique: null, start: s.start, end: s.end };
      }
    }
    if (cur) out.push(cur);
  }
  return out;
}

interface Layout {
  articles: string;
  siDir?: string;
  tcDir?: string;
  siFile?: string;
  tcFile?: string;
}

/** Finds the folders and concatenated files of a PTC-style directory. */
function findLayout(dir: string): Layout | null {
  const names = listNames(dir);
  const dirs = names.filter((n) => isDir(join(dir, n)));
  const files = names.filter((n) => !isDir(join(dir, n)));
  // semeval2023: <split>-articles-subtask-3/ ; ptc2020: <split>-articles/
  const articles = dirs.find((n) => /-articles(-subtask-3)?$/.test(n)) ?? dirs.find((n) => /articles/.test(n));
  if (!articles) {
    // A folder of article files itself.
    if (files.some((n) => ARTICLE_FILE.test(n))) return { articles: dir };
    return null;
  }
  const layout: Layout = { articles: join(dir, articles) };
  const siDir = dirs.find((n) => /labels-task-?si$/i.test(n));
  const tcDir = dirs.find((n) => /labels-task-(flc-)?tc$/i.test(n)) ?? dirs.find((n) => /labels-subtask-3-spans$/.test(n));
  if (siDir) layout.siDir = join(dir, siDir);
  if (tcDir) layout.tcDir = join(dir, tcDir);
  const siFile = files.find((n) => /task-?si\.labels$/i.test(n));
  const tcFile = files.find((n) => /task-(flc-)?tc\.labels$/i.test(n));
  if (siFile) layout.siFile = join(dir, siFile);
  if (tcFile) layout.tcFile = join(dir, tcFile);
  return layout;
}

/**
 * Reads a PTC-format folder: SemEval-2020 (`*-articles/`, `*-labels-task-si/`, `*-labels-task-flc-tc/`
 * or the concatenated `*-task-si.labels` / `*-task-flc-tc.labels`) or SemEval-2023 subtask 3
 * (`*-articles-subtask-3/`, `*-labels-subtask-3-spans/`). SI spans are derived from TC spans,
 * overlaps merged, when the folder has no SI labels. Errors name the path at fault.
 */
export function readPtc(dir: string): PtcCorpus {
  if (!existsSync(dir)) throw createError(ERRORS.INPUT_MISSING, `${dir}: no such folder`, dir);
  if (!isDir(dir)) throw createError(ERRORS.USAGE, `${dir} is not a folder`, dir);
  const layout = findLayout(dir);
  if (!layout) {
    throw createError(
      ERRORS.NOT_FOUND,
      `${dir}: no PTC articles found (expected a *-articles/ or *-articles-subtask-3/ folder of article<ID>.txt files)`,
      dir,
    );
  }
  const articles = readArticles(layout.articles);
  if (articles.length === 0) throw createError(ERRORS.NOT_FOUND, `${layout.articles}: no article<ID>.txt files`, layout.articles);

  // Per-article folders and concatenated files hold the same labels: read one of them.
  let tc: PtcSpan[] = [];
  if (layout.tcDir) tc = readLabelFolder(layout.tcDir, 'tc');
  else if (layout.tcFile) tc = parsePtcLabels(readFileSync(layout.tcFile, 'utf8'), 'tc', layout.tcFile);
  let si: PtcSpan[];
  if (layout.siDir) si = mergeOverlaps(readLabelFolder(layout.siDir, 'si'));
  else if (layout.siFile) si = mergeOverlaps(parsePtcLabels(readFileSync(layout.siFile, 'utf8'), 'si', layout.siFile));
  else si = mergeOverlaps(tc);

  const lengths = new Map(articles.map((a) => [a.id, cpLengthOf(a.text)]));
  for (const s of [...tc, ...si]) {
    const len = lengths.get(s.articleId);
    if (len === undefined) {
      throw createError(ERRORS.INPUT_MALFORMED, `${dir}: labels name article ${s.articleId}, which has no article${s.articleId}.txt in ${layout.articles}`, dir);
    }
    if (s.end > len) {
      throw createError(ERRORS.INPUT_MALFORMED, `${dir}: span ${s.start}-${s.end} of article ${s.articleId} ends beyond its ${len} characters`, dir);
    }
  }
  return { articles, si, tc };
}

function cpLengthOf(text: string): number {
  return new OffsetConverter(text).toCp(text.length);
}

/** Writes spans as PTC label lines: SI `id\tstart\tend`, TC `id\ttechnique\tstart\tend`, newline-terminated. */
export function formatPtcLabels(spans: readonly PtcSpan[], task: 'si' | 'tc'): string {
  let out = '';
  for (const s of spans) {
    if (task === 'si') out += `${s.articleId}\t${s.start}\t${s.end}\n`;
    else {
      if (!s.technique) throw createError(ERRORS.USAGE, `TC span ${s.articleId} ${s.start}-${s.end} has no technique`);
      out += `${s.articleId}\t${s.technique}\t${s.start}\t${s.end}\n`;
    }
  }
  return out;
}

/** Converts code point offsets of a span to UTF-16 offsets into `text`. */
export function spanToUtf16(text: string, start: number, end: number, conv = new OffsetConverter(text)): { start: number; end: number } {
  return { start: conv.toUtf16(start), end: conv.toUtf16(end) };
}

/** Converts UTF-16 offsets into `text` to code point offsets. */
export function spanToCp(text: string, start: number, end: number, conv = new OffsetConverter(text)): { start: number; end: number } {
  return { start: conv.toCp(start), end: conv.toCp(end) };
}

/** The article id of a file named `article<ID>...`, or null. */
export function articleIdFromFileName(path: string): string | null {
  const m = /^article([^.\-\s]+)/.exec(basename(path));
  return m?.[1] ?? null;
}
