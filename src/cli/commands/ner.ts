// `narrascope eval ner`: precision, recall and F1 per entity type against CoNLL-2003 or
// factRuEval-2016 gold files, exact spans (type and boundaries) as conlleval counts them.
import { existsSync } from 'node:fs';
import { createError, ERRORS } from '../../core/errors.js';
import { evaluateNer, readConll, readFactRu, type PRF } from '../../entities/eval.js';
import { recogniseEntities } from '../../entities/recognise.js';
import { out } from '../common.js';

interface NerFlags {
  format: 'conll' | 'factru';
  gold: string;
  json?: boolean;
}

const f3 = (x: number): string => x.toFixed(3);
const row = (name: string, p: PRF): string =>
  `  ${name.padEnd(8)} P ${f3(p.precision)}  R ${f3(p.recall)}  F1 ${f3(p.f1)}  gold ${String(p.gold).padStart(5)}  predicted ${String(p.predicted).padStart(5)}\n`;

export async function runEvalNer(flags: NerFlags): Promise<number> {
  if (!existsSync(flags.gold)) throw createError(ERRORS.NOT_FOUND, `no such file or folder`, flags.gold);
  const docs = flags.format === 'conll' ? readConll(flags.gold) : readFactRu(flags.gold);
  if (docs.length === 0) throw createError(ERRORS.INPUT_MALFORMED, `no ${flags.format} documents found`, flags.gold);
  const t0 = Date.now();
  const report = evaluateNer(docs, (text, lang) => recogniseEntities(text, lang));
  const seconds = (Date.now() - t0) / 1000;
  if (flags.json) {
    await out(`${JSON.stringify({ format: flags.format, ...report, seconds })}\n`);
    return 0;
  }
  await out(`${flags.format} gold: ${report.documents} documents (${seconds.toFixed(1)} s); exact type and boundaries\n`);
  for (const [type, p] of Object.entries(report.perType)) if (p.gold > 0 || p.predicted > 0) await out(row(type, p));
  await out(row('overall', report.overall));
  await out(`overlapping spans of the same type: F1 ${f3(report.overlap.overall.f1)}\n`);
  return 0;
}
