// Scores of SemEval-2020 Task 11, computed as its official scripts do (tools/task-SI_scorer.py and
// tools/task-TC_scorer.py with src/annotations.py, src/article_annotations.py; Da San Martino, 2019):
//
// SI (task-SI_scorer.py, compute_score_pr):
// - every span is a set of character positions range(start, end); gold spans of an article that
//   share a character are merged (check_annotation_spans(gold, True)); predicted spans that share a
//   character are merged too, as the scorer does with `-m` (without it, it refuses the file);
// - for every predicted span p and every gold span g of the same article, |p∩g|/|p| is added to the
//   precision numerator and |p∩g|/|g| to the recall numerator (a predicted span overlapping two gold
//   spans earns credit from both);
// - precision = numerator / number of predicted spans, recall = numerator / number of gold spans
//   (gold articles without predictions count in the recall denominator only); F1 is 0 unless both
//   are positive, and 1 when there are neither predicted nor gold spans (compute_prec_rec_f1).
//   Predictions for an article the gold lacks (the scorer stops on them) earn nothing here.
//
// TC (Annotations.compute_TC_score):
// - the submission must hold exactly the gold spans, article by article (the scorer refuses it
//   otherwise); annotations with identical spans are reordered so that as many labels as possible
//   agree (align_annotations), which amounts to the size of the multiset intersection of predicted
//   and gold labels over each group of identical spans;
// - micro precision, recall and F1 (sklearn, average='micro') over the paired labels are then all
//   equal to the share of agreeing pairs; per-technique F1 is sklearn's f1_score(average=None): TP =
//   agreeing pairs of that technique, precision = TP / predicted with it, recall = TP / gold with it,
//   0 where undefined.
import { createError, ERRORS } from '../core/errors.js';
import type { PtcSpan } from './ptc.js';

export interface PrecisionRecallF1 {
  precision: number;
  recall: number;
  f1: number;
}

export interface TechniqueScore extends PrecisionRecallF1 {
  /** Gold spans with this technique. */
  support: number;
}

export interface TcScore {
  microF1: number;
  perTechnique: Record<string, TechniqueScore>;
}

