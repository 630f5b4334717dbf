// Public API of narratives: codebooks of analyst-defined storylines and their matching to items.
export { loadCodebook, parseCodebook } from './codebook.js';
export type { Narrative } from './codebook.js';
export { compileNarrative, compileNarrativeQuery, matchNarratives, unmatchedExamples } from './match.js';
export type { CompiledNarrativeQuery, NarrativeMatch, NarrativeMatcher, NarrativeMeta } from './match.js';
export { splitSentences } from './sentences.js';
export type { SentenceSpan } from './sentences.js';