/** compute_prec_rec_f1 of the official scorer. */
function precRecF1(precNum: number, precDen: number, recNum: number, recDen: number): PrecisionRecallF1 {
  const precision = precDen > 0 ? precNum / precDen : 0;
  const recall = recDen > 0 ? recNum / recDen : 0;
  let f1 = 0;
  if (precDen === 0 && recDen === 0) f1 = 1;
  if (precision > 0 && recall > 0) f1 = (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

interface Interval {
  start: number;
  end: number;
}

/** Groups spans by article and merges those sharing a character (touching spans stay apart). */
function mergedByArticle(spans: readonly PtcSpan[], what: string): Map<string, Interval[]> {
  const groups = new Map<string, Interval[]>();
  for (const s of spans) {
    if (!(s.end > s.start) || s.start < 0) {
      throw createError(ERRORS.INPUT_MALFORMED, `${what} span ${s.articleId} ${s.start}-${s.end}: end must be after start, both non-negative`);
    }
    const list = groups.get(s.articleId);
    if (list) list.push({ start: s.start, end: s.end });
    else groups.set(s.articleId, [{ start: s.start, end: s.end }]);
  }
  for (const [id, list] of groups) {
    list.sort((a, b) => a.start - b.start || a.end - b.end);
    const merged: Interval[] = [];
    for (const iv of list) {
      const last = merged[merged.length - 1];
      if (last && iv.start < last.end) last.end = Math.max(last.end, iv.end);
      else merged.push({ ...iv });
    }
    groups.set(id, merged);
  }
  return groups;
}

/** SI precision, recall and F1 with partial overlap credit, as task-SI_scorer.py computes them. */
export function scoreSI(gold: readonly PtcSpan[], pred: readonly PtcSpan[]): PrecisionRecallF1 {
  const g = mergedByArticle(gold, 'gold');
  const p = mergedByArticle(pred, 'predicted');
  let precDen = 0;
  let recDen = 0;
  for (const list of g.values()) recDen += list.length;
  for (const list of p.values()) precDen += list.length;
  let precNum = 0;
  let recNum = 0;
  for (const [id, preds] of p) {
    const golds = g.get(id);
    if (!golds) continue;
    // Both lists are sorted and internally disjoint: a sweep finds every overlapping pair.
    let j0 = 0;
    for (const ps of preds) {
      while (j0 < golds.length && (golds[j0]?.end ?? 0) <= ps.start) j0++;
      for (let j = j0; j < golds.length; j++) {
        const gs = golds[j];
        if (!gs || gs.start >= ps.end) break;
        const inter = Math.min(ps.end, gs.end) - Math.max(ps.start, gs.start);
        if (inter <= 0) continue;
        precNum += inter / (ps.end - ps.start);
        recNum += inter / (gs.end - gs.start);
      }
    }
  }
  return precRecF1(precNum, precDen, recNum, recDen);
}

const spanKey = (s: PtcSpan): string => `${s.articleId}\t${s.start}\t${s.end}`;

/**
 * TC micro-F1 and per-technique scores, as task-TC_scorer.py computes them. `pred` must label
 * exactly the gold spans (any order); `techniques` lists techniques to report even when absent.
 */
export function scoreTC(gold: readonly PtcSpan[], pred: readonly PtcSpan[], techniques: readonly string[] = []): TcScore {
  const goldByKey = new Map<string, string[]>();
  for (const s of gold) {
    if (s.technique == null) throw createError(ERRORS.INPUT_MALFORMED, `gold TC span ${s.articleId} ${s.start}-${s.end} has no technique`);
    const list = goldByKey.get(spanKey(s));
    if (list) list.push(s.technique);
    else goldByKey.set(spanKey(s), [s.technique]);
  }
  const predByKey = new Map<string, string[]>();
  for (const s of pred) {
    if (s.technique == null) throw createError(ERRORS.INPUT_MALFORMED, `predicted TC span ${s.articleId} ${s.start}-${s.end} has no technique`);
    const list = predByKey.get(spanKey(s));
    if (list) list.push(s.technique);
    else predByKey.set(spanKey(s), [s.technique]);
  }
  if (gold.length !== pred.length) {
    throw createError(ERRORS.INPUT_MALFORMED, `TC predictions must label exactly the gold spans: ${pred.length} predicted, ${gold.length} gold`);
  }

  const goldCount = new Map<string, number>();
  const predCount = new Map<string, number>();
  const tp = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string, n = 1): void => {
    m.set(k, (m.get(k) ?? 0) + n);
  };
  let correct = 0;
  for (const [key, goldLabels] of goldByKey) {
    const predLabels = predByKey.get(key);
    if (!predLabels || predLabels.length !== goldLabels.length) {
      const [id, start, end] = key.split('\t');
      throw createError(
        ERRORS.INPUT_MALFORMED,
        `TC predictions must label exactly the gold spans: article ${id} span ${start}-${end} has ${goldLabels.length} gold and ${predLabels?.length ?? 0} predicted labels`,
      );
    }
    // Multiset intersection: what align_annotations pairs up within a group of identical spans.
    const left = new Map<string, number>();
    for (const l of goldLabels) bump(left, l);
    for (const l of predLabels) {
      const n = left.get(l) ?? 0;
      if (n > 0) {
        left.set(l, n - 1);
        bump(tp, l);
        correct++;
      }
    }
    for (const l of goldLabels) bump(goldCount, l);
    for (const l of predLabels) bump(predCount, l);
  }

  const names = new Set<string>([...techniques, ...goldCount.keys(), ...predCount.keys()]);
  const perTechnique: Record<string, TechniqueScore> = {};
  for (const name of [...names].sort()) {
    const t = tp.get(name) ?? 0;
    const pc = predCount.get(name) ?? 0;
    const gc = goldCount.get(name) ?? 0;
    const precision = pc > 0 ? t / pc : 0;
    const recall = gc > 0 ? t / gc : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    perTechnique[name] = { precision, recall, f1, support: gc };
  }
  // sklearn's micro average over single-label pairs is accuracy; with no spans at all it is 0.
  const microF1 = gold.length > 0 ? correct / gold.length : 0;
  return { microF1, perTechnique };
}
